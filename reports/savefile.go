package reports

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"branchledger/data"
)

// SaveFile writes a report to path through a temporary file beside it, renamed into place only when
// complete: a failed or cancelled export never leaves half a workbook, nor destroys the old one.
func SaveFile(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".支部台账-*.tmp")
	if err != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("无法在「%s」中保存文件：%v。请换一个文件夹，或检查是否有写入权限", dir, err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("写入「%s」失败：%v（磁盘可能已满）", path, err))
	}
	// CreateTemp makes the file private (0600); an exported report is an ordinary document.
	if err = tmp.Chmod(0o644); err != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("写入「%s」失败：%v", path, err))
	}
	if err = tmp.Sync(); err != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("写入「%s」失败：%v", path, err))
	}
	if err = tmp.Close(); err != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("写入「%s」失败：%v", path, err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("无法保存为「%s」：文件可能正在 Excel 或 WPS 中打开，请关闭它后重试（%v）", path, err))
	}
	return nil
}
