package eval

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize reduces s to what GUIDELINE.md compares: Unicode NFKC, then
// without white space, punctuation and symbols (quotes included), so that
// "要抓实“理论学习”。" and "要抓实理论学习" are the same string.
// Invisible format characters (zero-width space, byte-order mark, soft
// hyphen) go too: a reader sees them as white space, and converted Word
// files are full of them.
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// text is a string prepared for repeated matching.
type text struct {
	norm string
	n    int // runes in norm
	// bigrams are the rune pairs of norm packed into uint64s and sorted,
	// so that the multiset intersection is a merge, not a map lookup.
	bigrams []uint64
}

func prepare(s string) text {
	ns := Normalize(s)
	rs := []rune(ns)
	t := text{norm: ns, n: len(rs)}
	if len(rs) >= 2 {
		t.bigrams = make([]uint64, len(rs)-1)
		for i := range t.bigrams {
			t.bigrams[i] = uint64(rs[i])<<32 | uint64(uint32(rs[i+1]))
		}
		slices.Sort(t.bigrams)
	}
	return t
}

// Match reports whether a and b name the same item under GUIDELINE.md:
// after Normalize, one contains the other and the shorter has at least 60%
// of the longer's runes, or their character-bigram Dice coefficient is at
// least 0.8. A string that normalizes to nothing (punctuation only) matches
// nothing, not even another empty one: it carries no content to credit.
func Match(a, b string) bool { return matches(prepare(a), prepare(b)) }

func matches(a, b text) bool {
	if a.n == 0 || b.n == 0 {
		return false
	}
	short, long := a, b
	if short.n > long.n {
		short, long = long, short
	}
	// Integer comparisons keep the 60% and 0.8 boundaries exact.
	if 5*short.n >= 3*long.n && strings.Contains(long.norm, short.norm) {
		return true
	}
	// Dice cannot reach 0.8 when one side has fewer than two thirds of the
	// other's bigrams: 2·min/(min+max) < 0.8 then.
	if 3*(short.n-1) < 2*(long.n-1) {
		return false
	}
	inter, total := bigramOverlap(a, b)
	return total > 0 && 5*2*inter >= 4*total
}

// Dice is the character-bigram Dice coefficient of the normalized strings,
// counting bigrams as a multiset: 2·|A∩B| / (|A|+|B|), where a bigram that
// occurs twice in both counts twice. A string of fewer than two runes has
// no bigrams, and its coefficient with anything is 0: such strings can only
// match by containment (that is, by being equal).
func Dice(a, b string) float64 { return dice(prepare(a), prepare(b)) }

func dice(a, b text) float64 {
	inter, total := bigramOverlap(a, b)
	if total == 0 {
		return 0
	}
	return float64(2*inter) / float64(total)
}

// bigramOverlap returns |A∩B| and |A|+|B|, or 0, 0 when either side has
// no bigrams.
func bigramOverlap(a, b text) (inter, total int) {
	if a.n < 2 || b.n < 2 {
		return 0, 0
	}
	x, y := a.bigrams, b.bigrams
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return inter, len(x) + len(y)
}

// Similarity is how alike a and b are: 1 for the same text, the share of
// the longer that the shorter covers when one contains the other, else
// their bigram Dice coefficient. It ranks the candidates Match accepts.
func Similarity(a, b string) float64 { return similarity(prepare(a), prepare(b)) }

// similarity ranks near misses for the verbose listing: the containment
// ratio when one contains the other, else the Dice coefficient.
func similarity(a, b text) float64 {
	s := dice(a, b)
	if a.n == 0 || b.n == 0 {
		return 0
	}
	short, long := a, b
	if short.n > long.n {
		short, long = long, short
	}
	if strings.Contains(long.norm, short.norm) {
		s = max(s, float64(short.n)/float64(long.n))
	}
	return s
}
