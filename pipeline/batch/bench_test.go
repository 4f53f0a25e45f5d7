package batch

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/luoshi/luoshi/dict"
)

// BenchmarkCorpusRun is what `luoshi run --force` does with the shared
// corpus's reports, plan, notice and opinions in the inbox: every file
// read, segmented, judged and written as workbook, JSON and CSV, by as
// many workers as cores. Skipped when ../shared is absent.
func BenchmarkCorpusRun(b *testing.B) {
	var files []string
	for _, pat := range []string{"*.txt", "*.docx"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		b.Skip("../shared/corpus is absent")
	}
	out := b.TempDir()
	for b.Loop() {
		p, err := New(Config{Out: out, Rules: dict.MustDefault(), Force: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range p.RunAll(context.Background(), files, runtime.NumCPU(), nil) {
			if r.Status == Failed {
				b.Fatal(r.Source, r.Reason)
			}
		}
		p.Close()
	}
}
