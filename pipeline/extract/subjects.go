package extract

import (
	"strings"
	"unicode"

	"github.com/luoshi/luoshi/dict"
)

// orgSuffixes end the name of a body (县发改局, 县委督查室, 区委组织部,
// 法规（科）处). Alone they are parts of common words (格局, 全部, 教室),
// so they count only at the end of a subject phrase, and a two-character
// name must open with an administrative level (区局, 县委, but not 全部).
const orgSuffixes = "局室部处科委厅院校站会"

// adminLevels open two-character names of bodies (区局, 县委, 镇所).
const adminLevels = "省市县区乡镇村"

// subjectRule names the subject rule among a task's rules.
const subjectRule = "pattern:actor-subject"

// subjects finds the parties written as the subject of a clause (县委督查室
// 要…, 区委组织部每季度…, 全系统各单位要…) or after 由/会同 (由区级领导
// 包联…, 会同县发改局). A subject is a run of Chinese characters from the
// clause start up to the predicate (a modal, adverb, preposition, timing
// word or one of c.subjectEnds) that ends with a party noun, a head word or
// an organization suffix; a restrictive 的-modifier is dropped, lists are
// split at 、 (and at 和与及 where every item is a name). A clause that
// opens with a verb has no written subject.
func (c *compiled) subjects(rs []rune, timed map[int]bool) []span {
	var out []span
	for i := 0; i < len(rs); i++ {
		if i == 0 || isClauseSep(rs[i-1]) {
			s := i
			for _, w := range c.connectives {
				if hasPrefix(rs[s:], w) {
					s += len(w)
					break
				}
			}
			if r, ok := c.roleAt(rs, s); ok {
				out = append(out, r)
			}
			out = append(out, c.subjectAt(rs, s, false, timed)...)
		}
		for _, m := range c.agentMarkers {
			if hasPrefix(rs[i:], m) {
				if _, ok := c.nouns.longestAt(rs, max(i-1, 0)); ok && i > 0 {
					continue // 由 inside a name
				}
				out = append(out, c.subjectAt(rs, i+len(m), true, timed)...)
			}
		}
	}
	return out
}

// subjectAt reads a subject phrase starting at rs[s]. agent marks a party
// after 由/会同, which may be followed right away by its verb and object
// (由区委组织部约谈党组织书记): there the first name of three or more
// characters is taken rather than the longest.
func (c *compiled) subjectAt(rs []rune, s int, agent bool, timed map[int]bool) []span {
	if s < len(rs) && !agent {
		if n := c.bareParty(rs, s); n > 0 {
			return []span{{s, s + n, subjectRule}}
		}
	}
	if s >= len(rs) || c.opensWithVerb(rs, s) {
		return nil // 助力企业…, 上调退休人员…: a verb the rules do not know
	}
	if _, ok := c.nouns.longestAt(rs, s); !ok {
		if _, ok := c.prefixes.longestAt(rs, s); !ok {
			if _, ok := c.directives.longestAt(rs, s); ok {
				return nil // a verb-initial clause, or one opening with a modal
			}
		}
	}
	for _, w := range c.causatives {
		if hasPrefix(rs[s:], w) {
			return nil
		}
	}
	if _, ok := c.pivots.longestAt(rs, s); ok {
		return nil // 带动各级政府…: the pivot rule reads the parties
	}
	// A directive verb before the first name makes the clause verb-initial
	// (适当提高退休人员…), unless the run opens with a level or a known
	// name: bodies are often named by what they do (市发展改革委,
	// 国务院人力资源社会保障行政部门).
	named := strings.ContainsRune(adminLevels, rs[s])
	if _, ok := c.nouns.longestAt(rs, s); ok {
		named = true
	}
	// A subject opening with a distributive prefix (每个村（社区）, 各地区)
	// needs no written predicate right after it.
	distributive := false
	if _, ok := c.prefixes.longestAt(rs, s); ok {
		named, distributive = true, true
	}
	// So does a body named by its level (县级领导, 区直部门): 县级, 区直,
	// 市属 are written only before the name of a body or an office.
	// Its head word needs no predicate right after it (县级领导联系…).
	leveled := s+1 < len(rs) && strings.ContainsRune(adminLevels, rs[s]) && strings.ContainsRune("级直属", rs[s+1])
	if leveled {
		named, distributive = true, true
	}
	from := s
	var heads []int // ends of names, in text order
	lastHead := -1  // end of the last multi-character head
	depth := 0
	inner := -1 // end of a name inside brackets (社区 in 村（社区）)
	i := s
	predicate := false // the run ends where a predicate starts
	modal := false     // …at a modal, auxiliary or adverb
scan:
	for i < len(rs) {
		r := rs[i]
		switch {
		case r == '（' || r == '(':
			depth++
			i++
			continue
		case r == '）' || r == ')':
			depth--
			if depth < 0 {
				break scan
			}
			if len(heads) > 0 && heads[len(heads)-1] == i {
				heads[len(heads)-1] = i + 1 // 党（工）委
			} else if inner == i && depth == 0 {
				heads = append(heads, i+1) // 村（社区）
			}
			i++
			continue
		case r == '的':
			from, heads, lastHead = i+1, nil, -1
			i++
			continue
		case r == '、':
			i++
			continue
		case !unicode.Is(unicode.Han, r):
			break scan
		}
		if timed[i] {
			predicate = true
			break
		}
		if h, ok := c.nouns.longestAt(rs, i); ok {
			if depth == 0 {
				heads = append(heads, h.end)
				lastHead = h.end
			} else {
				inner = h.end
			}
			i = h.end
			continue
		}
		if p, ok := c.prefixes.longestAt(rs, i); ok {
			i = p.end
			continue
		}
		if h, ok := c.directives.longestAt(rs, i); ok && !c.inWord(rs, h, heads) {
			if k := c.r.Directives[h.id].Kind; k != dict.Verb || i == lastHead {
				if k == dict.Verb && relativeClause(rs, h.end) {
					return nil // 企业开展的培训: the name and its verb modify a noun
				}
				predicate = true
				modal = k == dict.Aux || k == dict.Modal || k == dict.Adverb
				break // the predicate starts (县委督查室要…, 联席会议统筹…)
			}
			if len(heads) == 0 && !named && c.headWordAt(rs, i) == 0 {
				return nil
			}
		}
		for _, w := range c.subjectEnds {
			if hasPrefix(rs[i:], w) {
				predicate = true
				break scan
			}
		}
		if hw := c.headWordAt(rs, i); hw > 0 && i > from {
			i += hw
			if depth == 0 && (agent || leveled || c.closed(rs, i, timed)) {
				heads = append(heads, i)
				lastHead = i
			}
			continue
		}
		if strings.ContainsRune(orgSuffixes, r) && depth == 0 && i > from && !c.commonWord(rs, i) &&
			(i-from >= 2 || strings.ContainsRune(adminLevels, rs[from])) && (agent || c.closed(rs, i+1, timed)) {
			heads = append(heads, i+1)
		}
		i++
	}
	runEnd := i
	if len(heads) == 0 {
		if !agent && modal {
			return c.placeList(rs, s, runEnd)
		}
		return nil
	}
	end := heads[len(heads)-1]
	switch {
	case end == runEnd:
	case agent:
		for _, h := range heads {
			// 区委组织 is not a name where 部 follows (区委组织部).
			if h-from >= 3 && (h >= len(rs) || !strings.ContainsRune(orgSuffixes, rs[h])) {
				end = h
				break
			}
		}
	}
	// A clause subject is followed right away by its predicate: a modal,
	// adverb, preposition, timing word or one of c.subjectEnds. A name
	// followed by anything else is the object of a verb the rules do not
	// know (实现乡镇卫生院…全覆盖, 5500家企业“小升规”).
	if !agent && !distributive && (end != runEnd || !predicate) {
		return nil
	}
	if end >= len(rs) || (!agent && isClauseSep(rs[end])) {
		return nil // a bare name is no subject
	}
	// Items of a list: split at 、 always, at 和与及 only where each part
	// ends with a name (机关和企事业单位 stays one name when it does not).
	var out []span
	start, d := from, 0
	for j := from; j <= end; j++ {
		if j < end && (rs[j] == '（' || rs[j] == '(') {
			d++
		} else if j < end && (rs[j] == '）' || rs[j] == ')') {
			d--
		}
		if j == end || (rs[j] == '、' && d == 0) {
			if j-start >= 2 {
				for _, p := range c.splitAnd(rs, start, j, heads) {
					if c.opensWithVerb(rs, p.start) || c.endsWith(c.sectors, rs, p.start, p.end) {
						continue
					}
					p.rule = subjectRule
					out = append(out, p)
				}
			}
			start = j + 1
		}
	}
	return out
}

// roleRule names the rule of a party a clause names by its role.
const roleRule = "pattern:actor-role"

// roleAt reads the party a clause opening at rs[s] names as the one to act
// by its role (作为教师，同事之间要…; 身为领导，…) or as the one it speaks to
// (对所有教育工作者来讲，…): the name between the marker and the comma,
// which must look like a party (作为一项重要工作 is no role).
func (c *compiled) roleAt(rs []rune, s int) (span, bool) {
	from, closing := s, false
	if n := longestPrefix(rs[s:], c.roles); n > 0 {
		from += n
	} else if n := longestPrefix(rs[s:], c.viewpoints); n > 0 {
		from, closing = s+n, true // 对于, not 对 and a name opening with 于
	} else {
		return span{}, false
	}
	end := from
	for end < len(rs) && !isClauseSep(rs[end]) {
		end++
	}
	if end >= len(rs) || (rs[end] != '，' && rs[end] != ',') {
		return span{}, false
	}
	if closing {
		cut := false
		for _, w := range c.viewpointEnds {
			if end-from > len(w) && hasPrefix(rs[end-len(w):], w) {
				end, cut = end-len(w), true
				break
			}
		}
		if !cut {
			return span{}, false // 对符合条件的企业，…: an object, not a party addressed
		}
	}
	if end-from < 2 || end-from > maxRole || !c.partyLike(rs, from, end) {
		return span{}, false
	}
	return span{from, end, roleRule}, true
}

// maxRole bounds the name of a role (所有教育工作者, 市场监管部门).
const maxRole = 12

// bareParty returns the length of a class of people or a body standing as
// the subject at rs[i]: a head word or party head (教师, 工会, 专家, 领导),
// alone or after a short modifier (审计人员, 监督人员), right before a modal
// or an auxiliary, past adverbs and predicate openers (教师必须…, 工会要想
// 办法…, 组织也一定要…, 审计人员原则上要…). Not before an adverb alone: the
// class is then more often described (教师更关键). 0 when there is none.
func (c *compiled) bareParty(rs []rune, i int) int {
	for k := 0; k <= maxBareModifier && i+k < len(rs); k++ {
		if !unicode.Is(unicode.Han, rs[i+k]) {
			return 0
		}
		if k > 0 {
			if _, ok := c.directives.longestAt(rs, i+k-1); ok {
				return 0 // a directive word in the modifier: no name
			}
		}
		if best := longestPrefix(rs[i+k:], c.partyHeads); best > 0 && c.modalAfter(rs, i+k+best) {
			return k + best
		}
	}
	return 0
}

// maxBareModifier bounds the modifier of a bare party (审计 in 审计人员).
const maxBareModifier = 2

// modalAfter reports whether a modal or an auxiliary follows rs[e], past
// at most two adverbs or predicate openers (也一定要, 原则上要).
func (c *compiled) modalAfter(rs []rune, e int) bool {
	for skipped := 0; e < len(rs); skipped++ {
		if h, ok := c.directives.longestAt(rs, e); ok && !c.inWord(rs, h, nil) {
			switch c.r.Directives[h.id].Kind {
			case dict.Aux, dict.Modal:
				return true
			case dict.Adverb:
				if skipped < 2 {
					e = h.end
					continue
				}
			}
			return false
		}
		if w := longestPrefix(rs[e:], c.predicateStarts); w > 0 && skipped < 2 {
			e += w
			continue
		}
		return false
	}
	return false
}

// longestPrefix is the length of the longest of ws rs opens with, 0 when
// none.
func longestPrefix(rs []rune, ws [][]rune) int {
	n := 0
	for _, w := range ws {
		if len(w) > n && hasPrefix(rs, w) {
			n = len(w)
		}
	}
	return n
}

// splitAnd splits rs[from:end] at 和/与/及 when every part ends where a
// name ends.
func (c *compiled) splitAnd(rs []rune, from, end int, heads []int) []span {
	isHead := func(e int) bool {
		for _, h := range heads {
			if h == e {
				return true
			}
		}
		return false
	}
	var parts []span
	start := from
	for j := from; j < end; j++ {
		if strings.ContainsRune("和与及", rs[j]) && isHead(j) {
			parts = append(parts, span{start: start, end: j})
			start = j + 1
		}
	}
	parts = append(parts, span{start: start, end: end})
	for _, p := range parts {
		if p.end-p.start < 2 || !isHead(p.end) {
			return []span{{start: from, end: end}}
		}
	}
	return parts
}

// placeList reads a subject written as a list of short names with no
// party noun, right before a modal or adverb (南阳、信阳、驻马店协同开展…):
// at least two items of two or three characters joined by 、, none a
// directive word, each a known place or a name that looks like a party. Four-character items are set phrases (抢抓机遇、争先创优).
func (c *compiled) placeList(rs []rune, from, end int) []span {
	var out []span
	start := from
	for j := from; j <= end; j++ {
		if j == end || rs[j] == '、' {
			if n := j - start; n < 2 || n > 3 {
				return nil
			}
			for k := start; k < j; k++ {
				if _, ok := c.directives.longestAt(rs, k); ok {
					return nil
				}
			}
			// Only places and bodies make such a list (not 医疗、教育…).
			if !c.partyLike(rs, start, j) {
				return nil
			}
			out = append(out, span{start, j, subjectRule})
			start = j + 1
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// inWord reports whether a directive hit is part of a longer word by a
// trigger exclusion (应 in 应用型本科高校). Right after a name it is the
// predicate all the same (培训评价组织应对接…).
func (c *compiled) inWord(rs []rune, h hit, heads []int) bool {
	if len(heads) > 0 && heads[len(heads)-1] == h.start {
		return false
	}
	return c.notDirective(rs, h)
}

// closed reports whether a name may end before rs[e]: at the end of the
// clause or a list item, or before its predicate. Head words and suffixes
// followed by more of a noun (全区组织系统) are not the end of a name.
func (c *compiled) closed(rs []rune, e int, timed map[int]bool) bool {
	if e >= len(rs) || !unicode.Is(unicode.Han, rs[e]) || strings.ContainsRune("、和与及的", rs[e]) || timed[e] {
		return true
	}
	if _, ok := c.directives.longestAt(rs, e); ok {
		return true
	}
	if _, ok := c.pivots.longestAt(rs, e); ok {
		return true
	}
	for _, w := range c.subjectEnds {
		if hasPrefix(rs[e:], w) {
			return true
		}
	}
	return false
}

// commonWord reports whether the suffix at rs[i] ends one of c.notNames.
func (c *compiled) commonWord(rs []rune, i int) bool {
	for _, r := range c.notNames {
		if i+1 >= len(r) && hasPrefix(rs[i+1-len(r):], r) {
			return true
		}
	}
	return false
}

// headWordAt returns the length of the head word at rs[i], 0 if none.
func (c *compiled) headWordAt(rs []rune, i int) int {
	for _, w := range c.headWords {
		if hasPrefix(rs[i:], w) {
			return len(w)
		}
	}
	return 0
}

// A party noun of the dictionary (企业, 高校, 政府, 干部) is an actor only
// where the sentence makes it act: as the subject of a clause (企业要…,
// 各级党委和政府要…), as the party of a pivot verb (支持民营企业参与…,
// 扶持鼓励企业和社会力量参与…), or as an item of a list of such parties.
// Elsewhere the same word is an object (减轻企业负担, 服务企业), a
// modifier (企业账款, 高校毕业生, 政府信息公开) or part of a compound
// (干部队伍建设), and most of a report's nouns stand there.

// license says what makes a party noun stand where a party acts.
type license int

const (
	licNone         license = iota
	licClause               // clause start, perhaps after modifiers (高等职业学校要…)
	licPivot                // after a pivot verb or agent marker (鼓励有条件的企业…, 会同有关部门)
	licList                 // after a list word following an acting party (各级党委和政府)
	licDistributive         // a name addressed as 各/每个/全体… (请各单位…, 明确部机关各股室调研任务)
	licFrom                 // 从X做起: X goes first
)

// gapStops are words that cannot stand between a pivot verb and its party:
// the party of 支持适合的退役军人进入职业院校 is not 职业院校.
const gapStops = "“”《》到在对向从把将，"

// levelPrefix reports whether the prefix word p names a level (省级,
// 县级): a level is no address (赋予省级政府…自主权), unlike 各级, 每个,
// 全体, 有关.
func levelPrefix(p []rune) bool {
	return len(p) == 2 && strings.ContainsRune(adminLevels, p[0]) && p[1] == '级'
}

// nounActs reports whether the party noun at rs[nounStart:end], whose
// name starts at start after its prefixes, stands where a party acts.
// found holds the parties accepted so far in the sentence, for lists.
func (c *compiled) nounActs(rs []rune, start, nounStart, end int, found []span, timed map[int]bool) bool {
	lic := c.nounLicense(rs, start, nounStart, found)
	return lic != licNone && c.actsAfter(rs, end, lic, timed)
}

// nounLicense finds what, to the left of a party noun, lets it act.
func (c *compiled) nounLicense(rs []rune, start, nounStart int, found []span) license {
	// An item of a list after an acting party (各级党委和政府, 企业和社会
	// 力量): the first item decides.
	for _, w := range c.listWords {
		j := start - len(w)
		if j > 0 && hasPrefix(rs[j:], w) {
			for _, f := range found {
				if f.end == j {
					return licList
				}
			}
			return licNone
		}
	}
	distributive := rs[nounStart] == '各' || rs[nounStart] == '每' // 各地, 各地区
	if start < nounStart {
		if p, ok := c.prefixes.longestAt(rs, start); ok && !levelPrefix(rs[p.start:p.end]) {
			distributive = true
		}
	}
	if distributive {
		// An addressed party acts even after a verb (请各单位…, 督促各级
		// 党组织…), but not as the object of a preposition (在各级政府中).
		if start > 0 {
			if h, ok := c.directives.longestAt(rs, start-1); ok && h.end == start && c.r.Directives[h.id].Kind == dict.Prep {
				return licNone
			}
		}
		return licDistributive
	}
	cs := start
	for cs > 0 && !isClauseSep(rs[cs-1]) {
		cs--
	}
	for _, w := range c.connectives {
		if hasPrefix(rs[cs:start], w) {
			cs += len(w)
			break
		}
	}
	verbs := c.verbsBetween(rs, cs, start)
	if len(verbs) == 0 {
		// A subject's modifiers are short (高等职业, 四川公安); a long run
		// before the noun hides a verb the rules do not know (壮大国家
		// 高新技术企业, 有大批抗风险能力强的企业).
		if c.looseChars(rs, cs, start) > maxClauseModifier {
			return licNone
		}
		return licClause
	}
	last := verbs[len(verbs)-1]
	if last.lic == licFrom {
		return licFrom
	}
	// A chain of verbs joined by a list word (支持和规范社会力量, 引导和
	// 支持企业) lets the party act when one of them is a pivot.
	pivot := false
	for i := len(verbs) - 1; i >= 0; i-- {
		if verbs[i].lic == licPivot {
			pivot = true
			break
		}
		if i == 0 || !joined(rs, verbs[i-1].end, verbs[i].start) {
			break
		}
	}
	if !pivot || !c.modifierGap(rs, last.end, start) {
		return licNone
	}
	// A pivot word apart from the noun and written right after other
	// words, not after an adverb or another verb, is part of a name
	// (国家职业教育指导咨询委员会).
	inRun := last.start > cs && unicode.Is(unicode.Han, rs[last.start-1]) && !strings.ContainsRune("和与及、并", rs[last.start-1])
	chained := len(verbs) > 1 && verbs[len(verbs)-2].end == last.start
	if last.end < start && inRun && !chained && !c.adverbEndsAt(rs, last.start) {
		return licNone
	}
	return licPivot
}

// maxClauseModifier bounds the characters outside known names and
// prefixes written before a clause subject's party noun.
const maxClauseModifier = 6

// looseChars counts the characters of rs[from:to] outside dictionary
// names and prefixes.
func (c *compiled) looseChars(rs []rune, from, to int) int {
	n := 0
	for k := from; k < to; {
		if h, ok := c.nouns.longestAt(rs, k); ok && h.end <= to {
			k = h.end
			continue
		}
		if h, ok := c.prefixes.longestAt(rs, k); ok && h.end <= to {
			k = h.end
			continue
		}
		n++
		k++
	}
	return n
}

// adverbEndsAt reports whether an auxiliary, modal or adverb ends right
// before rs[at] (务必推动, 更好地引导).
func (c *compiled) adverbEndsAt(rs []rune, at int) bool {
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

// joined reports whether rs[from:to] is one list word (和, 与, 、, 并).
func joined(rs []rune, from, to int) bool {
	return to-from == 1 && strings.ContainsRune("和与及、并", rs[from])
}

// verbWord is a verb-like word to the left of a party noun; lic is
// licPivot for a word that introduces a party, licFrom for 从, licNone
// for any other verb, preposition or causative.
type verbWord struct {
	start, end int
	lic        license
}

// verbsBetween returns the verb-like words of rs[from:to], in text order.
// Names, prefixes and words of words.txt are read whole first, so that
// 组织 in 组织部门 is no verb; adverbs only lead to a verb and are skipped.
func (c *compiled) verbsBetween(rs []rune, from, to int) []verbWord {
	var out []verbWord
	k := from
	for k < to {
		if h, ok := c.nouns.longestAt(rs, k); ok && h.end <= to {
			k = h.end
			continue
		}
		if h, ok := c.prefixes.longestAt(rs, k); ok && h.end <= to {
			k = h.end
			continue
		}
		if h, ok := c.pivots.longestAt(rs, k); ok && !c.insideWord(rs, h) {
			out = append(out, verbWord{h.start, h.end, licPivot})
			k = h.end
			continue
		}
		if startsWithAny(rs[k:], c.licensors) {
			for _, w := range c.licensors {
				if hasPrefix(rs[k:], w) {
					out = append(out, verbWord{k, k + len(w), licPivot})
					k += len(w)
					break
				}
			}
			continue
		}
		if rs[k] == '从' {
			out = append(out, verbWord{k, k + 1, licFrom})
			k++
			continue
		}
		if h, ok := c.words.longestAt(rs, k); ok && h.end <= to {
			if strings.HasPrefix(c.r.Words[h.id].Pos, "v") {
				out = append(out, verbWord{h.start, h.end, licNone})
			}
			k = h.end
			continue
		}
		if startsWithAny(rs[k:], c.causatives) {
			out = append(out, verbWord{k, k + 1, licNone})
			k++
			continue
		}
		if h, ok := c.directives.longestAt(rs, k); ok && !covered(c, rs, h) {
			if !c.notDirective(rs, h) {
				if c.r.Directives[h.id].Kind != dict.Adverb {
					out = append(out, verbWord{h.start, h.end, licNone})
				}
				k = h.end
				continue
			}
		}
		if h, ok := c.verbs.longestAt(rs, k); ok {
			out = append(out, verbWord{h.start, h.end, licNone})
			k = h.end
			continue
		}
		k++
	}
	return out
}

// modifierGap reports whether rs[from:to], between a pivot verb and a
// party noun, is a short modifier of the party (有条件的, 在京, 中小微,
// 5500家): the words after the last 的, a quantifier and a count dropped,
// at most maxModifier characters and no preposition or quotation.
func (c *compiled) modifierGap(rs []rune, from, to int) bool {
	for i := to - 1; i >= from; i-- {
		if rs[i] == '的' {
			from = i + 1
			break
		}
	}
	for _, q := range c.quantifiers {
		if hasPrefix(rs[from:to], q) {
			from += len(q)
			break
		}
	}
	from = skipCount(rs, from, to)
	if to-from > maxModifier {
		return false
	}
	// 企业等用人单位: the party of the pivot was 企业, and 等 closed it.
	for i := from; i < to; i++ {
		if isEtc(rs, i) {
			return false
		}
	}
	for _, r := range rs[from:to] {
		if strings.ContainsRune(gapStops, r) {
			return false
		}
	}
	return true
}

// actsAfter reports whether what follows a party noun ending at rs[e]
// lets it act: its predicate (a directive word, a timing word, one of
// c.predicateStarts), or the next item of a list. A noun followed by another
// noun is that noun's modifier (企业账款, 高校毕业生, 干部队伍), one
// followed by 的 is a possessor, and one whose verb is followed by 的 is
// the subject of a modifier (企业提出的诉求).
func (c *compiled) actsAfter(rs []rune, e int, lic license, timed map[int]bool) bool {
	if e < len(rs) && (rs[e] == '（' || rs[e] == '(') {
		// A bracketed note after the name (职业院校（含技工学校）要…).
		d := 0
		for ; e < len(rs); e++ {
			if rs[e] == '（' || rs[e] == '(' {
				d++
			} else if rs[e] == '）' || rs[e] == ')' {
				if d--; d == 0 {
					e++
					break
				}
			}
		}
	}
	if e >= len(rs) || isClauseSep(rs[e]) {
		// A bare name ending its clause is the object of its verb, but
		// the partner of 会同 and an addressed party may stand alone
		// (…会同有关部门，适时…).
		return lic == licPivot || lic == licDistributive
	}
	if lic == licDistributive && (rs[e] == '各' || rs[e] == '每') {
		return true // 各地区各部门要…, 指导各地各校…
	}
	if lic == licFrom {
		return e+1 < len(rs) && unicode.Is(unicode.Han, rs[e]) && rs[e+1] == '起' // 从部领导做起
	}
	if isEtc(rs, e) {
		return true
	}
	for _, w := range c.listWords {
		if hasPrefix(rs[e:], w) {
			// The list is followed by what its items do: a next item that
			// is a modifier makes the list one (各级党委和政府主要领导干部,
			// 总局和各级党委、政府重大决策).
			n := e + len(w)
			if n < len(rs) {
				if p, ok := c.prefixes.longestAt(rs, n); ok {
					n = p.end
				}
				if h, ok := c.nouns.longestAt(rs, n); ok && lic != licFrom {
					return c.actsAfter(rs, h.end, lic, timed)
				}
			}
			return true
		}
	}
	if !unicode.Is(unicode.Han, rs[e]) || rs[e] == '的' {
		return false
	}
	if timed[e] {
		return true
	}
	for _, w := range c.predicateStarts {
		if hasPrefix(rs[e:], w) {
			return !relativeClause(rs, e+len(w))
		}
	}
	if h, ok := c.directives.longestAt(rs, e); ok {
		if !c.notDirective(rs, h) {
			return !relativeClause(rs, h.end)
		}
	}
	if h, ok := c.pivots.longestAt(rs, e); ok {
		return !relativeClause(rs, h.end)
	}
	h, ok := c.verbs.longestAt(rs, e)
	return ok && !relativeClause(rs, h.end)
}

// relativeClause reports whether the verb after a party noun, ending at
// rs[e], is followed by 的: the noun and its verb then modify what comes
// next (企业提出的诉求, 高校招收的学生), and the noun does not act.
func relativeClause(rs []rune, e int) bool {
	return e < len(rs) && rs[e] == '的'
}

// extendAddressed extends a party ending at rs[e] over a second
// distributive name right after it (各地各校借鉴…): the two address one
// party. The second name runs up to its predicate, at most three
// characters after 各.
func (c *compiled) extendAddressed(rs []rune, e int) int {
	if e >= len(rs) || rs[e] != '各' {
		return e
	}
	for k := e + 2; k <= e+4 && k < len(rs); k++ {
		if !unicode.Is(unicode.Han, rs[k-1]) || rs[k-1] == '的' {
			return e
		}
		if _, ok := c.directives.longestAt(rs, k); ok {
			return k
		}
		if startsWithAny(rs[k:], c.predicateStarts) {
			return k
		}
	}
	return e
}
