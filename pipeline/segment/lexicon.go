package segment

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run ./gendict zh.dict

// zhDict is gse's simplified and traditional Chinese dictionary (587,211
// words), one "word<TAB>freq<TAB>tag" line each, sorted by bytes, after a
// first line holding gse's total frequency; written by gendict. It is
// embedded here rather than through gse's LoadDictEmbed, which would link
// gse's 24 MB Japanese dictionary too, and read without gse's LoadDict,
// which reads the build machine's module cache. It stays as embedded, in
// the binary's read-only data: words are found by binary search over the
// sorted text itself, so a process pays nothing to load it and touches
// only the pages its lookups read.
//
//go:embed zh.dict
var zhDict string

// lexicon is the dictionary text, gse's total frequency of it, and an
// index of it built once per process: where each line starts, and the
// lines of each first character. The index (2.4 MB for 587,000 lines,
// built in a few milliseconds) makes a lookup a binary search over line
// numbers within the lines of its first character, not over bytes.
type lexicon struct {
	data  string // the entry lines, after the header
	total float64
	lines []uint32           // the start of each line, in order
	lens  []uint8            // the byte length of each line's word, 255 for "look it up"
	first map[rune][2]uint32 // the lines [lo, hi) whose word starts with the rune
}

// maxWordRunes bounds the words looked up; gse's dictionary has none
// longer that matter.
const maxWordRunes = 16

var loadLexicon = sync.OnceValue(func() *lexicon {
	nl := strings.IndexByte(zhDict, '\n')
	total, _ := strconv.ParseFloat(zhDict[:nl], 64)
	l := &lexicon{data: zhDict[nl+1:], total: total, first: map[rune][2]uint32{}}
	n := strings.Count(l.data, "\n") + 1
	l.lines, l.lens = make([]uint32, 0, n), make([]uint8, 0, n)
	prev := rune(-1)
	for off := 0; off < len(l.data); {
		i := uint32(len(l.lines))
		l.lines = append(l.lines, uint32(off))
		l.lens = append(l.lens, uint8(min(strings.IndexByte(l.data[off:], '\t'), 255)))
		r, _ := utf8.DecodeRuneInString(l.data[off:])
		if r != prev {
			if prev >= 0 {
				g := l.first[prev]
				l.first[prev] = [2]uint32{g[0], i}
			}
			l.first[r] = [2]uint32{i, i}
			prev = r
		}
		e := strings.IndexByte(l.data[off:], '\n')
		if e < 0 {
			break
		}
		off += e + 1
	}
	if prev >= 0 {
		g := l.first[prev]
		l.first[prev] = [2]uint32{g[0], uint32(len(l.lines))}
	}
	return l
})

// Entries are named by the byte offset of their line's start.

// nextLine returns the start of the line after the one starting at off.
func (l *lexicon) nextLine(off int) int {
	i := strings.IndexByte(l.data[off:], '\n')
	if i < 0 {
		return len(l.data)
	}
	return off + i + 1
}

// word returns the word of the line starting at off.
func (l *lexicon) word(off int) string {
	s := l.data[off:]
	return s[:strings.IndexByte(s, '\t')]
}

// entry returns the word, frequency and tag of the line starting at off.
func (l *lexicon) entry(off int) (word, freq, pos string) {
	s := l.data[off:]
	s = s[:strings.IndexByte(s, '\n')]
	word, rest, _ := strings.Cut(s, "\t")
	freq, pos, _ = strings.Cut(rest, "\t")
	return word, freq, pos
}

// wordAt returns the word of line i.
func (l *lexicon) wordAt(i uint32) string {
	off, n := int(l.lines[i]), int(l.lens[i])
	if n == 255 {
		return l.word(off)
	}
	return l.data[off : off+n]
}

// narrow returns the lines within [lo, hi) whose word has prefix, all
// of which share prefix's first character: lo is the first not below
// prefix, hi the first past the words with it.
func (l *lexicon) narrow(lo, hi uint32, prefix string) (uint32, uint32) {
	n := int(hi - lo)
	a := lo + uint32(sort.Search(n, func(k int) bool { return l.wordAt(lo+uint32(k)) >= prefix }))
	m := int(hi - a)
	b := a + uint32(sort.Search(m, func(k int) bool {
		w := l.wordAt(a + uint32(k))
		return !strings.HasPrefix(w, prefix) && w > prefix
	}))
	return a, b
}

// find returns the line start of word, -1 when the dictionary lacks it.
func (l *lexicon) find(word string) int {
	r, _ := utf8.DecodeRuneInString(word)
	g, ok := l.first[r]
	if !ok {
		return -1
	}
	lo, hi := l.narrow(g[0], g[1], word)
	if lo < hi && l.wordAt(lo) == word {
		return int(l.lines[lo])
	}
	return -1
}

// wordsIn marks in found, by index, the lines of the dictionary words that occur in
// text. From each position the lines of words with the text's next
// characters as prefix narrow a character at a time, starting from the
// lines of its first character, so a position costs a few binary searches
// over small ranges and one map lookup when no word starts there.
//
// A long text repeats its character pairs and triples: pairs remembers
// the lines of each, the widest searches, across the texts of a document.
func (l *lexicon) wordsIn(text string, found []bool, pairs map[string][2]uint32) {
	for p := 0; p < len(text); {
		r, size := utf8.DecodeRuneInString(text[p:])
		g, ok := l.first[r]
		lo, hi := g[0], g[1]
		q := p + size
		for n := 1; ok && lo < hi; n++ {
			prefix := text[p:q]
			switch {
			case n == 2 || n == 3:
				if c, seen := pairs[prefix]; seen {
					lo, hi = c[0], c[1]
				} else {
					lo, hi = l.narrow(lo, hi, prefix)
					pairs[prefix] = [2]uint32{lo, hi}
				}
			case n > 3:
				lo, hi = l.narrow(lo, hi, prefix)
			}
			if lo < hi && l.wordAt(lo) == prefix {
				found[lo] = true
			}
			if n == maxWordRunes || q >= len(text) {
				break
			}
			_, sz := utf8.DecodeRuneInString(text[q:])
			q += sz
		}
		p += size
	}
}

// Tag returns the tag gse's dictionary gives word, "" when it has none.
func Tag(word string) string {
	l := loadLexicon()
	if i := l.find(word); i >= 0 {
		_, _, pos := l.entry(i)
		return pos
	}
	return ""
}

// Freq returns the frequency gse's dictionary gives word, 0 when it lacks
// it: how common the word is in general Chinese text, which tells a
// field's terms (量子, 低空: a few hundred) from the words every policy
// text uses (产业, 企业, 市场: tens of thousands).
func Freq(word string) int {
	l := loadLexicon()
	i := l.find(word)
	if i < 0 {
		return 0
	}
	_, f, _ := l.entry(i)
	n, _ := strconv.Atoi(f)
	return n
}

// collocationFreq is the frequency at which gse's dictionary holds the
// collocations it gathered automatically (要带头, 要以, 应按, 请予):
// strings of a modal and the next word, not words of the language.
const collocationFreq = 3

// Collocation reports whether gse's dictionary holds word only as such an
// automatic collocation. A word it lacks (one of dict/'s) is not one.
func Collocation(word string) bool {
	l := loadLexicon()
	i := l.find(word)
	if i < 0 {
		return false
	}
	_, f, _ := l.entry(i)
	n, err := strconv.ParseFloat(f, 64)
	return err == nil && n <= collocationFreq
}
