// Package batch processes a drop folder: every document in the inbox gets
// its workbook, JSON and CSV in the outbox, once; a rerun redoes only what
// changed, and never loses what reviewers typed into a workbook.
package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
)

// Supported are the extensions handed to the pipeline. .doc and .wps are
// among them: the reader reads those that are OOXML inside and explains
// why it refuses the others, rather than the file being skipped in silence.
var Supported = map[string]bool{".docx": true, ".pdf": true, ".txt": true, ".doc": true, ".wps": true, ".ofd": true}

// Noise tells files nobody dropped for processing: hidden files, Word's
// lock (~$x.docx) and temporary (~WRL0001.tmp) files, folder thumbnails,
// and the gold annotations (NAME.gold.json) that eval reads beside a source.
func Noise(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "~"),
		strings.HasSuffix(strings.ToLower(name), ".gold.json"):
		return true
	}
	switch strings.ToLower(name) {
	case "thumbs.db", "desktop.ini":
		return true
	}
	return false
}

// Scan lists the files of dir worth a look, sorted by name so that a run's
// order and its name choices are repeatable. Sub-folders are not entered:
// the outbox or archive often live inside the inbox.
func Scan(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("无法读取收件箱 %s：%s", dir, atomicfile.Reason(err))
	}
	var out []string
	for _, e := range ents {
		if Noise(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		// Links are listed, dangling ones too, so that Process says why
		// it refuses them instead of their being skipped in silence.
		fi, err := os.Lstat(path)
		if err != nil || !(fi.Mode().IsRegular() || fi.Mode()&os.ModeSymlink != 0) {
			continue
		}
		out = append(out, path)
	}
	sort.Strings(out)
	return out, nil
}

// freeName returns path, or path with " (2)", " (3)"… before its extension
// when a file of that name exists, so that nothing is ever overwritten.
func freeName(path string) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for i := 2; ; i++ {
		if _, err := os.Lstat(path); os.IsNotExist(err) {
			return path
		}
		path = fmt.Sprintf("%s (%d)%s", base, i, ext)
	}
}

// move puts src into dir under a free name; across devices it copies,
// syncs and only then removes the source.
func move(src, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := freeName(filepath.Join(dir, filepath.Base(src)))
	if err := os.Rename(src, dst); err == nil {
		return dst, nil
	}
	if err := atomicfile.Copy(src, dst); err != nil {
		return "", err
	}
	return dst, os.Remove(src)
}
