// Package atomicfile is the one way luoshi replaces a file people share:
// a reader, a crash or a full disk leaves either the old file or the whole
// new one, never a mix, and what goes wrong is said in Chinese.
package atomicfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Temporary files are named .luoshi-RANDOM.tmp: short, so that a long
// Chinese file name that fits the file system still fits while being
// written (a name plus a suffix of the target's own would not), and
// recognizable, so that Sweep can remove what a killed run left behind.
const (
	tmpPrefix = ".luoshi-"
	tmpSuffix = ".tmp"
)

// Sum is the SHA-256 of the file at path, as Write reports it.
func Sum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Write replaces path with what write produces: a temporary file in the
// same folder, synced, given path's mode (0644 for a new file: outputs are
// for the whole office), renamed over path, the folder synced. It returns
// the SHA-256 of what was written.
func Write(path string, write func(io.Writer) error) (sum string, err error) {
	return WriteNoting(path, write, nil)
}

// WriteNoting is Write that calls note with the new content's SHA-256
// after the temporary file is safe and before it replaces path; an error
// from note leaves path as it was. A caller records what it is about to
// write, so that after a crash between the two steps it knows the file on
// disk for its own.
func WriteNoting(path string, write func(io.Writer) error, note func(sum string) error) (sum string, err error) {
	dir := filepath.Dir(path)
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, tmpPrefix+"*"+tmpSuffix)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	if err = write(io.MultiWriter(tmp, h)); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	if err = tmp.Close(); err != nil {
		return "", err
	}
	// CreateTemp makes the file 0600.
	if err = os.Chmod(tmp.Name(), mode); err != nil {
		return "", err
	}
	sum = hex.EncodeToString(h.Sum(nil))
	if note != nil {
		if err = note(sum); err != nil {
			return "", err
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	syncDir(dir)
	return sum, nil
}

// WriteBytes replaces path with b, as Write does.
func WriteBytes(path string, b []byte) error {
	_, err := Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
	return err
}

// Copy copies src to dst, as Write does.
func Copy(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = Write(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
	return err
}

// syncDir makes a rename durable; where a folder cannot be synced
// (Windows, some network shares) the rename stands on its own.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// IsTemp tells a temporary file of Write's (or of luoshi before it, which
// named them .TARGET.RANDOM.tmp) by its name.
func IsTemp(name string) bool {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, tmpSuffix) {
		return false
	}
	if strings.HasPrefix(name, tmpPrefix) {
		return true
	}
	// .讲话-任务分解.xlsx.123456.tmp: a digit run before .tmp.
	rest := strings.TrimSuffix(name, tmpSuffix)
	i := strings.LastIndexByte(rest, '.')
	if i <= 1 {
		return false
	}
	digits := rest[i+1:]
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}

// Sweep removes temporary files in dir that a killed or crashed run left
// behind, those older than age (a running writer's file is younger); it
// returns how many it removed. The caller holds the folder's lock, so age
// may be zero.
func Sweep(dir string, age time.Duration) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		if !e.Type().IsRegular() || !IsTemp(e.Name()) {
			continue
		}
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < age {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}

// Reason says in Chinese what went wrong with a file operation: the causes
// a clerk can act on by name, the system's own words otherwise.
func Reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "没有权限（文件可能正被其他程序打开，或文件夹只读）"
	case errors.Is(err, fs.ErrNotExist):
		return "不存在（可能已被移走或改名）"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足，请清理磁盘后重试"
	case errors.Is(err, syscall.EROFS):
		return "文件夹所在的磁盘是只读的，无法写入"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名太长，请把源文件改个短一些的名字"
	case errors.Is(err, syscall.EDQUOT):
		return "超出了磁盘配额，请清理后重试"
	case errors.Is(err, syscall.EIO):
		return "磁盘读写出错（输入/输出错误）"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "系统错误：" + pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return "系统错误：" + le.Err.Error()
	}
	return err.Error()
}
