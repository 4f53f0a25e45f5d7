package eval

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// AssignGold is a NAME.assign.json: the responsibilities a plan states,
// each with the text its parenthetical covers (GUIDELINE.md).
type AssignGold struct {
	Document    string           `json:"document"`
	Assignments []GoldAssignment `json:"assignments"`
}

// GoldAssignment is one parenthetical and what it covers.
type GoldAssignment struct {
	Line     int      `json:"line"`
	Scope    string   `json:"scope"`
	Lead     []string `json:"lead"`
	Partners []string `json:"partners"`
	Raw      string   `json:"raw"`
}

// LoadAssignGold reads an assignment gold file.
func LoadAssignGold(path string) (*AssignGold, error) {
	b, err := readGold(path)
	if err != nil {
		return nil, err
	}
	var g AssignGold
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, &GoldError{path, jsonReason(b, err)}
	}
	for i, a := range g.Assignments {
		if Normalize(a.Scope) == "" || len(a.Lead) == 0 {
			return nil, &GoldError{path, "第 " + strconv.Itoa(i+1) + " 条分工缺少 scope 或 lead"}
		}
	}
	return &g, nil
}

// AssignReport scores the responsibilities of one document, over the
// tasks whose text lies inside a gold scope.
type AssignReport struct {
	Document string `json:"document"`
	Scopes   int    `json:"scopes"`  // parentheticals of the gold
	Covered  int    `json:"covered"` // scopes holding at least one predicted task
	Tasks    int    `json:"tasks"`   // predicted tasks inside scopes
	// Lead: the task's lead units equal the gold's; Partners: its partner
	// set equals the gold's (names normalized as in matching).
	Lead     Ratio `json:"lead_accuracy"`
	Partners Ratio `json:"partner_accuracy"`
	// Parentheticals counts predicted tasks that are a parenthetical or a
	// piece of one: they should be none.
	Parentheticals int `json:"parenthetical_tasks"`
	// SuggestLead and SuggestAny score the suggestions made with the
	// parentheticals ignored and the gold's units as the unit list: the
	// suggested lead is a gold lead, or one of the gold's units at all.
	SuggestLead Ratio `json:"suggested_lead_accuracy"`
	SuggestAny  Ratio `json:"suggested_any_accuracy"`
	// SuggestMisses are the tasks whose suggested lead is not a gold lead,
	// for the verbose listing a reviewer improves duties.txt from.
	SuggestMisses []SuggestMiss `json:"suggestion_misses,omitempty"`
}

// SuggestMiss is one task whose suggested lead is not the gold's.
type SuggestMiss struct {
	Task      string   `json:"task"`
	Suggested string   `json:"suggested,omitempty"`
	Basis     string   `json:"basis,omitempty"`
	Lead      []string `json:"lead"`
	Partners  []string `json:"partners,omitempty"`
}

// MergeAssign sums assignment reports.
func MergeAssign(name string, rs ...*AssignReport) *AssignReport {
	m := &AssignReport{Document: name}
	for _, r := range rs {
		m.Scopes += r.Scopes
		m.Covered += r.Covered
		m.Tasks += r.Tasks
		m.Lead.add(r.Lead)
		m.Partners.add(r.Partners)
		m.Parentheticals += r.Parentheticals
		m.SuggestLead.add(r.SuggestLead)
		m.SuggestAny.add(r.SuggestAny)
	}
	return m
}

// ScoreAssign compares the stated responsibilities found in pred with g.
func ScoreAssign(pred *doc.Document, g *AssignGold) *AssignReport {
	r := &AssignReport{Document: g.Document, Scopes: len(g.Assignments)}
	scopes := make([]string, len(g.Assignments))
	raws := make([]string, len(g.Assignments))
	for i, a := range g.Assignments {
		scopes[i], raws[i] = Normalize(a.Scope), Normalize(a.Raw)
	}
	covered := make([]bool, len(scopes))
	for _, t := range pred.Tasks {
		n := Normalize(t.Text)
		if n == "" {
			continue
		}
		parenthetical := false
		for _, raw := range raws {
			if strings.Contains(n, raw) || strings.Contains(raw, n) {
				parenthetical = true
			}
		}
		if parenthetical {
			r.Parentheticals++
			continue
		}
		for i, sc := range scopes {
			if !strings.Contains(sc, n) {
				continue
			}
			covered[i] = true
			r.Tasks++
			a := g.Assignments[i]
			r.Lead.Total++
			if sameNames(t.LeadUnits, a.Lead) {
				r.Lead.Hit++
			}
			r.Partners.Total++
			if sameNames(t.PartnerUnits, a.Partners) {
				r.Partners.Hit++
			}
			break
		}
	}
	for _, c := range covered {
		if c {
			r.Covered++
		}
	}
	return r
}

// sameNames compares two lists of unit names as sets, normalized.
func sameNames(a, b []string) bool {
	norm := func(xs []string) []string {
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			out = append(out, Normalize(x))
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(norm(a), norm(b))
}

// Units lists every unit the gold names, leads first, once each.
func (g *AssignGold) Units() []string {
	seen := map[string]bool{}
	var out []string
	for _, pass := range []bool{true, false} {
		for _, a := range g.Assignments {
			us := a.Partners
			if pass {
				us = a.Lead
			}
			for _, u := range us {
				if !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
		}
	}
	return out
}

// ScoreSuggestions adds to r the scores of the suggestions in pred, a
// document whose tasks carry suggested units only.
func ScoreSuggestions(r *AssignReport, pred *doc.Document, g *AssignGold) {
	scopes := make([]string, len(g.Assignments))
	for i, a := range g.Assignments {
		scopes[i] = Normalize(a.Scope)
	}
	in := func(u string, us []string) bool {
		for _, x := range us {
			if Normalize(x) == Normalize(u) {
				return true
			}
		}
		return false
	}
	for _, t := range pred.Tasks {
		n := Normalize(t.Text)
		if n == "" {
			continue
		}
		for i, sc := range scopes {
			if !strings.Contains(sc, n) {
				continue
			}
			a := g.Assignments[i]
			r.SuggestLead.Total++
			r.SuggestAny.Total++
			if len(t.LeadUnits) > 0 && in(t.LeadUnits[0], a.Lead) {
				r.SuggestLead.Hit++
			} else {
				miss := SuggestMiss{Task: t.Text, Basis: t.AssignmentBasis, Lead: a.Lead, Partners: a.Partners}
				if len(t.LeadUnits) > 0 {
					miss.Suggested = t.LeadUnits[0]
				}
				r.SuggestMisses = append(r.SuggestMisses, miss)
			}
			if len(t.LeadUnits) > 0 && (in(t.LeadUnits[0], a.Lead) || in(t.LeadUnits[0], a.Partners)) {
				r.SuggestAny.Hit++
			}
			break
		}
	}
}
