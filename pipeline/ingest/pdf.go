package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// The PDF library can loop forever on a page tree with a cycle or allocate
// without bound on a forged length; recover() stops neither. So PDFs are
// read by a child process of this same binary, which the parent kills
// when it overruns its time, and which limits its own memory.
const (
	childEnv   = "LUOSHI_PDF_CHILD"
	memoryEnv  = "LUOSHI_PDF_CHILD_MEMORY" // not LUOSHI_PDF_*: those are config keys
	timeoutEnv = "LUOSHI_PDF_CHILD_TIMEOUT"
)

// childReply is what the child writes to its standard output.
type childReply struct {
	Pages []Page `json:"pages"`
	Err   string `json:"err,omitempty"`
}

// Any binary that links ingest becomes a PDF child when started as one,
// before its own initialization and main: a test binary of another
// package that reads a PDF must not re-run its whole test suite as the
// "child". main and TestMain also dispatch, for the reader's sake.
func init() {
	if IsPDFChild() {
		os.Exit(PDFChildMain())
	}
	ocrChild()
}

// IsPDFChild reports whether this process was started as the PDF reader child.
func IsPDFChild() bool { return os.Getenv(childEnv) == "1" }

// PDFChildMain runs the PDF reader child and returns its exit code. It
// reads the PDF's bytes from standard input.
func PDFChildMain() int {
	mem, _ := strconv.ParseInt(os.Getenv(memoryEnv), 10, 64)
	if mem > 0 {
		debug.SetMemoryLimit(mem)
		limitAddressSpace(mem)
	}
	if d, err := time.ParseDuration(os.Getenv(timeoutEnv)); err == nil && d > 0 {
		// Should the parent die without killing us (kill -9, a crash),
		// a child stuck in a page-tree cycle must still end.
		time.AfterFunc(d+5*time.Second, func() { os.Exit(3) })
	}
	data, err := io.ReadAll(os.Stdin)
	var reply childReply
	if err != nil {
		reply.Err = "无法读取 PDF 内容"
	} else {
		reply.Pages, err = extractPDF(data)
		if err != nil {
			reply.Err = err.Error()
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(reply); err != nil {
		return 2
	}
	return 0
}

// pdfText is what a PDF yields: its paragraphs, the style of each
// (doc.StyleOCR for those read from a page's image), how many pages were read
// by OCR, and notes for the user.
type pdfText struct {
	paras, styles []string
	ocrPages      int
	notes         []string
}

// readPDF returns the paragraphs of a PDF. Its pages without a text layer
// are read by OCR when tesseract is installed.
func readPDF(data []byte, opt Options) (pdfText, error) {
	var pages []Page
	var err error
	if opt.PDFInProcess {
		pages, err = extractPDF(data)
	} else {
		pages, err = runChild(data, opt)
	}
	if err != nil {
		return pdfText{}, err
	}
	var res pdfText
	if idx := imagePages(pages); len(idx) > 0 && !opt.NoOCR {
		tesseract, pdftoppm, ok := ocrTools()
		switch {
		case ok:
			got, err := ocrPages(data, idx, tesseract, pdftoppm, opt.pdfMemory())
			for i, p := range got {
				if len(p.Lines) > 0 {
					pages[i] = p
					res.ocrPages++
				}
			}
			if err != nil {
				res.notes = append(res.notes, err.Error())
			}
			if res.ocrPages > 0 {
				res.notes = append(res.notes, fmt.Sprintf("有 %d 页是扫描图像，文字由 OCR 识别，可能有错字，请对照原件核对", res.ocrPages))
			}
		case len(idx) == len(pages):
			return pdfText{}, refuse("PDF 中没有文字层（是扫描件或图片）。%s，再重新处理", installOCR)
		default:
			res.notes = append(res.notes, fmt.Sprintf("有 %d 页没有文字层（可能是扫描图像），这些页没有读取。%s", len(idx), installOCR))
		}
	}
	if err := checkText(pages); err != nil {
		return pdfText{}, err
	}
	paras, ocr := paragraphs(pages)
	res.paras = paras
	if res.ocrPages > 0 {
		res.styles = make([]string, len(paras))
		for i, o := range ocr {
			if o {
				res.styles[i] = doc.StyleOCR
			}
		}
	}
	return res, nil
}

func runChild(data []byte, opt Options) ([]Page, error) {
	timeout := opt.PDFTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	mem := opt.pdfMemory()
	exe, err := os.Executable()
	if err != nil {
		return nil, refuse("无法启动 PDF 读取进程：%v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), childEnv+"=1", memoryEnv+"="+strconv.FormatInt(mem, 10), timeoutEnv+"="+timeout.String())
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr capped
	stdout.limit, stderr.limit = 256<<20, 64<<10
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 2 * time.Second
	err = cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, refuse("读取 PDF 超时（超过 %s），文件可能已损坏或结构异常（可在配置项 pdf_timeout 中调整）", timeout)
	}
	var reply childReply
	if jerr := json.Unmarshal(stdout.Bytes(), &reply); jerr != nil || err != nil {
		if strings.Contains(stderr.String(), "out of memory") || strings.Contains(stderr.String(), "memory limit") {
			return nil, refuse("读取 PDF 所需内存超过上限 %d MB，文件可能已损坏（可在配置项 pdf_memory_mb 中调整）", mem>>20)
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) || jerr != nil {
			return nil, refuse("PDF 文件已损坏，读取进程异常退出")
		}
		return nil, refuse("无法启动 PDF 读取进程：%v", err)
	}
	if reply.Err != "" {
		return nil, refusal(reply.Err)
	}
	return reply.Pages, nil
}

// capped is a buffer that drops what goes beyond its limit, so that a
// runaway child cannot fill the parent's memory.
type capped struct {
	bytes.Buffer
	limit int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.limit - c.Len(); room < len(p) {
		if room > 0 {
			c.Buffer.Write(p[:room])
		}
		return 0, fmt.Errorf("output over %d bytes", c.limit)
	}
	return c.Buffer.Write(p)
}
