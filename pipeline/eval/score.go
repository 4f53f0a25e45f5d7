// Package eval scores an extracted document against a hand-made gold
// annotation exactly as the corpus's GUIDELINE.md (../shared/corpus beside
// the repository, the annotation contract) defines it: normalized string
// matching, one-to-one greedy pairing in document order, borderline items
// neither rewarded nor punished, and precision, recall and F1 for pillars,
// points, tasks and slogans, plus attribution accuracy and attribute recall
// over matched tasks.
//
// Choices the guideline leaves open are made here and documented where
// they apply: how pairing proceeds (pairUp), strings with no content
// (Match), strings under two runes (Dice), figures with nothing to count
// (Counts.Precision, Ratio.Value), and points under a borderline pillar
// (scorePillars).
package eval

import (
	"encoding/json"
	"fmt"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// Counts is the outcome of one one-to-one matching.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
	// SetAside counts predictions paired with a borderline gold item.
	SetAside int `json:"set_aside"`
}

func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.SetAside += o.SetAside
}

// empty means nothing was expected and nothing was predicted: a document
// without slogans whose extraction found none is perfect, not undefined.
func (c Counts) empty() bool { return c.TP+c.FP+c.FN == 0 }

// Precision is TP/(TP+FP); 1 when there is nothing at all, 0 when nothing
// was predicted but something was expected.
func (c Counts) Precision() float64 {
	if c.empty() {
		return 1
	}
	return ratio(c.TP, c.TP+c.FP)
}

// Recall is TP/(TP+FN), with the same convention as Precision.
func (c Counts) Recall() float64 {
	if c.empty() {
		return 1
	}
	return ratio(c.TP, c.TP+c.FN)
}

// F1 is the harmonic mean of Precision and Recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// MarshalJSON adds the derived figures so that JSON readers need not
// recompute them.
func (c Counts) MarshalJSON() ([]byte, error) {
	type plain Counts
	return json.Marshal(struct {
		plain
		P  float64 `json:"p"`
		R  float64 `json:"r"`
		F1 float64 `json:"f1"`
	}{plain(c), c.Precision(), c.Recall(), c.F1()})
}

// Ratio is a share such as "matched tasks with the right pillar".
type Ratio struct {
	Hit   int `json:"hit"`
	Total int `json:"total"`
}

// Value is Hit/Total; ok is false when there was nothing to count.
func (r Ratio) Value() (v float64, ok bool) {
	if r.Total == 0 {
		return 0, false
	}
	return float64(r.Hit) / float64(r.Total), true
}

func (r *Ratio) add(o Ratio) {
	r.Hit += o.Hit
	r.Total += o.Total
}

// MarshalJSON adds "value", null when Total is 0.
func (r Ratio) MarshalJSON() ([]byte, error) {
	type plain Ratio
	var v *float64
	if x, ok := r.Value(); ok {
		v = &x
	}
	return json.Marshal(struct {
		plain
		Value *float64 `json:"value"`
	}{plain(r), v})
}

// HighBand divides confident tasks from doubtful ones: the workbook marks
// the tasks below it for a reviewer's attention.
const HighBand = 0.8

// Report is the score of one document, or of several merged.
type Report struct {
	Document string `json:"document"`
	Pillars  Counts `json:"pillars"`
	Points   Counts `json:"points"`
	Tasks    Counts `json:"tasks"`
	Slogans  Counts `json:"slogans"`
	// Over matched (non-borderline) tasks: the predicted pillar, mapped
	// through the pillar matching, equals the gold one; the points are both
	// absent or match.
	PillarAccuracy Ratio `json:"pillar_accuracy"`
	PointAccuracy  Ratio `json:"point_accuracy"`
	// Over matched tasks: gold actors and timing items found among the
	// predicted ones of the same task.
	ActorRecall  Ratio `json:"actor_recall"`
	TimingRecall Ratio `json:"timing_recall"`
	// HighConfidence and LowConfidence are the predicted tasks with a
	// confidence of at least, and below, HighBand: Hit of Total are right
	// (a borderline match counts in neither). A reviewer sorts by
	// confidence; the high band must be the more precise.
	HighConfidence Ratio `json:"high_confidence_precision"`
	LowConfidence  Ratio `json:"low_confidence_precision"`
	// Findings lists every error, for the rule developer; nil after Merge.
	Findings []Finding `json:"findings,omitempty"`
}

// Finding is one scoring error.
type Finding struct {
	Kind    string `json:"kind"`    // pillar, point, task, slogan
	Problem string `json:"problem"` // missed, spurious, wrong_pillar, wrong_point, actor_missed, timing_missed
	Text    string `json:"text"`
	// Where is the pillar (and point) the item stands under, as the gold
	// says for missed items and as predicted for spurious ones.
	Where string `json:"where,omitempty"`
	// Want and Got contrast gold and prediction for attribution errors.
	Want string `json:"want,omitempty"`
	Got  string `json:"got,omitempty"`
	// Nearest is the most similar item on the other side, which tells a
	// sentence-boundary error from a real miss.
	Nearest    string        `json:"nearest,omitempty"`
	Similarity float64       `json:"similarity,omitempty"`
	Rules      []string      `json:"rules,omitempty"`
	Location   *doc.Location `json:"location,omitempty"`
	// Sentence numbers the sentence in the whole text from 1, as
	// `luoshi explain --sentence` does; for a missed task it is the
	// sentence of the text that the gold task matches. 0 when unknown.
	Sentence int `json:"sentence,omitempty"`
}

// Merge micro-averages reports: counts are summed over documents, then
// P/R/F1 come from the sums; accuracies and recalls are pooled the same
// way, so a long document weighs more than a short one.
func Merge(name string, reports ...*Report) *Report {
	m := &Report{Document: name}
	for _, r := range reports {
		m.Pillars.add(r.Pillars)
		m.Points.add(r.Points)
		m.Tasks.add(r.Tasks)
		m.Slogans.add(r.Slogans)
		m.PillarAccuracy.add(r.PillarAccuracy)
		m.PointAccuracy.add(r.PointAccuracy)
		m.ActorRecall.add(r.ActorRecall)
		m.TimingRecall.add(r.TimingRecall)
		m.HighConfidence.add(r.HighConfidence)
		m.LowConfidence.add(r.LowConfidence)
	}
	return m
}

// pairUp matches predictions to gold items one to one, greedily in
// document order: each prediction, in the order of the text, takes the
// first gold item, in the order of the text, that is still free and
// matches it. Prediction-driven pairing is how a reviewer checks an
// extracted table top to bottom against the annotation, and since both
// lists follow the text, "first free" keeps pairs aligned along it. A
// borderline gold item is paired like any other (so it cannot absorb two
// predictions); the caller sets the pair aside.
func pairUp(pred, gold []text) (predTo, goldTo []int) {
	predTo = make([]int, len(pred))
	goldTo = make([]int, len(gold))
	for j := range goldTo {
		goldTo[j] = -1
	}
	for i, p := range pred {
		predTo[i] = -1
		for j, g := range gold {
			if goldTo[j] < 0 && matches(p, g) {
				predTo[i], goldTo[j] = j, i
				break
			}
		}
	}
	return predTo, goldTo
}

// count turns a pairing into TP/FP/FN. borderline(j) says whether gold
// item j is borderline; unpaired borderline gold items are not missed.
func count(predTo, goldTo []int, borderline func(j int) bool) Counts {
	var c Counts
	for _, j := range predTo {
		switch {
		case j < 0:
			c.FP++
		case borderline(j):
			c.SetAside++
		default:
			c.TP++
		}
	}
	for j, i := range goldTo {
		if i < 0 && !borderline(j) {
			c.FN++
		}
	}
	return c
}

func prepareAll(ss []string) []text {
	out := make([]text, len(ss))
	for i, s := range ss {
		out[i] = prepare(s)
	}
	return out
}

// Score compares one extracted document with its gold annotation.
func Score(pred *doc.Document, gold *Gold) *Report {
	r := &Report{Document: gold.Document}
	if r.Document == "" {
		r.Document = pred.Info.Name
	}
	pillarTo := scorePillars(r, pred, gold)
	scoreTasks(r, pred, gold, pillarTo)
	scoreSlogans(r, pred, gold)
	return r
}

// scorePillars scores pillars, then points within each matched pair of
// pillars, and returns for each predicted pillar its gold pillar (-1 when
// unmatched). A prediction paired with a borderline pillar is set aside,
// but the pair still counts for its points and for task attribution.
func scorePillars(r *Report, pred *doc.Document, gold *Gold) []int {
	pt := make([]string, len(pred.Pillars))
	for i, p := range pred.Pillars {
		pt[i] = p.Title
	}
	gt := make([]string, len(gold.Pillars))
	for j, p := range gold.Pillars {
		gt[j] = p.Title
	}
	predTo, goldTo := pairUp(prepareAll(pt), prepareAll(gt))
	r.Pillars = count(predTo, goldTo, func(j int) bool { return gold.Pillars[j].Borderline })

	for i, j := range predTo {
		p := pred.Pillars[i]
		if j < 0 {
			r.Findings = append(r.Findings, withNearest(Finding{Kind: "pillar", Problem: "spurious", Text: p.Title,
				Rules: p.Rules, Location: loc(p.Location)}, p.Title, gt))
			for _, q := range p.Points {
				r.Points.FP++
				r.Findings = append(r.Findings, Finding{Kind: "point", Problem: "spurious", Text: q.Title,
					Where: predWhere(pred, i+1, nil), Rules: q.Rules, Location: loc(q.Location)})
			}
			continue
		}
		g := gold.Pillars[j]
		qt := make([]string, len(p.Points))
		for k, q := range p.Points {
			qt[k] = q.Title
		}
		gq := make([]string, len(g.Points))
		for k, q := range g.Points {
			gq[k] = q.Title
		}
		qTo, gqTo := pairUp(prepareAll(qt), prepareAll(gq))
		r.Points.add(count(qTo, gqTo, func(k int) bool { return g.Points[k].Borderline }))
		for k, to := range qTo {
			if to < 0 {
				q := p.Points[k]
				r.Findings = append(r.Findings, withNearest(Finding{Kind: "point", Problem: "spurious", Text: q.Title,
					Where: predWhere(pred, i+1, nil), Rules: q.Rules, Location: loc(q.Location)}, q.Title, gq))
			}
		}
		for k, from := range gqTo {
			if from < 0 && !g.Points[k].Borderline {
				r.Findings = append(r.Findings, withNearest(Finding{Kind: "point", Problem: "missed", Text: g.Points[k].Title,
					Where: goldWhere(gold, j+1, nil)}, g.Points[k].Title, qt))
			}
		}
	}
	for j, i := range goldTo {
		if i >= 0 {
			continue
		}
		g := gold.Pillars[j]
		// Under a pillar that may not be one, the points are as doubtful.
		if g.Borderline {
			continue
		}
		r.Findings = append(r.Findings, withNearest(Finding{Kind: "pillar", Problem: "missed", Text: g.Title}, g.Title, pt))
		for _, q := range g.Points {
			if !q.Borderline {
				r.Points.FN++
				r.Findings = append(r.Findings, Finding{Kind: "point", Problem: "missed", Text: q.Title, Where: goldWhere(gold, j+1, nil)})
			}
		}
	}
	return predTo
}

func scoreTasks(r *Report, pred *doc.Document, gold *Gold, pillarTo []int) {
	pt := make([]string, len(pred.Tasks))
	for i, t := range pred.Tasks {
		pt[i] = t.Text
	}
	gt := make([]string, len(gold.Tasks))
	for j, t := range gold.Tasks {
		gt[j] = t.Text
	}
	predTo, goldTo := pairUp(prepareAll(pt), prepareAll(gt))
	r.Tasks = count(predTo, goldTo, func(j int) bool { return gold.Tasks[j].Borderline })
	sents := indexSentences(pred)

	for i, j := range predTo {
		p := pred.Tasks[i]
		band := &r.LowConfidence
		if p.Confidence >= HighBand {
			band = &r.HighConfidence
		}
		if j < 0 || !gold.Tasks[j].Borderline {
			band.Total++
			if j >= 0 {
				band.Hit++
			}
		}
		if j < 0 {
			r.Findings = append(r.Findings, withNearest(Finding{Kind: "task", Problem: "spurious", Text: p.Text,
				Where: predWhere(pred, p.Pillar, p.Point), Rules: p.Rules, Location: loc(p.Location),
				Sentence: sents.number(p.Location)}, p.Text, gt))
			continue
		}
		g := gold.Tasks[j]
		if g.Borderline {
			continue
		}
		mapped := 0
		if p.Pillar != 0 {
			mapped = -1
			if p.Pillar > 0 && p.Pillar <= len(pillarTo) && pillarTo[p.Pillar-1] >= 0 {
				mapped = pillarTo[p.Pillar-1] + 1
			}
		}
		r.PillarAccuracy.Total++
		if mapped == g.Pillar {
			r.PillarAccuracy.Hit++
		} else {
			r.Findings = append(r.Findings, Finding{Kind: "task", Problem: "wrong_pillar", Text: g.Text,
				Want: goldWhere(gold, g.Pillar, nil), Got: predWhere(pred, p.Pillar, nil), Rules: p.Rules, Location: loc(p.Location), Sentence: sents.number(p.Location)})
		}
		r.PointAccuracy.Total++
		if samePoint(p.Point, g.Point) {
			r.PointAccuracy.Hit++
		} else {
			r.Findings = append(r.Findings, Finding{Kind: "task", Problem: "wrong_point", Text: g.Text,
				Want: orNone(g.Point), Got: orNone(p.Point), Rules: p.Rules, Location: loc(p.Location), Sentence: sents.number(p.Location)})
		}
		if miss := recall(&r.ActorRecall, p.Actors, g.Actors); len(miss) > 0 {
			r.Findings = append(r.Findings, Finding{Kind: "task", Problem: "actor_missed", Text: g.Text,
				Want: join(miss), Got: join(p.Actors), Location: loc(p.Location), Sentence: sents.number(p.Location)})
		}
		if miss := recall(&r.TimingRecall, p.Timing, g.Timing); len(miss) > 0 {
			r.Findings = append(r.Findings, Finding{Kind: "task", Problem: "timing_missed", Text: g.Text,
				Want: join(miss), Got: join(p.Timing), Location: loc(p.Location), Sentence: sents.number(p.Location)})
		}
	}
	from := 0
	for j, i := range goldTo {
		g := gold.Tasks[j]
		if i < 0 && !g.Borderline {
			f := withNearest(Finding{Kind: "task", Problem: "missed", Text: g.Text,
				Where: goldWhere(gold, g.Pillar, g.Point)}, g.Text, pt)
			var at int
			f.Location, at = sents.find(g.Text, from)
			if f.Location != nil {
				f.Sentence, from = at+1, at+1
			}
			r.Findings = append(r.Findings, f)
		}
	}
}

func scoreSlogans(r *Report, pred *doc.Document, gold *Gold) {
	ps := make([]string, len(pred.Slogans))
	for i, s := range pred.Slogans {
		ps[i] = s.Text
	}
	gs := make([]string, len(gold.Slogans))
	for j, s := range gold.Slogans {
		gs[j] = s.Text
	}
	predTo, goldTo := pairUp(prepareAll(ps), prepareAll(gs))
	r.Slogans = count(predTo, goldTo, func(j int) bool { return gold.Slogans[j].Borderline })
	for i, j := range predTo {
		if j < 0 {
			s := pred.Slogans[i]
			var l *doc.Location
			if len(s.Locations) > 0 {
				l = loc(s.Locations[0])
			}
			r.Findings = append(r.Findings, Finding{Kind: "slogan", Problem: "spurious", Text: s.Text, Rules: s.Rules, Location: l})
		}
	}
	for j, i := range goldTo {
		if i < 0 && !gold.Slogans[j].Borderline {
			r.Findings = append(r.Findings, Finding{Kind: "slogan", Problem: "missed", Text: gold.Slogans[j].Text})
		}
	}
}

// sentences numbers the sentences of a document's text as
// `luoshi explain` does, so that a finding can say which one to explain.
type sentences struct {
	all      []doc.Sentence
	prepared []*text     // filled on demand: most scores never search
	first    map[int]int // paragraph number → index of its first sentence
}

func indexSentences(d *doc.Document) *sentences {
	s := &sentences{first: map[int]int{}}
	for _, p := range d.Paragraphs {
		s.first[p.Loc.Paragraph] = len(s.all)
		s.all = append(s.all, p.Sentences...)
	}
	s.prepared = make([]*text, len(s.all))
	return s
}

// number returns the 1-based number of the sentence at l, 0 if unknown.
func (s *sentences) number(l doc.Location) int {
	i, ok := s.first[l.Paragraph]
	if !ok || l.Sentence <= 0 {
		return 0
	}
	if i += l.Sentence - 1; i >= len(s.all) {
		return 0
	}
	return i + 1
}

// find returns the first sentence at or after index from that matches t,
// searching from the start again if none does, and its index.
func (s *sentences) find(t string, from int) (*doc.Location, int) {
	want := prepare(t)
	for _, start := range []int{from, 0} {
		for i := start; i < len(s.all); i++ {
			if s.prepared[i] == nil {
				x := prepare(s.all[i].Text)
				s.prepared[i] = &x
			}
			if matches(*s.prepared[i], want) {
				l := s.all[i].Loc
				return &l, i
			}
		}
	}
	return nil, 0
}

// recall pairs gold attribute items with predicted ones (one to one, like
// everything else), adds to rt, and returns the gold items not found.
func recall(rt *Ratio, pred, gold []string) (missed []string) {
	_, goldTo := pairUp(prepareAll(pred), prepareAll(gold))
	for j, i := range goldTo {
		rt.Total++
		if i >= 0 {
			rt.Hit++
		} else {
			missed = append(missed, gold[j])
		}
	}
	return missed
}

func samePoint(p, g *string) bool {
	if p == nil || g == nil {
		return p == nil && g == nil
	}
	return Match(*p, *g)
}

// nearest returns the candidate most similar to s, "" when none resembles
// it enough to help (below that, the listing would only show noise).
func nearest(s string, cands []string) (string, float64) {
	const helpful = 0.3
	t := prepare(s)
	bestS, bestV := "", helpful
	for _, c := range cands {
		if v := similarity(t, prepare(c)); v >= bestV {
			bestS, bestV = c, v
		}
	}
	if bestS == "" {
		return "", 0
	}
	return bestS, bestV
}

// withNearest names the item most like f.Text on the other side.
func withNearest(f Finding, s string, cands []string) Finding {
	f.Nearest, f.Similarity = nearest(s, cands)
	return f
}

func loc(l doc.Location) *doc.Location {
	if l == (doc.Location{}) {
		return nil
	}
	return &l
}

func goldWhere(g *Gold, pillar int, point *string) string {
	if pillar <= 0 || pillar > len(g.Pillars) {
		return "（不在一级部署之下）"
	}
	p := g.Pillars[pillar-1]
	s := p.Number + "、" + p.Title
	if point != nil {
		s += " ／ " + *point
	}
	return s
}

func predWhere(d *doc.Document, pillar int, point *string) string {
	if pillar == 0 {
		return "（不在一级部署之下）"
	}
	if pillar < 0 || pillar > len(d.Pillars) {
		return fmt.Sprintf("（无效的一级部署序号 %d）", pillar)
	}
	p := d.Pillars[pillar-1]
	s := p.Number + "、" + p.Title
	if point != nil {
		s += " ／ " + *point
	}
	return s
}

func orNone(s *string) string {
	if s == nil {
		return "（无要点）"
	}
	return *s
}

func join(ss []string) string {
	if len(ss) == 0 {
		return "（无）"
	}
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += "、"
		}
		out += s
	}
	return out
}
