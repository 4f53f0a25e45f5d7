package extract

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// TestParallelMatchesSequential checks that judging a long document's
// sentences in parallel changes nothing: same tasks, ids (which count
// repeated sentences in document order), slogans and their order.
func TestParallelMatchesSequential(t *testing.T) {
	seed := readSeed(t)
	var texts []string
	for len(texts)*4 < parallelMin*3 { // well over parallelMin sentences
		for _, p := range seed.Paragraphs {
			texts = append(texts, p.Text)
		}
	}
	r := dict.MustDefault()
	run := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		d := &doc.Document{Paragraphs: doc.Build(texts, nil)}
		Annotate(d, r)
		return marshal(t, d)
	}
	seq, par := run(1), run(4)
	if !bytes.Equal(seq, par) {
		t.Errorf("parallel annotation differs from sequential (%d vs %d bytes of JSON)", len(par), len(seq))
	}
	if !bytes.Contains(seq, []byte(`"id"`)) {
		t.Fatal("no tasks found: the comparison proves nothing")
	}
}
