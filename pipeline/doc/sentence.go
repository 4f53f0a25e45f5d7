package doc

import "strings"

// closers may follow a sentence terminator and still belong to the sentence:
// GUIDELINE.md says quotes and brackets do not end a sentence.
const closers = "”’」』）)】》〉\"'"

func isTerminator(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

// Split returns the sentences of one paragraph as rune ranges [start,end)
// relative to the paragraph, white space trimmed, terminators included.
func Split(para string) [][2]int {
	rs := []rune(para)
	var out [][2]int
	start := 0
	emit := func(s, e int) {
		for s < e && isSpace(rs[s]) {
			s++
		}
		for e > s && isSpace(rs[e-1]) {
			e--
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
	}
	inside := bracketed(rs)
	for i := 0; i < len(rs); i++ {
		if !isTerminator(rs[i]) || inside[i] {
			continue
		}
		j := i + 1
		for j < len(rs) && (isTerminator(rs[j]) || strings.ContainsRune(closers, rs[j])) {
			j++
		}
		emit(start, j)
		start = j
		i = j - 1
	}
	emit(start, len(rs))
	return out
}

// bracketed marks the runes inside a pair of round brackets that closes
// within the paragraph: （人力资源社会保障部负责。列第一位者为牵头单位）
// is one aside, its 。 no sentence end (GUIDELINE: brackets do not end a
// sentence). An opening bracket that never closes marks nothing.
func bracketed(rs []rune) []bool {
	inside := make([]bool, len(rs))
	var open []int
	for i, r := range rs {
		switch r {
		case '（', '(':
			open = append(open, i)
		case '）', ')':
			if n := len(open); n > 0 {
				for k := open[n-1] + 1; k < i; k++ {
					inside[k] = true
				}
				open = open[:n-1]
			}
		}
	}
	return inside
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\r' || r == '\n' || r == '\u00a0'
}

// Build turns normalized paragraph texts into Paragraphs with their
// locations and sentences, counting offsets as `luoshi text` prints them.
// Empty paragraphs are dropped. styles may be nil or parallel to texts.
func Build(texts []string, styles []string) []Paragraph {
	var out []Paragraph
	off := 0
	for i, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		n := len([]rune(t))
		p := Paragraph{Text: t, Loc: Location{Paragraph: len(out) + 1, Start: off, End: off + n}}
		if styles != nil && i < len(styles) {
			p.Style = styles[i]
		}
		rs := []rune(t)
		for k, r := range Split(t) {
			p.Sentences = append(p.Sentences, Sentence{
				Text: string(rs[r[0]:r[1]]),
				Loc:  Location{Paragraph: p.Loc.Paragraph, Sentence: k + 1, Start: off + r[0], End: off + r[1]},
			})
		}
		out = append(out, p)
		off += n + 1 // the "\n" between paragraphs
	}
	return out
}
