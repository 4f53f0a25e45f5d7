package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var (
	pageNumber   = regexp.MustCompile(`^[\s\-—–－_~·•]*(第\s*)?[0-9０-９]+\s*(页)?(\s*[/／]\s*(共\s*)?[0-9０-９]+\s*页?)?[\s\-—–－_~·•]*$|^(?i:page)\s*[0-9０-９]+(\s*of\s*[0-9０-９]+)?$|^[\s\-—–－]*[ivxlcIVXLC]+[\s\-—–－]*$`)
	headingStart = regexp.MustCompile(`^\s*(第[一二三四五六七八九十百零〇]+[章节条部分篇]|第[一二三四五六七八九十]+[，、,]|[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百]+[）)]|[0-9]{1,2}[.．、](\D|$)|[（(][0-9]{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]是)`)
	digitsOnly   = regexp.MustCompile(`[0-9]+`)
)

// terminal punctuation ends a sentence, and a line ending with one just
// short of the margin ends its paragraph.
const terminal = "。！？；：”’」』）!?;:"

// Paragraphs joins the visual lines of a PDF's pages back into the
// paragraphs of the original text. PDFs keep no paragraph marks: a
// paragraph ends where its last line stops short of the right margin, and
// one begins where a line is indented, opens with a heading marker, or
// stands apart by a larger gap. Running headers, footers and page numbers
// are dropped first.
func Paragraphs(doc []Page) []string {
	paras, _ := paragraphs(doc)
	return paras
}

// paragraphs is Paragraphs with, for each paragraph, whether a line of it
// was read by OCR.
func paragraphs(doc []Page) ([]string, []bool) {
	pages := make([][]Line, len(doc))
	width := 0.0
	for i, p := range doc {
		pages[i] = p.Lines
		width = max(width, p.Width)
	}
	pages = dropFurniture(pages)
	for i, p := range pages {
		pages[i] = dropFolios(p)
	}
	var all []Line
	for _, p := range pages {
		all = append(all, p...)
	}
	if len(all) == 0 {
		return nil, nil
	}
	left, right, spacing := layout(pages)
	if n := len(all); (n < 8 || right < width/2) && width > 2*left {
		// Too few lines to see where full lines end: assume margins as
		// wide on the right as on the left.
		right = max(right, width-left)
	}
	var out []string
	var ocr []bool
	var b strings.Builder
	read := false // a line of the paragraph in hand was OCR's
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			ocr = append(ocr, read)
			b.Reset()
		}
		read = false
	}
	for pi, p := range pages {
		for i, l := range p {
			text := strings.TrimSpace(l.Text)
			if text == "" {
				continue
			}
			var prev *Line
			if i > 0 {
				prev = &p[i-1]
			} else if pi > 0 {
				prev = lastLine(pages[:pi])
			}
			if prev == nil || breakBefore(*prev, l, left, right, spacing, i == 0) {
				flush()
			} else if endsLatin(b.String()) && startsLatin(text) {
				b.WriteByte(' ')
			}
			b.WriteString(text)
			read = read || l.OCR
		}
	}
	flush()
	// A folio the reader split into pieces (—, 2, —) is whole again here.
	kept, flags := out[:0], ocr[:0]
	for i, para := range out {
		para = strings.TrimSpace(folio.ReplaceAllString(para, ""))
		if para != "" {
			kept = append(kept, para)
			flags = append(flags, ocr[i])
		}
	}
	return kept, flags
}

func lastLine(pages [][]Line) *Line {
	for i := len(pages) - 1; i >= 0; i-- {
		if n := len(pages[i]); n > 0 {
			return &pages[i][n-1]
		}
	}
	return nil
}

func breakBefore(prev, l Line, left, right, spacing float64, firstOnPage bool) bool {
	size := max(l.Size, 1)
	pt := strings.TrimSpace(prev.Text)
	last, _ := utf8.DecodeLastRuneInString(pt)
	text := strings.TrimSpace(l.Text)
	switch {
	case strings.HasPrefix(l.Text, "\u3000") || strings.HasPrefix(l.Text, "  "):
		return true // indented with spaces, as Word users indent
	case prev.X1+firstUnit(l.Text)*size <= right+0.25*size:
		// The next line's first word would have fit: the writer ended
		// the line, not the margin.
		return true
	case l.X0 > left+1.5*size && l.X0 < right-4*size:
		return true // indented first line, or a centred title
	case headingStart.MatchString(text) && strings.ContainsRune(terminal, last):
		return true
	case !firstOnPage && spacing > 0 && prev.Y-l.Y > 1.8*spacing:
		return true
	case l.Size > 0 && prev.Size > 0 && (l.Size > 1.2*prev.Size || prev.Size > 1.2*l.Size):
		return true
	}
	return false
}

const (
	opening = "“‘（《【「『〔(["
	closing = "，。、；：！？”’）》】」』〕…—,.;:!?)]"
)

// firstUnit is the width in ems of what cannot be split off the start of
// a line: opening quotes with the character after them, a Latin word or
// number, and the closing punctuation that may not begin a line.
func firstUnit(s string) float64 {
	rs := []rune(strings.TrimSpace(s))
	i := 0
	for i < len(rs) && strings.ContainsRune(opening, rs[i]) {
		i++
	}
	switch {
	case i < len(rs) && rs[i] < 0x2000 && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])):
		for i < len(rs) && rs[i] < 0x2000 && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]) || rs[i] == '.' || rs[i] == '%') {
			i++
		}
	case i < len(rs):
		i++
	}
	for i < len(rs) && strings.ContainsRune(closing, rs[i]) {
		i++
	}
	return ems(string(rs[:i]))
}

// layout finds the body's left margin, right edge and line spacing from
// the lines themselves, as a reader's eye does.
func layout(pages [][]Line) (left, right, spacing float64) {
	var xs0, xs1, gaps []float64
	for _, p := range pages {
		for i, l := range p {
			if utf8.RuneCountInString(l.Text) < 4 {
				continue
			}
			xs0 = append(xs0, l.X0)
			xs1 = append(xs1, l.X1)
			if i > 0 && p[i-1].Y > l.Y {
				gaps = append(gaps, p[i-1].Y-l.Y)
			}
		}
	}
	// The right edge is a high quantile but not the top: punctuation
	// hanging into the margin must not count as the edge.
	return quantile(xs0, 0.1), quantile(xs1, 0.75), quantile(gaps, 0.5)
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[int(q*float64(len(xs)-1))]
}

// dropFurniture removes page numbers and running headers and footers: the
// top and bottom lines of a page that are page numbers, or that repeat (up
// to their digits) at the same end of other pages.
func dropFurniture(pages [][]Line) [][]Line {
	key := func(l Line) string { return digitsOnly.ReplaceAllString(strings.Join(strings.Fields(l.Text), ""), "#") }
	counts := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range ends(p) {
			if k := key(l); !seen[k] {
				seen[k] = true
				counts[k]++
			}
		}
	}
	repeated := func(l Line) bool {
		return len(pages) >= 2 && counts[key(l)] >= 2 && utf8.RuneCountInString(l.Text) <= 30
	}
	out := make([][]Line, len(pages))
	for pi, p := range pages {
		furniture := map[int]bool{}
		order := byHeight(p)
		// The two top and two bottom lines, most outward first; stop at
		// the first one that is body text.
		for _, side := range [][]int{order, reversed(order)} {
			for k := 0; k < 2 && k < len(side); k++ {
				l := p[side[k]]
				if strings.TrimSpace(l.Text) == "" || pageNumber.MatchString(strings.TrimSpace(l.Text)) || repeated(l) {
					furniture[side[k]] = true
					continue
				}
				break
			}
		}
		for i, l := range p {
			if !furniture[i] && !ruleLine(l.Text) {
				out[pi] = append(out[pi], l)
			}
		}
	}
	return out
}

// folio is the page number of a 公文 (GB/T 9704: — 2 —, dashes on both
// sides). Where the reader puts it amid the body's lines, or inside one
// (…围绕人工智能—7—关键核心…), it is furniture all the same.
var folio = regexp.MustCompile(`[—－]\s*[0-9０-９]{1,3}\s*[—－]`)

// dropFolios removes 公文 page numbers wherever a page's lines hold them.
func dropFolios(p []Line) []Line {
	out := p[:0:0]
	for _, l := range p {
		if folio.MatchString(l.Text) {
			l.Text = folio.ReplaceAllString(l.Text, "")
			if strings.TrimSpace(l.Text) == "" {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// ruleLine reports a line that is one character repeated: the red rule
// under a 公文's heading, drawn with dashes or with a font's glyph mapped to
// a rare character (欗欗欗…), is no text. A common character repeated
// (GB2312's, as in 字字字…) is left alone.
func ruleLine(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	first, n := utf8.DecodeRuneInString(s)
	if n == 0 || utf8.RuneCountInString(s) < 8 || strings.Count(s, string(first)) != utf8.RuneCountInString(s) {
		return false
	}
	return unicode.IsPunct(first) || unicode.IsSymbol(first) || unicode.Is(unicode.Han, first) && !gb2312(first)
}

// gb2312 reports whether r is one of GB2312's characters, the 6,763 in
// common use.
func gb2312(r rune) bool {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(string(r)))
	return err == nil && len(b) == 2 && b[0] >= 0xA1 && b[1] >= 0xA1
}

// byHeight lists line indexes from the top of the page down.
func byHeight(p []Line) []int {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case p[a].Y > p[b].Y:
			return -1
		case p[a].Y < p[b].Y:
			return 1
		}
		return 0
	})
	return idx
}

func reversed(s []int) []int {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func ends(p []Line) []Line {
	order := byHeight(p)
	var out []Line
	for k := 0; k < 2 && k < len(order); k++ {
		out = append(out, p[order[k]], p[order[len(order)-1-k]])
	}
	return out
}

func endsLatin(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func startsLatin(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
