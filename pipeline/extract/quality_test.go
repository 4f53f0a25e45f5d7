package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/eval"
	"github.com/luoshi/luoshi/pipeline/ingest"
)

// corpus is the shared ground truth, beside the module root; tests skip
// where it is absent (a fresh CI checkout of the repository alone).
const corpus = "../../../shared/corpus"

// TestCorpusScores holds the rules to the floors the project promises on
// the annotated documents, scored as GUIDELINE.md says.
func TestCorpusScores(t *testing.T) {
	type floor struct{ pillarF1, pointF1, taskF1, sloganF1, actors, timing, pillarAcc, pointAcc float64 }
	tests := []struct {
		source string
		min    floor
	}{
		{"zugong-xuhui-2022.txt", floor{1, 0.9, 0.9, 0.95, 0.8, 0.8, 0.8, 0.8}},
		{"gov-2025-henan.docx", floor{1, 0.9, 0.9, 0.9, 0, 0.8, 0.8, 0.8}},
	}
	r := dict.MustDefault()
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			src := filepath.Join(corpus, tt.source)
			gold := filepath.Join(corpus, tt.source[:len(tt.source)-len(filepath.Ext(tt.source))]+".gold.json")
			if _, err := os.Stat(gold); err != nil {
				t.Skip("corpus not present:", err)
			}
			g, err := eval.LoadGold(gold)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ingest.ReadFile(src, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			Annotate(d, r)
			rep := eval.Score(d, g)
			check := func(name string, got, min float64) {
				if got < min {
					t.Errorf("%s = %.2f, want ≥ %.2f", name, got, min)
				}
			}
			ratio := func(x eval.Ratio) float64 {
				v, ok := x.Value()
				if !ok {
					return 1
				}
				return v
			}
			check("pillar F1", rep.Pillars.F1(), tt.min.pillarF1)
			check("point F1", rep.Points.F1(), tt.min.pointF1)
			check("task F1", rep.Tasks.F1(), tt.min.taskF1)
			check("slogan F1", rep.Slogans.F1(), tt.min.sloganF1)
			check("actor recall", ratio(rep.ActorRecall), tt.min.actors)
			check("timing recall", ratio(rep.TimingRecall), tt.min.timing)
			check("pillar accuracy", ratio(rep.PillarAccuracy), tt.min.pillarAcc)
			check("point accuracy", ratio(rep.PointAccuracy), tt.min.pointAcc)
		})
	}
}
