package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// sloganHit is one occurrence of a slogan in a sentence.
type sloganHit struct {
	text  string // as written, quotes removed
	kind  string // quoted, formula
	start int    // rune offsets in the sentence
	end   int
	rule  string
}

// maxQuoted bounds a quoted slogan: a longer quotation is a citation.
const maxQuoted = 30

var quotePairs = map[rune]rune{'“': '”', '「': '」', '『': '』'}

// dateLike are quoted dates and festivals, which are timing (“七一”,
// “5·12”, “3月5日”).
var dateLike = regexp.MustCompile(`^(?:[0-9一二三四五六七八九十]+[月·.][0-9一二三四五六七八九十]+日?|[0-9]{4}年.*)$`)

// sloganHits finds the slogans of one sentence.
func (c *compiled) sloganHits(rs []rune) []sloganHit {
	var out []sloganHit
	inQuote := make([]bool, len(rs))
	inBook := make([]bool, len(rs))
	depth := 0
	for i, r := range rs {
		switch r {
		case '《':
			depth++
		case '》':
			if depth > 0 {
				depth--
			}
		}
		inBook[i] = depth > 0
	}
	// Each opener waits for its closer; a second opener before the closer
	// means the first was never closed (an OCR or typing slip), so the
	// span restarts there.
	open := map[rune]int{}
	asciiOpen := -1
	for i, r := range rs {
		if _, ok := quotePairs[r]; ok {
			open[r] = i
			continue
		}
		var start int
		switch r {
		case '”', '」', '』':
			var opener rune
			for o, cl := range quotePairs {
				if cl == r {
					opener = o
				}
			}
			s, ok := open[opener]
			if !ok {
				continue
			}
			delete(open, opener)
			start = s
		case '"':
			if asciiOpen < 0 {
				asciiOpen = i
				continue
			}
			start, asciiOpen = asciiOpen, -1
			if !hasHan(rs[start+1 : i]) {
				continue // ASCII quotes around Latin text are not Chinese slogans
			}
		default:
			continue
		}
		for k := start; k <= i; k++ {
			inQuote[k] = true
		}
		text := strings.TrimSpace(string(rs[start+1 : i]))
		if ok, _ := c.quotedSlogan(text, inBook[start]); ok {
			out = append(out, sloganHit{text: text, kind: "quoted", start: start + 1, end: i, rule: "pattern:quoted"})
		}
	}
	// Unquoted formulas: the dictionary's, then the numeric pattern.
	for _, h := range c.formulas.leftmostLongest(rs) {
		if inQuote[h.start] || inBook[h.start] {
			continue
		}
		s := c.r.Slogans[h.id]
		out = append(out, sloganHit{text: s.Text, kind: "formula", start: h.start, end: h.end, rule: s.Src.String()})
		for k := h.start; k < h.end; k++ {
			inQuote[k] = true
		}
	}
	for i := 0; i+4 <= len(rs); i++ {
		if inQuote[i] || inBook[i] {
			continue
		}
		if n := numericFormula(rs, i); n > 0 {
			text := string(rs[i : i+n])
			if _, stop := c.stops[dict.Normalize(text)]; !stop {
				out = append(out, sloganHit{text: text, kind: "formula", start: i, end: i + n, rule: "pattern:formula-numeric"})
			}
			i += n - 1
		}
	}
	return out
}

// quotedSlogan filters quoted text: two or more characters, not a stop
// phrase, date, festival or title, not a whole quoted sentence.
func (c *compiled) quotedSlogan(text string, inBook bool) (bool, string) {
	norm := dict.Normalize(text)
	n := len([]rune(norm))
	switch {
	case inBook:
		return false, "书名号内的标题不是提法"
	case n < 2:
		return false, "单字强调不是提法"
	case n > maxQuoted:
		return false, "引文过长，不是提法"
	case strings.ContainsAny(text, "。！？"):
		return false, "引用的整句话不是提法"
	case dateLike.MatchString(norm):
		return false, "日期不是提法"
	}
	if _, stop := c.stops[norm]; stop {
		return false, "停用提法（slogans.txt kind=stop）"
	}
	if h, ok := c.timingWords.longestAt([]rune(norm), 0); ok && h.end == len([]rune(norm)) {
		return false, "节日或时间词是时间要求，不是提法"
	}
	return true, ""
}

func hasHan(rs []rune) bool {
	for _, r := range rs {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// notFormulaWord are characters after a numeral that make a quantity or a
// date (一年一度, 三个月), not a formula.
const notFormulaWord = "年月日天周次个名人家元亿倍期轮届是要批项条种些点层级号岁分秒时"

func isNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两', '双', '百', '千', '万':
		return true
	}
	return false
}

// numericFormula matches a numeric formula at rs[i] and returns its length:
// N X N Y (三会一课、两学一做、一岗双责) or N 个 X Y followed by a
// non-Han character (四个意识、两个维护).
func numericFormula(rs []rune, i int) int {
	if !isNumeral(rs[i]) {
		return 0
	}
	if i > 0 && (isNumeral(rs[i-1]) || rs[i-1] == '第' || rs[i-1] == '每' || unicode.IsDigit(rs[i-1])) {
		return 0
	}
	han := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	word := func(r rune) bool { return han(r) && !isNumeral(r) && !strings.ContainsRune(notFormulaWord, r) }
	if !isNumeral(rs[i]) || rs[i] == '万' || rs[i] == '百' || rs[i] == '千' {
		return 0
	}
	if word(rs[i+1]) && isNumeral(rs[i+2]) && word(rs[i+3]) {
		if i+4 < len(rs) && han(rs[i+4]) && !strings.ContainsRune("、和与及", rs[i+4]) {
			return 0 // a longer phrase: not a compact formula
		}
		return 4
	}
	if rs[i] != '一' && rs[i] != '双' && rs[i+1] == '个' && i+4 <= len(rs) && word(rs[i+2]) && word(rs[i+3]) {
		if i+4 < len(rs) && han(rs[i+4]) && !strings.ContainsRune("、和与及", rs[i+4]) {
			return 0
		}
		return 4
	}
	return 0
}

// slogans collects the document's slogans, one entry each.
func collectSlogans(hits map[int][]sloganHit, order []int, locs map[int]doc.Location) []doc.Slogan {
	var out []doc.Slogan
	index := map[string]int{}
	for _, k := range order {
		for _, h := range hits[k] {
			key := dict.Normalize(h.text)
			base := locs[k]
			loc := doc.Location{Paragraph: base.Paragraph, Sentence: base.Sentence, Start: base.Start + h.start, End: base.Start + h.end}
			if i, ok := index[key]; ok {
				s := &out[i]
				s.Count++
				s.Locations = append(s.Locations, loc)
				s.Rules = appendOnce(s.Rules, h.rule)
				continue
			}
			index[key] = len(out)
			out = append(out, doc.Slogan{Text: h.text, Kind: h.kind, Count: 1, Locations: []doc.Location{loc}, Rules: []string{h.rule}})
		}
	}
	return out
}
