package segment

import (
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
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		toks := c.Cut(p.Text)
		k := 0
		for j := range p.Sentences {
			s := &p.Sentences[j]
			lo, hi := s.Loc.Start-p.Loc.Start, s.Loc.End-p.Loc.Start
			s.Tokens = s.Tokens[:0:0]
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
				s.Tokens = append(s.Tokens, doc.Token{Text: text, Pos: t.Pos, Start: start - lo, End: end - lo})
				if t.End > hi {
					break // the rest belongs to the next sentence
				}
			}
		}
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
