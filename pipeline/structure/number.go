package structure

import (
	"strings"
	"unicode/utf8"
)

// style is a numbering style of headings.
type style int

const (
	stNone        style = iota
	stCN                // 一、
	stParenCN           // （一）
	stArabic            // 1. 1、 1．
	stParenArabic       // （1）
	stCircled           // ①
	stShi               // 一是
	stDi                // 第一，
	stSeq               // 首先 其次 再次 最后
	stBare              // an unnumbered heading line (see bareHeadings)
)

// pattern names cited in the Rules of pillars and points.
var styleName = map[style]string{
	stCN:          "pattern:heading-cn",
	stParenCN:     "pattern:heading-paren-cn",
	stArabic:      "pattern:heading-arabic",
	stParenArabic: "pattern:heading-paren-arabic",
	stCircled:     "pattern:heading-circled",
	stShi:         "pattern:heading-shi",
	stDi:          "pattern:heading-di",
	stSeq:         "pattern:heading-sequence",
	stBare:        "pattern:heading-bare",
}

// seqLast is the number given to 最后: it may follow any earlier item.
const seqLast = 1000

const cnDigits = "〇一二三四五六七八九"

// parseCN reads a Chinese numeral of 1..99 (一, 十二, 二十, 两) and returns
// its value and length in bytes, or 0.
func parseCN(s string) (int, int) {
	val, cur, n := 0, -1, 0
	seenTen := false
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case r == '十':
			if seenTen {
				return 0, 0
			}
			seenTen = true
			if cur < 0 {
				cur = 1
			}
			val = cur * 10
			cur = -1
		case r == '两' && n == 0:
			cur = 2
		case strings.ContainsRune(cnDigits[3:], r): // 一…九, not 〇
			if cur >= 0 {
				return 0, 0
			}
			cur = strings.IndexRune(cnDigits, r) / 3
		default:
			goto done
		}
		n += size
	}
done:
	if cur > 0 {
		val += cur
	}
	if val == 0 || val > 99 {
		return 0, 0
	}
	return val, n
}

func parseArabic(s string) (int, int) {
	v, n := 0, 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		v = v*10 + int(s[n]-'0')
		n++
	}
	if n == 0 || n > 2 || v == 0 {
		return 0, 0
	}
	return v, n
}

// marker recognizes a heading number at the start of s. rest is the text
// after the number and its separator; num is the number as written.
func marker(s string) (st style, n int, num, rest string) {
	if s == "" {
		return stNone, 0, "", ""
	}
	if v, k := parseCN(s); k > 0 {
		after := s[k:]
		switch {
		case strings.HasPrefix(after, "、"):
			return stCN, v, s[:k], strings.TrimPrefix(after, "、")
		case strings.HasPrefix(after, "是") && v <= 20:
			return stShi, v, s[:k], after[len("是"):]
		case (strings.HasPrefix(after, "要") || strings.HasPrefix(after, "抓")) && v <= 20 && !strings.HasPrefix(after, "要求"):
			// 一要…二要…, 一抓…二抓…: the same enumeration as 一是, its
			// verb kept in the title (要强化…, 抓组织领导).
			return stShi, v, s[:k], after
		}
		return stNone, 0, "", ""
	}
	for _, open := range []string{"（", "("} {
		if !strings.HasPrefix(s, open) {
			continue
		}
		in := s[len(open):]
		if v, k := parseCN(in); k > 0 {
			if close, ok := closer(in[k:]); ok {
				return stParenCN, v, in[:k], in[k+close:]
			}
		}
		if v, k := parseArabic(in); k > 0 {
			if close, ok := closer(in[k:]); ok {
				return stParenArabic, v, in[:k], in[k+close:]
			}
		}
		return stNone, 0, "", ""
	}
	if v, k := parseArabic(s); k > 0 {
		after := s[k:]
		for _, sep := range []string{"．", "、", "."} {
			if strings.HasPrefix(after, sep) {
				rest := after[len(sep):]
				// 1.5 倍 is a number, not a heading.
				if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
					return stNone, 0, "", ""
				}
				return stArabic, v, s[:k], rest
			}
		}
		return stNone, 0, "", ""
	}
	if r, size := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return stCircled, int(r-'①') + 1, s[:size], s[size:]
	}
	if strings.HasPrefix(s, "第") {
		if v, k := parseCN(s[len("第"):]); k > 0 {
			after := s[len("第")+k:]
			// 第一项措施：…, 第二条：…: a measure word, perhaps with what
			// it counts, between the ordinal and the separator.
			for _, m := range []string{"项", "条", "点", "个方面", "方面"} {
				if rest, ok := strings.CutPrefix(after, m); ok {
					for _, noun := range []string{"措施", "工作", "任务", "要求", "意见", "举措"} {
						rest = strings.TrimPrefix(rest, noun)
					}
					if strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "，") {
						after = rest
					}
					break
				}
			}
			for _, sep := range []string{"，", "、", "：", ",", ":", "部分"} {
				if strings.HasPrefix(after, sep) {
					return stDi, v, s[len("第") : len("第")+k], trimSep(after[len(sep):])
				}
			}
		}
		return stNone, 0, "", ""
	}
	for i, w := range []string{"首先", "其次", "再次", "最后"} {
		if strings.HasPrefix(s, w) {
			after := s[len(w):]
			if !startsWithSep(after) {
				return stNone, 0, "", ""
			}
			v := i + 1
			if w == "最后" {
				v = seqLast
			}
			return stSeq, v, w, trimSep(after)
		}
	}
	return stNone, 0, "", ""
}

func closer(s string) (int, bool) {
	for _, c := range []string{"）", ")"} {
		if strings.HasPrefix(s, c) {
			return len(c), true
		}
	}
	return 0, false
}

func startsWithSep(s string) bool {
	for _, sep := range []string{"，", "、", "：", ",", ":"} {
		if strings.HasPrefix(s, sep) {
			return true
		}
	}
	return false
}

func trimSep(s string) string {
	for _, sep := range []string{"，", "、", "：", ",", ":"} {
		s = strings.TrimPrefix(s, sep)
	}
	return strings.TrimSpace(s)
}

// cleanTitle drops a heading's ending punctuation and surrounding space.
func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	for {
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 || !strings.ContainsRune("。！？；：，、.!?;:, \u3000", r) {
			return s
		}
		s = strings.TrimSpace(s[:len(s)-size])
	}
}
