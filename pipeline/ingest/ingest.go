// Package ingest reads speech files (.txt, .docx, .pdf) into doc.Documents.
//
// Every reader turns outside bytes into paragraph texts; ReadFile and Read
// then normalize them and build the shared document model. Readers refuse
// bad input with an *Error whose Reason a non-programmer can act on.
package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/normalize"
)

// Options bound what a reader may consume.
type Options struct {
	MaxBytes   int64         // refuse files larger than this; 0 means no limit
	PDFTimeout time.Duration // kill the PDF child after this long; 0 means 30s
	PDFMemory  int64         // address-space limit of the PDF child, bytes; 0 means 1 GiB
	// PDFInProcess reads PDFs in this process (with recover but no
	// timeout), for callers that cannot start a child process.
	PDFInProcess bool
	// NoOCR leaves a PDF's image pages unread even when tesseract is
	// installed (fuzzing, which must not start programs).
	NoOCR bool
}

// pdfMemory is the memory a PDF child, or a page's OCR, may use: 1 GiB
// unless PDFMemory says.
func (o Options) pdfMemory() int64 {
	if o.PDFMemory > 0 {
		return o.PDFMemory
	}
	return 1 << 30
}

// DefaultOptions are the limits used when the caller has no configuration.
func DefaultOptions() Options {
	return Options{MaxBytes: 50 << 20, PDFTimeout: 30 * time.Second, PDFMemory: 1 << 30}
}

// Error is a refusal of one file, its Reason in Chinese for the user.
type Error struct {
	Path   string
	Reason string
}

func (e *Error) Error() string { return filepath.Base(e.Path) + "：" + e.Reason }

// refusal is what readers return; Read attaches the file name.
type refusal string

func (r refusal) Error() string { return string(r) }

func refuse(format string, args ...any) error { return refusal(fmt.Sprintf(format, args...)) }

// ReadFile reads one file into a Document. Its size is checked before a
// byte is read so that a huge file is refused at once.
func ReadFile(path string, opt Options) (*doc.Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{path, statReason(err)}
	}
	if fi.IsDir() {
		return nil, &Error{path, "这是一个文件夹，不是文件"}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{path, "不是普通文件"}
	}
	if opt.MaxBytes > 0 && fi.Size() > opt.MaxBytes {
		return nil, &Error{path, tooBig(fi.Size(), opt.MaxBytes)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{path, statReason(err)}
	}
	defer f.Close()
	r := io.Reader(f)
	if opt.MaxBytes > 0 {
		// The file may grow between Stat and Read (a copy in progress).
		r = io.LimitReader(f, opt.MaxBytes+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &Error{path, "读取文件时出错：" + atomicfile.Reason(err)}
	}
	if opt.MaxBytes > 0 && int64(len(data)) > opt.MaxBytes {
		return nil, &Error{path, tooBig(int64(len(data)), opt.MaxBytes)}
	}
	d, err := Read(filepath.Base(path), data, opt)
	if d != nil {
		d.Info.Path = path
	}
	var e *Error
	if errors.As(err, &e) {
		e.Path = path
	}
	return d, err
}

// errTooManyParas refuses a document past doc.MaxParagraphs, whichever
// reader found it.
var errTooManyParas = refuse("文件中的段落（行）太多（超过 %d 段），不像是一份讲话稿或文件；请拆分成几个文件再处理", doc.MaxParagraphs)

// lineCount is the number of paragraphs paras become once split at line
// breaks, counted before normalization builds anything for them.
func lineCount(paras []string) int {
	n := 0
	for _, p := range paras {
		n += 1 + strings.Count(p, "\n")
	}
	return n
}

func statReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有读取权限"
	}
	return "无法读取文件：" + atomicfile.Reason(err)
}

func tooBig(size, limit int64) string {
	return fmt.Sprintf("文件太大（%.1f MB），超过了上限 %d MB（配置项 max_size_mb）", float64(size)/(1<<20), limit>>20)
}

// Read reads the bytes of a file called name. The extension says what the
// user meant; the bytes decide which reader runs, so that a renamed file is
// still read correctly or refused for what it really is.
func Read(name string, data []byte, opt Options) (d *doc.Document, err error) {
	defer func() {
		// A reader bug must cost one file, never the batch.
		if x := recover(); x != nil {
			d, err = nil, &Error{name, "文件内容异常，无法读取"}
		}
	}()
	if opt.MaxBytes > 0 && int64(len(data)) > opt.MaxBytes {
		return nil, &Error{name, tooBig(int64(len(data)), opt.MaxBytes)}
	}
	paras, styles, info, notes, err := read(name, data, opt)
	if err == nil && lineCount(paras) > doc.MaxParagraphs {
		err = errTooManyParas
	}
	if err != nil {
		var r refusal
		if errors.As(err, &r) {
			return nil, &Error{name, string(r)}
		}
		return nil, &Error{name, err.Error()}
	}
	sum := sha256.Sum256(data)
	info.Name = filepath.Base(name)
	info.Path = name
	info.SHA256 = hex.EncodeToString(sum[:])
	d = &doc.Document{Info: info, Warnings: notes}
	d.Paragraphs = doc.Build(normalize.Paragraphs(paras), styles)
	if len(d.Paragraphs) == 0 {
		return nil, &Error{name, "文件中没有文字"}
	}
	if n := d.SentenceCount(); n > doc.MaxSentences {
		return nil, &Error{name, fmt.Sprintf("文件中的句子太多（%d 句，上限 %d 句），不像是一份讲话稿或文件；请拆分成几个文件再处理", n, doc.MaxSentences)}
	}
	return d, nil
}

// Formats the bytes can be, as far as ingest cares.
const (
	kindText = iota
	kindEmpty
	kindPDF
	kindZip
	kindOLE
	kindRTF
	kindImage
	kindBinary
)

var magics = []struct {
	prefix string
	kind   int
	what   string
}{
	{"%PDF-", kindPDF, "PDF"},
	{"PK\x03\x04", kindZip, "ZIP"},
	{"PK\x05\x06", kindZip, "ZIP"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", kindOLE, "OLE2"},
	{"{\\rtf", kindRTF, "RTF"},
	{"\x89PNG\r\n\x1a\n", kindImage, "PNG 图片"},
	{"\xFF\xD8\xFF", kindImage, "JPEG 图片"},
	{"GIF87a", kindImage, "GIF 图片"},
	{"GIF89a", kindImage, "GIF 图片"},
	{"BM", kindImage, "BMP 图片"},
	{"II*\x00", kindImage, "TIFF 图片"},
	{"MM\x00*", kindImage, "TIFF 图片"},
	{"RIFF", kindBinary, "音视频或图片"},
	{"\x7FELF", kindBinary, "程序"},
	{"MZ", kindBinary, "Windows 程序"},
	{"Rar!", kindBinary, "RAR 压缩包"},
	{"7z\xBC\xAF\x27\x1C", kindBinary, "7z 压缩包"},
	{"\x1F\x8B", kindBinary, "gzip 压缩包"},
}

// sniff names what the bytes are. Text has no magic; it is what is left.
func sniff(data []byte) (int, string) {
	if len(bytes.TrimSpace(data)) == 0 {
		return kindEmpty, ""
	}
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			if m.prefix == "BM" || m.prefix == "MZ" {
				// Two letters also begin plain text ("MZ…" is rare but
				// "BMW" is not): check the binary structure too.
				if looksText(data) {
					continue
				}
			}
			return m.kind, m.what
		}
	}
	// PDF writers may put junk before the header; the spec allows 1 KiB.
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i >= 0 {
		return kindPDF, "PDF"
	}
	return kindText, ""
}

func read(name string, data []byte, opt Options) (paras, styles []string, info doc.Info, notes []string, err error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".txt", ".text", ".docx", ".docm", ".dotx", ".dotm", ".pdf", ".ofd":
	case ".doc", ".wps", ".dot", ".wpt":
		// The bytes decide (below): WPS saves .wps as OOXML as often as
		// in the Word 97 binary format, and a .docx renamed .doc is still
		// a .docx.
	case "":
		return nil, nil, info, nil, refuse("文件没有扩展名，无法判断类型：只能读取 .docx、.doc、.wps、.pdf、.ofd、.txt 文件")
	default:
		return nil, nil, info, nil, refuse("不支持的文件类型 %s：只能读取 .docx、.doc、.wps、.pdf、.ofd、.txt 文件", ext)
	}
	kind, what := sniff(data)
	switch kind {
	case kindEmpty:
		if len(data) == 0 {
			return nil, nil, info, nil, refuse("文件是空的（0 字节）")
		}
		return nil, nil, info, nil, refuse("文件中没有文字")
	case kindPDF:
		info.Format = "pdf"
		t, err := readPDF(data, opt)
		info.OCRPages = t.ocrPages
		return t.paras, t.styles, info, t.notes, err
	case kindZip:
		if isOFD(data) {
			info.Format = "ofd"
			paras, err = readOFD(data)
			return paras, nil, info, nil, err
		}
		info.Format = "docx"
		paras, styles, err = readDOCX(data)
		return paras, styles, info, nil, err
	case kindOLE:
		if bytes.Contains(data, utf16le("EncryptedPackage")) {
			return nil, nil, info, nil, refuse("文档设置了打开密码（需要密码）：请在 Word/WPS 中取消密码后另存为 .docx 再处理")
		}
		info.Format = "doc"
		paras, styles, err = readDOC(data)
		return paras, styles, info, nil, err
	case kindRTF:
		return nil, nil, info, nil, refuse("这是 RTF 格式文档，无法直接读取：请用 Word 或 WPS 打开后“另存为” .docx 格式")
	case kindImage:
		if ext == ".txt" || ext == ".text" {
			return nil, nil, info, nil, refuse("不是文本文件（内容是 %s）", what)
		}
		return nil, nil, info, nil, refuse("内容是 %s，不是文档：请先做文字识别（OCR）", what)
	case kindBinary:
		if ext == ".txt" || ext == ".text" {
			return nil, nil, info, nil, refuse("不是文本文件（内容是 %s）", what)
		}
		return nil, nil, info, nil, refuse("内容是 %s，不是 %s 文档", what, ext)
	}
	if ext != ".txt" && ext != ".text" {
		return nil, nil, info, nil, refuse("文件已损坏或内容不是 %s 格式（像是纯文本）：如果是文本，请把扩展名改为 .txt", ext)
	}
	info.Format = "txt"
	paras, info.Encoding, err = readTXT(data)
	return paras, nil, info, nil, err
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}
