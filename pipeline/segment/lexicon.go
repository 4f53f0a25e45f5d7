package segment

import (
	_ "embed"
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

// lexicon is the dictionary text and gse's total frequency of it.
type lexicon struct {
	data  string // the entry lines, after the header
	n     int    // an upper bound of the entries, for the search
	total float64
}

// maxWordRunes bounds the words looked up; gse's dictionary has none
// longer that matter.
const maxWordRunes = 16

var loadLexicon = sync.OnceValue(func() *lexicon {
	nl := strings.IndexByte(zhDict, '\n')
	total, _ := strconv.ParseFloat(zhDict[:nl], 64)
	return &lexicon{data: zhDict[nl+1:], n: len(zhDict) - nl - 1, total: total}
})

// The search runs over byte offsets: line(off) is the entry whose line
// holds offset off, found by stepping back to the line's start. Entries
// are named by the offset of their line's start.

// lineAt returns the start of the line holding off.
func (l *lexicon) lineAt(off int) int {
	if off >= len(l.data) {
		return len(l.data)
	}
	return strings.LastIndexByte(l.data[:off], '\n') + 1
}

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

// lowerBound returns the first line in [lo, hi) whose word is not below
// key (hi when none is); lo and hi are line starts.
func (l *lexicon) lowerBound(lo, hi int, key string, less func(w string) bool) int {
	for lo < hi {
		mid := l.lineAt(lo + (hi-lo)/2)
		if mid < lo {
			mid = lo
		}
		if less(l.word(mid)) {
			lo = l.nextLine(mid)
		} else {
			hi = mid
		}
	}
	return lo
}

// find returns the line of word, -1 when the dictionary lacks it.
func (l *lexicon) find(word string) int {
	i := l.lowerBound(0, len(l.data), word, func(w string) bool { return w < word })
	if i < len(l.data) && l.word(i) == word {
		return i
	}
	return -1
}

// wordsIn adds to found the lines of the dictionary words that occur in
// text. From each position the range of words with the text's next
// characters as prefix narrows a character at a time, so a position costs
// a few binary searches over shrinking ranges.
func (l *lexicon) wordsIn(text string, found map[int]bool) {
	for p := 0; p < len(text); {
		_, size := utf8.DecodeRuneInString(text[p:])
		lo, hi := 0, len(l.data)
		q := p
		for n := 0; n < maxWordRunes && q < len(text) && lo < hi; n++ {
			_, sz := utf8.DecodeRuneInString(text[q:])
			q += sz
			prefix := text[p:q]
			lo = l.lowerBound(lo, hi, prefix, func(w string) bool { return w < prefix })
			hi = l.lowerBound(lo, hi, prefix, func(w string) bool { return strings.HasPrefix(w, prefix) || w < prefix })
			if lo < hi && l.word(lo) == prefix {
				found[lo] = true
			}
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
