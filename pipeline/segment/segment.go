// Package segment cuts Chinese text into words with gse, using only the
// compact domain dictionary from dict/ (words, directive verbs, actors,
// timing words, known formulas). gse's own 470 MB dictionary is never
// loaded: it would dominate start-up time and memory and, loaded by path,
// would not exist on a deployed machine.
package segment

import (
	"strconv"
	"sync"

	"github.com/go-ego/gse"

	"github.com/luoshi/luoshi/dict"
)

// Segmenter is read-only after New and safe for concurrent use: gse's
// AddToken races with cutting, so every word is added before the first cut.
type Segmenter struct {
	seg gse.Segmenter
}

// Token is one word and its part of speech ("" when unknown).
type Token struct {
	Text string
	Pos  string
}

// New builds a segmenter over every word the rules know.
func New(r *dict.Rules) *Segmenter {
	var entries []map[string]string
	seen := map[string]bool{}
	add := func(text string, freq int, pos string) {
		if text == "" || seen[text] {
			return // the first entry wins, as in gse
		}
		seen[text] = true
		if freq < 2 {
			freq = 2 // gse drops words with freq < 2 silently
		}
		entries = append(entries, map[string]string{"text": text, "freq": strconv.Itoa(freq), "pos": pos})
	}
	for _, w := range r.Words {
		add(w.Text, w.Freq, w.Pos)
	}
	for _, d := range r.Directives {
		add(d.Text, 500, "v")
	}
	for _, a := range r.Actors {
		add(a.Text, 500, "n")
	}
	for _, t := range r.Timing {
		add(t.Text, 500, "t")
	}
	for _, s := range r.Slogans {
		if !s.Stop {
			add(s.Text, 1000, "nz")
		}
	}
	s := &Segmenter{}
	s.seg.NotLoadHMM = true
	s.seg.SkipLog = true
	// LoadDictMap initializes an empty dictionary itself; with no entries
	// it must still get one, so add a harmless placeholder word.
	if len(entries) == 0 {
		entries = append(entries, map[string]string{"text": "的", "freq": "2"})
	}
	s.seg.LoadDictMap(entries)
	return s
}

// Cut returns the words of s. Unknown text comes out one character (or one
// run of Latin letters or digits) at a time.
func (s *Segmenter) Cut(text string) []Token {
	ps := s.seg.Pos(text, false)
	out := make([]Token, len(ps))
	for i, p := range ps {
		out[i] = Token{Text: p.Text, Pos: p.Pos}
	}
	return out
}

// Words returns just the texts of Cut.
func (s *Segmenter) Words(text string) []string {
	return s.seg.Slice(text, false)
}

// gse lower-cases Latin letters by default, which would turn 学习强国APP
// into 学习强国app and break offsets into the original text. The switch is a
// package variable of gse, so it is set once before any segmenter exists.
func init() { gse.ToLower = false }

var (
	mu    sync.Mutex
	cache = map[*dict.Rules]*Segmenter{}
)

// For returns the segmenter of r, built once per Rules value: building is
// cheap but not free, and a batch reuses the same rules for every file.
func For(r *dict.Rules) *Segmenter {
	mu.Lock()
	defer mu.Unlock()
	s, ok := cache[r]
	if !ok {
		s = New(r)
		cache[r] = s
	}
	return s
}
