package pipeline

import (
	"path/filepath"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/ingest"
)

// BenchmarkCorpusBatch runs the whole pipeline over the shared corpus's
// reports, plan, notice and opinions (.txt and .docx) in one process, as a
// batch does: the figure issue 9's "batch of the shared corpus" bar is
// about. Skipped when ../shared is absent.
func BenchmarkCorpusBatch(b *testing.B) {
	var files []string
	for _, pat := range []string{"*.txt", "*.docx"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		b.Skip("../shared/corpus is absent")
	}
	r := dict.MustDefault()
	for b.Loop() {
		for _, f := range files {
			if _, err := Process(f, r, ingest.Options{}); err != nil {
				b.Fatal(f, err)
			}
		}
	}
}
