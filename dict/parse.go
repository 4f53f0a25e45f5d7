package dict

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// line is one non-blank, non-comment line of a dictionary file:
//
//	ENTRY key=value key=value   # comment
//
// Fields are separated by spaces or tabs; a field of the form key=value
// (key in lower-case ASCII letters) is an attribute, any other field is the
// entry. At most one entry per line.
type line struct {
	num    int
	entry  string
	fields map[string]string
	order  []string // keys in the order written, for error messages
}

// Source names the entry a rule came from. Its String form,
// dict/FILE:ENTRY (dict/directives.txt:要, dict/exclusions.txt:trigger=要
// context=重要), is what every extracted item cites, whichever folder the
// rules came from: it does not change when lines are added above it, so
// a workbook's 命中规则 and the golden files stay put across dict edits.
// Line is for error messages, which must point at the line.
type Source struct {
	File  string
	Line  int
	Entry string // the entry as cited, see line.name
}

func (s Source) String() string {
	if s.Entry == "" {
		return "dict/" + s.File + ":" + itoa(s.Line)
	}
	return "dict/" + s.File + ":" + s.Entry
}

// maxNameRunes bounds a value in a rule's name; a long sentence or regular
// expression is cut, its start is what a reviewer finds it by, and four hex
// digits of its hash keep two values with one start apart (and change only
// when the value does).
const maxNameRunes = 20

// name is how the entry of l is cited: its word, or for an entry written as
// key=value (exclusions, structure patterns) its first field, with the
// context of a trigger, each value cut to maxNameRunes.
func (l line) name() string {
	short := func(v string) string {
		if r := []rune(v); len(r) > maxNameRunes {
			sum := sha256.Sum256([]byte(v))
			return string(r[:maxNameRunes]) + "…" + hex.EncodeToString(sum[:2])
		}
		return v
	}
	if l.entry != "" {
		return short(l.entry)
	}
	if len(l.order) == 0 {
		return ""
	}
	k := l.order[0]
	n := k + "=" + short(l.fields[k])
	if c, ok := l.fields["context"]; ok && k == "trigger" {
		n += " context=" + short(c)
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// stripComment cuts a trailing comment. A # starts a comment at the start
// of the line or after white space, so that entries like C#语言 or a regular
// expression containing # stay intact.
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] != '#' {
			continue
		}
		if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
			return s[:i]
		}
	}
	return s
}

func isKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// parseLines splits a file into lines, reporting syntax errors (bad UTF-8,
// two entries, a key written twice) against name. Schema checks are the
// caller's.
func parseLines(name string, data []byte, errs *ErrorList) []line {
	var out []line
	text := string(data)
	text = strings.TrimPrefix(text, "\uFEFF") // Notepad writes a BOM
	for i, raw := range strings.Split(text, "\n") {
		num := i + 1
		raw = strings.TrimSuffix(raw, "\r")
		if !utf8.ValidString(raw) {
			errs.add(name, num, "不是有效的 UTF-8 文本（请用 UTF-8 编码保存文件）")
			continue
		}
		s := strings.TrimSpace(stripComment(raw))
		if s == "" {
			continue
		}
		l := line{num: num, fields: map[string]string{}}
		bad := false
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' }) {
			if k, v, ok := strings.Cut(f, "="); ok && isKey(k) {
				if _, dup := l.fields[k]; dup {
					errs.add(name, num, "字段 %s 写了两次", k)
					bad = true
					continue
				}
				l.fields[k] = v
				l.order = append(l.order, k)
				continue
			}
			if l.entry != "" {
				errs.add(name, num, "一行只能有一个条目，这里有「%s」和「%s」（字段请写成 名称=值，值中不能有空格）", l.entry, f)
				bad = true
				continue
			}
			l.entry = f
		}
		if !bad {
			out = append(out, l)
		}
	}
	return out
}

// Normalize is the comparison form of a sentence or phrase used by exact
// exclusions and by task ids: Unicode NFKC, then white space, punctuation
// and symbols dropped. It matches GUIDELINE.md's scoring normalization.
func Normalize(s string) string {
	if !stable(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stable reports whether NFKC can be skipped: every rune is ASCII, a
// unified CJK ideograph or common Chinese punctuation (dropped anyway).
// This is nearly all text of a speech, and NFKC is the costliest step.
func stable(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x80, r >= 0x4E00 && r <= 0x9FFF:
		case strings.ContainsRune("“”‘’、。，：；！？（）《》〈〉【】—…·「」『』〔〕", r):
		default:
			return false
		}
	}
	return true
}
