package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteMode(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name     string
		existing os.FileMode // 0: no file before
		want     os.FileMode
	}{
		{"new.json", 0, 0o644},
		{"shared.txt", 0o664, 0o664},
		{"private.txt", 0o600, 0o600},
	} {
		path := filepath.Join(dir, tc.name)
		if tc.existing != 0 {
			if err := os.WriteFile(path, []byte("old"), tc.existing); err != nil {
				t.Fatal(err)
			}
			os.Chmod(path, tc.existing) // past the umask
		}
		if err := WriteBytes(path, []byte("new")); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != tc.want {
			t.Errorf("%s: mode %v, want %v", tc.name, fi.Mode().Perm(), tc.want)
		}
		if b, _ := os.ReadFile(path); string(b) != "new" {
			t.Errorf("%s: content %q", tc.name, b)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("%d files left, want 3 (no temporary file)", len(ents))
	}
}

// A name that fits the file system (255 bytes) must still be writable: the
// temporary file's name does not grow with it.
func TestWriteLongName(t *testing.T) {
	dir := t.TempDir()
	name := strings.Repeat("讲", 80) + "-任务分解.xlsx" // 240 + 17 bytes > 255
	for len(name) > 255 {
		name = name[3:]
	}
	path := filepath.Join(dir, name)
	if err := WriteBytes(path, []byte("x")); err != nil {
		t.Fatalf("%d-byte name: %v", len(name), err)
	}
}

func TestWriteFailureLeavesOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	os.WriteFile(path, []byte("old"), 0o644)
	boom := errors.New("boom")
	_, err := Write(path, func(w io.Writer) error { w.Write([]byte("half")); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("content %q, want old", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files, want the old one only", len(ents))
	}
}

func TestSweep(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name → swept
		".luoshi-123456.tmp":        true,
		".讲话-任务分解.xlsx.2891004.tmp": true,
		".luoshi-state.json.77.tmp": true,
		"讲话-任务分解.xlsx":              false,
		".luoshi-state.json":        false,
		".hidden.tmp":               false,
		"notes.tmp":                 false,
		".讲话-任务分解.xlsx.draft.tmp":   false,
	}
	for n := range files {
		p := filepath.Join(dir, n)
		os.WriteFile(p, nil, 0o644)
		os.Chtimes(p, old, old)
	}
	young := filepath.Join(dir, ".luoshi-999.tmp") // a writer at work
	os.WriteFile(young, nil, 0o644)
	want := 0
	for _, swept := range files {
		if swept {
			want++
		}
	}
	if n := Sweep(dir, time.Minute); n != want {
		t.Errorf("swept %d, want %d", n, want)
	}
	for n, swept := range files {
		_, err := os.Stat(filepath.Join(dir, n))
		if gone := err != nil; gone != swept {
			t.Errorf("%s: gone=%v, want %v", n, gone, swept)
		}
	}
	if _, err := os.Stat(young); err != nil {
		t.Error("a young temporary file was swept")
	}
}

func TestReason(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, "磁盘空间不足"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, "只读"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.ENAMETOOLONG}, "文件名太长"},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EACCES}, "没有权限"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, "不存在"},
	} {
		if got := Reason(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("Reason(%v) = %q, want it to say %q", tc.err, got, tc.want)
		}
	}
}
