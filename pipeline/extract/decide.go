package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/segment"
	"github.com/luoshi/luoshi/pipeline/structure"
)

// Evidence is one rule that fired or nearly fired on a sentence.
type Evidence struct {
	Rule    string `json:"rule"`    // dict/FILE:ENTRY or pattern:NAME
	Matched string `json:"matched"` // the text it matched
	Fired   bool   `json:"fired"`   // false: it matched but was overruled
	Effect  string `json:"effect"`  // what it did, in Chinese
}

// decision is the verdict on one sentence; Annotate keeps the verdict,
// Explain reports the evidence. Both come from decide, so an explanation
// can never disagree with the workbook.
type decision struct {
	task       bool
	confidence float64
	action     string
	actionAt   int
	rules      []string
	evidence   []Evidence
}

func (d *decision) note(e Evidence) { d.evidence = append(d.evidence, e) }

// overruled records an exclusion that vetoes the markers found so far:
// they nearly fired.
func (d *decision) overruled(e Evidence) decision {
	for i := range d.evidence {
		d.evidence[i].Fired = false
	}
	d.note(e)
	d.rules = nil
	return *d
}

// clauseSeps end a clause: a directive verb opening any clause makes an
// implicit directive.
func isClauseSep(r rune) bool {
	switch r {
	case '，', '；', '：', ',', ';', ':', '。', '！', '？':
		return true
	}
	return false
}

// decide judges one sentence. deployment is true where implicit
// (verb-initial) directives count: inside a pillar that is not a review,
// or anywhere in a document without pillars.
func decide(c *compiled, text string, rs []rune, toks []doc.Token, norm string, s structure.Sentence, deployment bool) decision {
	var dec decision
	dec.actionAt = -1

	switch {
	case s.Role == structure.PillarHeading || s.Role == structure.PointHeading:
		for _, r := range s.Rules {
			dec.note(Evidence{Rule: r, Matched: text, Fired: true, Effect: "标题，不是任务"})
		}
		return dec
	case s.Role == structure.MetaTalk:
		for _, r := range s.Rules {
			dec.note(Evidence{Rule: r, Matched: text, Fired: true, Effect: "关于讲话本身的话，不是任务"})
		}
		return dec
	}
	// Auxiliaries and modal verbs anywhere in the sentence.
	best := 0.0
	modalAt, modalEnd, modalKind := -1, -1, ""
	for _, h := range c.directives.all(rs) {
		d := c.r.Directives[h.id]
		if d.Kind != dict.Modal && d.Kind != dict.Aux {
			continue
		}
		if x, ok := c.excluded(rs, h, d.Text); ok {
			dec.note(Evidence{Rule: d.Src.String(), Matched: d.Text, Effect: "在「" + x.Context + "」中不算"})
			dec.note(Evidence{Rule: x.Src.String(), Matched: x.Context, Fired: true, Effect: "排除指令词「" + d.Text + "」"})
			continue
		}
		if covered(c, rs, h) {
			continue // part of a longer directive, e.g. 要 inside 需要
		}
		if w, ok := c.partOfWord(rs, toks, h); ok {
			dec.note(Evidence{Rule: "pattern:inside-word", Matched: d.Text, Effect: "是词语「" + w + "」的一部分，不是情态词"})
			continue
		}
		if e, ok := c.epistemicBefore(rs, h.start); ok {
			dec.note(Evidence{Rule: e.Src.String(), Matched: e.Text + d.Text, Fired: true, Effect: "表示推断（“将会”），不是要求"})
			continue
		}
		if w, ok := c.assertion(rs, toks, h); ok {
			dec.note(Evidence{Rule: "pattern:shi-de", Matched: w, Fired: true, Effect: "在“是……的”里，是判断或说明，不是要求"})
			continue
		}
		if w, ok := c.definition(rs, toks, h); ok {
			dec.note(Evidence{Rule: "pattern:definition", Matched: w, Fired: true, Effect: "“某某就是要……”说明某事是什么，不是要求"})
			continue
		}
		if d.Noun && toks != nil && nounUse(toks, h) {
			// 按照…的要求, 希望的田野, 总体要求与目标: the noun names what
			// is asked or hoped, and asks nothing itself.
			dec.note(Evidence{Rule: "pattern:noun-use", Matched: d.Text, Effect: "作名词用（“……的要求”“要求和……”），不是要求"})
			continue
		}
		if d.NeedsAction && toks != nil && !c.actionFollows(rs, toks, h.end) {
			// 华为需要这样的员工, 压力是需要的: with a thing, not an
			// action, after it, it says what is needed, not what is to
			// be done.
			dec.note(Evidence{Rule: "pattern:need-thing", Matched: d.Text, Effect: "后面不是动作（“需要某物”），不是要求"})
			continue
		}
		if quoted(rs, h.start) {
			// 提出了“六个必须”的要求: a modal inside quotation marks is
			// part of a name or a slogan.
			dec.note(Evidence{Rule: "pattern:quoted-modal", Matched: d.Text, Effect: "在引号里，是提法或名称的一部分，不是情态词"})
			continue
		}
		if clause := clauseAfter(rs, h.end); toks != nil && perfectiveWord(toks, h.end, h.end+len(clause)) {
			// 切实加深了…的理解: a modal verb with 了 in its clause tells
			// what was done, not what is to be done.
			dec.note(Evidence{Rule: "pattern:perfective", Matched: d.Text + string(clause), Effect: "分句含“了”，是已完成的事，不算"})
			continue
		}
		dec.note(Evidence{Rule: d.Src.String(), Matched: d.Text, Fired: true, Effect: "情态词，句子是要求"})
		dec.rules = appendOnce(dec.rules, d.Src.String())
		if d.Weight > best {
			best = d.Weight
		}
		if modalAt < 0 {
			modalAt, modalEnd, modalKind = h.start, h.end, d.Kind
		}
	}

	// Directive verbs opening a clause, possibly after a time phrase,
	// adverbs, or a prepositional phrase (按照规定落实…).
	verbAt, verbEnd := -1, -1
	prepAt, prepEnd := -1, -1 // a verb found after a preposition: the weakest guess
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && !isClauseSep(rs[i]) {
			continue
		}
		clause := rs[start:i]
		start = i + 1
		h, d, how, ok := c.clauseVerb(clause, lastWord(toks, start-1-len(clause), start-1))
		if !ok {
			continue
		}
		if how == viaStart && h.end < len(clause) && clause[h.end] == '的' {
			// 出台的政策…: the verb modifies a noun, it directs nobody.
			dec.note(Evidence{Rule: "pattern:attributive", Matched: string(clause[h.start : h.end+1]), Effect: "动作词作定语（“……的”），不算"})
			continue
		}
		if perfective(clause[h.end:]) {
			// 为实施…奠定了基础: a past result, not an instruction.
			dec.note(Evidence{Rule: "pattern:perfective", Matched: string(clause), Effect: "分句含“了”，是已完成的事，不算"})
			continue
		}
		if how == viaStart && (subjectUse(clause[h.end:]) || start < len(rs) && rs[start] == '是') {
			// 加强信息宣传是…的需要: the verb phrase is the subject of a
			// statement, not an instruction.
			dec.note(Evidence{Rule: "pattern:subject-clause", Matched: string(clause), Effect: "动作词短语作主语（“……是……”），不算"})
			continue
		}
		h.start += start - 1 - len(clause)
		h.end += start - 1 - len(clause)
		if x, ok := c.excluded(rs, h, d.Text); ok {
			dec.note(Evidence{Rule: x.Src.String(), Matched: x.Context, Fired: true, Effect: "排除指令词「" + d.Text + "」"})
			continue
		}
		if !deployment {
			dec.note(Evidence{Rule: d.Src.String(), Matched: d.Text, Effect: how + "，但不在部署部分，不算"})
			continue
		}
		dec.note(Evidence{Rule: d.Src.String(), Matched: d.Text, Fired: true, Effect: how + "（部署部分），句子是要求"})
		dec.rules = appendOnce(dec.rules, d.Src.String())
		w := d.Weight
		if how == viaPrep {
			w = c.prepWeight(clause)
		}
		if w > best {
			best = w
		}
		switch {
		case how == viaStart && verbAt < 0:
			verbAt, verbEnd = h.start, h.end
		case how == viaPrep && prepAt < 0:
			prepAt, prepEnd = h.start, h.end
		}
	}

	if best == 0 && deployment && s.Point > 0 && !s.Review && !s.Targets && c.imperativeShape(rs) && c.directiveEvidence(rs, toks) {
		// Under a point of a deployment section nearly every sentence is
		// an instruction, whatever its verb; the dictionary cannot list
		// them all. The shape test keeps statements out.
		dec.note(Evidence{Rule: "pattern:deployment-sentence", Matched: text, Fired: true, Effect: "要点之下的祈使句（无已知指令词，把握较低）"})
		dec.rules = appendOnce(dec.rules, "pattern:deployment-sentence")
		best = fallbackWeight
	}
	if best == 0 {
		return dec
	}
	// Sentence exclusions are checked only for a candidate: most
	// sentences never get this far, which keeps the patterns cheap.
	if x, ok := c.sentences[norm]; ok {
		return dec.overruled(Evidence{Rule: x.Src.String(), Matched: text, Fired: true, Effect: "整句排除，不是任务"})
	}
	for _, x := range c.r.Exclusions {
		if x.Form == dict.ExcludeRegex {
			if m := x.Re.FindString(text); m != "" {
				return dec.overruled(Evidence{Rule: x.Src.String(), Matched: m, Fired: true, Effect: "句式排除，不是任务"})
			}
		}
	}
	if q, at := question(rs); q && (modalAt < 0 || modalAt >= at) && (verbAt < 0 || verbAt >= at) {
		// 为什么一定要…呢？: a question, rhetorical or not, asks; it
		// directs nobody. An instruction before a closing rhetorical
		// clause (…应该勇于…，不也是…吗？) stands.
		return dec.overruled(Evidence{Rule: "pattern:question", Matched: string(rs[at:]), Fired: true, Effect: "问句，不是任务"})
	}
	if maxim(toks) >= 3 {
		// 办好学校，人人尽力，人人享受，人人快乐: a string of
		// four-character clauses is a motto, not a measure (two, as in
		// 强化担当，狠抓落实, may well instruct).
		return dec.overruled(Evidence{Rule: "pattern:maxim", Matched: text, Fired: true, Effect: "四字句排比，是格言口号，不是部署"})
	}
	if w, ok := c.significant(toks); ok {
		// 要提高质量，优化队伍最重要: what the sentence asserts is what
		// matters most; a statement of significance, not an instruction.
		return dec.overruled(Evidence{Rule: "pattern:significance", Matched: w, Fired: true, Effect: "说明什么重要（“……最关键”），不是部署"})
	}
	if who, ok := c.reported(toks); ok {
		// 某某强调，…: the speech reports another's words; the
		// instruction is the other's, recorded, not this speech's.
		return dec.overruled(Evidence{Rule: "pattern:reported-speech", Matched: who, Fired: true, Effect: "转述别人的话，不是本讲话的部署"})
	}
	if s.Appendix {
		// A form's notes (请打√) and a glossary's entries read like
		// instructions but are not the document's own.
		dec.note(Evidence{Rule: "pattern:appendix", Matched: text, Fired: true, Effect: "位于附件部分（表格、名词解释），不是任务"})
		dec.rules = nil
		return dec
	}
	if s.Review {
		dec.note(Evidence{Rule: "pattern:review-section", Matched: text, Fired: true, Effect: "位于工作回顾部分（过去的成绩），不是任务"})
		dec.rules = nil
		return dec
	}
	dec.task = true
	dec.confidence = best
	if s.Point > 0 {
		dec.confidence += 0.05 // under a point, the context is a deployment
	}
	if dec.confidence > 1 {
		dec.confidence = 1
	}
	dec.confidence = float64(int(dec.confidence*100+0.5)) / 100
	switch {
	case verbAt >= 0 && (modalAt < 0 || verbAt <= modalAt):
		dec.action, dec.actionAt = string(rs[verbAt:verbEnd]), verbAt
		if v, ok := c.mannerOf(rs, toks, verbAt, verbEnd); ok {
			dec.action, dec.actionAt = v.Text, v.Start
		}
	case modalAt >= 0:
		dec.action, dec.actionAt = c.actionAfter(rs, toks, modalAt, modalEnd, modalKind)
	case prepAt >= 0:
		dec.action, dec.actionAt = string(rs[prepAt:prepEnd]), prepAt
	}
	return dec
}

// mannerOf returns the verb a clause-opening word of manner (manner=yes:
// 大力, 积极) modifies when a verb follows it: 大力弘扬… is done by 弘扬,
// 大力 says how.
func (c *compiled) mannerOf(rs []rune, toks []doc.Token, at, end int) (doc.Token, bool) {
	h, ok := c.directives.longestAt(rs, at)
	if !ok || h.end != end || !c.r.Directives[h.id].Manner {
		return doc.Token{}, false
	}
	for i, t := range toks {
		if t.Start == at && t.End > end {
			// 大力弘扬 as one word of gse's: its rest is the verb.
			rest := doc.Token{Text: string(rs[end:t.End]), Pos: t.Pos, Start: end, End: t.End}
			if k, ok := c.kinds[rest.Text]; ok && (k == dict.Verb || k == dict.Modal) {
				return rest, true
			}
			return doc.Token{}, false
		}
		if t.Start != end {
			continue
		}
		if i > 0 && toks[i-1].End != end || utf8.RuneCountInString(t.Text) < 2 {
			return doc.Token{}, false // the word goes on past it (全面小康), or one character
		}
		k, known := c.kinds[t.Text]
		_, common := c.verbs.longestAt(rs, t.Start)
		if (known && (k == dict.Verb || k == dict.Modal)) || common || strings.HasPrefix(t.Pos, "v") {
			return t, true
		}
		return doc.Token{}, false
	}
	return doc.Token{}, false
}

// excluded reports a trigger exclusion whose context covers the hit.
func (c *compiled) excluded(rs []rune, h hit, trigger string) (dict.Exclusion, bool) {
	for _, x := range c.contexts[trigger] {
		ctx := []rune(x.Context)
		tr := []rune(trigger)
		for off := 0; off+len(tr) <= len(ctx); off++ {
			if !hasPrefix(ctx[off:], tr) {
				continue
			}
			s := h.start - off
			if s >= 0 && hasPrefix(rs[s:], ctx) {
				return x, true
			}
		}
	}
	return dict.Exclusion{}, false
}

// covered reports whether a shorter directive hit lies inside a longer
// directive hit that starts earlier (要 in 需要): the longer one speaks.
// partOfWord reports whether the directive word at h is only part of a
// longer word of the sentence, and returns that word: the segmentation
// decides, not a list of contexts. The directive may
//   - end the word or stand in its middle (要 in 重要, 应 in 相应, 请 in
//     申请, 持续 in 可持续): it is part of it, unless the rest before it
//     is an adverb, a negation, a conjunction, a pronoun or a numeral (还要,
//     不要, 并请, 我们要, 一要), a modal with its companion that gse's
//     dictionary happens to hold as one word;
//   - begin the word (要 in 要素, 应 in 应用, 请 in 请示, 着力 in 着力点):
//     it is part of it, unless the word is one of the collocations gse's
//     dictionary gathered automatically of the directive and another
//     word (要带头, 要以, 应按), which would swallow the modal, and which
//     no word of dict/ is, or an action word begins right after the
//     directive and runs past the word (要紧 / 扣 for 要 / 紧扣).
//
// A longer directive beginning where h begins (要求 over 要) is left to
// covered. Without tokens (nil) nothing is inside a word.
func (c *compiled) partOfWord(rs []rune, toks []doc.Token, h hit) (string, bool) {
	first, last := -1, -1
	for i, t := range toks {
		if t.End > h.start && t.Start < h.end {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return "", false
	}
	t := toks[first]
	if first != last {
		if t.Start == h.start && toks[last].End == h.end {
			return "", false // whole words: 努力 / 争取
		}
		// The segmentation cuts across the directive (总要 / 求和):
		// another reading of these characters won.
		var b strings.Builder
		for _, u := range toks[first : last+1] {
			b.WriteString(u.Text)
			b.WriteString("/")
		}
		return strings.TrimSuffix(b.String(), "/"), true
	}
	if t.Start == h.start && t.End == h.end {
		return "", false
	}
	trs := []rune(t.Text)
	if t.Start == h.start {
		if segment.Collocation(t.Text) && !c.domainWord(t.Text) && restIsWord(string(trs[h.end-h.start:])) {
			return "", false
		}
		if c.actionAt(rs, h.end, t.End) {
			// 要紧 / 扣 for 要 / 紧扣: an action word begins right after
			// the directive and runs past the word, so the word is a
			// mis-cut and the directive stands.
			return "", false
		}
		return t.Text, true
	}
	before, after := string(trs[:h.start-t.Start]), string(trs[h.end-t.Start:])
	if after == "" && modalCompanion(segment.Tag(before)) {
		return "", false
	}
	return t.Text, true
}

// restIsWord reports whether what follows a directive inside one of gse's
// collocations is a word of its own that is not a noun (带头, 以, 按): a
// modal and its next word, not one word (应用率: 用率 is a noun).
func restIsWord(rest string) bool {
	tag := segment.Tag(rest)
	return tag != "" && !strings.HasPrefix(tag, "n")
}

// actionAt reports whether a directive or a common verb of at least two
// characters begins at rune at and ends past rune end.
func (c *compiled) actionAt(rs []rune, at, end int) bool {
	for _, m := range []*matcher{c.directives, c.verbs} {
		if h, ok := m.longestAt(rs, at); ok && h.end > end && h.end-h.start >= 2 {
			return true
		}
	}
	return false
}

// domainWord reports whether word is one of dict/'s words, directives or
// parties.
func (c *compiled) domainWord(word string) bool {
	if _, ok := c.kinds[word]; ok {
		return true
	}
	rs := []rune(word)
	for _, m := range []*matcher{c.words, c.nouns} {
		if h, ok := m.longestAt(rs, 0); ok && h.end == len(rs) {
			return true
		}
	}
	return false
}

// modalCompanion tells the tags of what may stand before a modal in one
// of gse's words without making it another word: adverbs (d), negations
// and conjunctions (c), pronouns (r), and numerals (m), the enumerators of
// 一要…二要….
func modalCompanion(tag string) bool {
	for _, p := range []string{"d", "c", "r", "m"} {
		if strings.HasPrefix(tag, p) {
			return true
		}
	}
	return false
}

func covered(c *compiled, rs []rune, h hit) bool {
	for s := h.start; s >= 0 && s >= h.start-3; s-- {
		for _, o := range c.directives.at(rs, s) {
			if o.end > h.end || (s < h.start && o.end >= h.end) {
				return true
			}
		}
	}
	return false
}

const (
	viaStart = "分句以动作词开头"
	viaPrep  = "介词短语后的动作词"
)

// clauseVerb finds the directive verb a clause opens with: after leading
// quotes and dashes, time phrases and adverbs; or, when the clause opens
// with a preposition, the first directive verb inside it. Offsets are
// relative to the clause.
func (c *compiled) clauseVerb(cl []rune, last doc.Token) (hit, dict.Directive, string, bool) {
	k := 0
	for k < len(cl) && (unicode.IsSpace(cl[k]) || strings.ContainsRune("“\"—-－", cl[k])) {
		k++
	}
	for k < len(cl) {
		if h, ok := c.timingWords.longestAt(cl, k); ok {
			k = h.end
			continue
		}
		if n := c.partyPrefix(cl[k:]); n > 0 {
			k += n // 国务院教育督导委员会定期听取…: the party, then the action
			continue
		}
		if n := yearPrefix(cl[k:]); n > 0 {
			k += n
			continue
		}
		h, ok := c.directives.longestAt(cl, k)
		if ok && c.r.Directives[h.id].Kind == dict.Adverb {
			k = h.end
			continue
		}
		break
	}
	if k >= len(cl) {
		return hit{}, dict.Directive{}, "", false
	}
	h, ok := c.directives.longestAt(cl, k)
	if !ok {
		return hit{}, dict.Directive{}, "", false
	}
	d := c.r.Directives[h.id]
	switch d.Kind {
	case dict.Verb, dict.Modal:
		return h, d, viaStart, true
	case dict.Prep:
		if frameEnd(last) {
			// 在业务快速发展的过程中, 当教师参评优质课时: a frame of
			// time or place around the clause; its verb is no action.
			return hit{}, dict.Directive{}, "", false
		}
		quoted := 0
		for i := h.end; i < len(cl); i++ {
			switch cl[i] {
			case '《', '“', '「', '『':
				quoted++
			case '》', '”', '」', '』':
				quoted--
			}
			if quoted > 0 {
				continue // a title or slogan names things; it directs nobody
			}
			if v, ok := c.directives.longestAt(cl, i); ok && c.r.Directives[v.id].Kind == dict.Verb {
				return v, c.r.Directives[v.id], viaPrep, true
			}
		}
	}
	return hit{}, dict.Directive{}, "", false
}

// perfective reports a 了 of completion (not 为了、除了、了解).
// epistemicBefore returns the adverb of inference (mood=epistemic) that
// stands before rune at in its clause (迟早要, 最终都要, 可能由于…不能).
func (c *compiled) epistemicBefore(rs []rune, at int) (dict.Directive, bool) {
	start := at
	for start > 0 && !isClauseSep(rs[start-1]) {
		start--
	}
	for s := start; s < at; s++ {
		for _, o := range c.directives.at(rs, s) {
			if d := c.r.Directives[o.id]; o.end <= at && d.Epistemic {
				return d, true
			}
		}
	}
	return dict.Directive{}, false
}

// clauseTokens returns the words of the clause holding rune at: from the
// one after the previous clause separator up to the next.
func clauseTokens(toks []doc.Token, at int) []doc.Token {
	lo, hi := 0, len(toks)
	for i, t := range toks {
		if isClauseSep(firstRune(t.Text)) {
			if t.End <= at {
				lo = i + 1
			} else if t.Start >= at {
				hi = i
				break
			}
		}
	}
	return toks[lo:hi]
}

// assertion reports a modal inside the 是…的 construction of its clause
// (是能够激发积极性的, 这是不能忘记的, 别人拿去是不能直接使用的): the clause
// affirms what is so, it asks nothing.
func (c *compiled) assertion(rs []rune, toks []doc.Token, h hit) (string, bool) {
	cl := clauseTokens(toks, h.start)
	if len(cl) < 3 || cl[len(cl)-1].Text != "的" {
		return "", false
	}
	for _, t := range cl {
		if t.Start >= h.start {
			break
		}
		if t.Text == "是" || strings.HasSuffix(t.Text, "是") && c.stative[t.Text] {
			return string(rs[t.Start:cl[len(cl)-1].End]), true
		}
	}
	return "", false
}

// definition reports a modal right after the copula whose subject is a
// thing, not a party (目的就是要…, 我们的个人主义就是要…): it says what the
// thing is. 我们就是要… (a pronoun, a party) and 关键是要… (grammar.txt's
// focus words) instruct.
func (c *compiled) definition(rs []rune, toks []doc.Token, h hit) (string, bool) {
	for i, t := range toks {
		if t.End != h.start {
			continue
		}
		if t.Text != "是" && t.Text != "就是" && t.Text != "正是" || i == 0 {
			return "", false
		}
		subj := toks[i-1]
		if strings.HasPrefix(subj.Pos, "r") || strings.HasPrefix(subj.Pos, "m") || isClauseSep(firstRune(subj.Text)) {
			// 我们就是要…, 一是坚持…: a pronoun or an enumerator, no thing
			return "", false
		}
		if p, ok := c.nouns.longestAt(rs, subj.Start); ok && p.end >= subj.End {
			return "", false
		}
		if c.partyHeadAt(rs, subj.Start) || c.focus[subj.Text] {
			return "", false // 关键是要…: what matters most, an instruction
		}
		return subj.Text + t.Text + string(rs[h.start:h.end]), true
	}
	return "", false
}

// nounUse reports whether the word at h, a noun too, is used as one:
// after 的 or an adjective (…的要求, 新要求), or before 的, 是, a conjunction, a localizer or the
// end of its clause (要求的, 要求是, 要求和, 要求与, 要求上, 要求，).
func nounUse(toks []doc.Token, h hit) bool {
	for i, t := range toks {
		if t.Start != h.start {
			continue
		}
		if i > 0 && (toks[i-1].Text == "的" || toks[i-1].Pos == "a" || toks[i-1].Pos == "b") {
			return true // 的要求, 新要求, 基本要求: the head of a noun phrase
		}
		j := i
		for j < len(toks) && toks[j].End <= h.end {
			j++
		}
		if j == len(toks) {
			return true
		}
		n := toks[j]
		r, _ := utf8.DecodeRuneInString(n.Text)
		return isClauseSep(r) || r == '。' || r == '”' || r == '：' || n.Text == "的" || n.Text == "是" || n.Text == "与" || n.Text == "和" || n.Text == "及" ||
			strings.HasPrefix(n.Pos, "c") || strings.HasPrefix(n.Pos, "f")
	}
	return false
}

// actionFollows reports whether an action follows rune at, past adverbs:
// a word of directives.txt, or one of actors.txt's common verbs.
func (c *compiled) actionFollows(rs []rune, toks []doc.Token, at int) bool {
	for _, t := range toks {
		if t.End <= at {
			continue
		}
		if t.Start < at {
			return true // at lies inside a word: leave it to the other rules
		}
		if c.kinds[t.Text] == dict.Adverb || strings.HasPrefix(t.Pos, "d") {
			at = t.End
			continue
		}
		if _, ok := c.kinds[t.Text]; ok {
			return true
		}
		if h, ok := c.nouns.longestAt(rs, t.Start); (ok && h.end >= t.End) || t.Pos == "r" {
			// 要求各地加强…, 需要我们共同努力: the party asked comes
			// between the verb of asking and the action.
			at = max(t.End, h.end)
			continue
		}
		if _, ok := c.kinds[t.Text]; ok {
			return true
		}
		if _, ok := c.verbs.longestAt(rs, t.Start); ok {
			return true
		}
		return false
	}
	return false
}

// quoted reports whether rune at lies inside “…” (or 「…」).
func quoted(rs []rune, at int) bool {
	depth := 0
	for _, r := range rs[:at] {
		switch r {
		case '“', '「':
			depth++
		case '”', '」':
			if depth > 0 {
				depth--
			}
		}
	}
	return depth > 0
}

// clauseAfter is the rest of the clause from rune at on.
func clauseAfter(rs []rune, at int) []rune {
	i := at
	for i < len(rs) && !isClauseSep(rs[i]) {
		i++
	}
	return rs[at:i]
}

// perfectiveWord reports the aspect particle 了 as a word of its own among
// the tokens within [from, to): 了解, 为了, 除了 are other words.
func perfectiveWord(toks []doc.Token, from, to int) bool {
	for _, t := range toks {
		if t.Start >= from && t.End <= to && t.Text == "了" {
			return true
		}
	}
	return false
}

// question reports a sentence that ends with a question mark, possibly
// inside closing quotes, and where its last clause, the one asked,
// begins.
func question(rs []rune) (bool, int) {
	for i := len(rs) - 1; i >= 0; i-- {
		switch rs[i] {
		case '”', '’', '」', '』', ' ':
			continue
		case '？', '?':
			at := i
			for at > 0 && !isClauseSep(rs[at-1]) {
				at--
			}
			return true, at
		}
		return false, 0
	}
	return false, 0
}

// firstRune is the first character of s, 0 for an empty s.
func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// reported reports a sentence whose first clause is a party and a verb of
// saying, ended by a comma or colon: the words that follow are someone
// else's. The speaker's own 我强调，我们认为 are his instructions and stay.
func (c *compiled) reported(toks []doc.Token) (string, bool) {
	start := 0 // the current clause's first token
	own := false
	for i, t := range toks {
		switch {
		case c.firstPerson[t.Text]:
			own = true
		case c.habitual[t.Text]:
			// 公司一直强调，…: a standing line the speech restates is
			// its own instruction.
			own = true
		case isClauseSep(firstRune(t.Text)):
			start, own = i+1, false
			continue
		}
		// 1月9日下午，市委召开会议，书记强调，…: any clause that ends in
		// a verb of saying reports what follows.
		if c.reportVerbs[t.Text] && !own && i > start && i+1 < len(toks) {
			if next := firstRune(toks[i+1].Text); next == '，' || next == '：' || next == ':' || next == ',' {
				return toks[start].Text + "…" + t.Text, true
			}
		}
	}
	return "", false
}

func perfective(rest []rune) bool {
	for i, r := range rest {
		if r != '了' {
			continue
		}
		if i > 0 && (rest[i-1] == '为' || rest[i-1] == '除') || i+1 < len(rest) && rest[i+1] == '解' {
			continue
		}
		return true
	}
	return false
}

// subjectUse reports a 是 (not 是否) after a clause's opening verb phrase.
func subjectUse(rest []rune) bool {
	for i, r := range rest {
		if r != '是' || (i+1 < len(rest) && rest[i+1] == '否') {
			continue
		}
		// 特别是、尤其是、还是、但是…: 是 inside a connective.
		if i > 0 && strings.ContainsRune("别其还或但就于凡总正只可而若倒即真不也都", rest[i-1]) {
			continue
		}
		return true
	}
	return false
}

// partyGap bounds the plain words inside a party's name.
const partyGap = 6

// partyPrefix matches parties opening a clause: prefixes and a known
// party noun, joined by 、和与及 (各级政府和有关部门…).
func (c *compiled) partyPrefix(rs []rune) int {
	k, end := 0, 0
	for k < len(rs) {
		if h, ok := c.prefixes.longestAt(rs, k); ok {
			k = h.end
			continue
		}
		h, ok := c.nouns.longestAt(rs, k)
		if !ok {
			break
		}
		k, end = h.end, h.end
		// A party's name may hold plain words between known nouns
		// (国务院 + 教育督导 + 委员会).
		for j := k + 1; j < len(rs) && j <= k+partyGap && unicode.Is(unicode.Han, rs[j-1]); j++ {
			if _, verb := c.directives.longestAt(rs, j-1); verb {
				break
			}
			if h, ok := c.nouns.longestAt(rs, j); ok {
				k, end = h.end, h.end
				j = k
			}
		}
		if k < len(rs) && strings.ContainsRune("、和与及", rs[k]) {
			k++
			continue
		}
		break
	}
	return end
}

// prepWeight is the weight of the preposition opening a clause.
func (c *compiled) prepWeight(cl []rune) float64 {
	for k := range cl {
		if h, ok := c.directives.longestAt(cl, k); ok && c.r.Directives[h.id].Kind == dict.Prep {
			return c.r.Directives[h.id].Weight
		}
	}
	return 0.6
}

// yearPrefix matches a leading date such as 2020年, 到2025年底 or 今年.
func yearPrefix(rs []rune) int {
	i := 0
	if i < len(rs) && (rs[i] == '到' || rs[i] == '至' || rs[i] == '从') {
		i++
	}
	d := i
	for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
		i++
	}
	if i-d != 4 || i >= len(rs) || rs[i] != '年' {
		if len(rs) >= 2 && (string(rs[:2]) == "今年" || string(rs[:2]) == "明年") {
			return 2
		}
		return 0
	}
	i++
	for i < len(rs) && strings.ContainsRune("底前起内", rs[i]) {
		i++
	}
	return i
}

// actionAfter finds the action a modal governs: the directive verb right
// after it (past adverbs and the party told to act); else the first verb
// the segmenter finds after it past adverbs, pronouns and state words; else
// a modal verb itself (坚持…); else the two characters after an auxiliary,
// the usual length of a Chinese verb.
func (c *compiled) actionAfter(rs []rune, toks []doc.Token, at, end int, kind string) (string, int) {
	i := end
	for i < len(rs) {
		if h, ok := c.nouns.longestAt(rs, i); ok {
			i = h.end // 请各单位填写…: the party, then the action
			continue
		}
		if h, ok := c.prefixes.longestAt(rs, i); ok {
			i = wordEnd(toks, h.end) // 各 of 各县: the party is the word
			continue
		}
		h, ok := c.directives.longestAt(rs, i)
		if !ok || !endsWord(toks, h, c.r.Directives[h.id].Kind != dict.Verb) {
			break // 对 in 应对接: the word is 对接, not the preposition
		}
		switch c.r.Directives[h.id].Kind {
		case dict.Adverb:
			i = h.end
			continue
		case dict.Verb, dict.Modal:
			return string(rs[h.start:h.end]), h.start
		case dict.Prep:
			// 要把…摆在首位: the verb hides behind the preposition's
			// object; the modal itself is the honest highlight.
			return string(rs[at:end]), at
		}
		break
	}
	// The segmenter's words say where the verb is: past adverbs, pronouns
	// and state words (要紧紧围绕, 希望大家要认真领会), the first verb.
	if v, ok := c.verbFrom(toks, i); ok && kind == dict.Aux {
		return v.Text, v.Start
	}
	if kind == dict.Modal || i >= len(rs) || !unicode.Is(unicode.Han, rs[i]) {
		return string(rs[at:end]), at
	}
	stop := i + 2
	if stop > len(rs) {
		stop = len(rs)
	}
	for k := i; k < stop; k++ {
		if !unicode.Is(unicode.Han, rs[k]) {
			stop = k
		}
	}
	return string(rs[i:stop]), i
}

// wordEnd returns the end of the word rune at lies inside, at itself when
// it starts a word or there are no tokens.
func wordEnd(toks []doc.Token, at int) int {
	for _, t := range toks {
		if t.Start < at && at < t.End {
			return t.End
		}
	}
	return at
}

// endsWord reports whether h, when it is a function word, ends where a
// word does (true without tokens): a preposition or an adverb may not end
// inside a longer word (对 in 对接), a verb may, its object after it in
// one of gse's words (提高 in 提高素质).
func endsWord(toks []doc.Token, h hit, function bool) bool {
	for _, t := range toks {
		if function && t.Start < h.end && h.end < t.End {
			return false
		}
	}
	return true
}

// adverbial reports the tags of words that modify a verb after them:
// adverbs (d), state words (z: 紧紧), pronouns (r: 我们, the party
// addressed). Adverbial adjectives (ad) are not among them: gse tags verbs
// such as 明确 so.
func adverbial(tag string) bool {
	return strings.HasPrefix(tag, "d") || strings.HasPrefix(tag, "z") || strings.HasPrefix(tag, "r")
}

// verbFrom returns the word that is the action among the tokens from rune
// from on: past the words that only lead up to it (adverbs, further
// modals, the party addressed: 希望大家要认真领会 → 领会), the first word of
// two or more Chinese characters; a word that opens with an adverb of
// gse's (紧紧围绕, 大力弘扬) gives its rest. gse's tags are its
// dictionary's, not the sentence's, so they only tell what to pass by.
func (c *compiled) verbFrom(toks []doc.Token, from int) (doc.Token, bool) {
	for _, t := range toks {
		if t.End <= from {
			continue
		}
		if t.Start < from {
			return doc.Token{}, false // from is inside a word
		}
		rs := []rune(t.Text)
		if len(rs) == 0 || !unicode.Is(unicode.Han, rs[0]) {
			return doc.Token{}, false // punctuation, a number: the clause goes on without a verb
		}
		switch {
		case strings.HasPrefix(t.Pos, "p") || c.isPrep(t.Text) || t.Text == "向":
			// 要向…报告, 要把…摆在首位: the verb is behind the
			// preposition's object.
			return doc.Token{}, false
		case c.leadsUp(t.Text) || adverbial(t.Pos) || strings.HasPrefix(t.Pos, "t"):
			continue // and time words: 每半年走访
		case t.Pos == "i" && c.verbNext(toks, t.End):
			continue // an idiom saying how (坚定不移扩大…)
		}
		if len(rs) < 2 {
			if strings.HasPrefix(t.Pos, "v") && t.Text != "是" {
				return t, true // 要有担当: a verb of one character
			}
			return doc.Token{}, false
		}
		// An adverb or a modal of two characters glued to a verb of two
		// (紧紧围绕, 切实加强).
		if len(rs) == 4 && (adverbial(segment.Tag(string(rs[:2]))) || c.kinds[string(rs[:2])] == dict.Modal || c.kinds[string(rs[:2])] == dict.Adverb) {
			return doc.Token{Text: string(rs[2:]), Pos: t.Pos, Start: t.Start + 2, End: t.End}, true
		}
		return t, true
	}
	return doc.Token{}, false
}

// verbNext reports whether the word starting at rune at is a directive
// verb or modal of directives.txt.
func (c *compiled) verbNext(toks []doc.Token, at int) bool {
	for _, t := range toks {
		if t.Start == at {
			k, ok := c.kinds[t.Text]
			return ok && (k == dict.Verb || k == dict.Modal)
		}
	}
	return false
}

// isPrep reports a preposition of directives.txt.
func (c *compiled) isPrep(w string) bool { return c.kinds[w] == dict.Prep }

// leadsUp reports words that stand between a modal and its action without
// being it: further auxiliaries and modals, adverbs of directives.txt, and
// the words a speaker addresses his audience with.
func (c *compiled) leadsUp(w string) bool {
	if c.addressee[w] || c.direction[w] { // 希望大家要…, 要去理解
		return true
	}
	switch c.kinds[w] {
	case dict.Aux, dict.Adverb:
		return true
	case dict.Verb:
		// A clause-opening "verb" that is an adverb by use (认真, 切实)
		// leads up to the action as well.
		tag := segment.Tag(w)
		return adverbial(tag) || tag == "ad"
	}
	return false
}

func appendOnce(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// objectAfter is the rest of the action's clause: what the action acts on.
func objectAfter(rs []rune, end int) string {
	if end < 0 || end > len(rs) {
		return ""
	}
	i := end
	for i < len(rs) && !isClauseSep(rs[i]) {
		i++
	}
	obj := strings.TrimSpace(string(rs[end:i]))
	if r := []rune(obj); len(r) > 40 {
		obj = string(r[:40])
	}
	return obj
}

// significant reports a sentence that ends in a degree adverb and an
// adjective of significance (同样重要, 最关键, 十分必要), and returns them.
func (c *compiled) significant(toks []doc.Token) (string, bool) {
	n := len(toks)
	for n > 0 && isClauseSep(firstRune(toks[n-1].Text)) {
		n--
	}
	if n == 0 {
		return "", false
	}
	last := toks[n-1].Text
	if n >= 2 && c.degree[toks[n-2].Text] && c.significance[last] {
		return toks[n-2].Text + last, true
	}
	for d := range c.degree {
		// 尤为重要, 至关重要 as one word of gse's.
		if rest, ok := strings.CutPrefix(last, d); ok && c.significance[rest] {
			return last, true
		}
	}
	return "", false
}

// frameEnd reports whether last, the last word of a prepositional
// clause, closes it as a frame of time or place (框式介词): 在…的过程中,
// 在…下, 当…时, 在…之际. The localizer must be a word of its own: 中 in 高中
// closes nothing.
func frameEnd(last doc.Token) bool {
	switch last.Text {
	case "中", "时", "后", "下", "里", "之际", "期间", "之中", "以后", "之后", "过程中", "时候":
		return true
	}
	return false
}

// lastWord returns the last word ending inside runes [from, to) of the
// sentence, the zero Token when there is none.
func lastWord(toks []doc.Token, from, to int) doc.Token {
	var last doc.Token
	for _, t := range toks {
		if t.Start >= from && t.End <= to {
			last = t
		}
	}
	return last
}

// pastDate returns what follows a leading date clause (2019年1月1日至12
// 月31日，…; 2026年起，…): a clause that opens with a digit and holds 年
// or 月.
func pastDate(rs []rune) ([]rune, bool) {
	if len(rs) == 0 || !unicode.IsDigit(rs[0]) {
		return nil, false
	}
	for i, r := range rs {
		if r == '，' || r == ',' {
			head := string(rs[:i])
			if strings.ContainsAny(head, "年月") {
				return rs[i+1:], true
			}
			return nil, false
		}
	}
	return nil, false
}

// directiveEvidence reports whether a sentence without a directive word,
// shaped like an instruction, is not a description after all. It
// describes when its first clause with content predicates with a stative
// verb before any action (三个学年有六个学期, 苹果有极大的生态粘性, 大家都有
// 压力), when its subject is partitive (有的教师感到…), when it opens by
// illustrating or commenting (比如…, 说实话，…), when it ends in a degree
// adverb and an adjective (目标管理同样重要), unless it permits or forbids
// (可以, 不能), and when it is a string of four-character clauses (a maxim:
// 八仙过海，各显神通). The words of each class are grammar.txt's. gse's
// tags are its dictionary's, not the sentence's (反对 d, 布置 n), so they
// only tell stative words and adjectives, never that a word is no verb.
// Without words, the shape alone decides, as before the segmenter.
func (c *compiled) directiveEvidence(rs []rune, toks []doc.Token) bool {
	if toks == nil {
		return true
	}
	var clauses [][]doc.Token
	var cur []doc.Token
	permission := false
	for _, t := range toks {
		if isClauseSep(firstRune(t.Text)) {
			if len(cur) > 0 {
				clauses = append(clauses, cur)
			}
			cur = nil
			continue
		}
		permission = permission || c.permission[t.Text]
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		clauses = append(clauses, cur)
	}
	if len(clauses) == 0 {
		return true
	}
	if maxim(toks) >= 2 {
		return false // 八仙过海，各显神通: with no directive word, two suffice
	}
	// After a short first clause, a topic, one that opens (past adverbs
	// and conjunctions) with a copula or a prediction comments on it:
	// 批量生产，就是拿电路板“印钞票”; 海量复制，不仅能保证质量.
	topic := clauses[0][len(clauses[0])-1].End-clauses[0][0].Start <= topicMax
	for _, cl := range clauses[1:] {
		if !topic {
			break
		}
		i := 0
		for i < len(cl) && (adverbial(cl[i].Pos) || strings.HasPrefix(cl[i].Pos, "c") || c.discourse[cl[i].Text]) && !c.stative[cl[i].Text] && !c.prediction[cl[i].Text] && !c.permission[cl[i].Text] {
			i++
		}
		if i < len(cl) && (c.stative[cl[i].Text] || c.prediction[cl[i].Text]) {
			return false
		}
	}
clauses:
	for _, cl := range clauses {
		i := 0
		for i < len(cl) && (c.discourse[cl[i].Text] || c.illustration[cl[i].Text]) {
			if c.illustration[cl[i].Text] {
				return allows(toks) // 比如可以…: an example of what is allowed
			}
			i++
		}
		if i == len(cl) {
			continue // 第一，: a marker alone
		}
		if (strings.HasPrefix(cl[i].Pos, "p") || c.isPrep(cl[i].Text)) && frameEnd(cl[len(cl)-1]) {
			continue // 在现代社会中，…: a frame, the predicate comes after
		}
		if cl[len(cl)-1].Text == "的" {
			continue // 具有研发经验的，可直接认定…: a 的-phrase names who; the predicate follows
		}
		if c.partitive[cl[i].Text] || i+1 < len(cl) && c.partitive[cl[i].Text+cl[i+1].Text] {
			return false // 有的教师…, cut 有 / 的 or not
		}
		for ; i < len(cl); i++ {
			if c.permission[cl[i].Text] {
				return true // 备课笔记不能只是…, 下午可以进行…
			}
			if c.isPrep(cl[i].Text) && i > 0 {
				i++ // 群众对服务有…: the preposition's object is no predicate
				continue
			}
			if c.stative[cl[i].Text] || c.prediction[cl[i].Text] {
				if c.modifier(rs, cl[i+1:]) {
					continue // 有条件的地区可以…: 有 inside a 的-modifier
				}
				return false
			}
			if c.verbLike(rs, cl[i]) {
				if i > 0 && cl[i-1].Text == "的" {
					continue // 学校中的考核评比: after 的 a verb heads a noun phrase
				}
				if i+1 < len(cl) && cl[i+1].Text == "的" {
					if i+2 == len(cl) || !c.nounRest(cl[i+2:]) {
						continue
					}
					continue clauses // 烧钱的公司，…: a noun phrase; the predicate is in the next clause
				}
				break
			}
		}
		break
	}
	last := clauses[len(clauses)-1]
	if n := len(last); n >= 2 && c.degree[last[n-2].Text] && strings.HasPrefix(last[n-1].Pos, "a") {
		return false
	}
	return true
}

// maxim returns how many clauses of four Chinese characters a sentence
// made of nothing else holds (八仙过海，各显神通，…), 0 when any clause
// is of another length.
func maxim(toks []doc.Token) int {
	n, start := 0, -1
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && !isClauseSep(firstRune(toks[i].Text)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start < 0 {
			continue
		}
		if toks[i-1].End-toks[start].Start != 4 {
			return 0
		}
		n, start = n+1, -1
	}
	return n
}

// allows reports a permission proper, 可以 or 可, in toks: after an
// example (比如…) only a permission still instructs; a 不能 there tells
// what cannot be done.
func allows(toks []doc.Token) bool {
	for _, t := range toks {
		if t.Text == "可以" || t.Text == "可" {
			return true
		}
	}
	return false
}

// topicMax bounds a first clause read as a topic (批量生产，…).
const topicMax = 5

// modifier reports whether toks, the rest of a clause after a stative
// verb, hold a 的 and after it the clause's predicate: the stative verb
// and what follows it up to 的 modify the subject (有条件的地区可以…,
// 具有研发经验的…可直接认定). 大家都有这样那样的压力 has no predicate after
// its 的: there 有 is the predicate.
func (c *compiled) modifier(rs []rune, toks []doc.Token) bool {
	for i, t := range toks {
		if t.Text != "的" {
			continue
		}
		for k, u := range toks[i+1:] {
			if k == 0 {
				continue // the noun the phrase modifies (更高的期待: 期待 heads it)
			}
			if c.permission[u.Text] || c.verbLike(rs, u) && !c.stative[u.Text] {
				return true
			}
		}
		return false
	}
	return false
}

// nounRest reports whether toks, the rest of a clause after a 的, hold no
// verb: the clause is one noun phrase.
func (c *compiled) nounRest(toks []doc.Token) bool {
	for _, t := range toks {
		if strings.HasPrefix(t.Pos, "v") || c.stative[t.Text] {
			return false
		}
	}
	return true
}

// verbLike reports a word that can be an action: a verb of gse's
// dictionary, a directive verb, or a common verb of actors.txt.
func (c *compiled) verbLike(rs []rune, t doc.Token) bool {
	if c.isPrep(t.Text) {
		return false // 对 is v in gse's dictionary; before a noun it is the preposition
	}
	if strings.HasPrefix(t.Pos, "v") {
		return true
	}
	if k, ok := c.kinds[t.Text]; ok && (k == dict.Verb || k == dict.Modal) {
		return true
	}
	h, ok := c.verbs.longestAt(rs, t.Start)
	return ok && h.end == t.End
}

// fallbackWeight is the confidence of a sentence judged by its shape only.
const fallbackWeight = 0.5

// imperativeShape reports a sentence shaped like an instruction: it opens
// with a Chinese word that is no connective or pronoun, has no copula 是
// and no perfective 了, and is no question, exclamation or list lead.
func (c *compiled) imperativeShape(rs []rune) bool {
	if rest, ok := pastDate(rs); ok {
		rs = rest // 2019年1月1日至12月31日，困难企业可组织…: the date, then the measure
	}
	if len(rs) < 6 || !unicode.Is(unicode.Han, rs[0]) {
		return false
	}
	text := string(rs)
	for _, m := range c.addedMeasure {
		// 同时，按照…进行奖励: a connective set off by a comma adds one
		// more measure; the shape is judged on what follows it.
		if rest, ok := strings.CutPrefix(text, m); ok {
			// 同时，宣传工作也是…的折射 goes on describing: after such a
			// connective any 是, even in 也是, marks a statement.
			return !strings.Contains(rest, "是") && c.imperativeShape([]rune(rest))
		}
	}
	for _, p := range c.statementStarts {
		if strings.HasPrefix(text, p) {
			return false
		}
	}
	last := rs[len(rs)-1]
	if strings.ContainsRune("？?！!：:", last) || strings.ContainsAny(text, "@") || strings.Contains(text, "http") {
		return false
	}
	for i := 0; i < len(rs) && i < 8; i++ {
		if rs[i] == '：' || rs[i] == ':' {
			return false // a label line (联系人：…, 例如：…)
		}
	}
	if subjectUse(rs) {
		return false
	}
	for i, r := range rs {
		if r == '了' && (i == 0 || rs[i-1] != '为' && rs[i-1] != '除') {
			return false
		}
	}
	return true
}
