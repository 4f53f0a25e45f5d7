package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-ego/gse"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

func BenchmarkExtractSeed(b *testing.B) {
	d := readSeed(b)
	r := dict.MustDefault()
	b.SetBytes(int64(len(d.Text())))
	for b.Loop() {
		Annotate(d, r)
	}
}

// corpusText repeats real documents up to n bytes. It uses the seed plus
// the plain-text corpus files when ../shared/corpus is present.
func corpusText(b *testing.B, n int) string {
	var parts []string
	if s, err := os.ReadFile(seedPath); err == nil {
		parts = append(parts, string(s))
	}
	for _, name := range []string{"plan-2019-vocational-education.txt", "opinions-2018-rural-revitalization.txt"} {
		if s, err := os.ReadFile(filepath.Join("../../../shared/corpus", name)); err == nil {
			parts = append(parts, strings.TrimPrefix(string(s), "\uFEFF"))
		}
	}
	if len(parts) == 0 {
		b.Skip("no text to build the benchmark input from")
	}
	var sb strings.Builder
	for sb.Len() < n {
		for _, p := range parts {
			sb.WriteString(p)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func BenchmarkExtract10MB(b *testing.B) {
	text := corpusText(b, 10<<20)
	paras := doc.Build(strings.Split(text, "\n"), nil)
	r := dict.MustDefault()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := &doc.Document{Paragraphs: paras}
		Annotate(d, r)
	}
}

// BenchmarkGseDefaultLoadAndCut is the yardstick of the speed goals:
// loading gse's default dictionary and cutting the seed. It needs the gse
// module's data in the module cache and about 500 MB, so it runs only with
// LUOSHI_BENCH_GSE=1.
func BenchmarkGseDefaultLoadAndCut(b *testing.B) {
	if os.Getenv("LUOSHI_BENCH_GSE") == "" {
		b.Skip("set LUOSHI_BENCH_GSE=1 to measure gse's default dictionary")
	}
	text := readSeed(b).Text()
	for b.Loop() {
		seg := gse.Segmenter{SkipLog: true}
		if err := seg.LoadDict(); err != nil {
			b.Fatal(err)
		}
		seg.Slice(text, false)
	}
}

// BenchmarkGseDefaultCut10MB measures gse's default segmenter speed, the
// floor for BenchmarkExtract10MB. Same switch as above.
func BenchmarkGseDefaultCut10MB(b *testing.B) {
	if os.Getenv("LUOSHI_BENCH_GSE") == "" {
		b.Skip("set LUOSHI_BENCH_GSE=1 to measure gse's default dictionary")
	}
	text := corpusText(b, 10<<20)
	seg := gse.Segmenter{SkipLog: true}
	if err := seg.LoadDict(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		seg.Slice(text, false)
	}
}
