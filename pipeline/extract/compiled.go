package extract

import (
	"regexp/syntax"
	"sync"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// compiled is the rules turned into matchers once per Rules value.
type compiled struct {
	r           *dict.Rules
	directives  *matcher // ids index r.Directives
	nouns       *matcher // ids index r.Actors
	prefixes    *matcher
	pivots      *matcher // ids index r.Actors (kind=pivot)
	places      *matcher // ids index r.Actors (kind=place)
	sectors     *matcher // ids index r.Actors (kind=stop)
	verbs       *matcher // ids index r.Actors (kind=verb)
	words       *matcher // ids index r.Words
	timingWords *matcher // ids index r.Timing (literal entries)
	formulas    *matcher // ids index r.Slogans (known formulas)
	// timingNeeds holds, per index of r.Timing, a literal every match of
	// its regular expression contains ("" when none is known): a sentence
	// without it is not searched.
	timingNeeds []string
	stops       map[string]dict.SloganRule
	// kinds are the directive kinds by word, for the word-level reading.
	kinds     map[string]string
	sentences map[string]dict.Exclusion
	// contexts maps a directive text to its trigger exclusions.
	contexts map[string][]dict.Exclusion
	grammar
	// toks are the words of the one sentence being read, set only on the
	// copy over returns: the subject rules ask the segmentation whether a
	// directive is a word of its own there.
	toks []doc.Token
}

// grammar holds grammar.txt's classes in the forms the rules read them.
type grammar struct {
	reportVerbs, habitual, firstPerson, addressee, direction, perfective map[string]bool
	discourse, illustration, permission, stative, partitive, degree      map[string]bool
	significance, prediction, focus                                      map[string]bool
	// statementStarts open sentences that describe rather than instruct;
	// addedMeasure are connectives with their comma that open one more
	// instruction in a list of measures (同时，…).
	statementStarts, addedMeasure []string
	// partyHeads are head ∪ party-head; listSeps and listWords hold 、 too.
	pivotPreps, quantifiers, listSeps, partyHeads, headWords, subjectEnds,
	agentMarkers, causatives, connectives, notNames, licensors, listWords,
	roles, viewpoints, viewpointEnds,
	predicateStarts [][]rune
}

func newGrammar(r *dict.Rules) grammar {
	set := func(classes ...string) map[string]bool {
		m := map[string]bool{}
		for _, c := range classes {
			for _, w := range r.Grammar(c) {
				m[w] = true
			}
		}
		return m
	}
	runes := func(extra []string, classes ...string) [][]rune {
		var out [][]rune
		for _, c := range classes {
			for _, w := range r.Grammar(c) {
				out = append(out, []rune(w))
			}
		}
		for _, w := range extra {
			out = append(out, []rune(w))
		}
		return out
	}
	g := grammar{
		reportVerbs: set("report-verb"), habitual: set("habitual"), firstPerson: set("first-person"),
		addressee: set("addressee"), direction: set("direction"), perfective: set("perfective"),
		discourse: set("discourse"), illustration: set("illustration"), permission: set("permission"),
		stative: set("stative"), partitive: set("partitive"), degree: set("degree"), significance: set("significance"), prediction: set("prediction"), focus: set("focus"),
		statementStarts: r.Grammar("statement-start"),
		pivotPreps:      runes(nil, "pivot-prep"), quantifiers: runes(nil, "quantifier"),
		listSeps: runes([]string{"、"}, "list-sep"), partyHeads: runes(nil, "head", "party-head"),
		headWords: runes(nil, "head"), subjectEnds: runes(nil, "subject-end"),
		agentMarkers: runes(nil, "agent-marker"), causatives: runes(nil, "causative"),
		connectives: runes(nil, "connective"), notNames: runes(nil, "not-name"),
		roles: runes(nil, "role"), viewpoints: runes(nil, "viewpoint"), viewpointEnds: runes(nil, "viewpoint-end"),
		licensors: runes(nil, "licensor"), listWords: runes([]string{"、"}, "list-word"),
		predicateStarts: runes(nil, "predicate-start"),
	}
	for _, w := range r.Grammar("added-measure") {
		g.addedMeasure = append(g.addedMeasure, w+"，", w+",")
	}
	return g
}

// over returns the rules for reading one sentence cut into toks: a
// shallow copy, so the shared compiled value never changes.
func (c *compiled) over(toks []doc.Token) *compiled {
	v := *c
	v.toks = toks
	return &v
}

// notDirective reports whether the directive hit h does not count as one
// in rs: an exclusion's context holds it, or the sentence's words show
// it is part of another word (应 in 应用型).
func (c *compiled) notDirective(rs []rune, h hit) bool {
	if _, in := c.excluded(rs, h, c.r.Directives[h.id].Text); in {
		return true
	}
	if c.toks != nil {
		if _, in := c.partOfWord(rs, c.toks, h); in {
			return true
		}
	}
	return false
}

var (
	cmu   sync.Mutex
	cache = map[*dict.Rules]*compiled{}
)

func compile(r *dict.Rules) *compiled {
	cmu.Lock()
	defer cmu.Unlock()
	if c, ok := cache[r]; ok {
		return c
	}
	c := &compiled{r: r, stops: map[string]dict.SloganRule{}, sentences: map[string]dict.Exclusion{}, contexts: map[string][]dict.Exclusion{}, kinds: map[string]string{}, grammar: newGrammar(r)}
	for _, d := range r.Directives {
		if _, ok := c.kinds[d.Text]; !ok {
			c.kinds[d.Text] = d.Kind
		}
	}
	var texts []string
	var ids []int
	reset := func() { texts, ids = nil, nil }
	for i, d := range r.Directives {
		texts, ids = append(texts, d.Text), append(ids, i)
	}
	c.directives = newMatcher(texts, ids)
	reset()
	var ptexts, vtexts, ltexts, stexts, btexts []string
	var pids, vids, lids, sids, bids []int
	for i, a := range r.Actors {
		switch {
		case a.Prefix:
			ptexts, pids = append(ptexts, a.Text), append(pids, i)
		case a.Pivot:
			vtexts, vids = append(vtexts, a.Text), append(vids, i)
		case a.Place:
			ltexts, lids = append(ltexts, a.Text), append(lids, i)
		case a.Stop:
			stexts, sids = append(stexts, a.Text), append(sids, i)
		case a.Verb:
			btexts, bids = append(btexts, a.Text), append(bids, i)
		default:
			texts, ids = append(texts, a.Text), append(ids, i)
		}
	}
	c.nouns, c.prefixes, c.pivots = newMatcher(texts, ids), newMatcher(ptexts, pids), newMatcher(vtexts, vids)
	c.places, c.sectors, c.verbs = newMatcher(ltexts, lids), newMatcher(stexts, sids), newMatcher(btexts, bids)
	reset()
	for i, t := range r.Timing {
		if t.Re == nil {
			texts, ids = append(texts, t.Text), append(ids, i)
		}
	}
	c.timingWords = newMatcher(texts, ids)
	c.timingNeeds = make([]string, len(r.Timing))
	for i, t := range r.Timing {
		if t.Re != nil {
			c.timingNeeds[i] = requiredLiteral(t.Re.String())
		}
	}
	reset()
	for i, w := range r.Words {
		texts, ids = append(texts, w.Text), append(ids, i)
	}
	c.words = newMatcher(texts, ids)
	reset()
	for i, s := range r.Slogans {
		if s.Stop {
			c.stops[dict.Normalize(s.Text)] = s
		} else {
			texts, ids = append(texts, s.Text), append(ids, i)
		}
	}
	c.formulas = newMatcher(texts, ids)
	reset()
	for _, x := range r.Exclusions {
		switch x.Form {
		case dict.ExcludeSentence:
			c.sentences[x.Sentence] = x
		case dict.ExcludeTrigger:
			c.contexts[x.Trigger] = append(c.contexts[x.Trigger], x)
		}
	}
	cache[r] = c
	return c
}

// requiredLiteral returns the longest literal that every match of the
// regular expression expr contains, "" when it finds none: a literal
// element of its top-level sequence, looking through capture groups.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	var best string
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral:
			if re.Flags&syntax.FoldCase == 0 && len(string(re.Rune)) > len(best) {
				best = string(re.Rune)
			}
		case syntax.OpCapture:
			walk(re.Sub[0])
		case syntax.OpConcat:
			for _, s := range re.Sub {
				walk(s)
			}
		}
	}
	walk(re.Simplify())
	return best
}
