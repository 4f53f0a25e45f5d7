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

// BenchmarkCorpusLedger is the ledger step of every run over the shared
// corpus and its assign/ plans (17 documents, 2,670 tasks): the shares in
// 按单位 read for progress, then the 总台账, every unit's share and the
// tables to attach written again. Skipped when ../shared is absent.
func BenchmarkCorpusLedger(b *testing.B) {
	var files []string
	for _, pat := range []string{"*.txt", "*.docx", "assign/*.txt"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		b.Skip("../shared/corpus is absent")
	}
	p, err := New(Config{Out: b.TempDir(), Rules: dict.MustDefault()})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	p.RunAll(context.Background(), files, runtime.NumCPU(), nil)
	p.Ledger()
	for b.Loop() {
		if rep := p.Ledger(); len(rep.Problems) > 0 {
			b.Fatal(rep.Problems)
		}
	}
}
