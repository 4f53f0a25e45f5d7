package extract

import "sort"

// matcher finds dictionary phrases in a rune slice. Phrases are grouped by
// their first rune and tried longest first, so a scan is linear in the
// text times the (small) number of phrases sharing a first character.
type matcher struct {
	byFirst map[rune][]phrase
	// first marks the first runes of the Basic Multilingual Plane that
	// start a phrase: most runes of a text start none, and a bit test is
	// far cheaper than a map lookup.
	first [1 << 16 / 64]uint64
}

func (m *matcher) starts(r rune) bool {
	if r < 1<<16 {
		return m.first[r/64]&(1<<(uint(r)%64)) != 0
	}
	_, ok := m.byFirst[r]
	return ok
}

type phrase struct {
	runes []rune
	id    int // index into the caller's rule slice
}

type hit struct {
	start, end int // rune offsets, end exclusive
	id         int
}

func newMatcher(texts []string, ids []int) *matcher {
	m := &matcher{byFirst: map[rune][]phrase{}}
	for i, t := range texts {
		rs := []rune(t)
		if len(rs) == 0 {
			continue
		}
		m.byFirst[rs[0]] = append(m.byFirst[rs[0]], phrase{runes: rs, id: ids[i]})
		if rs[0] < 1<<16 {
			m.first[rs[0]/64] |= 1 << (uint(rs[0]) % 64)
		}
	}
	for _, ps := range m.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].runes) > len(ps[j].runes) })
	}
	return m
}

// at returns the phrases that start at rs[i], longest first.
func (m *matcher) at(rs []rune, i int) []hit {
	if !m.starts(rs[i]) {
		return nil
	}
	var out []hit
	for _, p := range m.byFirst[rs[i]] {
		if hasPrefix(rs[i:], p.runes) {
			out = append(out, hit{i, i + len(p.runes), p.id})
		}
	}
	return out
}

// longestAt returns the longest phrase starting at rs[i].
func (m *matcher) longestAt(rs []rune, i int) (hit, bool) {
	if !m.starts(rs[i]) {
		return hit{}, false
	}
	for _, p := range m.byFirst[rs[i]] {
		if hasPrefix(rs[i:], p.runes) {
			return hit{i, i + len(p.runes), p.id}, true
		}
	}
	return hit{}, false
}

// all returns every occurrence of every phrase, overlapping included.
func (m *matcher) all(rs []rune) []hit {
	var out []hit
	for i := range rs {
		if m.starts(rs[i]) {
			out = append(out, m.at(rs, i)...)
		}
	}
	return out
}

// leftmostLongest returns non-overlapping occurrences, scanning left to
// right and preferring the longest phrase at each position.
func (m *matcher) leftmostLongest(rs []rune) []hit {
	var out []hit
	for i := 0; i < len(rs); {
		if h, ok := m.longestAt(rs, i); ok {
			out = append(out, h)
			i = h.end
			continue
		}
		i++
	}
	return out
}

func hasPrefix(rs, p []rune) bool {
	if len(p) > len(rs) {
		return false
	}
	for i := range p {
		if rs[i] != p[i] {
			return false
		}
	}
	return true
}
