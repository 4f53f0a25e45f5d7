package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// OCR reads the pages of a PDF that have no text layer (a scan) with
// tesseract's Chinese model, when it is installed: pdftoppm (poppler)
// renders a page at ocrDPI, tesseract reads it with one thread (a page a
// core instead), and its words, with their boxes, become lines for the
// same paragraph builder a PDF's text goes through; tesseract's own PDF is
// not used.
const (
	ocrDPI      = 150
	ocrLang     = "chi_sim"
	ocrTimeout  = 2 * time.Minute // one page
	ocrMinChars = 10              // a page with fewer characters of text is read as an image
)

// installOCR says what to install for scans, in Chinese.
const installOCR = "识别扫描件需要安装文字识别软件：Linux（麒麟、统信）上运行 apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils；" +
	"Windows 上安装 Tesseract（UB Mannheim 版，安装时勾选 Chinese (Simplified)）和 Poppler，并把它们加入 PATH"

// ocrTools finds tesseract with the Chinese model, and pdftoppm; ok is
// false when either is missing.
func ocrTools() (tesseract, pdftoppm string, ok bool) {
	t, err := exec.LookPath("tesseract")
	if err != nil {
		return "", "", false
	}
	p, err := exec.LookPath("pdftoppm")
	if err != nil {
		return "", "", false
	}
	out, err := exec.Command(t, "--list-langs").CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte(ocrLang)) {
		return "", "", false
	}
	return t, p, true
}

// imagePages lists the 0-based pages with next to no text.
func imagePages(pages []Page) []int {
	var out []int
	for i, p := range pages {
		n := 0
		for _, l := range p.Lines {
			for _, r := range l.Text {
				if !unicode.IsSpace(r) {
					n++
				}
			}
		}
		if n < ocrMinChars {
			out = append(out, i)
		}
	}
	return out
}

// ocrPages reads the pages idx of the PDF data, each on a core of its
// own, and returns their lines, in PDF points like a text page's.
func ocrPages(data []byte, idx []int, tesseract, pdftoppm string, mem int64) (map[int]Page, error) {
	dir, err := os.MkdirTemp("", "luoshi-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(src, data, 0o600); err != nil {
		return nil, err
	}
	out := map[int]Page{}
	var mu sync.Mutex
	var firstErr error
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(idx))) {
		wg.Go(func() {
			for i := range jobs {
				p, err := ocrPage(dir, src, i, tesseract, pdftoppm, mem)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				out[i] = p
				mu.Unlock()
			}
		})
	}
	for _, i := range idx {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out, firstErr
}

// The OCR child: a process of this binary that caps its memory and
// execs tesseract (see execLimited).
const (
	ocrExecEnv   = "LUOSHI_OCR_EXEC"
	ocrMemoryEnv = "LUOSHI_OCR_MEMORY"
)

// ocrChild turns this process into tesseract, bounded, when it was
// started as the OCR child; it returns only when it was not.
func ocrChild() {
	path := os.Getenv(ocrExecEnv)
	if path == "" {
		return
	}
	mem, _ := strconv.ParseInt(os.Getenv(ocrMemoryEnv), 10, 64)
	mem = Options{PDFMemory: mem}.pdfMemory()
	os.Unsetenv(ocrExecEnv)
	err := execLimited(path, os.Args[1:], mem)
	fmt.Fprintln(os.Stderr, "cannot start tesseract:", err)
	os.Exit(127)
}

func ocrPage(dir, src string, i int, tesseract, pdftoppm string, mem int64) (Page, error) {
	ctx, cancel := context.WithTimeout(context.Background(), ocrTimeout)
	defer cancel()
	img := filepath.Join(dir, "p"+strconv.Itoa(i))
	n := strconv.Itoa(i + 1)
	render := exec.CommandContext(ctx, pdftoppm, "-r", strconv.Itoa(ocrDPI), "-gray", "-png", "-f", n, "-l", n, "-singlefile", src, img)
	if out, err := render.CombinedOutput(); err != nil {
		return Page{}, fmt.Errorf("第 %s 页无法渲染为图像（%v %s）", n, err, strings.TrimSpace(string(out)))
	}
	args := []string{img + ".png", "stdout", "-l", ocrLang, "tsv"}
	// One thread a page: pages are read in parallel instead, which is
	// faster than tesseract's own threads fighting over the cores.
	env := append(os.Environ(), "OMP_THREAD_LIMIT=1")
	read := exec.CommandContext(ctx, tesseract, args...)
	if exe, err := os.Executable(); err == nil && canExecLimited {
		// This binary, started as the OCR child, caps its address space
		// and becomes tesseract: a page cannot take the machine's memory.
		read = exec.CommandContext(ctx, exe, args...)
		env = append(env, ocrExecEnv+"="+tesseract, ocrMemoryEnv+"="+strconv.FormatInt(mem, 10))
	}
	read.Env = env
	var stderr bytes.Buffer
	read.Stderr = &stderr
	tsv, err := read.Output()
	if ctx.Err() != nil {
		return Page{}, fmt.Errorf("第 %s 页文字识别超时（超过 %s）", n, ocrTimeout)
	}
	if err != nil {
		return Page{}, fmt.Errorf("第 %s 页文字识别失败（%v）", n, err)
	}
	return parseTSV(tsv, 72.0/ocrDPI), nil
}

// parseTSV turns tesseract's TSV into a page of lines: each line its words
// joined (with a space only between Latin words: tesseract splits Chinese
// into words of its own), its box scaled to PDF points, y upwards as in a
// PDF.
func parseTSV(tsv []byte, scale float64) Page {
	type word struct {
		text                     string
		left, top, width, height float64
	}
	type key struct{ block, par, line int }
	lines := map[key][]word{}
	var order []key
	var pageW, pageH float64
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 {
			continue
		}
		level, err := strconv.Atoi(f[0])
		if err != nil {
			continue // the header
		}
		num := func(i int) float64 { v, _ := strconv.ParseFloat(f[i], 64); return v }
		if level == 1 {
			pageW, pageH = num(8), num(9)
			continue
		}
		text := strings.TrimSpace(f[11])
		if level != 5 || text == "" || !utf8.ValidString(text) {
			continue
		}
		k := key{int(num(2)), int(num(3)), int(num(4))}
		if _, ok := lines[k]; !ok {
			order = append(order, k)
		}
		lines[k] = append(lines[k], word{text, num(6), num(7), num(8), num(9)})
	}
	p := Page{Width: pageW * scale}
	for _, k := range order {
		ws := lines[k]
		var b strings.Builder
		x0, x1, top := ws[0].left, 0.0, ws[0].top
		var heights []float64
		for i, w := range ws {
			if i > 0 && endsLatin(b.String()) && startsLatin(w.text) {
				b.WriteByte(' ')
			}
			b.WriteString(w.text)
			x0, x1, top = min(x0, w.left), max(x1, w.left+w.width), min(top, w.top)
			heights = append(heights, w.height)
		}
		sort.Float64s(heights)
		size := heights[len(heights)/2]
		p.Lines = append(p.Lines, Line{Text: b.String(), X0: x0 * scale, X1: x1 * scale, Y: (pageH - top - size) * scale, Size: size * scale, OCR: true})
	}
	return p // in tesseract's reading order, block by block
}
