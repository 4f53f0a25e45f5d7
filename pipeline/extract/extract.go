// Package extract finds the tasks, slogans, actors and timing of a
// document, after structure has found its pillars and points. Every item
// cites the rules that found it; Explain reports, for one sentence, the
// same evidence Annotate decided on.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/assign"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/segment"
	"github.com/luoshi/luoshi/pipeline/structure"
)

// Annotate runs structure and extraction over d with rules r, replacing
// any earlier pillars, tasks and slogans.
func Annotate(d *doc.Document, r *dict.Rules) {
	if !segment.Annotated(d) {
		segment.Annotate(d, r) // callers that skip the segment stage
	}
	c := compile(r)
	d.Pillars, d.Tasks, d.Slogans = nil, nil, nil
	o := structure.Annotate(d, r)
	reportingPillars(d, o, r)
	deploymentEverywhere := len(o.Pillars) == 0

	// Sentences are judged independently, so large documents are judged in
	// parallel; ids and slogan order, which depend on what came before, are
	// assigned afterwards in document order.
	judged := make([]judgement, len(o.Sentences))
	stated := statedAssignments(d, o)
	judge := func(lo, hi int) {
		for k := lo; k < hi; k++ {
			s := o.Sentences[k]
			j := &judged[k]
			sent, ok := prepared(d, s, stated[k])
			if !ok {
				continue // （…负责）: the parenthetical is no task
			}
			rs := []rune(sent.Text)
			j.hits = c.sloganHits(rs)
			j.norm = dict.Normalize(sent.Text)
			dec := decide(c, sent.Text, rs, sent.Tokens, j.norm, s, deploymentEverywhere || (s.Pillar > 0 && !s.Review))
			if dec.task {
				t := c.task(d, o, s, sent, rs, dec, j.hits, "")
				applyStated(&t, stated[k])
				j.task = &t
			}
		}
	}
	segment.Parallel(len(judged), parallelMin, judge)

	hits := map[int][]sloganHit{}
	locs := map[int]doc.Location{}
	var order []int
	occ := map[string]int{}
	d.Tasks = make([]doc.Task, 0, len(o.Sentences)/2)
	for k, j := range judged {
		if len(j.hits) > 0 {
			s := o.Sentences[k]
			hits[k], locs[k] = j.hits, d.Paragraphs[s.Para].Sentences[s.Index].Loc
			order = append(order, k)
		}
		occ[j.norm]++
		if j.task != nil {
			j.task.ID = taskID(j.norm, occ[j.norm])
			d.Tasks = append(d.Tasks, *j.task)
		}
	}
	d.Slogans = collectSlogans(hits, order, locs)
	d.Normalize()
}

// stated is what the assignment stage knows of one sentence: the
// responsibility that covers it, and whether the sentence itself ends
// with the parenthetical (own), which starts at rune at.
type stated struct {
	a   *assign.Assignment
	own bool
	at  int
	// skip is where the sentence's own text starts past a parenthetical
	// that opens it and closes the measure before (0 when none).
	skip int
}

// statedAssignments finds the parentheticals of responsibility and the
// sentences each covers: those of its paragraph from the one after the
// previous parenthetical up to its own (GUIDELINE.md).
func statedAssignments(d *doc.Document, o *structure.Outline) []stated {
	out := make([]stated, len(o.Sentences))
	from := 0
	for k, s := range o.Sentences {
		if k > 0 && o.Sentences[k-1].Para != s.Para && endsParagraph(d.Paragraphs[o.Sentences[k-1].Para].Text) {
			// A paragraph broken mid-sentence (a PDF's hard-wrapped
			// lines) runs on into the next; a finished one ends the scope.
			from = k
		}
		text := d.Paragraphs[s.Para].Sentences[s.Index].Text
		if a, end, ok := assign.Leading(text); ok && end < len([]rune(text)) {
			for i := from; i < k; i++ {
				out[i].a = &a
			}
			out[k].skip = end
			from = k
		}
		a, at, ok := assign.Trailing(text)
		if !ok || at < out[k].skip {
			continue
		}
		out[k] = stated{a: &a, own: true, at: at, skip: out[k].skip}
		for i := from; i < k; i++ {
			out[i].a = &a
		}
		from = k + 1
	}
	return out
}

// applyStated gives t the responsibility stated for its sentence.
func applyStated(t *doc.Task, st stated) {
	if a := st.a; a != nil {
		t.LeadUnits, t.PartnerUnits = a.Leads, a.Partners
		t.AssignmentSource, t.AssignmentBasis = "text", "原文："+a.Raw
		t.Rules = append(t.Rules, "pattern:stated-responsibility")
	}
}

// prepared returns sentence s as extraction reads it: without the
// parenthetical of responsibility it ends with or opens with; ok is false
// when the sentence is nothing but one.
func prepared(d *doc.Document, s structure.Sentence, st stated) (doc.Sentence, bool) {
	sent := d.Paragraphs[s.Para].Sentences[s.Index]
	if st.own && st.at == st.skip {
		return sent, false
	}
	if st.own {
		// …给予补贴（市人社局负责）。: the task is the text before it.
		sent = strip(sent, st.at)
	}
	if st.skip > 0 {
		sent = skipLead(sent, st.skip)
	}
	return sent, true
}

// strip cuts sent at rune at, where its parenthetical of responsibility
// starts, keeping the sentence's closing punctuation and its words.
func strip(sent doc.Sentence, at int) doc.Sentence {
	rs := []rune(sent.Text)
	text := strings.TrimRightFunc(string(rs[:at]), unicode.IsSpace)
	if tail := string(rs[at:]); strings.HasSuffix(tail, "。") && !strings.HasSuffix(text, "。") {
		text += "。"
	}
	out := sent
	out.Text = text
	n := len([]rune(text))
	out.Loc.End = out.Loc.Start + n
	out.Tokens = nil
	for _, t := range sent.Tokens {
		if t.End <= n {
			out.Tokens = append(out.Tokens, t)
		}
	}
	return out
}

// endsParagraph reports whether a paragraph ends as a finished text does:
// with a sentence's end, a closing bracket or quote, or a colon.
func endsParagraph(text string) bool {
	text = strings.TrimSpace(text)
	if text == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune("。！？；：!?;:）)”」", r) || isHeadingLine(text)
}

// headingLine matches a numbered heading (一、 （一） 1. 第一章): a line
// that ends without punctuation and still ends its text.
var headingLine = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|第[一二三四五六七八九十0-9]+[章节条部])`)

// isHeadingLine reports a numbered heading standing alone (short), or a
// line too short to be a wrapped line of body text.
func isHeadingLine(text string) bool {
	n := utf8.RuneCountInString(text)
	return headingLine.MatchString(text) && n <= 30 || n <= 8
}

// skipLead drops the first n runes of sent, a parenthetical that belongs
// to the sentence before: the words and their places shift with it.
func skipLead(sent doc.Sentence, n int) doc.Sentence {
	rs := []rune(sent.Text)
	out := sent
	out.Text = string(rs[n:])
	out.Loc.Start += n
	out.Tokens = nil
	for _, t := range sent.Tokens {
		if t.Start >= n {
			t.Start -= n
			t.End -= n
			out.Tokens = append(out.Tokens, t)
		}
	}
	return out
}

// reportingShare is the share of a pillar's sentences that must report
// (a finished action, 了 or 已) for the pillar to be a review of what was
// done, whatever its heading says.
const reportingShare = 0.4

// reportingPillars marks as review the pillars whose sentences mostly
// report: a speech reviews the year under numbered headings as often as it
// deploys under them (一抓组织领导…十抓服务保障, each telling what was done),
// and structure numbers both alike.
func reportingPillars(d *doc.Document, o *structure.Outline, r *dict.Rules) {
	total := make([]int, len(o.Pillars)+1)
	told := make([]int, len(o.Pillars)+1)
	c := compile(r)
	for _, s := range o.Sentences {
		if s.Pillar == 0 || s.Role != structure.Body {
			continue
		}
		total[s.Pillar]++
		if c.reports(d.Paragraphs[s.Para].Sentences[s.Index].Tokens) {
			told[s.Pillar]++
		}
	}
	review := make([]string, len(o.Pillars)+1) // the rule that makes pillar p a review
	for p := 1; p <= len(o.Pillars); p++ {
		if total[p] >= 2 && float64(told[p]) >= reportingShare*float64(total[p]) {
			review[p] = "pattern:reporting-section"
		}
	}
	// A run of numbered headings (一抓…十抓) introduced by a reviewing
	// lead (回顾四个多月的工作，我们着力“十抓”：) reviews as a whole.
	for _, run := range pillarRuns(o) {
		k := leadBefore(o, run[0])
		if k < 0 {
			continue
		}
		lead := d.Paragraphs[o.Sentences[k].Para].Sentences[o.Sentences[k].Index].Text
		for _, rule := range r.Structure {
			if rule.Kind == dict.Review && rule.Re.MatchString(lead) {
				for _, p := range run {
					review[p] = rule.Src.String()
				}
				// The lead tells what the run reviews; it is no task.
				o.Sentences[k].Review = true
				o.Sentences[k].Rules = append(o.Sentences[k].Rules, rule.Src.String())
				break
			}
		}
	}
	for k := range o.Sentences {
		s := &o.Sentences[k]
		if p := s.Pillar; p > 0 && review[p] != "" && !s.Review {
			s.Review = true
			s.Rules = append(s.Rules, review[p])
		}
	}
}

// pillarRuns groups the pillars into runs, each starting where the
// numbering starts again at one.
func pillarRuns(o *structure.Outline) [][]int {
	var runs [][]int
	for i, p := range o.Pillars {
		if n := p.Number; len(runs) == 0 || n == "一" || n == "1" {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], i+1)
	}
	return runs
}

// leadBefore is the index of the sentence right before pillar p's heading,
// -1 when that is another heading or there is none.
func leadBefore(o *structure.Outline, p int) int {
	for k, s := range o.Sentences {
		if s.Role == structure.PillarHeading && s.Pillar == p {
			if k == 0 || o.Sentences[k-1].Role != structure.Body {
				return -1
			}
			return k - 1
		}
	}
	return -1
}

// reports tells a sentence that tells what was done: the aspect particle
// 了 or the adverbs 已, 已经 as words of their own.
func (c *compiled) reports(toks []doc.Token) bool {
	for _, t := range toks {
		if c.perfective[t.Text] {
			return true
		}
	}
	return false
}

// judgement is what Annotate learns of one sentence on its own.
type judgement struct {
	hits []sloganHit
	norm string    // the normalized text, from which the task id derives
	task *doc.Task // nil when the sentence is no task; ID still unset
}

// parallelMin is the sentence count below which goroutines cost more than
// they save: a speech is judged in about a millisecond.
const parallelMin = 512

func (c *compiled) task(d *doc.Document, o *structure.Outline, s structure.Sentence, sent doc.Sentence, rs []rune, dec decision, sl []sloganHit, id string) doc.Task {
	t := doc.Task{
		ID: id, Text: sent.Text, Pillar: s.Pillar, Action: dec.action, ActionAt: dec.actionAt,
		Confidence: dec.confidence, Location: sent.Loc, Rules: dec.rules,
		OCR: s.Para < len(d.Paragraphs) && d.Paragraphs[s.Para].Style == doc.StyleOCR,
	}
	if s.Pillar > 0 && s.Point > 0 {
		title := d.Pillars[s.Pillar-1].Points[s.Point-1].Title
		t.Point = &title
	}
	if dec.actionAt >= 0 {
		t.Object = objectAfter(rs, dec.actionAt+len([]rune(dec.action)))
	}
	var rules []string
	timing := c.timingSpans(rs, sent.Text)
	t.Actors, rules = c.over(sent.Tokens).actorsTimed(rs, timing)
	t.Rules = append(t.Rules, rules...)
	t.Timing, rules = timingFinds(rs, timing)
	for _, r := range rules {
		t.Rules = appendOnce(t.Rules, r)
	}
	for _, h := range sl {
		dup := false
		for _, x := range t.Slogans {
			dup = dup || x == h.text
		}
		if !dup {
			t.Slogans = append(t.Slogans, h.text)
		}
	}
	return t
}

// taskID derives a task's id from its normalized text and its occurrence
// number among identical sentences, never from its position or the rules:
// editing a dictionary or the text elsewhere keeps every id, so reviews
// recorded against an id survive a re-run.
func taskID(norm string, occurrence int) string {
	sum := sha256.Sum256([]byte(norm + "\x00" + strconv.Itoa(occurrence)))
	return "t" + hex.EncodeToString(sum[:])[:12]
}

// Explanation is everything known about one sentence's verdict.
type Explanation struct {
	Sentence doc.Sentence `json:"-"`
	Text     string       `json:"text"`
	Location doc.Location `json:"location"`
	Pillar   int          `json:"pillar"`
	Point    int          `json:"point"`
	Segments []string     `json:"segments"`
	Tags     []string     `json:"tags"` // the tag of each segment
	Evidence []Evidence   `json:"evidence"`
	Task     *doc.Task    `json:"task"` // nil when the sentence is no task
}

// Explain reports how sentence n (1-based, counting every sentence of the
// document in order, as `luoshi text` shows them) was judged. It does not
// change d, but for cutting its sentences into words if that was not done.
func Explain(d *doc.Document, r *dict.Rules, n int) (*Explanation, error) {
	if !segment.Annotated(d) {
		segment.Annotate(d, r)
	}
	c := compile(r)
	o := structure.Analyze(d, r)
	reportingPillars(d, o, r)
	if n < 1 || n > len(o.Sentences) {
		return nil, fmt.Errorf("句子编号 %d 超出范围（本文档共 %d 句）", n, len(o.Sentences))
	}
	st := statedAssignments(d, o)
	// Rebuild ids exactly as Annotate does: count identical sentences.
	occ := map[string]int{}
	var s structure.Sentence
	var id, norm string
	var sent doc.Sentence
	var ok bool
	for k := 0; k < n; k++ {
		s = o.Sentences[k]
		sent, ok = prepared(d, s, st[k])
		norm = ""
		if ok {
			norm = dict.Normalize(sent.Text)
		}
		occ[norm]++
		id = taskID(norm, occ[norm])
	}
	rs := []rune(sent.Text)
	if !ok {
		e := &Explanation{Sentence: sent, Text: sent.Text, Location: sent.Loc, Pillar: s.Pillar, Point: s.Point}
		for _, t := range sent.Tokens {
			e.Segments = append(e.Segments, t.Text)
			e.Tags = append(e.Tags, t.Pos)
		}
		e.Evidence = []Evidence{{Rule: "pattern:stated-responsibility", Matched: sent.Text, Fired: true,
			Effect: "原文写明的责任单位，归到它前面的措施，不是任务"}}
		return e, nil
	}
	dec := decide(c, sent.Text, rs, sent.Tokens, norm, s, len(o.Pillars) == 0 || (s.Pillar > 0 && !s.Review))
	e := &Explanation{Sentence: sent, Text: sent.Text, Location: sent.Loc, Pillar: s.Pillar, Point: s.Point, Evidence: dec.evidence}
	// The words the decision read, as the segment stage cut them.
	for _, t := range sent.Tokens {
		e.Segments = append(e.Segments, t.Text)
		e.Tags = append(e.Tags, t.Pos)
	}
	sl := c.sloganHits(rs)
	for _, h := range sl {
		e.Evidence = append(e.Evidence, Evidence{Rule: h.rule, Matched: h.text, Fired: true, Effect: "提法"})
	}
	if dec.task {
		dd := *d
		dd.Pillars = o.Pillars
		t := c.task(&dd, o, s, sent, rs, dec, sl, id)
		applyStated(&t, st[n-1])
		e.Task = &t
	}
	return e, nil
}
