package eval

import (
	"path/filepath"
	"testing"
)

// BenchmarkScoreSelf scores the largest gold of the corpus against itself,
// the worst case of the quadratic pairing.
func BenchmarkScoreSelf(b *testing.B) {
	g, err := LoadGold(filepath.Join(corpus(b), "gov-2025-henan.gold.json"))
	if err != nil {
		b.Fatal(err)
	}
	d := g.AsDocument()
	for b.Loop() {
		Score(d, g)
	}
}
