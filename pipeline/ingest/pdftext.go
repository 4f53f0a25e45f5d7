package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Line is one visual line of a PDF page as its content stream draws it:
// the text and where it stands, in points, y growing upwards. X1 is an
// estimate (one em per Chinese character, half an em otherwise), enough to
// tell a full line from the short last line of a paragraph.
type Line struct {
	Text string  `json:"t"`
	X0   float64 `json:"x0"`
	X1   float64 `json:"x1"`
	Y    float64 `json:"y"`
	Size float64 `json:"s"`
	OCR  bool    `json:"o,omitempty"` // read from the page's image
}

// Page is the lines of one page and its width, which bounds the text's
// right edge when a page has too few lines to show it.
type Page struct {
	Width float64 `json:"w"`
	Lines []Line  `json:"l"`
}

// maxPages bounds the page loop: a forged /Count of a billion must not
// keep the reader busy until the timeout.
const maxPages = 5000

// extractPDF reads the visual lines of every page in this process. The
// library panics on many malformed files; a panic becomes a refusal.
func extractPDF(data []byte) ([]Page, error) {
	pages, err, openErr := extractPages(data)
	if err == nil || !repairable(err) {
		return pages, err
	}
	// A file that would not open and that pdfcpu can mend (decrypt,
	// rewrite with a fresh cross-reference table) is read again from the
	// mended copy. Files that opened but whose pages would not read are
	// not given to pdfcpu: on broken content it can take the whole
	// timeout, and it does not mend offsets that point nowhere.
	if openErr != nil {
		if fixed, ok := repairPDF(data, openErr); ok {
			if pages, err2, _ := extractPages(fixed); err2 == nil {
				return pages, nil
			}
		}
	}
	// Offsets that point nowhere: find the objects where they stand.
	if openErr == nil || !strings.Contains(openErr.Error(), "missing %%EOF") {
		if fixed, ok := rebuildXref(data); ok {
			if pages, err2, _ := extractPages(fixed); err2 == nil {
				return pages, nil
			}
		}
	}
	return nil, err
}

// repairable tells the failures worth a repair: the file would not open,
// or no page could be read; not a refusal of a well-formed file (a page
// tree with a cycle, too many pages, a password).
func repairable(err error) bool {
	var r refusal
	if !errors.As(err, &r) {
		return false
	}
	s := string(r)
	return s == reasonPDFDamaged || s == reasonPDFNoPage || s == reasonPDFAES256 || s == reasonPDFTruncated || s == reasonPDFCrypto
}

// Refusals of extractPages that repairable matches.
const (
	reasonPDFDamaged   = "PDF 文件已损坏，无法读取"
	reasonPDFNoPage    = "PDF 文件已损坏，无法读取任何页面"
	reasonPDFAES256    = "PDF 使用了 AES-256 加密，本程序不支持：请用 WPS 或 Adobe 打开后另存为不加密的 PDF（或用 qpdf --decrypt 解除）"
	reasonPDFTruncated = "PDF 文件已损坏或不完整（可能下载或复制没有完成）"
	reasonPDFCrypto    = "PDF 使用了不支持的加密方式：请另存为不加密的 PDF 后再处理"
)

// extractPages reads the pages of data with ledongthuc/pdf; openErr is the
// library's own error when the file would not open.
func extractPages(data []byte) (pages []Page, err error, openErr error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, refusal(reasonPDFDamaged)
		}
	}()
	r, oerr := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if oerr != nil {
		return nil, pdfOpenError(oerr), oerr
	}
	// Walk the page tree ourselves: the library's Page(i) walks it again
	// for every page and loops forever on a tree that contains itself.
	list, err := walkPages(r.Trailer().Key("Root").Key("Pages"))
	if err != nil {
		return nil, err, nil
	}
	n := len(list)
	if n == 0 {
		return nil, refuse("PDF 文件已损坏：找不到任何页面"), nil
	}
	bad := 0
	for _, p := range list {
		lines, ok := pageLines(p)
		if !ok {
			bad++
		}
		pages = append(pages, Page{Width: pageWidth(p), Lines: lines})
	}
	if bad == n {
		return nil, refusal(reasonPDFNoPage), nil
	}
	return pages, nil, nil
}

// walkPages lists the leaves of the page tree in order, refusing trees
// too deep (a cycle is infinitely deep) or too large.
func walkPages(root pdf.Value) ([]pdf.Page, error) {
	const maxDepth, maxNodes = 64, 100_000
	var pages []pdf.Page
	nodes := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		nodes++
		switch {
		case depth > maxDepth:
			return refuse("PDF 文件已损坏：页面结构有循环")
		case nodes > maxNodes || len(pages) > maxPages:
			return refuse("PDF 文件异常：页数超过了可处理的上限 %d 页", maxPages)
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array {
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if v.Kind() == pdf.Dict {
			pages = append(pages, pdf.Page{V: v})
		}
		return nil
	}
	if err := walk(root, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

func pdfOpenError(err error) error {
	msg := err.Error()
	switch {
	case err == pdf.ErrInvalidPassword:
		return refuse("PDF 设置了打开密码（需要密码）：请先用 WPS 或 Adobe 输入密码后另存为不加密的 PDF")
	case strings.Contains(msg, "V=5"), strings.Contains(msg, "R=5"), strings.Contains(msg, "R=6"), strings.Contains(msg, "256-bit"):
		return refusal(reasonPDFAES256)
	case strings.Contains(msg, "encryption"):
		return refusal(reasonPDFCrypto)
	case strings.Contains(msg, "not a PDF"), strings.Contains(msg, "startxref"), strings.Contains(msg, "malformed"):
		return refusal(reasonPDFTruncated)
	}
	return refusal(reasonPDFDamaged)
}

func pageWidth(p pdf.Page) float64 {
	b, ok := pageBox(p)
	if !ok {
		return 0
	}
	return b[2] - b[0]
}

// pageBox is the page's MediaBox, normalized (x0, y0, x1, y1); ok is
// false when the page has none that can be read.
func pageBox(p pdf.Page) (b [4]float64, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	// MediaBox is inheritable from the page tree; a few levels suffice
	// and a cycle must not loop.
	v := p.V
	box := v.Key("MediaBox")
	for i := 0; i < 8 && box.Len() != 4 && !v.IsNull(); i++ {
		v = v.Key("Parent")
		box = v.Key("MediaBox")
	}
	if box.Len() != 4 {
		return b, false
	}
	x0, y0, x1, y1 := box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
	b = [4]float64{min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)}
	return b, b[2] > b[0] && b[3] > b[1]
}

// textState is the part of the PDF graphics state that places text.
type textState struct {
	ctm, tm, tlm [3][3]float64
	size, lead   float64
	enc          pdf.TextEncoding
	font         string // the resource name of the font in use
}

var identity = [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func mul(x, y [3][3]float64) [3][3]float64 {
	var z [3][3]float64
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) [3][3]float64 {
	return [3][3]float64{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}}
}

// pageLines interprets one page's content stream, keeping only where each
// string of text starts; ok is false when the stream broke off.
func pageLines(p pdf.Page) (lines []Line, ok bool) {
	defer func() {
		if x := recover(); x != nil {
			ok = false
		}
	}()
	if p.V.Key("Contents").Kind() == pdf.Null {
		return nil, true
	}
	// A font may draw its glyphs smaller than its size says (a CFF
	// FontMatrix, which this reader does not apply), and a line of it
	// then looks like a heading to the paragraph builder. The advance
	// from one Chinese character to the next of the same font, set one
	// by one as typesetters do, is their true size: a first pass measures
	// it, the second lays out the lines with it.
	samples := map[string][]float64{}
	interpret(p, nil, samples)
	shrink := map[string]float64{}
	for font, xs := range samples {
		if len(xs) < 4 {
			continue
		}
		sort.Float64s(xs)
		if r := xs[len(xs)/2]; r > 0.3 && r < 0.8 {
			shrink[font] = r
		}
	}
	return interpret(p, shrink, nil), true
}

// interpret runs the page's content stream, scaling the size of each font
// by shrink; with samples, it records for each font the ratio of the
// advance between consecutive Chinese characters to the font's size.
func interpret(p pdf.Page, shrink map[string]float64, samples map[string][]float64) (lines []Line) {
	fonts := map[string]pdf.TextEncoding{}
	g := textState{ctm: identity, tm: identity, tlm: identity}
	var saved [][3][3]float64
	var cur *Line
	var last float64 // estimated x where the previous string ended
	// Where the previous string started, whether it was one Chinese
	// character, and in which font.
	var prevX, prevY float64
	prevHan, prevFont := false, ""
	box, boxed := pageBox(p)
	show := func(raw string) {
		if g.enc == nil {
			return
		}
		s := g.enc.Decode(raw)
		trm := mul(g.tm, g.ctm)
		x, y := trm[2][0], trm[2][1]
		size := math.Abs(g.size * math.Hypot(trm[1][0], trm[1][1]))
		if size < 0.5 {
			size = 0.5
		}
		// Text set outside the page (a typesetter's registration marks,
		// 书书书 thousands of points off a government PDF's page) is never
		// printed: a viewer and pdftotext show none of it.
		if boxed && (x < box[0]-size || x > box[2]+size || y < box[1]-size || y > box[3]+size) {
			return
		}
		w := ems(s) * size
		han := utf8.RuneCountInString(s) == 1 && unicode.Is(unicode.Han, []rune(s)[0])
		if samples != nil && han && prevHan && prevFont == g.font && math.Abs(y-prevY) < 0.1*size && x > prevX {
			samples[g.font] = append(samples[g.font], (x-prevX)/size)
		}
		prevX, prevY, prevHan, prevFont = x, y, han, g.font
		if r, ok := shrink[g.font]; ok {
			size *= r
		}
		switch {
		case cur != nil && math.Abs(y-cur.Y) < 0.35*max(size, cur.Size):
			// A gap between two Latin words is a space; next to
			// Chinese it is only the estimate of the widths being off.
			if x-last > 0.3*size && s != "" && !wideEnd(cur.Text) && !wideStart(s) {
				cur.Text += " "
			}
			cur.Text += s
			cur.X1 = max(cur.X1, x+w)
		default:
			if cur != nil {
				lines = append(lines, *cur)
			}
			cur = &Line{Text: s, X0: x, X1: x + w, Y: y, Size: size}
		}
		last = x + w
		// Advance by the estimate so that the next string on this line
		// is not taken for a gap.
		scale := math.Hypot(g.tm[0][0], g.tm[0][1])
		if scale > 0 {
			g.tm = mul(translate(ems(s)*g.size, 0), g.tm)
		}
	}
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(saved) < 1000 {
				saved = append(saved, g.ctm)
			}
		case "Q":
			if len(saved) > 0 {
				g.ctm = saved[len(saved)-1]
				saved = saved[:len(saved)-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = mul([3][3]float64{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}, g.ctm)
			}
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				enc, ok := fonts[name]
				if !ok {
					f := p.Font(name)
					if enc = cidTrueType(f.V); enc == nil {
						enc = f.Encoder()
					}
					fonts[name] = enc
				}
				g.enc = enc
				g.size = num(1)
				g.font = name
			}
		case "TL":
			g.lead = num(0)
		case "Td", "TD":
			g.tlm = mul(translate(num(0), num(1)), g.tlm)
			g.tm = g.tlm
			if op == "TD" {
				g.lead = -num(1)
			}
		case "Tm":
			if len(args) == 6 {
				g.tlm = [3][3]float64{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
				g.tm = g.tlm
			}
		case "T*":
			g.tlm = mul(translate(0, -g.lead), g.tlm)
			g.tm = g.tlm
		case "'", "\"":
			g.tlm = mul(translate(0, -g.lead), g.tlm)
			g.tm = g.tlm
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				v := args[0]
				for i := 0; i < v.Len(); i++ {
					x := v.Index(i)
					if x.Kind() == pdf.String {
						show(x.RawString())
					} else {
						g.tm = mul(translate(-x.Float64()/1000*g.size, 0), g.tm)
					}
				}
			}
		}
	})
	if cur != nil {
		lines = append(lines, *cur)
	}
	return lines
}

// ems estimates the advance of s in ems: Chinese characters are square,
// Latin letters and digits about half as wide.
func ems(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case wide(r):
			w++
		case r >= 'A' && r <= 'Z':
			w += 0.65
		default:
			w += 0.5
		}
	}
	return w
}

func wideEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return wide(r)
}

func wideStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return wide(r)
}

func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// checkText refuses pages that carry no text a person could read: a
// scanned document has none, and a font without a ToUnicode map yields
// private-use or control characters.
func checkText(pages []Page) error {
	var good, total int
	for _, p := range pages {
		for _, l := range p.Lines {
			for _, r := range l.Text {
				if unicode.IsSpace(r) {
					continue
				}
				total++
				if plausible(r) {
					good++
				}
			}
		}
	}
	if total == 0 {
		return refuse("PDF 中没有文字层（可能是扫描件或图片），需要先做文字识别（OCR）再处理")
	}
	// Garbage from a font without a usable encoding is printable (Latin-1
	// letters, rare ideographs read from glyph codes), so printability
	// says nothing; what a Chinese or English document is made of does.
	if total >= minJudged && good*10 < total*8 {
		return refuse("PDF 中的文字无法正确解码（字体没有提供文字对应信息，提取出来是乱码），为免生成乱码的任务表已拒绝：请用 WPS 或 Adobe 打开后另存为 Word 文档，或先做文字识别（OCR）再处理")
	}
	return nil
}

// minJudged is the least text the garbage check judges: a few rare
// characters (a name, a place) on an otherwise empty page prove nothing.
const minJudged = 40

// plausible reports a character a Chinese government document or an
// English one is written in: ASCII, GB2312's common characters and
// punctuation, CJK and full-width punctuation, general punctuation and
// symbols, circled numbers, and the radical code points some printers use
// for characters (normalize maps them back).
func plausible(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7F,
		r >= 0x2000 && r <= 0x2BFF,                                    // punctuation, letterlike, arrows, math, circled numbers, box drawing
		r >= 0x2E80 && r <= 0x2FDF,                                    // radicals
		r >= 0x3000 && r <= 0x303F,                                    // CJK punctuation
		r >= 0xFF01 && r <= 0xFF5E,                                    // full-width forms
		r == 0xB7 || r == 0xD7 || r == 0xF7 || r == 0xB0 || r == 0xA7: // · × ÷ ° §
		return true
	case unicode.Is(unicode.Han, r):
		return gb2312(r)
	}
	return false
}

// String is for debugging fixtures.
func (l Line) String() string {
	return fmt.Sprintf("%6.1f %6.1f-%6.1f %4.1f %s", l.Y, l.X0, l.X1, l.Size, l.Text)
}
