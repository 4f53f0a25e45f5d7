package extract

import (
	"slices"
	"sort"
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
	for _, s := range spans {
		name := string(rs[s.start:s.end])
		if !slices.Contains(names, name) {
			names = append(names, name)
			rules = appendOnce(rules, s.rule)
		}
	}
	return names, rules
}

// timing finds deadlines, dates, festivals and frequencies, in text order.
func (c *compiled) timing(rs []rune, text string) (found, rules []string) {
	type at struct {
		pos  int
		text string
		rule string
	}
	var all []at
	for _, h := range c.timingWords.leftmostLongest(rs) {
		all = append(all, at{h.start, string(rs[h.start:h.end]), c.r.Timing[h.id].Src.String()})
	}
	for _, t := range c.r.Timing {
		if t.Re == nil {
			continue
		}
		for _, m := range t.Re.FindAllStringIndex(text, -1) {
			all = append(all, at{len([]rune(text[:m[0]])), text[m[0]:m[1]], t.Src.String()})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].pos < all[j].pos })
	for _, a := range all {
		dup := false
		for _, f := range found {
			dup = dup || f == a.text
		}
		if !dup {
			found = append(found, a.text)
			rules = appendOnce(rules, a.rule)
		}
	}
	return found, rules
}
