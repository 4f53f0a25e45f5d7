package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
)

// actors finds the parties a sentence names: an actor noun, extended to
// the left over any prefixes written right before it (各级 + 支部书记,
// 部机关 + 各 + 股室). Nouns inside a longer noun are not repeated.
func (c *compiled) actors(rs []rune) (names, rules []string) {
	type span struct {
		start, end int
		rule       string
	}
	var spans []span
	for _, h := range c.nouns.leftmostLongest(rs) {
		start := h.start
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
				break
			}
		}
		// A prefix chain may swallow an earlier noun (部机关 holds 机关):
		// the longer name replaces it.
		for len(spans) > 0 && spans[len(spans)-1].start >= start {
			spans = spans[:len(spans)-1]
		}
		spans = append(spans, span{start, h.end, c.r.Actors[h.id].Src.String()})
	}
	type named struct {
		at         int
		name, rule string
	}
	var all []named
	for _, s := range spans {
		all = append(all, named{s.start, string(rs[s.start:s.end]), s.rule})
	}
	for _, p := range c.pivots.all(rs) {
		if c.insideWord(rs, p) || !c.pivotPlace(rs, p.start) {
			continue
		}
		for _, name := range c.pivoted(rs, p.end) {
			all = append(all, named{p.end, name, c.r.Actors[p.id].Src.String()})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].at < all[j].at })
	for _, n := range all {
		if !slices.Contains(names, n.name) {
			names = append(names, n.name)
			rules = appendOnce(rules, n.rule)
		}
	}
	return names, rules
}

// maxPivoted bounds one party named after a pivot verb; a longer run is
// the verb's object, not a party.
const maxPivoted = 10

// pivoted returns the parties written right after a pivot verb (支持郑州、
// 洛阳建设… → 郑州、洛阳): up to 等, the next directive word, or the end
// of the clause, split at 、和与及.
func (c *compiled) pivoted(rs []rune, from int) []string {
	if from >= len(rs) {
		return nil
	}
	if _, ok := c.directives.longestAt(rs, from); ok {
		return nil // a chain of verbs (指导开展…), not a party
	}
	end := from
scan:
	for ; end < len(rs); end++ {
		if isClauseSep(rs[end]) || rs[end] == '等' {
			break
		}
		if _, ok := c.nouns.longestAt(rs, end); ok {
			return nil // a known party: the noun rule has it
		}
		if h, ok := c.directives.longestAt(rs, end); ok {
			switch c.r.Directives[h.id].Kind {
			case dict.Verb, dict.Modal, dict.Aux, dict.Adverb:
				break scan
			}
		}
	}
	if end == from || end >= len(rs) || isClauseSep(rs[end]) || strings.ContainsRune("、和与及", rs[end-1]) {
		return nil // the party must be followed by what it is to do
	}
	var out []string
	for _, item := range strings.FieldsFunc(string(rs[from:end]), func(r rune) bool { return strings.ContainsRune("、和与及", r) }) {
		n := utf8.RuneCountInString(item)
		if n < 2 || n > maxPivoted || strings.ContainsAny(item, "的“”《》到在对向从为把将") {
			return nil
		}
		out = append(out, item)
	}
	return out
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
	type at struct {
		pos, end int
		text     string
		rule     string
	}
	var all []at
	for _, h := range c.timingWords.leftmostLongest(rs) {
		all = append(all, at{h.start, h.end, string(rs[h.start:h.end]), c.r.Timing[h.id].Src.String()})
	}
	for _, t := range c.r.Timing {
		if t.Re == nil {
			continue
		}
		for _, m := range t.Re.FindAllStringIndex(text, -1) {
			pos := utf8.RuneCountInString(text[:m[0]])
			all = append(all, at{pos, pos + utf8.RuneCountInString(text[m[0]:m[1]]), text[m[0]:m[1]], t.Src.String()})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].pos != all[j].pos {
			return all[i].pos < all[j].pos
		}
		return all[i].end > all[j].end
	})
	reach := -1
	for _, a := range all {
		if a.pos < reach {
			continue // overlaps an earlier, longer find
		}
		reach = max(reach, a.end)
		if !slices.Contains(found, a.text) {
			found = append(found, a.text)
			rules = appendOnce(rules, a.rule)
		}
	}
	return found, rules
}
