package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/segment"
)

// actors finds the parties a sentence names: an actor noun, extended to
// the left over any prefixes written right before it (各级 + 支部书记,
// 部机关 + 各 + 股室); the subject written at the head of a clause or
// after 由/会同 (县委督查室要…, 由区委组织部约谈…); and the parties after
// a pivot verb (支持郑州、洛阳建设…). A name inside a longer name found
// at the same place is not repeated.
func (c *compiled) actors(rs []rune) (names, rules []string) {
	var toks []doc.Token
	for _, t := range segment.ForRules(c.r).Cut(string(rs)) {
		toks = append(toks, doc.Token{Text: t.Text, Pos: t.Pos, Start: t.Start, End: t.End})
	}
	return c.over(toks).actorsTimed(rs, c.timingSpans(rs, string(rs)))
}

// actorsTimed is actors given the sentence's timing finds, which a task
// has already computed for its own timing field.
func (c *compiled) actorsTimed(rs []rune, timing []span) (names, rules []string) {
	for _, s := range c.actorSpans(rs, timing) {
		names = append(names, string(rs[s.start:s.end]))
		rules = appendOnce(rules, s.rule)
	}
	return names, rules
}

// actorSpans returns the parties of actors as spans, each with the rule
// that found it, a name listed once. A subject phrase ends where a timing
// find starts (县级领导每月…, 国务院教育督导委员会定期…).
func (c *compiled) actorSpans(rs []rune, timing []span) []span {
	timed := map[int]bool{}
	for _, s := range timing {
		timed[s.start] = true
	}
	structural := c.subjects(rs, timed)
	for _, p := range c.pivots.all(rs) {
		if c.insideWord(rs, p) || !c.pivotPlace(rs, p.start) {
			continue
		}
		for _, s := range c.pivoted(rs, p.end) {
			s.rule = c.r.Actors[p.id].Src.String()
			structural = append(structural, s)
		}
	}
	// Dictionary nouns count where the sentence makes them act; the
	// parties read by structure and the nouns accepted before them let
	// the next item of a list act too.
	var nouns []span
	for _, h := range c.nouns.leftmostLongest(rs) {
		start := c.extendPrefixes(rs, h.start)
		// A prefix chain may swallow an earlier noun (部机关 holds 机关):
		// the longer name replaces it.
		for len(nouns) > 0 && nouns[len(nouns)-1].start >= start {
			nouns = nouns[:len(nouns)-1]
		}
		if !c.nounActs(rs, start, h.start, h.end, append(structural, nouns...), timed) {
			continue
		}
		nouns = append(nouns, span{start, c.extendAddressed(rs, h.end), c.r.Actors[h.id].Src.String()})
	}
	all := append(nouns, structural...)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	var out []span
	var names []string
	for _, s := range all {
		if slices.ContainsFunc(all, func(o span) bool {
			return o.start <= s.start && o.end >= s.end && o.end-o.start > s.end-s.start
		}) {
			continue // part of a longer name (单位 in 各成员单位)
		}
		name := string(rs[s.start:s.end])
		if !slices.Contains(names, name) {
			names = append(names, name)
			out = append(out, s)
		}
	}
	return out
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
	classed := false // the list is closed by 等 and the class of its items
scan:
	for ; end < len(rs); end++ {
		if isClauseSep(rs[end]) {
			break
		}
		if isEtc(rs, end) {
			classed = c.partyClass(rs, end+1)
			break
		}
		if end > from && startsWithAny(rs[end:], c.pivotPreps) {
			break // 支持技术技能人才凭技能提升待遇: the means, not the party
		}
		if h, ok := c.nouns.longestAt(rs, end); ok {
			// The party ends with the noun unless a list goes on
			// (地方院校与军队院校, 企业特别是大企业).
			lastNoun, end = h.end, h.end-1
			if !c.startsList(rs, h.end) {
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
		end = c.extendParty(rs, from, lastNoun)
	}
	if nominalWork(rs, end) {
		return nil // 支持…实验室建设: the building of the party, not its deed
	}
	if end == from || end >= len(rs) || isClauseSep(rs[end]) || strings.ContainsRune("、和与及", rs[end-1]) {
		return nil // the party must be followed by what it is to do
	}
	var out []span
	for _, it := range c.splitList(rs, from, end) {
		// A restrictive 的-modifier and a leading quantifier are not part of
		// the name (有条件的普通高校 → 普通高校, 一批高水平工科学校).
		if i := lastIndex(rs[it.start:it.end], '的'); i >= 0 {
			it.start += i + 1
		}
		for _, q := range c.quantifiers {
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
		// Items named as members of a class of parties (比亚迪、上汽等企业,
		// 郑州、洛阳等地) need no head of their own; other items must look
		// like a party (not 推动医疗、教育… or 支持平台经济健康发展).
		if classed && !c.opensWithVerb(rs, it.start) && !c.endsWith(c.sectors, rs, it.start, it.end) {
			out = append(out, it)
		} else if c.partyLike(rs, it.start, it.end) {
			out = append(out, it)
		}
	}
	return out
}

// maxHeadTail bounds the words between a party noun and the head that
// makes it the modifier of a longer party name (政府工作人员).
const maxHeadTail = 6

// extendParty extends a party noun ending at rs[e] over the words that
// make it part of a longer name of people or a body (企业家, 职业院校学生,
// 政府工作人员, 学校工会, 村党组织书记, 乡镇卫生院): up to a head of
// c.partyHeads, a known noun or a body suffix, with no directive word between.
func (c *compiled) extendParty(rs []rune, from, e int) int {
	best := e
	for k := e + 1; k <= e+maxHeadTail && k <= len(rs); k++ {
		if !unicode.Is(unicode.Han, rs[k-1]) {
			break
		}
		if _, ok := c.directives.longestAt(rs, k-1); ok {
			break
		}
		if _, ok := c.verbs.longestAt(rs, k-1); ok {
			break
		}
		if c.endsWith(c.nouns, rs, e, k) {
			best = k
			continue
		}
		for _, w := range c.partyHeads {
			if k-len(w) >= from && hasPrefix(rs[k-len(w):], w) {
				best = k
				break
			}
		}
		// A body named by what it does (乡镇卫生院, 县疾控站).
		if k-e >= 3 && strings.ContainsRune(bodySuffixes, rs[k-1]) {
			best = k
		}
	}
	return best
}

// bodySuffixes end the name of a body that runs on from a party noun
// (乡镇 + 卫生院): rarer in verb phrases than partySuffixes.
const bodySuffixes = "院所站"

// nominalWork reports whether a party ending at rs[e] is followed by 建设
// as a noun, ending its clause or list item (支持…实验室建设，,
// 推动城市副中心建设、…, 支持…等建设): the party is then what is built.
func nominalWork(rs []rune, e int) bool {
	if e < len(rs) && rs[e] == '等' {
		e++
	}
	w := []rune("建设")
	if !hasPrefix(rs[e:], w) {
		return false
	}
	e += len(w)
	return e >= len(rs) || isClauseSep(rs[e]) || strings.ContainsRune("、和与及等", rs[e])
}

// partyClass reports whether the words after the 等 that closes a list
// name a class of parties (等企业, 等5家企业, 等人民团体, 等地), so that
// the items before it are parties too.
func (c *compiled) partyClass(rs []rune, i int) bool {
	i = skipCount(rs, i, len(rs))
	if i >= len(rs) {
		return false
	}
	if rs[i] == '地' || rs[i] == '市' || rs[i] == '县' {
		return true // 等地, 等市县
	}
	if _, ok := c.nouns.longestAt(rs, i); ok {
		return true
	}
	return c.headWordAt(rs, i) > 0 || c.partyHeadAt(rs, i)
}

// partyHeadAt reports whether one of c.partyHeads starts at rs[i].
func (c *compiled) partyHeadAt(rs []rune, i int) bool {
	for _, w := range c.partyHeads {
		if hasPrefix(rs[i:], w) {
			return true
		}
	}
	return false
}

// startsWithAny reports whether rs opens with one of ws.
func startsWithAny(rs []rune, ws [][]rune) bool {
	for _, w := range ws {
		if hasPrefix(rs, w) {
			return true
		}
	}
	return false
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
func (c *compiled) startsList(rs []rune, i int) bool {
	for _, sep := range c.listSeps {
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

// splitList cuts rs[from:end] into the items of a list.
func (c *compiled) splitList(rs []rune, from, end int) []span {
	var out []span
	start := from
	for i := from; i < end; {
		matched := false
		for _, sep := range c.listSeps {
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
	return timingFinds(rs, c.timingSpans(rs, text))
}

// timingFinds lists the distinct texts of timing spans, with their rules.
func timingFinds(rs []rune, spans []span) (found, rules []string) {
	for _, s := range spans {
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

// placeSuffixes end the names of localities (郑州市, 兰考县, 民族地区).
const placeSuffixes = "省市县区州盟旗镇乡村"

// partySuffixes end the names of bodies after a name of three or more
// characters (省医学科学院, 深交所, 百货店); shorter words ending in them are
// common nouns (剧院, 场所).
const partySuffixes = "局室部处科委厅院校站所店"

// partyLike reports whether rs[from:end], read by a structural rule (a
// pivot party, a clause subject, a list before a modal), names a party:
// it ends in a known noun, a head of people or bodies, an organization or
// place suffix, or it is a known place. Sectors and zones (医疗, 城乡,
// 经开区), names opening with a verb (助力企业) and words cut at a bracket
// are not.
func (c *compiled) partyLike(rs []rune, from, end int) bool {
	if end-from < 2 || c.opensWithVerb(rs, from) || c.endsWith(c.sectors, rs, from, end) {
		return false
	}
	depth := 0
	for _, r := range rs[from:end] {
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	if depth != 0 {
		return false // 各个县（市 cut at the 、 inside its bracket
	}
	if h, ok := c.places.longestAt(rs, from); ok && h.end == end {
		return true
	}
	if c.endsWith(c.nouns, rs, from, end) {
		return true
	}
	for _, w := range c.partyHeads {
		if end-from >= len(w) && hasPrefix(rs[end-len(w):], w) {
			return true
		}
	}
	last := rs[end-1]
	if strings.ContainsRune(placeSuffixes, last) {
		return true
	}
	return end-from >= 3 && strings.ContainsRune(partySuffixes, last) && !c.commonWord(rs, end-1)
}

// opensWithVerb reports whether a verb of the stop list starts at rs[i]:
// a name read up to a predicate does not open with one (上调退休人员,
// 签署区域…).
func (c *compiled) opensWithVerb(rs []rune, i int) bool {
	_, ok := c.verbs.longestAt(rs, i)
	return ok
}

// endsWith reports whether a word of m ends rs[from:end] exactly.
func (c *compiled) endsWith(m *matcher, rs []rune, from, end int) bool {
	for s := from; s < end; s++ {
		for _, h := range m.at(rs, s) {
			if h.end == end {
				return true
			}
		}
	}
	return false
}
