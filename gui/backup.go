package gui

// 备份与恢复 (SPEC §8): the backups in the 备份 folder beside the data file (the daily one made at
// start, and 立即备份), a copy saved anywhere (另存备份…, e.g. a USB stick), and restoring from the
// selected backup or any chosen file (从备份恢复…). Restoring goes through Env.Restore, which the
// program provides: it closes the store, replaces the file (keeping the old one) and rebuilds the main
// window on the restored file.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// backupStore is what the backup screen needs of the store besides data.Store (*sqlite.DB has it).
type backupStore interface {
	Backup(ctx context.Context, dst string) error
	BackupNow(ctx context.Context) (string, error)
}

// BackupScreen lists the data file's backups with 立即备份, 另存备份… and 从备份恢复….
type BackupScreen struct {
	env     *Env
	backups []sqlite.BackupInfo
	// selected is the index of the chosen backup in backups, -1 for none.
	selected int

	List                                         *widget.List
	Info                                         *widget.Label
	BackupNowBtn, SaveAsBtn, RestoreBtn, OpenBtn *widget.Button
	RestoreSelectedBtn                           *widget.Button
	content                                      fyne.CanvasObject
}

// NewBackupScreen builds the screen with its data.
func NewBackupScreen(env *Env) *BackupScreen {
	s := &BackupScreen{env: env, selected: -1}
	s.Info = widgets.Note("")
	s.List = widget.NewList(
		func() int { return len(s.backups) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewLabel("2026年11月23日 09:10"), widget.NewLabel("999.9 MB"), widget.NewLabel("恢复前的数据"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			b := s.backups[id]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(b.Time.Format("2006年01月02日 15:04"))
			c.Objects[1].(*widget.Label).SetText(formatSize(b.Size))
			kind := "自动备份"
			switch {
			case b.BeforeRestore:
				kind = "恢复前的数据"
			case b.Manual:
				kind = "手动备份"
			}
			c.Objects[2].(*widget.Label).SetText(kind)
		})
	s.List.OnSelected = func(id widget.ListItemID) { s.selected = id; s.updateButtons() }
	s.List.OnUnselected = func(widget.ListItemID) { s.selected = -1; s.updateButtons() }

	s.BackupNowBtn = widget.NewButtonWithIcon("立即备份", theme.DocumentSaveIcon(), s.BackupNow)
	s.BackupNowBtn.Importance = widget.HighImportance
	s.SaveAsBtn = widget.NewButtonWithIcon("另存备份…", theme.DocumentSaveIcon(), s.askSaveAs)
	s.RestoreSelectedBtn = widget.NewButtonWithIcon("恢复所选备份", theme.HistoryIcon(), func() {
		if s.selected >= 0 && s.selected < len(s.backups) {
			s.confirmRestore(s.backups[s.selected].Path)
		}
	})
	s.RestoreBtn = widget.NewButtonWithIcon("从备份恢复…", theme.FolderOpenIcon(), func() {
		askOpenFile(env, "选择要恢复的备份文件", []string{sqlite.DataFileExt}, s.confirmRestore)
	})
	s.OpenBtn = widget.NewButtonWithIcon("打开备份文件夹", theme.FolderIcon(), func() {
		openInShell(env, sqlite.BackupDir(env.DataFile))
	})
	if env.Restore == nil {
		s.RestoreSelectedBtn.Hide()
		s.RestoreBtn.Hide()
	}
	if env.DataFile == "" {
		s.OpenBtn.Hide()
	}
	top := container.NewVBox(
		widget.NewLabelWithStyle("备份与恢复", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.Info,
		container.NewHBox(s.BackupNowBtn, s.SaveAsBtn, s.RestoreSelectedBtn, s.RestoreBtn, s.OpenBtn),
		widget.NewSeparator())
	s.content = container.NewBorder(top, nil, nil, nil, s.List)
	s.Reload() // a tab is built when first shown: it must show its data at once
	return s
}

// Content is the screen's root.
func (s *BackupScreen) Content() fyne.CanvasObject { return s.content }

// Reload lists the backups again.
func (s *BackupScreen) Reload() {
	list, err := sqlite.ListBackups(s.env.DataFile)
	if err != nil {
		ShowError(s.env.Win, err)
	}
	s.backups = list
	s.selected = -1
	s.List.UnselectAll()
	s.List.Refresh()
	text := fmt.Sprintf("数据文件：%s\n每天第一次启动时自动备份到数据文件旁的“%s”文件夹，保留最近 %d 份。", s.env.DataFile, sqlite.BackupFolder, sqlite.KeepBackups)
	if len(list) == 0 {
		text += "\n还没有备份。"
	} else {
		text += fmt.Sprintf("\n共 %d 份备份，最近一次：%s。", len(list), list[0].Time.Format("2006年1月2日 15:04"))
	}
	s.Info.SetText(text)
	s.updateButtons()
}

func (s *BackupScreen) updateButtons() {
	if s.selected >= 0 {
		s.RestoreSelectedBtn.Enable()
	} else {
		s.RestoreSelectedBtn.Disable()
	}
}

func (s *BackupScreen) store() (backupStore, error) {
	st, ok := s.env.Store.(backupStore)
	if !ok {
		return nil, data.Errorf(data.EInternal, "当前的数据存储不支持备份")
	}
	return st, nil
}

// BackupNow writes a backup into the 备份 folder, behind a progress dialog.
func (s *BackupScreen) BackupNow() {
	st, err := s.store()
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	var made string
	RunWithProgress(s.env.Win, "正在备份", func(ctx context.Context, _ Progress) error {
		made, err = st.BackupNow(ctx)
		return err
	}, func(err error) {
		s.Reload()
		if err != nil {
			ShowError(s.env.Win, err)
			return
		}
		dialog.ShowInformation("备份完成", "已备份到：\n"+made, s.env.Win)
	})
}

// askSaveAs asks where to save a copy, suggesting <支部名称>-台账备份-yyyymmdd.db.
func (s *BackupScreen) askSaveAs() {
	askSaveFile(s.env, "另存备份", s.defaultName(), sqlite.DataFileExt, s.SaveAs)
}

func (s *BackupScreen) defaultName() string {
	name := "支部"
	if b, err := s.env.Store.Branch(context.Background()); err == nil && strings.TrimSpace(b.Name) != "" {
		name = b.Name
	}
	return catalog.SafeFileName(name) + "-台账备份-" + s.env.Today().Time().Format("20060102") + sqlite.DataFileExt
}

// SaveAs writes a backup to path (the user agreed to replace a file there), then offers to open
// its folder.
func (s *BackupScreen) SaveAs(path string) {
	st, err := s.store()
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	if s.env.DataFile != "" && sameFilePath(path, s.env.DataFile) {
		ShowError(s.env.Win, data.Errorf(data.EInvalid, "不能把备份保存为数据文件本身，请换一个文件名"))
		return
	}
	RunWithProgress(s.env.Win, "正在另存备份", func(ctx context.Context, _ Progress) error {
		return st.Backup(ctx, path)
	}, func(err error) {
		if err != nil {
			ShowError(s.env.Win, err)
			return
		}
		offerOpen(s.env, "备份已保存", path)
	})
}

// confirmRestore checks path, asks, and then restores from it.
func (s *BackupScreen) confirmRestore(path string) {
	if err := sqlite.IsBackup(path); err != nil {
		ShowError(s.env.Win, err)
		return
	}
	when := ""
	if st, err := osStat(path); err == nil {
		when = "（文件时间 " + st.Format("2006年1月2日 15:04") + "）"
	}
	ShowConfirm(s.env.Win, "从备份恢复",
		fmt.Sprintf("用备份「%s」%s替换当前的数据？\n当前的数据会先保存到“%s”文件夹，需要时还能恢复回来。\n备份之后录入的内容将不在恢复后的数据中。", filepath.Base(path), when, sqlite.BackupFolder),
		"恢复", func() { s.Restore(path) })
}

// Restore replaces the data with the backup at path through Env.Restore, behind a progress dialog.
// The main window is rebuilt on the restored file; the message says where the old data was kept.
func (s *BackupScreen) Restore(path string) {
	restore := s.env.Restore
	win := s.env.Win
	if restore == nil {
		ShowError(win, data.Errorf(data.EInternal, "这里不能恢复数据"))
		return
	}
	var savedAs string
	RunToEnd(win, "正在从备份恢复", func(ctx context.Context, _ Progress) error {
		var err error
		savedAs, err = restore(ctx, path)
		return err
	}, func(err error) {
		if err != nil {
			ShowError(win, err)
			return
		}
		msg := "已用「" + filepath.Base(path) + "」恢复数据。"
		if savedAs != "" {
			msg += "\n恢复前的数据已保存为：\n" + savedAs
		}
		dialog.ShowInformation("恢复完成", msg, win)
	})
}

// formatSize is a file size as people read it: 356 KB, 12.4 MB.
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// osStat is the modification time of path.
func osStat(path string) (time.Time, error) {
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}, err
	}
	return st.ModTime(), nil
}

// sameFilePath reports whether a and b (both given) name one file: the same file on disk, or the
// same path when either is not there.
func sameFilePath(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(sa, sb)
	}
	return filepath.Clean(a) == filepath.Clean(b)
}
