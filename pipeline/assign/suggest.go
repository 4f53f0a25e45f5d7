package assign

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// Candidates are the units a document's suggestions choose from: the
// rules' unit list, then the units its text states elsewhere.
func Candidates(d *doc.Document, r *dict.Rules) []string {
	seen := map[string]bool{}
	var out []string
	add := func(u string) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, u := range r.UnitList {
		add(u.Text)
	}
	for _, t := range d.Tasks {
		for _, u := range t.LeadUnits {
			add(u)
		}
		for _, u := range t.PartnerUnits {
			add(u)
		}
	}
	return out
}

// Suggest gives every task whose text states no responsibility a
// suggested lead, and partners where the duties of several units meet,
// from the duty words of duties.txt found in the task, its point and its
// pillar (a clerk's reading of 三定职责: 高标准农田 → 农业农村, 失业保险 →
// 人社). Only units of units, the candidates, are suggested; a task whose
// words name no duty gets none.
func Suggest(d *doc.Document, r *dict.Rules, units []string) {
	type cand struct {
		unit string
		duty dict.Duty
	}
	// Every unit can be named as a task's subject; the duty words of a
	// type speak for one unit of it only. The first unit of a type
	// stands for it, an organ of government before an enterprise of the
	// same field (省委金融办 leads financial work, not 省金融控股公司); the
	// others, and units of no known type (各有关部门, 各省级人民政府), lead
	// only the measures that name them as their subject.
	var cands []cand
	byType := map[string]int{}
	for _, u := range units {
		duty, ok := r.DutyOf(u)
		if !ok {
			cands = append(cands, cand{u, dict.Duty{}})
			continue
		}
		if k, seen := byType[duty.Type]; seen {
			if enterprise(cands[k].unit) && !enterprise(u) {
				cands[k].unit, u = u, cands[k].unit
			}
			cands = append(cands, cand{u, dict.Duty{}})
			continue
		}
		byType[duty.Type] = len(cands)
		cands = append(cands, cand{u, duty})
	}
	if len(cands) == 0 {
		return
	}
	duties := make([]dict.Duty, len(cands))
	for k, c := range cands {
		duties[k] = c.duty
	}
	// A measure is one paragraph: its sentences share their units, so
	// they are judged together, with the point and the pillar they stand
	// under.
	type group struct {
		text, context string
		tasks         []int
		actors        []string
	}
	var groups []*group
	byPara := map[int]*group{}
	for i := range d.Tasks {
		t := &d.Tasks[i]
		if t.AssignmentSource == "text" {
			continue
		}
		g := byPara[t.Location.Paragraph]
		if g == nil {
			g = &group{}
			if t.Point != nil {
				g.context = *t.Point
			}
			if t.Pillar > 0 && t.Pillar <= len(d.Pillars) {
				g.context += " " + d.Pillars[t.Pillar-1].Title
			}
			byPara[t.Location.Paragraph] = g
			groups = append(groups, g)
		}
		g.text += t.Text
		g.tasks = append(g.tasks, i)
		g.actors = append(g.actors, t.Actors...)
	}
	// The unit the document names as coordinating its implementation
	// counts as if the measure named one of its duties: the default lead
	// of a measure no other unit's duties claim more.
	coord := -1
	if u, ok := coordinator(d, r, units); ok {
		for k, c := range cands {
			if c.unit == u {
				coord = k
			}
		}
	}
	for _, g := range groups {
		best, bestScore := -1, 0
		scores := make([]int, len(cands))
		why := make([]string, len(cands))
		ms := matches(duties, g.text, g.context)
		for k, c := range cands {
			s, w := ms.score(k)
			if k == coord {
				s += coordBonus
				w = joinWhy("文件牵头单位“"+c.unit+"”", w)
			}

			for _, a := range g.actors {
				// The unit named as a task's subject (人社部要…) does it.
				if a == c.unit || strings.Contains(a, c.unit) {
					s += actorBonus
					w = joinWhy("文中主体“"+a+"”", w)
					break
				}
			}
			scores[k], why[k] = s, w
			if enterprise(c.unit) && s < actorBonus {
				// A company carries out a plan's measure; an organ of
				// government answers for it, unless the text names the
				// company as its subject.
				continue
			}
			// At a tie the coordinator leads: the measure is as much its
			// work as the other's, and it answers for the whole.
			if s > bestScore || s == bestScore && k == coord {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			continue
		}
		var partners []string
		for k, s := range scores {
			// Another unit's duties as much present as half the lead's
			// make it a partner; coordinating the document does not.
			if k == coord {
				s -= coordBonus
			}
			if k != best && s >= partnerMin && 2*s >= bestScore {
				partners = append(partners, cands[k].unit)
			}
		}
		for _, i := range g.tasks {
			t := &d.Tasks[i]
			t.LeadUnits = []string{cands[best].unit}
			t.PartnerUnits = partners
			t.AssignmentSource = "suggestion"
			t.AssignmentBasis = SuggestionBasis(t.LeadUnits, partners, why[best])
		}
	}
}

// partnerMin is the least score of a partner: one duty word in the point,
// or two of its means.
const partnerMin = 2

// actorBonus outweighs any count of duty words: a unit the task names as
// its subject leads it.
const actorBonus = 20

// coordBonus is what coordinating the document weighs: one duty word in
// the measure's own text.
const coordBonus = 3

// match is one duty word found: its place, in the task's text or in its
// context, and whose duty it is.
type match struct {
	cand       int
	word       string
	start, end int
	inText     bool
	means      bool
	learned    bool
}

type matchSet []match

// matches finds the duty words of every candidate in text and context and
// keeps the longest at each place: 失业保险 (人社) speaks, not the 保险 (金融)
// inside it. The words are indexed by their first character, so each
// place of the text is tried against the few words that can start there.
func matches(duties []dict.Duty, text, context string) matchSet {
	type entry struct {
		word           string
		cand           int
		means, learned bool
	}
	index := map[rune][]entry{}
	for k, d := range duties {
		for wi, ws := range [][]string{d.Words, d.Learned, d.Means} {
			for _, w := range ws {
				r, _ := utf8.DecodeRuneInString(w)
				index[r] = append(index[r], entry{w, k, wi == 2, wi == 1})
			}
		}
	}
	var all matchSet
	for _, src := range []struct {
		s      string
		inText bool
	}{{text, true}, {context, false}} {
		for i, r := range src.s {
			for _, e := range index[r] {
				if strings.HasPrefix(src.s[i:], e.word) {
					all = append(all, match{e.cand, e.word, i, i + len(e.word), src.inText, e.means, e.learned})
				}
			}
		}
	}
	// The longest word at each place: one sorted pass keeps a match
	// unless a longer one of the same source covers it.
	sort.Slice(all, func(a, b int) bool {
		if all[a].inText != all[b].inText {
			return all[a].inText
		}
		if all[a].start != all[b].start {
			return all[a].start < all[b].start
		}
		return all[a].end > all[b].end
	})
	var kept matchSet
	reach, inText := -1, false
	for _, m := range all {
		if m.inText != inText {
			reach, inText = -1, m.inText
		}
		if m.end <= reach && !(m.end == reach && len(kept) > 0 && kept[len(kept)-1].start == m.start) {
			continue // inside a longer word
		}
		kept = append(kept, m)
		reach = max(reach, m.end)
	}
	return kept
}

// score counts candidate k's words: three for each duty word in the
// measure's own text, two for each in its point or pillar, one for each of
// its means, for each word reviewers taught in the text and for a duty
// word modifying another's; why quotes them.
func (ms matchSet) score(k int) (int, string) {
	s := 0
	var found []string
	seen := map[string]bool{}
	for i, m := range ms {
		if m.cand != k {
			continue
		}
		switch {
		case m.means:
			s++ // 补贴, 贷款: a partner's means
		case m.learned:
			// What reviewers' choices taught rests on a few tasks: it
			// tips a balance, in the measure's own text, and overrules
			// no duty the table states.
			if m.inText {
				s++
			}
		case m.inText && ms.modifies(i):
			s++ // 农机 of 农机装备: the compound is 装备's
		case m.inText:
			s += 3
		default:
			s += 2 // in the point or the pillar
		}
		if !seen[m.word] && len(found) < 3 {
			seen[m.word] = true
			found = append(found, m.word)
		}
	}
	if len(found) == 0 {
		return s, ""
	}
	return s, "职责“" + strings.Join(found, "”“") + "”"
}

// modifies reports whether match i, in the measure's text, is directly
// followed by a duty word of another unit: a Chinese compound's head is its
// last noun, so 农机装备 is equipment (工业和信息化) made for 农机, and 农机产品
// 质量 is product quality (市场监管). The modifier names the field the head
// serves, which makes its unit a partner more than the lead.
func (ms matchSet) modifies(i int) bool {
	m := ms[i]
	for _, n := range ms[i+1:] {
		if !n.inText || n.start > m.end {
			return false
		}
		if n.start == m.end && n.cand != m.cand && !n.means {
			return true
		}
	}
	return false
}

// joinWhy puts a reason before the others of a suggestion's basis.
func joinWhy(reason, rest string) string {
	if rest == "" {
		return reason
	}
	return reason + "，" + rest
}

// enterprise reports whether a unit's name is a company's or a group's
// rather than an organ of government's.
func enterprise(unit string) bool {
	return strings.HasSuffix(unit, "公司") || strings.HasSuffix(unit, "集团") || strings.Contains(unit, "有限")
}

// SuggestionBasis writes what a suggestion rests on, naming the units it
// suggests, so that a workbook read back tells them from units a person
// typed (GeneratedUnits): 建议：牵头 市人社局，配合 市财政局；职责“就业”.
func SuggestionBasis(leads, partners []string, why string) string {
	b := "建议：牵头 " + strings.Join(leads, "、")
	if len(partners) > 0 {
		b += "，配合 " + strings.Join(partners, "、")
	}
	return b + "；" + why
}

// GeneratedUnits reads back the lead and partners a basis says the
// program filled in: those of the parenthetical it quotes (原文：（…）) or
// of its suggestion (建议：牵头 …). ok is false for any other text.
func GeneratedUnits(basis string) (lead, partners string, ok bool) {
	if raw, found := strings.CutPrefix(basis, "原文："); found {
		a, ok := Parse(raw)
		if !ok {
			return "", "", false
		}
		return strings.Join(a.Leads, "、"), strings.Join(a.Partners, "、"), true
	}
	rest, found := strings.CutPrefix(basis, "建议：牵头 ")
	if !found {
		return "", "", false
	}
	rest, _, _ = strings.Cut(rest, "；")
	lead, partners, _ = strings.Cut(rest, "，配合 ")
	return lead, partners, true
}
