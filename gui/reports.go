package gui

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/reports"
)

// reportInput is what a report is built from.
type reportInput struct {
	Store data.Store
	Meta  reports.Meta // branch name and 填报日期 (today)
}

// reportKind is one report the 报表 screen offers. A new report is one more entry in reportKinds.
type reportKind struct {
	ID          string // R1, R1b, … as in SPEC §6
	Name        string // also the middle of the default file name
	Description string
	// write loads what the report needs and writes the workbook to w. It runs off the UI goroutine.
	write func(ctx context.Context, in reportInput, w io.Writer) error
}

var reportKinds = []reportKind{
	{
		ID: "R1", Name: "党员花名册",
		Description: "在册党员的标准花名册（党员信息采集表的各项），也是导入党员时使用的格式。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			ms, err := in.Store.Members(ctx, data.MemberFilter{})
			if err != nil {
				return err
			}
			return reports.WriteRoster(w, in.Meta, ms)
		},
	},
	{
		ID: "R1b", Name: "党员分布表",
		Description: "在册党员所在的党小组、班组、岗位、党内职务、重点岗位和督查队伍。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			ms, err := in.Store.Members(ctx, data.MemberFilter{})
			if err != nil {
				return err
			}
			groups, err := in.Store.Groups(ctx)
			if err != nil {
				return err
			}
			teams, err := in.Store.Teams(ctx)
			if err != nil {
				return err
			}
			return reports.WriteDistribution(w, in.Meta, reports.DistributionRows(ms, groups, teams))
		},
	},
}

// ReportsScreen lists the reports; each can be exported to an .xlsx file.
type ReportsScreen struct {
	env     *Env
	kinds   []reportKind
	warning *widget.Label // shown when the branch has no name yet
	content fyne.CanvasObject
}

// NewReportsScreen builds the 报表 screen.
func NewReportsScreen(env *Env) *ReportsScreen {
	s := &ReportsScreen{env: env, kinds: reportKinds}
	s.warning = widget.NewLabel("还没有填写党支部名称：报表的标题和“单位”栏将是空的。请先在“数据与设置”中填写支部信息。")
	s.warning.Importance = widget.WarningImportance
	s.warning.Wrapping = fyne.TextWrapWord
	s.warning.Hide()

	rows := container.NewVBox()
	for _, k := range s.kinds {
		title := widget.NewLabelWithStyle(k.ID+"　"+k.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		desc := note(k.Description)
		export := widget.NewButtonWithIcon("导出…", theme.DocumentSaveIcon(), func() { s.askExport(k) })
		rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(export), container.NewVBox(title, desc)))
		rows.Add(widget.NewSeparator())
	}
	top := container.NewVBox(heading("报表"),
		note("每张报表导出为一个 Excel 文件（.xlsx），按 A4 纸排好版，可直接打印，也可在 Excel 或 WPS 中修改。"),
		s.warning, widget.NewSeparator())
	s.content = container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(rows)))
	s.Reload()
	return s
}

// Content implements Screen.
func (s *ReportsScreen) Content() fyne.CanvasObject { return s.content }

// Reload implements Screen: warns when reports would print without a branch name.
func (s *ReportsScreen) Reload() {
	b, err := s.env.Store.Branch(context.Background())
	if err == nil && b.Name != "" {
		s.warning.Hide()
	} else {
		s.warning.Show()
	}
}

// askExport asks where to save report k, writes it behind a progress dialog and offers to open it.
func (s *ReportsScreen) askExport(k reportKind) {
	askSavePath(s.env, s.defaultFileName(k), func(path string) {
		RunWithProgress(s.env.Win, "正在导出"+k.Name, func(ctx context.Context, _ Progress) error {
			return s.export(ctx, k, path)
		}, func(err error) {
			if err == nil {
				offerOpen(s.env, k.Name+"已导出", path)
			} else if !errors.Is(err, context.Canceled) {
				ShowError(s.env.Win, err)
			}
		})
	})
}

// export writes report k to path; it does no UI work.
func (s *ReportsScreen) export(ctx context.Context, k reportKind, path string) error {
	meta, err := reportMeta(ctx, s.env)
	if err != nil {
		return err
	}
	in := reportInput{Store: s.env.Store, Meta: meta}
	return writeFileAtomic(ctx, path, func(w io.Writer) error { return k.write(ctx, in, w) })
}

// defaultFileName is “<支部名称>-<报表>-20261123.xlsx”.
func (s *ReportsScreen) defaultFileName(k reportKind) string {
	name := k.Name
	if b, err := s.env.Store.Branch(context.Background()); err == nil && b.Name != "" {
		name = b.Name + "-" + name
	}
	d := s.env.Today()
	return safeFileName(name + "-" + strings.ReplaceAll(d.String(), "-", "") + ".xlsx")
}

// safeFileName replaces the characters Windows forbids in file names.
func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, name)
}

// reportMeta is the Meta every report of this data file prints: the branch name and today.
func reportMeta(ctx context.Context, env *Env) (reports.Meta, error) {
	b, err := env.Store.Branch(ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		return reports.Meta{}, err
	}
	return reports.Meta{Branch: b.Name, Date: env.Today()}, nil
}

// writeFileAtomic writes a file through write into a temporary file beside path and renames it over
// path only when everything succeeded, so a failed or cancelled export never leaves half a file.
// An empty file at path (made by the save dialog when it was confirmed) is removed on failure.
func writeFileAtomic(ctx context.Context, path string, write func(w io.Writer) error) (err error) {
	name := filepath.Base(path)
	defer func() {
		if err != nil {
			if st, e := os.Stat(path); e == nil && st.Size() == 0 {
				os.Remove(path)
			}
		}
	}()
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+name+".*.tmp")
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return data.Errorf(data.EInvalid, "没有权限在“"+filepath.Dir(path)+"”中保存文件：请换一个文件夹（如桌面或“文档”）")
		}
		return data.Errorf(data.EInvalid, "无法保存“"+name+"”："+err.Error())
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	// CreateTemp makes the file private (0600); an exported report is an ordinary document.
	if err = tmp.Chmod(0o644); err != nil {
		return data.Errorf(data.EInvalid, "无法保存“"+name+"”："+err.Error())
	}
	if err = tmp.Sync(); err != nil {
		return data.Errorf(data.EInvalid, "写入“"+name+"”失败（磁盘可能已满）："+err.Error())
	}
	if err = tmp.Close(); err != nil {
		return data.Errorf(data.EInvalid, "写入“"+name+"”失败（磁盘可能已满）："+err.Error())
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return data.Errorf(data.EInvalid, "无法保存为“"+name+"”：这个文件可能正在 Excel 或 WPS 中打开，请关闭它后重新导出")
	}
	return nil
}

// askSavePath asks where to save an .xlsx file, suggesting name; then runs with the chosen path
// (".xlsx" added when the user left it out).
func askSavePath(env *Env, name string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ShowError(env.Win, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
			// The dialog has just created the file under the name typed; keep only the .xlsx one.
			if st, err := os.Stat(path); err == nil && st.Size() == 0 {
				os.Remove(path)
			}
			path += ".xlsx"
		}
		then(path)
	}, env.Win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.SetTitleText("保存为")
	d.SetConfirmText("保存")
	d.SetDismissText("取消")
	d.Resize(dialogSize(env, 900, 600))
	d.Show()
}

// offerOpen tells where a file was saved and offers to open it or its folder.
func offerOpen(env *Env, title, path string) {
	msg := widget.NewLabel("已保存到：\n" + path)
	msg.Wrapping = fyne.TextWrapBreak
	var d *dialog.CustomDialog
	open := widget.NewButtonWithIcon("打开文件", theme.FileIcon(), func() {
		d.Hide()
		openInShell(env, path)
	})
	open.Importance = widget.HighImportance
	folder := widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), func() {
		d.Hide()
		openInShell(env, filepath.Dir(path))
	})
	closeBtn := widget.NewButton("关闭", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(msg,
		container.NewCenter(container.NewHBox(open, folder, closeBtn))), env.Win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
}
