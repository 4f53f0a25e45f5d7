// Package segment cuts Chinese text into words with gse, over gse's full
// simplified and traditional dictionary (embedded, see lexicon.go) and the
// domain words of dict/ (words, directive verbs, actors, timing words,
// known formulas), which are loaded first so that they win.
//
// Loading gse's 587,000 words costs 1.5 s and 195 MB. A text is cut the
// same way by a segmenter that holds only the dictionary words occurring
// in it, provided the total frequency, from which gse derives every word's
// cost, is the full dictionary's: one balancing entry that occurs in no
// text makes up the difference. So each document gets a segmenter of its
// own, built in milliseconds and never changed after its first cut (gse's
// AddToken races with cutting).
package segment

import (
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/luoshi/luoshi/dict"
)

// Token is one word with its tag and its place, in runes, in the text cut.
type Token struct {
	Text       string
	Pos        string
	Start, End int
}

// entry is a word to load into gse.
type entry struct {
	text string
	freq float64
	pos  string
}

// Segmenter holds the domain words of one set of rules; it is read-only
// after New and safe for concurrent use.
type Segmenter struct {
	domain []entry
	seen   map[string]bool
	// extra is what the domain words add to the full dictionary's total
	// frequency: their own, or what they raise a dictionary word by.
	extra float64
}

// Domain words' frequencies: gse's frequency of a word already in its
// dictionary if that is higher (a domain word must not lose a common
// reading to a junk compound of gse's), else these.
const (
	freqDirective = 500
	freqActor     = 500
	freqTiming    = 500
	freqFormula   = 1000
)

// balance is the entry that carries the difference between the full
// dictionary's total frequency and the loaded words': a run of Latin
// letters, which gse keeps as one word (it drops a private-use character)
// and which no document contains.
const balance = "luoshibalanceentry"

// New prepares a segmenter over the words the rules know.
func New(r *dict.Rules) *Segmenter {
	lex := loadLexicon()
	s := &Segmenter{seen: map[string]bool{}}
	add := func(text string, freq int, pos string) {
		if text == "" || s.seen[text] {
			return // the first entry wins, as in gse
		}
		s.seen[text] = true
		f := float64(max(freq, 2)) // gse drops words with freq < 2 silently
		if utf8.RuneCountInString(text) < 2 {
			f = 2 // and loads every one-character word at 2
		}
		if i := lex.find(text); i >= 0 {
			_, lf, _ := lex.entry(i)
			g, _ := strconv.ParseFloat(lf, 64)
			if g > f {
				f = g
			}
			s.extra += f - g
		} else {
			s.extra += f
		}
		s.domain = append(s.domain, entry{text, f, pos})
	}
	for _, w := range r.Words {
		add(w.Text, w.Freq, w.Pos)
	}
	for _, d := range r.Directives {
		add(d.Text, freqDirective, "v")
	}
	for _, a := range r.Actors {
		add(a.Text, freqActor, "n")
	}
	for _, t := range r.Timing {
		add(t.Text, freqTiming, "t")
	}
	for _, sl := range r.Slogans {
		if !sl.Stop {
			add(sl.Text, freqFormula, "nz")
		}
	}
	return s
}

// Cutter cuts the texts of one document.
type Cutter struct {
	seg gse.Segmenter
}

// For returns a cutter for texts: gse loaded with the domain words, the
// dictionary words occurring in texts, and the balancing entry.
func (s *Segmenter) For(texts ...string) *Cutter {
	lex := loadLexicon()
	// A mark for each dictionary line: a fixed 600 KB, where a map of
	// the words a long document holds grew to hundreds of megabytes.
	found := make([]bool, len(lex.lines))
	pairs := make(map[string][2]uint32, 1<<12)
	for _, t := range texts {
		lex.wordsIn(t, found, pairs)
	}
	// Tokens go straight into gse's dictionary (what LoadDictMap does,
	// without a map and a number's text for each word), all before the
	// first cut: AddToken races only with cutting.
	c := &Cutter{}
	c.seg.NotLoadHMM = true
	c.seg.SkipLog = true
	c.seg.Dict = gse.NewDict()
	c.seg.Init()
	loaded := 0.0
	add := func(text string, freq float64, pos string) {
		if freq < 2 {
			return // as LoadDictMap: gse drops words below its least frequency
		}
		c.seg.AddToken(text, freq, pos)
		loaded += freq
	}
	for _, e := range s.domain {
		add(e.text, e.freq, e.pos)
	}
	for k, ok := range found {
		if !ok {
			continue
		}
		w, f, pos := lex.entry(int(lex.lines[k]))
		if s.seen[w] {
			continue
		}
		freq, _ := strconv.ParseFloat(f, 64)
		add(w, freq, pos)
	}
	if rest := lex.total + s.extra - loaded; rest >= 2 {
		c.seg.AddToken(balance, rest)
	}
	c.seg.CalcToken()
	return c
}

// Cut returns the words of text with their places. Text no dictionary
// word covers comes out one character (or one run of Latin letters or
// digits) at a time.
func (c *Cutter) Cut(text string) []Token {
	segs := c.seg.Segment([]byte(text))
	out := make([]Token, 0, len(segs))
	rune0, byte0 := 0, 0
	for _, sg := range segs {
		start, end := sg.Start(), sg.End()
		if start < byte0 || end > len(text) || end <= start {
			continue
		}
		rune0 += utf8.RuneCountInString(text[byte0:start])
		n := utf8.RuneCountInString(text[start:end])
		out = append(out, Token{Text: text[start:end], Pos: sg.Token().Pos(), Start: rune0, End: rune0 + n})
		rune0 += n
		byte0 = end
	}
	return out
}

// Cut is For(text).Cut(text), for a single text.
func (s *Segmenter) Cut(text string) []Token { return s.For(text).Cut(text) }

// Words returns just the texts of Cut.
func (s *Segmenter) Words(text string) []string {
	toks := s.Cut(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// gse lower-cases Latin letters by default, which would turn 学习强国APP
// into 学习强国app and break offsets into the original text. The switch is a
// package variable of gse, so it is set once before any segmenter exists.
func init() { gse.ToLower = false }

var (
	mu    sync.Mutex
	cache = map[*dict.Rules]*Segmenter{}
)

// ForRules returns the segmenter of r, built once per Rules value: a batch
// reuses the same rules for every file.
func ForRules(r *dict.Rules) *Segmenter {
	mu.Lock()
	defer mu.Unlock()
	s, ok := cache[r]
	if !ok {
		s = New(r)
		cache[r] = s
	}
	return s
}
