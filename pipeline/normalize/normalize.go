// Package normalize cleans paragraph text the same way for every input
// format, so that later stages see one spelling of each character: the
// extraction rules match "2022年" and "APP", not "２０２２年" or "A\u200bPP".
package normalize

import (
	"strings"
	"unicode"
)

// Paragraph returns one paragraph's text normalized: radical code points
// read as the characters they stand for, full-width ASCII letters and digits
// folded to half-width (Chinese punctuation is left alone because
// it carries meaning: ，。“” are what a speech is written in), zero-width and
// control characters removed, spaces inside Chinese text dropped, other
// space runs collapsed to one ASCII space, and the ends trimmed.
func Paragraph(s string) string {
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case isZeroWidth(r):
			continue
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r = r - 0xFF10 + '0'
		case isSpace(r):
			r = ' '
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			// Control characters (a stray vertical tab from Word, a BEL
			// from a broken converter) are invisible junk to a reader.
			continue
		case r >= 0x2E80 && r <= 0x2FD5:
			r = unradical(r) // see radicals.go
		}
		rs = append(rs, r)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		if rs[i] != ' ' {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		// A space run at either end, or between Chinese text and anything
		// but a Latin letter, is a typing or conversion accident.
		if i > 0 && j < len(rs) && !dropSpace(rs[i-1], rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// Paragraphs normalizes each text; empty results stay in place so that a
// parallel slice of styles still lines up (doc.Build drops them).
func Paragraphs(texts []string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = Paragraph(t)
	}
	return out
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad':
		return true
	}
	return false
}

// isSpace is Unicode's white space, line and paragraph separators
// (U+2028, U+2029) included, so nothing strings.TrimSpace would trim is left
// at a paragraph's ends.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// wide reports a character of Chinese text: Han, kana, CJK punctuation and
// the full-width forms block.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK symbols and punctuation
		(r >= 0x3040 && r <= 0x30FF) || // kana
		(r >= 0xFF00 && r <= 0xFFEF) || // full-width forms
		(r >= 0x2010 && r <= 0x2027) || // dashes, ‘’“”, …
		(r >= 0x2460 && r <= 0x24FF) // ① ⑴ ⒈
}

func dropSpace(a, b rune) bool {
	switch {
	case wide(a) && wide(b):
		return true
	case wide(a):
		return !isLatin(b) || !unicode.Is(unicode.Han, a)
	case wide(b):
		return !isLatin(a) || !unicode.Is(unicode.Han, b)
	}
	return false
}

func isLatin(r rune) bool {
	return r < 0x2000 && unicode.IsLetter(r)
}
