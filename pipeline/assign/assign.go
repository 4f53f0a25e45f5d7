// Package assign reads the responsibilities a document states for its
// measures: the parenthetical that ends a measure of an official plan,
// （人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）,
// （责任单位：省经信厅、省科技厅）, （省发展改革委牵头，省经信厅按职责分工负责）,
// （国家发展改革委会同有关部门负责）. GUIDELINE.md: such a parenthetical is
// never a task itself; it covers the sentences from the previous one, or
// from the start of its paragraph, up to it; the first unit named leads
// unless 牵头 or 会同 says otherwise; generic units (有关部门) are dropped
// as partners and 等 from a name.
package assign

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Assignment is one stated responsibility.
type Assignment struct {
	Leads    []string // 牵头单位, in the order written
	Partners []string // 配合单位
	Raw      string   // the parenthetical as written, brackets included
}

// markers tell a parenthetical of responsibility from any other aside.
var markers = []string{"负责", "牵头", "责任单位", "牵头单位", "责任部门", "配合单位"}

// Trailing finds a parenthetical of responsibility that ends text (past
// closing punctuation) and returns it with the rune offset where it
// starts; ok is false when text ends otherwise.
func Trailing(text string) (a Assignment, start int, ok bool) {
	rs := []rune(text)
	end := len(rs)
	for end > 0 && strings.ContainsRune("。；;，, \u3000", rs[end-1]) {
		end--
	}
	if end == 0 || (rs[end-1] != '）' && rs[end-1] != ')') {
		return Assignment{}, 0, false
	}
	depth := 0
	open := -1
	for i := end - 1; i >= 0; i-- {
		switch rs[i] {
		case '）', ')':
			depth++
		case '（', '(':
			depth--
		}
		if depth == 0 {
			open = i
			break
		}
	}
	if open < 0 {
		return Assignment{}, 0, false
	}
	raw := string(rs[open:end])
	a, ok = Parse(raw)
	return a, open, ok
}

// Leading finds a parenthetical of responsibility that opens text and
// returns it with the rune offset just past it: …有效对接。（市场监管总局负责）
// 加强… splits into sentences the parenthetical opens, though it closes
// the measure before.
func Leading(text string) (a Assignment, end int, ok bool) {
	rs := []rune(text)
	if len(rs) == 0 || (rs[0] != '（' && rs[0] != '(') {
		return Assignment{}, 0, false
	}
	depth := 0
	for i, r := range rs {
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth--
		}
		if depth == 0 {
			a, ok = Parse(string(rs[:i+1]))
			return a, i + 1, ok
		}
	}
	return Assignment{}, 0, false
}

// Parse reads one parenthetical, brackets included.
func Parse(raw string) (Assignment, bool) {
	inner := strings.TrimSpace(raw)
	inner = strings.TrimPrefix(strings.TrimPrefix(inner, "（"), "(")
	inner = strings.TrimSuffix(strings.TrimSuffix(inner, "）"), ")")
	found := false
	for _, m := range markers {
		found = found || strings.Contains(inner, m)
	}
	if !found || utf8.RuneCountInString(inner) > 300 {
		return Assignment{}, false
	}
	// 列第一位者为牵头单位，下同: the convention, after the units.
	if i := strings.IndexAny(inner, "。"); i >= 0 {
		inner = inner[:i]
	}
	a := Assignment{Raw: raw}
	var leads, rest []string
	explicit := false
	for _, group := range split(inner, "，,；;") {
		group = strings.TrimSpace(group)
		label := ""
		for _, l := range []string{"牵头单位", "配合单位", "责任单位", "责任部门"} {
			for _, sep := range []string{"：", ":"} {
				if r, ok := strings.CutPrefix(group, l+sep); ok {
					group, label = r, l
				}
			}
		}
		role := ""
		switch label {
		case "牵头单位":
			role = "lead"
		case "配合单位":
			role = "partner"
		}
		// 下同, 以下均需地方落实，不再重复列出: a note on the units'
		// reach, not a unit.
		if conventionNote(group) {
			continue
		}
		group, suffixRole := trimRole(group)
		if role == "" {
			role = suffixRole
		}
		// X会同Y负责: X leads, Y helps.
		if x, y, ok := strings.Cut(group, "会同"); ok {
			for _, n := range names(x) {
				leads = append(leads, n)
			}
			explicit = true
			rest = append(rest, names(y)...)
			continue
		}
		ns := names(group)
		switch role {
		case "lead":
			leads = append(leads, ns...)
			explicit = true
		default:
			rest = append(rest, ns...)
		}
	}
	if !explicit {
		// The first unit named leads.
		if len(rest) == 0 {
			return Assignment{}, false
		}
		leads, rest = rest[:1], rest[1:]
	}
	for _, n := range leads {
		if g, ok := generic(n); ok {
			n = g
		}
		a.Leads = appendOnce(a.Leads, n)
	}
	for _, n := range rest {
		if _, ok := generic(n); ok {
			continue
		}
		if !slices.Contains(a.Leads, n) {
			a.Partners = appendOnce(a.Partners, n)
		}
	}
	if len(a.Leads) == 0 {
		return Assignment{}, false
	}
	return a, true
}

// roleSuffixes end a group of units and say its role; the longest first.
var roleSuffixes = []struct{ text, role string }{
	{"按照职责分工负责", ""}, {"按职责分工负责", ""}, {"分工负责", ""}, {"按职责负责", ""},
	{"牵头负责", "lead"}, {"牵头", "lead"}, {"配合", "partner"}, {"共同负责", ""}, {"负责", ""},
}

func trimRole(group string) (string, string) {
	for _, s := range roleSuffixes {
		if r, ok := strings.CutSuffix(group, s.text); ok {
			return strings.TrimSpace(r), s.role
		}
	}
	return group, ""
}

// names splits a group at 、 outside brackets, drops 等 and what follows
// it (等有关部门和单位), and joins 各市、县〔市、区〕政府, whose 、 is part of
// one name.
func names(group string) []string {
	var out []string
	for _, n := range split(group, "、") {
		n = strings.TrimSpace(n)
		if i := strings.Index(n, "等"); i > 0 {
			n = n[:i]
		}
		if n == "" {
			continue
		}
		if k := len(out); k > 0 && isLevelHead(out[k-1]) {
			out[k-1] += "、" + n
			continue
		}
		out = append(out, n)
	}
	return out
}

// conventionNote reports a group of a parenthetical that states how the
// units apply (下同, 以下均需地方落实, 不再重复列出, 列第一位者为牵头单位).
func conventionNote(group string) bool {
	for _, w := range []string{"下同", "以下", "不再重复", "不再列出", "列第一位", "为牵头单位"} {
		if strings.Contains(group, w) {
			return true
		}
	}
	return false
}

// SplitUnits reads a cell of units as people type them (省经信厅、省科技厅;
// 各市、县〔市、区〕政府 is one unit): separated by 、，,；; or line breaks
// outside brackets.
func SplitUnits(cell string) []string {
	var out []string
	for _, part := range split(cell, "，,；;\n") {
		out = append(out, names(part)...)
	}
	return out
}

// isLevelHead reports the first level of a 各市、县 list: 各 and one
// character.
func isLevelHead(s string) bool {
	rs := []rune(s)
	return len(rs) == 2 && rs[0] == '各'
}

// split cuts s at any of seps outside brackets.
func split(s, seps string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case strings.ContainsRune("（(〔[【", r):
			depth++
		case strings.ContainsRune("）)〕]】", r):
			depth--
		case depth == 0 && strings.ContainsRune(seps, r):
			out = append(out, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, s[start:])
}

// generic units name no particular body; as a lead the office still
// needs one, so 各有关部门和单位 stays as 各有关部门.
func generic(n string) (string, bool) {
	switch n {
	case "有关部门", "有关单位", "相关部门", "相关单位", "有关部门和单位", "各有关部门和单位", "各有关部门", "各相关部门":
		return strings.TrimSuffix(n, "和单位"), true
	}
	return n, false
}

func appendOnce(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}
