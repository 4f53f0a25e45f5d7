package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
)

// actors finds the parties a sentence names: an actor noun, extended to
// the left over any prefixes written right before it (各级 + 支部书记,
// 部机关 + 各 + 股室); the subject written at the head of a clause or
// after 由/会同 (县委督查室要…, 由区委组织部约谈…); and the parties after
// a pivot verb (支持郑州、洛阳建设…). A name inside a longer name found
// at the same place is not repeated.
func (c *compiled) actors(rs []rune) (names, rules []string) {
	var all []span
	for _, h := range c.nouns.leftmostLongest(rs) {
		start := c.extendPrefixes(rs, h.start)
		// A prefix chain may swallow an earlier noun (部机关 holds 机关):
		// the longer name replaces it.
		for len(all) > 0 && all[len(all)-1].start >= start {
			all = all[:len(all)-1]
		}
		all = append(all, span{start, h.end, c.r.Actors[h.id].Src.String()})
	}
	all = append(all, c.subjects(rs)...)
	for _, p := range c.pivots.all(rs) {
		if c.insideWord(rs, p) || !c.pivotPlace(rs, p.start) {
			continue
		}
		for _, s := range c.pivoted(rs, p.end) {
			s.rule = c.r.Actors[p.id].Src.String()
			all = append(all, s)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	for _, s := range all {
		if slices.ContainsFunc(all, func(o span) bool {
			return o.start <= s.start && o.end >= s.end && o.end-o.start > s.end-s.start
		}) {
			continue // part of a longer name (单位 in 各成员单位)
		}
		name := string(rs[s.start:s.end])
		if !slices.Contains(names, name) {
			names = append(names, name)
			rules = appendOnce(rules, s.rule)
		}
	}
	return names, rules
}

// span is a name found in a sentence, in rune offsets, with the rule that
// found it.
type span struct {
	start, end int
	rule       string
}

// extendPrefixes moves a name's start left over the prefixes written right
// before it (各级, 部机关 + 各).
func (c *compiled) extendPrefixes(rs []rune, start int) int {
	for start > 0 {
		ext := false
		for l := 1; l <= 4 && l <= start; l++ {
			if p, ok := c.prefixes.longestAt(rs, start-l); ok && p.end == start {
				start = p.start
				ext = true
				break
			}
		}
		if !ext {
			return start
		}
	}
	return start
}

// maxPivoted bounds one party named after a pivot verb; a longer run is
// the verb's object, not a party.
const maxPivoted = 10

// pivoted returns the parties written right after a pivot verb (支持郑州、
// 洛阳建设… → 郑州、洛阳): up to 等, the next directive word, or the end
// of the clause, split at 、和与及. Where the run holds a known party
// noun, the party ends with the last such noun and keeps the words
// before it (鼓励中等职业学校联合中小学… → 中等职业学校).
func (c *compiled) pivoted(rs []rune, from int) []span {
	if from >= len(rs) {
		return nil
	}
	if _, ok := c.directives.longestAt(rs, from); ok {
		return nil // a chain of verbs (指导开展…), not a party
	}
	end, lastNoun := from, -1
scan:
	for ; end < len(rs); end++ {
		if isClauseSep(rs[end]) || isEtc(rs, end) {
			break
		}
		if h, ok := c.nouns.longestAt(rs, end); ok {
			// The party ends with the noun unless a list goes on
			// (地方院校与军队院校, 企业特别是大企业).
			lastNoun, end = h.end, h.end-1
			if !startsList(rs, h.end) {
				end = h.end
				break
			}
			continue
		}
		if h, ok := c.directives.longestAt(rs, end); ok {
			switch c.r.Directives[h.id].Kind {
			case dict.Verb, dict.Modal, dict.Aux, dict.Adverb:
				break scan
			}
		}
	}
	if lastNoun > 0 {
		end = lastNoun
	}
	if end == from || end >= len(rs) || isClauseSep(rs[end]) || strings.ContainsRune("、和与及", rs[end-1]) {
		return nil // the party must be followed by what it is to do
	}
	var out []span
	for _, it := range splitList(rs, from, end) {
		// A restrictive 的-modifier and a leading quantifier are not part of
		// the name (有条件的普通高校 → 普通高校, 一批高水平工科学校).
		if i := lastIndex(rs[it.start:it.end], '的'); i >= 0 {
			it.start += i + 1
		}
		for _, q := range quantifiers {
			if hasPrefix(rs[it.start:it.end], q) {
				it.start += len(q)
				break
			}
		}
		it.start = skipCount(rs, it.start, it.end)
		item := string(rs[it.start:it.end])
		n := it.end - it.start
		if h, ok := c.lastNounIn(rs, it.start, it.end); ok && h.start-it.start > maxModifier {
			return nil // 退役军人进入职业院校: a verb phrase before the noun
		}
		if n < 2 || n > maxPivoted || strings.ContainsAny(item, "“”《》到在对向从把将") || rs[it.start] == '为' {
			return nil
		}
		out = append(out, it)
	}
	return out
}

// maxModifier bounds the words kept before a party noun after a pivot
// (中等职业 + 学校, 高水平工科 + 学校).
const maxModifier = 5

// lastNounIn returns the last party noun inside rs[from:end].
func (c *compiled) lastNounIn(rs []rune, from, end int) (hit, bool) {
	var last hit
	ok := false
	for _, h := range c.nouns.leftmostLongest(rs[from:end]) {
		last, ok = hit{h.start + from, h.end + from, h.id}, true
	}
	return last, ok
}

// startsList reports whether a list of parties goes on at rs[i].
func startsList(rs []rune, i int) bool {
	for _, sep := range listSeps {
		if hasPrefix(rs[i:], sep) {
			return true
		}
	}
	return false
}

// isEtc reports whether rs[i] is the 等 that closes a list, not a part
// of 中等, 高等, 同等….
func isEtc(rs []rune, i int) bool {
	return rs[i] == '等' && (i == 0 || !strings.ContainsRune("中高初同平对相均优次上", rs[i-1]))
}

// skipCount skips a count written before a party (5500家企业, 超1万家
// 工业企业, 100所学校): the count is a target, not part of the name.
func skipCount(rs []rune, from, end int) int {
	i := from
	if i < end && strings.ContainsRune("超近约", rs[i]) {
		i++
	}
	d := i
	for i < end && (unicode.IsDigit(rs[i]) || strings.ContainsRune(".万千百亿", rs[i])) {
		i++
	}
	if i == d || i >= end || !strings.ContainsRune("家个所名批位", rs[i]) {
		return from
	}
	return i + 1
}

// quantifiers open a party's name without being part of it.
var quantifiers = runeLists("一大批", "一批", "一些", "更多", "部分")

// listSeps join the items of a list of parties; 特别是/尤其是 single out one.
var listSeps = runeLists("特别是", "尤其是", "、", "和", "与", "及")

// splitList cuts rs[from:end] into the items of a list.
func splitList(rs []rune, from, end int) []span {
	var out []span
	start := from
	for i := from; i < end; {
		matched := false
		for _, sep := range listSeps {
			if s := sep; hasPrefix(rs[i:end], s) {
				if i > start {
					out = append(out, span{start: start, end: i})
				}
				i += len(s)
				start, matched = i, true
				break
			}
		}
		if !matched {
			i++
		}
	}
	if end > start {
		out = append(out, span{start: start, end: end})
	}
	return out
}

func lastIndex(rs []rune, r rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

// pivotPlace reports whether a pivot verb stands where a verb does: at
// the start of a clause or right after an auxiliary, modal or adverb
// (要求各地…, 要支持…, 积极引导…). Elsewhere the word is a noun (组织系统).
func (c *compiled) pivotPlace(rs []rune, at int) bool {
	if at == 0 || isClauseSep(rs[at-1]) {
		return true
	}
	for l := 1; l <= 4 && l <= at; l++ {
		if h, ok := c.directives.longestAt(rs, at-l); ok && h.end == at {
			switch c.r.Directives[h.id].Kind {
			case dict.Aux, dict.Modal, dict.Adverb:
				return true
			}
		}
	}
	return false
}

// insideWord reports whether rs[h.start:h.end] lies inside a longer
// dictionary word or party name (组织 in 组织生活会 or 党组织).
func (c *compiled) insideWord(rs []rune, h hit) bool {
	for s := h.start; s >= 0 && s >= h.start-4; s-- {
		for _, m := range []*matcher{c.words, c.nouns} {
			for _, o := range m.at(rs, s) {
				if o.end >= h.end && o.end-o.start > h.end-h.start {
					return true
				}
			}
		}
	}
	return false
}

// timing finds deadlines, dates, festivals and frequencies, in text order;
// a find overlapping an earlier, longer one (年底 in 今年底) is dropped.
func (c *compiled) timing(rs []rune, text string) (found, rules []string) {
	for _, s := range c.timingSpans(rs, text) {
		t := string(rs[s.start:s.end])
		if !slices.Contains(found, t) {
			found = append(found, t)
			rules = appendOnce(rules, s.rule)
		}
	}
	return found, rules
}

// timingSpans returns the timing finds of rs (text is the same sentence as
// a string), in text order, without overlaps. A regular expression with a
// group finds the group only: the rest is context (世界读书日 but not the
// 日 of 日益).
func (c *compiled) timingSpans(rs []rune, text string) []span {
	var all []span
	for _, h := range c.timingWords.leftmostLongest(rs) {
		all = append(all, span{h.start, h.end, c.r.Timing[h.id].Src.String()})
	}
	for i, t := range c.r.Timing {
		if t.Re == nil || !strings.Contains(text, c.timingNeeds[i]) {
			continue
		}
		var ms [][]int
		if t.Re.NumSubexp() == 0 {
			ms = t.Re.FindAllStringIndex(text, -1)
		} else {
			ms = t.Re.FindAllStringSubmatchIndex(text, -1)
		}
		for _, m := range ms {
			if len(m) >= 4 && m[2] >= 0 {
				m = m[2:4]
			}
			pos := utf8.RuneCountInString(text[:m[0]])
			all = append(all, span{pos, pos + utf8.RuneCountInString(text[m[0]:m[1]]), t.Src.String()})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	var out []span
	reach := -1
	for _, a := range all {
		if a.start < reach {
			continue // overlaps an earlier, longer find
		}
		reach = max(reach, a.end)
		out = append(out, a)
	}
	return out
}
