// Package ingest reads speech files (.txt, .docx, .pdf) into doc.Documents.
// STUB: to be replaced by the ingest work (issue 2).
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// Options bound what a reader may consume.
type Options struct {
	MaxBytes   int64         // refuse files larger than this; 0 means no limit
	PDFTimeout time.Duration // kill the PDF child after this long
	PDFMemory  int64         // address-space limit of the PDF child, bytes
}

// Error is a refusal of one file, its Reason in Chinese for the user.
type Error struct {
	Path   string
	Reason string
}

func (e *Error) Error() string { return filepath.Base(e.Path) + "：" + e.Reason }

// ReadFile reads one file into a Document.
func ReadFile(path string, opt Options) (*doc.Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{path, "无法读取文件"}
	}
	sum := sha256.Sum256(b)
	d := &doc.Document{Info: doc.Info{Name: filepath.Base(path), Path: path, Format: "txt", Encoding: "UTF-8", SHA256: hex.EncodeToString(sum[:])}}
	d.Paragraphs = doc.Build(strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), nil)
	return d, nil
}

// IsPDFChild reports whether this process was started as the PDF reader child.
func IsPDFChild() bool { return false }

// PDFChildMain runs the PDF reader child and returns its exit code.
func PDFChildMain() int { return 0 }
