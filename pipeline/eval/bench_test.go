package eval

import (
	"os"
	"path/filepath"
	"slices"
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

// BenchmarkScoreReversed pairs the same gold with its tasks in reverse
// order, so that every prediction scans the free gold items with Dice.
func BenchmarkScoreReversed(b *testing.B) {
	g, err := LoadGold(filepath.Join(corpus(b), "gov-2025-henan.gold.json"))
	if err != nil {
		b.Fatal(err)
	}
	d := g.AsDocument()
	slices.Reverse(d.Tasks)
	for b.Loop() {
		Score(d, g)
	}
}

// BenchmarkParseGold reads the largest sample gold, the work of one fuzz
// execution on a typical input.
func BenchmarkParseGold(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "samples", "sample-gov-report.gold.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseGold("x", data); err != nil {
			b.Fatal(err)
		}
	}
}
