// Package structure finds a document's pillars (一级部署) and points (二级
// 要点) as GUIDELINE.md defines them: numbered headings in every style real
// documents use, with levels picked from what the document uses, and
// implicit points (short parallel lead sentences). It also tags the
// sentences extraction must treat specially: headings, meta talk, and the
// review part of a government work report.
package structure

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// Role is what a sentence is to the outline.
type Role int

const (
	Body          Role = iota
	PillarHeading      // the heading of a pillar
	PointHeading       // the heading of a point, explicit or implicit
	MetaTalk           // talk about the speech itself (我提以下四点意见)
)

// Sentence is one sentence of the document with its place in the outline.
type Sentence struct {
	Para, Index int // indexes into Document.Paragraphs and its Sentences
	Pillar      int // 1-based, 0 outside any pillar
	Point       int // 1-based within the pillar, 0 outside any point
	Role        Role
	// Review is true inside a pillar of past results (一、2024年工作回顾):
	// nothing there is a task.
	Review bool
	// Targets is true under a point or pillar of expected targets (目标任务):
	// its sentences describe results, so only explicit directives count.
	Targets bool
	// Appendix is true in the attachments after the body (附件1：… forms,
	// 名词解释): their wording is a form's or a glossary's, not the
	// document's instructions.
	Appendix bool
	// Rules are the rules behind Role and Review, for explanation.
	Rules []string
}

// Outline is the result of Analyze.
type Outline struct {
	Sentences []Sentence // every sentence, in document order
	Pillars   []doc.Pillar
	Title     string
	Number    string // the 发文字号 (国发〔2018〕39号), "" when none
	Announced *int   // the count of pillars the speaker announces
	Warnings  []string
}

// Annotate analyzes d and stores the outline's pillars, title, announced
// count and warnings in it.
func Annotate(d *doc.Document, r *dict.Rules) *Outline {
	o := Analyze(d, r)
	d.Pillars = o.Pillars
	d.Info.Title = o.Title
	d.Info.Number = o.Number
	d.Info.AnnouncedPillars = o.Announced
	d.Warnings = append(d.Warnings, o.Warnings...)
	return o
}

// candidate is a numbered heading before levels are decided.
type candidate struct {
	st    style
	n     int
	num   string
	title string
}

// Analyze computes the outline of d without changing it.
func Analyze(d *doc.Document, r *dict.Rules) *Outline {
	o := &Outline{Title: title(d), Number: number(d)}
	cands := map[[2]int]candidate{}
	count := map[style]int{}
	hasFirst := map[style]bool{}
	for i, p := range d.Paragraphs {
		for j, s := range p.Sentences {
			text := s.Text
			if j == 0 {
				text = p.Text
			}
			st, n, num, rest := marker(text)
			if st == stNone && j == 0 {
				// 信息报送的原则：一是及时报送。 — notices put a short
				// lead-in before an inline enumeration; the lead-in names
				// the list, the numbered items are the headings.
				if k := leadIn(text); k > 0 {
					if st2, n2, num2, rest2 := marker(text[k:]); st2 == stShi || st2 == stDi {
						st, n, num, rest = st2, n2, num2, rest2
					}
				}
			}
			if st == stNone || (j > 0 && st != stShi && st != stDi && st != stSeq) {
				continue
			}
			t := rest
			if j == 0 {
				// The heading is the first sentence: cut rest at its end.
				first := p.Sentences[0].Text
				if k := len(first) - (len(text) - len(rest)); k >= 0 && k <= len(rest) {
					t = rest[:k]
				}
			}
			t = cleanTitle(t)
			if t == "" && st != stCN && st != stParenCN {
				continue
			}
			cands[[2]int{i, j}] = candidate{st: st, n: n, num: num, title: t}
			count[st]++
			if n == 1 {
				hasFirst[st] = true
			}
		}
	}
	// A style counts only when its sequence starts at 1 and has a second
	// item: a lone "2." or a closing "最后，" is text, not a heading.
	for k, c := range cands {
		if !hasFirst[c.st] || count[c.st] < 2 {
			delete(cands, k)
		}
	}

	// 下面，我讲五点意见: headings before the speaker announces his parts
	// are the preamble's inline enumerations (a review's 一是…六是…); when
	// a numbered run from 1 to the announced count follows, that run is
	// the outline and nothing before the announcement heads a part —
	// unless paragraphs before it open with headings of another style,
	// which the announcement then lies within.
	if at, n := announcedAt(d, r); at >= 0 {
		runs := map[style]map[int]bool{}
		for k, c := range cands {
			if k[0] > at && k[1] == 0 {
				if runs[c.st] == nil {
					runs[c.st] = map[int]bool{}
				}
				runs[c.st][c.n] = true
			}
		}
		for st, nums := range runs {
			if !nums[1] || !nums[n] || nums[n+1] {
				continue
			}
			// Headings of another style opening paragraphs before the
			// announcement are the outline the announcement sits in
			// (三、重点工作 … 重点抓好十个方面): then it counts points.
			outer := false
			for k, c := range cands {
				if k[0] < at && k[1] == 0 && c.st != st {
					outer = true
				}
			}
			if !outer {
				// Inline enumerations only: paragraphs opening with a
				// number before the announcement are runs of their own
				// (a review 一抓…十抓 before the deployment 一要…).
				for k := range cands {
					if k[0] <= at && k[1] > 0 {
						delete(cands, k)
					}
				}
			}
			break
		}
	}

	// When the document numbers two levels at paragraph starts (一、 and
	// （一）), inline 一是/第一/首先 are third-level: they belong to their
	// point, and a pillar without points has none.
	paraStyles := map[style]bool{}
	for k, c := range cands {
		if k[1] == 0 {
			paraStyles[c.st] = true
		}
	}
	twoLevels := len(paraStyles) >= 2
	if twoLevels {
		for k, c := range cands {
			if k[1] > 0 && !paraStyles[c.st] {
				delete(cands, k)
			}
		}
	}
	dropNestedRuns(cands)
	appendix := len(d.Paragraphs)
	for i, p := range d.Paragraphs {
		if matchKind(r, dict.Appendix, p.Text) != nil {
			appendix = i
			break
		}
	}
	// A notice that issues a plan (关于印发…方案的通知) carries the plan
	// itself as its attachment: when only the attachment has numbered
	// headings, it is the body.
	if attachedBody(cands, appendix) {
		// The plan's own attachments (附1 指标表…) come after its
		// headings: the next appendix marker past the first heading.
		first := len(d.Paragraphs)
		for k := range cands {
			first = min(first, k[0])
		}
		next := len(d.Paragraphs)
		for i := first + 1; i < len(d.Paragraphs); i++ {
			if matchKind(r, dict.Appendix, d.Paragraphs[i].Text) != nil {
				next = i
				break
			}
		}
		appendix = next
	}
	for k := range cands {
		if k[0] >= appendix {
			delete(cands, k)
		}
	}
	total := 0
	for _, p := range d.Paragraphs {
		total += len(p.Sentences)
	}
	o.Sentences = make([]Sentence, 0, total)
	w := walker{o: o, r: r, cands: cands, lastGlobal: map[style]int{}, appendix: appendix, twoLevels: twoLevels}
	w.bare = bareHeadings(d, cands, appendix)
	// A closing word (同志们，…) ends the outline only after its last
	// heading; mid-speech it is an address, not an ending.
	for k := range cands {
		if k[1] == 0 && k[0] > w.lastHeading {
			w.lastHeading = k[0]
		}
	}
	for i := range w.bare {
		w.lastHeading = max(w.lastHeading, i)
	}
	if len(w.bare) > 0 {
		w.pillarStyle = stBare
	}
	for i, p := range d.Paragraphs {
		for j, s := range p.Sentences {
			w.visit(i, j, s, p)
		}
	}
	w.betweenRuns(d)
	w.implicitPoints(d)
	w.announce(d)
	w.targets()
	return o
}

type walker struct {
	o     *Outline
	r     *dict.Rules
	cands map[[2]int]candidate

	pillarStyle style
	pillar      int // current pillar, 0 when outside
	lastPillarN int
	pointStyle  style
	point       int
	lastPointN  int
	lastGlobal  map[style]int
	review      bool
	appendix    int          // first paragraph of the attachments
	lastHeading int          // last paragraph that opens with a heading
	twoLevels   bool         // the document numbers its points itself
	bare        map[int]bool // paragraphs that are unnumbered pillar headings
}

func (w *walker) visit(i, j int, s doc.Sentence, p doc.Paragraph) {
	out := Sentence{Para: i, Index: j}
	if i >= w.appendix {
		out.Appendix = true
		// Attachments and glossaries (附件、名词解释) follow the speech:
		// they are outside every pillar.
		if i == w.appendix && j == 0 {
			out.Rules = matchKind(w.r, dict.Appendix, p.Text)
		}
		w.o.Sentences = append(w.o.Sentences, out)
		return
	}
	if j == 0 && w.bare[i] {
		w.accept(candidate{st: stBare, n: w.lastPillarN + 1, title: cleanTitle(p.Text)}, s, &out)
		w.o.Sentences = append(w.o.Sentences, out)
		return
	}
	if c, ok := w.cands[[2]int{i, j}]; ok {
		if w.accept(c, s, &out) {
			w.o.Sentences = append(w.o.Sentences, out)
			return
		}
	}
	if j == 0 {
		for _, rule := range w.r.Structure {
			switch {
			case rule.Kind == dict.Closing && i > w.lastHeading && rule.Re.MatchString(p.Text) && w.pillar > 0:
				w.pillar, w.point, w.review = 0, 0, false
			case rule.Kind == dict.EndPoint && rule.Re.MatchString(p.Text):
				w.point = 0
			}
		}
	}
	out.Pillar, out.Point, out.Review = w.pillar, w.point, w.review
	for _, rule := range w.r.Structure {
		if (rule.Kind == dict.Meta || rule.Kind == dict.Announce) && short(s.Text) && rule.Re.MatchString(s.Text) {
			out.Role = MetaTalk
			out.Rules = append(out.Rules, rule.Src.String())
		}
	}
	w.o.Sentences = append(w.o.Sentences, out)
}

// accept decides whether a numbered candidate opens a pillar or a point
// here, and records it.
func (w *walker) accept(c candidate, s doc.Sentence, out *Sentence) bool {
	if w.pillarStyle == stNone {
		w.pillarStyle = c.st
	}
	follows := func(last int) bool {
		return c.n == 1 || c.n == last+1 || (c.st == stSeq && c.n == seqLast && last >= 1)
	}
	switch {
	case c.st == w.pillarStyle:
		if !follows(w.lastPillarN) {
			return false
		}
		w.lastPillarN = c.n
		if c.st == stBare {
			c.num = ""
		}
		w.o.Pillars = append(w.o.Pillars, doc.Pillar{Number: c.num, Title: c.title, Location: s.Loc, Rules: []string{styleName[c.st]}})
		w.pillar, w.point, w.pointStyle, w.lastPointN = len(w.o.Pillars), 0, stNone, 0
		w.review = false
		for _, rule := range w.r.Structure {
			if rule.Kind == dict.Review && rule.Re.MatchString(c.title) {
				w.review = true
				out.Rules = append(out.Rules, rule.Src.String())
			}
		}
		out.Pillar, out.Role, out.Review = w.pillar, PillarHeading, w.review
		out.Rules = append([]string{styleName[c.st]}, out.Rules...)
		return true
	case w.pillar > 0:
		if w.pointStyle == stNone {
			if c.n != 1 && c.n != w.lastGlobal[c.st]+1 {
				return false
			}
			w.pointStyle = c.st
		}
		if c.st != w.pointStyle || !(follows(w.lastPointN) || c.n == w.lastGlobal[c.st]+1) {
			return false // a deeper level: it belongs to its point
		}
		w.lastPointN, w.lastGlobal[c.st] = c.n, c.n
		pl := &w.o.Pillars[w.pillar-1]
		pl.Points = append(pl.Points, doc.Point{Title: c.title, Location: s.Loc, Rules: []string{styleName[c.st]}})
		w.point = len(pl.Points)
		out.Pillar, out.Point, out.Role, out.Review = w.pillar, w.point, PointHeading, w.review
		out.Rules = []string{styleName[c.st]}
		return true
	}
	return false
}

// leadInMax bounds the lead-in of an inline enumeration (信息报送的原则：):
// a name of the list, not a sentence of its own.
const leadInMax = 12

// leadIn returns the byte length of a short lead-in ending in a colon at
// the start of s (主要任务：), or 0. The lead-in is Han text without other
// punctuation, so a sentence that merely contains a colon does not qualify.
func leadIn(s string) int {
	n := 0
	for i, r := range s {
		switch {
		case r == '：' || r == ':':
			if n < 2 {
				return 0
			}
			return i + utf8.RuneLen(r)
		case unicode.Is(unicode.Han, r):
			n++
			if n > leadInMax {
				return 0
			}
		default:
			return 0
		}
	}
	return 0
}

// Implicit lead sentences: short, one clause, no 的/把 (which mark a full
// statement rather than a topic), and followed by the sentences they lead.
const (
	leadMin = 4
	leadMax = 14
	// leadSpread is how far a lead's length may stray from its siblings'
	// median: parallel leads have nearly the same length.
	leadSpread = 4
)

func isLead(text string) bool {
	if st, _, _, _ := marker(text); st != stNone {
		return false // a numbered item, judged by its numbering
	}
	body := strings.TrimRight(text, "。")
	if body == "" || strings.ContainsAny(body, "，,、：:；;！!？?的把将我这…—") {
		return false
	}
	n := 0
	for _, r := range body {
		switch {
		case r == '“' || r == '”' || r == '"' || r == '「' || r == '」':
		case unicode.Is(unicode.Han, r):
			n++
		default:
			return false // digits, Latin, brackets: data, not a topic
		}
	}
	return n >= leadMin && n <= leadMax
}

func (w *walker) implicitPoints(d *doc.Document) {
	// One pass groups the body sentences by pillar, keeping this linear in
	// the length of the document.
	body := make([][]int, len(w.o.Pillars)+1) // indexes into o.Sentences
	review := make([]bool, len(w.o.Pillars)+1)
	for k, s := range w.o.Sentences {
		switch {
		case s.Pillar > 0 && s.Role == Body:
			body[s.Pillar] = append(body[s.Pillar], k)
		case s.Role == PillarHeading:
			review[s.Pillar] = s.Review
		}
	}
	for pi := range w.o.Pillars {
		pl := &w.o.Pillars[pi]
		if len(pl.Points) > 0 || review[pi+1] || w.twoLevels {
			continue
		}
		idx := body[pi+1]
		leads, byParagraph := paragraphLeads(d, w.o.Sentences, idx)
		rule := "pattern:implicit-lead"
		if par := parallelOpenings(d, w.o.Sentences, idx); len(par) >= parallelMin && !byParagraph {
			leads, byParagraph, rule = par, true, "pattern:parallel-openings"
		}
		if !byParagraph {
			leads = nil
			for n, k := range idx {
				s := w.o.Sentences[k]
				text := d.Paragraphs[s.Para].Sentences[s.Index].Text
				if !isLead(text) || n+1 >= len(idx) {
					continue
				}
				next := w.o.Sentences[idx[n+1]]
				if isLead(d.Paragraphs[next.Para].Sentences[next.Index].Text) {
					continue // a lead leads something: two in a row are a list
				}
				leads = append(leads, k)
			}
		}
		if len(leads) < 2 {
			continue
		}
		lens := make([]int, len(leads))
		for n, k := range leads {
			s := w.o.Sentences[k]
			lens[n] = utf8.RuneCountInString(d.Paragraphs[s.Para].Sentences[s.Index].Text)
		}
		med := median(lens)
		var keep []int
		for n, k := range leads {
			if byParagraph || lens[n] >= med-leadSpread && lens[n] <= med+leadSpread {
				keep = append(keep, k)
			}
		}
		if len(keep) < 2 {
			continue
		}
		point := 0
		next := 0
		for _, k := range idx {
			s := &w.o.Sentences[k]
			if next < len(keep) && keep[next] == k {
				next++
				sent := d.Paragraphs[s.Para].Sentences[s.Index]
				head, _, _ := strings.Cut(sent.Text, "：")
				pl.Points = append(pl.Points, doc.Point{Title: cleanTitle(head), Location: sent.Loc, Rules: []string{rule}})
				point = len(pl.Points)
				if head != sent.Text {
					// 要进一步向实干要实绩：…要实抓…: the head before the
					// colon is the point; what follows is its first task.
					s.Point = point
					continue
				}
				s.Role, s.Rules = PointHeading, []string{rule}
			}
			s.Point = point
		}
	}
}

// Parallel openings (排比): at least parallelMin sentences of a pillar that
// open with the same parallelPrefix characters (要聚焦学生，… 要聚焦教师，…
// 要聚焦学校，…; 要进一步向实干要实绩：… 要进一步向严管要实绩：…), each short
// up to its colon and each leading sentences of its own, are the pillar's
// points even when a comma keeps them from being lead sentences.
const (
	parallelMin    = 3
	parallelPrefix = 3
	parallelMax    = 24 // the longest head, up to a colon
	parallelMinHan = 6  // the shortest, in Chinese characters
)

func parallelOpenings(d *doc.Document, ss []Sentence, idx []int) []int {
	heads := make([]string, len(idx))
	byPrefix := map[string][]int{} // prefix → positions in idx
	for n, k := range idx {
		s := ss[k]
		text := d.Paragraphs[s.Para].Sentences[s.Index].Text
		head, _, _ := strings.Cut(text, "：")
		heads[n] = head
		rs := []rune(head)
		han := 0
		for _, r := range rs {
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
		if han < parallelMinHan || len(rs) > parallelMax || strings.ContainsAny(head, "！!？?") {
			continue // 各位代表！: an address, not a point
		}
		if st, _, _, _ := marker(text); st != stNone {
			continue
		}
		p := string(rs[:parallelPrefix])
		byPrefix[p] = append(byPrefix[p], n)
	}
	var best []int
	for _, ns := range byPrefix {
		if len(ns) < parallelMin || len(ns) <= len(best) {
			continue
		}
		ok := true
		for m, n := range ns {
			// Each leads something: a sentence of its own follows it
			// before the next opening (or it carries a colon).
			next := len(idx)
			if m+1 < len(ns) {
				next = ns[m+1]
			}
			s := ss[idx[n]]
			colon := strings.Contains(d.Paragraphs[s.Para].Sentences[s.Index].Text, "：")
			if next-n < 2 && !colon {
				ok = false
			}
		}
		if ok {
			best = ns
		}
	}
	out := make([]int, len(best))
	for m, n := range best {
		out[m] = idx[n]
	}
	return out
}

// dropNestedRuns removes an inline run nested in an item of a paragraph
// run of the same style: 三要进一步强化品牌意识。…一是提高…四是提高… and then
// 四要进一步强化大局意识 opening the next paragraph. The inline 一是…四是
// lists inside the third item; the paragraph run goes on with 四要. An
// inline run counts as nested when its paragraph opens with an item of
// its style and a later paragraph opens with one of its numbers.
func dropNestedRuns(cands map[[2]int]candidate) {
	later := map[style]map[int]int{} // style → number → last paragraph opening with it
	for k, c := range cands {
		if k[1] != 0 {
			continue
		}
		if later[c.st] == nil {
			later[c.st] = map[int]int{}
		}
		later[c.st][c.n] = max(later[c.st][c.n], k[0])
	}
	nested := map[[2]int]bool{} // paragraph, style
	for k, c := range cands {
		if k[1] == 0 {
			continue
		}
		if open, ok := cands[[2]int{k[0], 0}]; !ok || open.st != c.st {
			continue
		}
		if at, ok := later[c.st][c.n]; ok && at > k[0] {
			nested[[2]int{k[0], int(c.st)}] = true
		}
	}
	for k, c := range cands {
		if k[1] > 0 && nested[[2]int{k[0], int(c.st)}] {
			delete(cands, k)
		}
	}
}

// betweenRuns takes out of a run's last pillar the paragraphs after its
// heading paragraph when another run follows (一是…五是, then 在充分肯定
// 成绩的同时…, then 一要…): in a run whose items each head a paragraph of
// their own body, what follows the last item's paragraph turns to
// something else, a lead-in to the next run, and belongs to no pillar.
func (w *walker) betweenRuns(d *doc.Document) {
	o := w.o
	heading := make([]int, len(o.Pillars)) // each pillar's heading paragraph
	for i := range heading {
		heading[i] = -1
	}
	for _, s := range o.Sentences {
		if s.Role == PillarHeading && s.Pillar > 0 && heading[s.Pillar-1] < 0 {
			heading[s.Pillar-1] = s.Para
		}
	}
	attached := func(k int) bool { // pillar k's heading shares its paragraph with body
		return heading[k] >= 0 && len(d.Paragraphs[heading[k]].Sentences) > 1
	}
	for k := 0; k+1 < len(o.Pillars); k++ {
		next, _ := parseCN(o.Pillars[k+1].Number)
		if next != 1 {
			continue // the run goes on
		}
		// The run ending at k: back to its first item.
		first := k
		for first > 0 {
			n, _ := parseCN(o.Pillars[first].Number)
			if n <= 1 {
				break
			}
			first--
		}
		all := true
		for j := first; j <= k; j++ {
			all = all && attached(j)
		}
		if !all || first == k {
			continue
		}
		lead := -1
		for i := range o.Sentences {
			s := &o.Sentences[i]
			if s.Pillar == k+1 && s.Para > heading[k] && s.Role == Body {
				s.Pillar, s.Point, s.Review, s.Targets = 0, 0, false, false
				lead = i
			}
		}
		// …我们还要念好“六字真经”：: the lead-in to the next run names it.
		if lead >= 0 {
			s := &o.Sentences[lead]
			text := strings.TrimSpace(d.Paragraphs[s.Para].Sentences[s.Index].Text)
			if strings.HasSuffix(text, "：") || strings.HasSuffix(text, ":") {
				s.Role, s.Rules = MetaTalk, []string{"pattern:run-lead-in"}
			}
		}
	}
}

// paraLeadMax bounds a lead sentence that opens a paragraph: a report
// that sets its points as paragraph openers (加大减税降费力度。强化阶段性
// 政策…) allows longer ones than leads inside running text.
const paraLeadMax = 24

// paragraphLeads finds leads that open paragraphs. When at least two do,
// and they open at least half of the pillar's paragraphs, they alone are
// the points: sentences inside paragraphs are then body text.
func paragraphLeads(d *doc.Document, ss []Sentence, idx []int) ([]int, bool) {
	var leads []int
	paras := map[int]bool{}
	for _, k := range idx {
		s := ss[k]
		paras[s.Para] = true
		p := d.Paragraphs[s.Para]
		if s.Index != 0 || len(p.Sentences) < 2 {
			continue
		}
		text := p.Sentences[0].Text
		body := strings.TrimRight(text, "。")
		if body == text && !strings.HasSuffix(text, "。") {
			continue
		}
		if strings.ContainsAny(body, "，,：:；;！!？?我这…—") {
			continue
		}
		n := 0
		ok := true
		for _, r := range body {
			switch {
			case unicode.Is(unicode.Han, r):
				n++
			case strings.ContainsRune("“”\"「」、（）()", r):
			default:
				ok = false
			}
		}
		if ok && n >= leadMin && n <= paraLeadMax {
			leads = append(leads, k)
		}
	}
	return leads, len(leads) >= 2 && 2*len(leads) >= len(paras)
}

func median(xs []int) int {
	s := append([]int(nil), xs...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}

// announce finds the count the speaker announces: before the first pillar
// it counts pillars, inside a pillar it counts that pillar's points.
func (w *walker) announce(d *doc.Document) {
	for _, s := range w.o.Sentences {
		text := d.Paragraphs[s.Para].Sentences[s.Index].Text
		if s.Role != MetaTalk {
			continue // announcements were tagged as meta talk by visit
		}
		for _, rule := range w.r.Structure {
			if rule.Kind != dict.Announce {
				continue
			}
			m := rule.Re.FindStringSubmatch(text)
			if m == nil {
				continue
			}
			n, k := parseCN(m[1])
			if k != len(m[1]) {
				continue
			}
			switch {
			case s.Pillar == 0 && len(w.o.Pillars) > 0 && s.Para < w.firstPillarPara() && w.o.Announced == nil:
				w.o.Announced = &n
				if got := len(w.o.Pillars); got != n {
					w.o.Warnings = append(w.o.Warnings, fmt.Sprintf("讲话宣布了 %d 个部分（“%s”），但识别出 %d 个一级标题，请核对层次。", n, m[0], got))
				}
			case s.Pillar > 0:
				if got := len(w.o.Pillars[s.Pillar-1].Points); got != n {
					w.o.Warnings = append(w.o.Warnings, fmt.Sprintf("第 %d 部分宣布了 %d 个方面（“%s”），但识别出 %d 个二级要点，请核对层次。", s.Pillar, n, m[0], got))
				}
			}
			break
		}
	}
}

// announcedAt returns the paragraph where the speaker first announces how
// many parts he will speak of, and the count; -1 when he does not.
func announcedAt(d *doc.Document, r *dict.Rules) (int, int) {
	for i, p := range d.Paragraphs {
		for _, s := range p.Sentences {
			if !short(s.Text) {
				continue
			}
			for _, rule := range r.Structure {
				if rule.Kind != dict.Announce {
					continue
				}
				m := rule.Re.FindStringSubmatch(s.Text)
				if m == nil {
					continue
				}
				if n, k := parseCN(m[1]); k == len(m[1]) && n > 1 {
					return i, n
				}
			}
		}
	}
	return -1, 0
}

func (w *walker) firstPillarPara() int {
	for _, s := range w.o.Sentences {
		if s.Role == PillarHeading {
			return s.Para
		}
	}
	return -1
}

// titleEnd is how titles of speeches and official documents end.
var titleEnd = regexp.MustCompile(`(?:` + genres + `)$`)

// genres are the kinds of document a title names last.
const genres = `通知|意见|方案|报告|讲话|要点|办法|规定|决定|计划|规划|纲要|总结|致辞|发言|决议|公告|通报`

func matchKind(r *dict.Rules, kind, text string) []string {
	var out []string
	for _, rule := range r.Structure {
		if rule.Kind == kind && rule.Re.MatchString(text) {
			out = append(out, rule.Src.String())
		}
	}
	return out
}

// Unnumbered pillar headings: some reports number only their second level
// and set the first as short bold lines (2024年工作回顾 … （一）…（六）
// 2025年工作安排建议 …（一）…（九）). They are recognized only when the top
// numbered style restarts at 1 and every start of it is announced by such
// a line, so an ordinary short line never becomes a pillar.
const bareMax = 20

func isBare(p doc.Paragraph) bool {
	t := strings.TrimSpace(p.Text)
	n := utf8.RuneCountInString(t)
	if len(p.Sentences) != 1 || n < 4 || n > bareMax {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	first, _ := utf8.DecodeRuneInString(t)
	if strings.ContainsRune("。！？；：:，,、!?;", last) || !(unicode.Is(unicode.Han, first) || unicode.IsDigit(first)) {
		return false
	}
	return !strings.ContainsAny(t, "，,：:")
}

func bareHeadings(d *doc.Document, cands map[[2]int]candidate, appendix int) map[int]bool {
	top, topPara := stNone, -1
	for i := range d.Paragraphs {
		if c, ok := cands[[2]int{i, 0}]; ok {
			top, topPara = c.st, i
			break
		}
	}
	if top == stNone {
		return unnumberedHeadings(d, cands, appendix)
	}
	var starts []int
	for i := topPara; i < appendix; i++ {
		if c, ok := cands[[2]int{i, 0}]; ok && c.st == top && c.n == 1 {
			starts = append(starts, i)
		}
	}
	if len(starts) < 2 {
		return nil
	}
	bare := map[int]bool{}
	prev := 0
	for _, s := range starts {
		found := -1
		for i := s - 1; i >= prev; i-- {
			if _, numbered := cands[[2]int{i, 0}]; numbered {
				break
			}
			if isBare(d.Paragraphs[i]) {
				found = i
				break
			}
		}
		if found < 0 {
			return nil
		}
		bare[found] = true
		prev = s + 1
	}
	return bare
}

// metaMax bounds the sentences tested for meta talk and announcements:
// they are short remarks, and skipping long sentences keeps the pattern
// matching off the bulk of the text.
const metaMax = 80

func short(s string) bool { return utf8.RuneCountInString(s) <= metaMax }

// unnumberedHeadings serves documents with no numbered heading at all:
// their sections are short lines of their own (set as Heading 1 in Word,
// or plain short lines), each followed by body text. Two or more are
// needed; the title line is not one.
func unnumberedHeadings(d *doc.Document, cands map[[2]int]candidate, appendix int) map[int]bool {
	if len(cands) > 0 {
		return nil // numbered items exist but never at a paragraph start
	}
	bare := map[int]bool{}
	for i := 1; i+1 < appendix && i+1 < len(d.Paragraphs); i++ {
		p := d.Paragraphs[i]
		styled := p.Style == "Heading1"
		if !styled && !isBare(p) {
			continue
		}
		next := d.Paragraphs[i+1]
		if next.Style == "Heading1" || isBare(next) || len(next.Sentences) == 0 {
			continue // a heading leads body text
		}
		if first, _ := utf8.DecodeRuneInString(p.Text); unicode.IsDigit(first) && !styled {
			continue // a date line, not a heading
		}
		bare[i] = true
	}
	if len(bare) < 2 {
		return nil
	}
	return bare
}

// targets marks the sentences under a pillar or point whose title names
// expected targets (structure.txt targets=…).
func (w *walker) targets() {
	match := func(title string) bool { return matchKind(w.r, dict.Targets, title) != nil }
	for k := range w.o.Sentences {
		s := &w.o.Sentences[k]
		if s.Pillar == 0 {
			continue
		}
		pl := w.o.Pillars[s.Pillar-1]
		if match(pl.Title) || (s.Point > 0 && match(pl.Points[s.Point-1].Title)) {
			s.Targets = true
		}
	}
}

// attachedBody reports whether the headings all stand after the appendix
// boundary, at least two of them: the attachment is then the document the
// reader wants broken down, and the text before it a cover note.
func attachedBody(cands map[[2]int]candidate, appendix int) bool {
	before, after := 0, 0
	for k := range cands {
		if k[0] < appendix {
			before++
		} else {
			after++
		}
	}
	return before == 0 && after >= 2
}
