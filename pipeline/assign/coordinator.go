package assign

import (
	"strings"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// coordVerbs are the verbs by which a document names the unit that
// coordinates a piece of work: 省发展改革委牵头, 体育总局要会同有关方面.
var coordVerbs = []string{"牵头", "会同"}

// coordFillers may stand between the unit and its verb: 由省发展改革委负责
// 牵头组织实施, 体育总局要会同.
var coordFillers = []string{"负责", "要", "将", "具体", "统一"}

// coordinator returns the unit the document names as coordinating its
// work, outside every parenthetical (those state one measure's units):
// 由省发展改革委负责牵头组织实施, 体育总局要会同有关方面做好指导,
// 建立经信部门牵头的协同工作机制. A plan's coordinator is the unit its
// office drafts it for and, to a clerk, the default lead of a measure
// whose words name no other unit's duty. Of a list (由农业农村部、工业和
// 信息化部牵头) the first named is meant; of several coordinators, the one
// named most often, the later at a tie (the closing 组织实施 section
// speaks for the whole). ok is false when the text names none of units.
func coordinator(d *doc.Document, r *dict.Rules, units []string) (unit string, ok bool) {
	count := map[string]int{}
	last := map[string]int{}
	n := 0
	headings := headingsOf(d)
	for pi, p := range d.Paragraphs {
		if !organizing(headings[pi], p) {
			continue
		}
		text := withoutParentheticals(p.Text)
		// The verbs in the order the text has them, so that "later"
		// means later in the text.
		for off := 0; off < len(text); {
			i, v := nextVerb(text[off:])
			if i < 0 {
				break
			}
			if u := unitBefore(text[:off+i], r, units); u != "" {
				count[u]++
				n++
				last[u] = n
			}
			off += i + len(v)
		}
	}
	for u, c := range count {
		if unit == "" || c > count[unit] || (c == count[unit] && last[u] > last[unit]) {
			unit = u
		}
	}
	return unit, unit != ""
}

// nextVerb finds the first of coordVerbs in text: its byte offset and the
// verb, -1 when there is none.
func nextVerb(text string) (int, string) {
	at, verb := -1, ""
	for _, v := range coordVerbs {
		if i := strings.Index(text, v); i >= 0 && (at < 0 || i < at) {
			at, verb = i, v
		}
	}
	return at, verb
}

// organizingWords mark a section that organizes a document's
// implementation (四、保障措施, （十八）健全组织实施机制, 五、强化协调配合,
// 本措施自…起实施): only there does a unit named with 牵头 or 会同
// coordinate the whole rather than one measure of a speech or report.
var organizingWords = []string{"实施", "保障", "协调", "机制", "领导"}

// organizing reports whether paragraph p, under headings, belongs to a
// section of organizingWords: its pillar's or point's title, or its own
// first sentence (a point whose title opens its paragraph) holds one.
func organizing(headings string, p doc.Paragraph) bool {
	first := p.Text
	if len(p.Sentences) > 0 {
		first = p.Sentences[0].Text
	}
	for _, w := range organizingWords {
		if strings.Contains(headings, w) || strings.Contains(first, w) {
			return true
		}
	}
	return false
}

// headingsOf gives every paragraph the titles of the pillar and the point
// it stands under.
func headingsOf(d *doc.Document) []string {
	type heading struct {
		para   int
		pillar bool
		title  string
	}
	var hs []heading
	for _, pl := range d.Pillars {
		hs = append(hs, heading{pl.Location.Paragraph, true, pl.Title})
		for _, pt := range pl.Points {
			hs = append(hs, heading{pt.Location.Paragraph, false, pt.Title})
		}
	}
	out := make([]string, len(d.Paragraphs))
	pillar, point := "", ""
	for i, j := 0, 0; i < len(d.Paragraphs); i++ {
		for ; j < len(hs) && hs[j].para <= i; j++ {
			if hs[j].pillar {
				pillar, point = hs[j].title, ""
			} else {
				point = hs[j].title
			}
		}
		out[i] = pillar + " " + point
	}
	return out
}

// unitBefore finds the unit of units that text ends with, past fillers:
// the unit itself (省发展改革委), or a type's name followed by 部门 (经信部门),
// which stands for the first unit of that type. Of a list ending there
// (农业农村部、工业和信息化部) it returns the first.
func unitBefore(text string, r *dict.Rules, units []string) string {
	for trimmed := true; trimmed; {
		trimmed = false
		for _, f := range coordFillers {
			if t, found := strings.CutSuffix(text, f); found {
				text, trimmed = t, true
			}
		}
	}
	found := ""
	for {
		u := endingUnit(text, r, units)
		if u == "" {
			return found
		}
		found = u
		text = strings.TrimSuffix(text, u)
		t, listed := strings.CutSuffix(text, "、")
		if !listed || endingUnit(t, r, units) == "" {
			return found
		}
		text = t
	}
}

// endingUnit is the longest unit of units text ends with, or the first
// unit of the type whose name text ends with before 部门.
func endingUnit(text string, r *dict.Rules, units []string) string {
	best := ""
	for _, u := range units {
		if len(u) > len(best) && strings.HasSuffix(text, u) {
			best = u
		}
	}
	if best != "" {
		return best
	}
	t, ok := strings.CutSuffix(text, "部门")
	if !ok {
		return ""
	}
	for _, d := range r.Duties {
		for _, f := range d.Names {
			if !strings.HasSuffix(t, f) {
				continue
			}
			for _, u := range units {
				if du, ok := r.DutyOf(u); ok && du.Type == d.Type {
					return u
				}
			}
		}
	}
	return ""
}

// withoutParentheticals drops every bracketed aside of text, nested ones
// included.
func withoutParentheticals(text string) string {
	var b strings.Builder
	depth := 0
	for _, c := range text {
		switch c {
		case '（', '(':
			depth++
			continue
		case '）', ')':
			if depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 {
			b.WriteRune(c)
		}
	}
	return b.String()
}
