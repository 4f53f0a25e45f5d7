package segment

import (
	"runtime"
	"sync"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// Annotate cuts every sentence of d into words with the segmenter of r:
// the segment stage. A document gets one gse segmenter, over the
// dictionary words its text holds, and each paragraph is cut once; a
// sentence keeps the words inside it.
func Annotate(d *doc.Document, r *dict.Rules) {
	texts := make([]string, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		texts[i] = p.Text
	}
	c := ForRules(r).For(texts...)
	// Each paragraph is cut on its own, and a long document's on every
	// core: the cutter is only read once made.
	Parallel(len(d.Paragraphs), parallelMin, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			cutParagraph(c, &d.Paragraphs[i])
		}
	})
}

// parallelMin is the least number of paragraphs worth cutting on several
// cores: a speech has a few dozen, done faster on one.
const parallelMin = 256

// Parallel runs do over [0,n) in contiguous chunks, one per processor,
// when n is at least least; on one goroutine otherwise. The stages that
// take a long document apart (cutting paragraphs here, judging sentences
// in extract) share it.
func Parallel(n, least int, do func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < least || workers < 2 {
		do(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		wg.Go(func() { do(lo, min(lo+chunk, n)) })
	}
	wg.Wait()
}

// cutParagraph gives each sentence of p its tokens. One array holds the
// paragraph's; each sentence has its run of it.
func cutParagraph(c *Cutter, p *doc.Paragraph) {
	toks := c.Cut(p.Text)
	all := make([]doc.Token, 0, len(toks)+len(p.Sentences))
	k := 0
	for j := range p.Sentences {
		s := &p.Sentences[j]
		lo, hi := s.Loc.Start-p.Loc.Start, s.Loc.End-p.Loc.Start
		first := len(all)
		for ; k < len(toks) && toks[k].Start < hi; k++ {
			t := toks[k]
			if t.End <= lo {
				continue
			}
			// A word across a sentence end (rare: punctuation ends
			// both) is cut at it.
			start, end := max(t.Start, lo), min(t.End, hi)
			text := t.Text
			if start != t.Start || end != t.End {
				rs := []rune(t.Text)
				text = string(rs[start-t.Start : end-t.Start])
			}
			all = append(all, doc.Token{Text: text, Pos: t.Pos, Start: start - lo, End: end - lo})
			if t.End > hi {
				break // the rest belongs to the next sentence
			}
		}
		// Non-nil even when empty: Annotated tells a cut document by it.
		s.Tokens = all[first:len(all):len(all)]
	}
}

// Annotated reports whether d's sentences have been cut.
func Annotated(d *doc.Document) bool {
	for _, p := range d.Paragraphs {
		for _, s := range p.Sentences {
			if s.Tokens != nil {
				return true
			}
		}
	}
	return false
}
