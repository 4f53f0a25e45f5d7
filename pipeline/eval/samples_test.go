package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// TestGoldAgainstText checks the hand-made gold files beside their .txt
// (the samples of the repository, and the shared corpus where present)
// against the text itself, so that an annotation slip (a task copied
// wrongly, a task filed under the wrong heading, a slogan that is not in
// the text) fails here rather than silently lowering every score.
func TestGoldAgainstText(t *testing.T) {
	dirs := []string{filepath.Join("..", "..", "samples")}
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "corpus", "GUIDELINE.md")); err == nil {
		dirs = append(dirs, filepath.Join("..", "..", "..", "shared", "corpus"))
	}
	n := 0
	for _, dir := range dirs {
		golds, _ := filepath.Glob(filepath.Join(dir, "*.gold.json"))
		for _, gp := range golds {
			txt := strings.TrimSuffix(gp, ".gold.json") + ".txt"
			b, err := os.ReadFile(txt)
			if err != nil {
				continue // .docx sources need the ingest stage
			}
			g, err := LoadGold(gp)
			if err != nil {
				t.Error(err)
				continue
			}
			n++
			t.Run(filepath.Base(gp), func(t *testing.T) {
				checkGold(t, g, string(b))
				assertPerfect(t, g)
			})
		}
	}
	if n < 3 {
		t.Errorf("checked %d gold files with a .txt beside them, want the three samples at least", n)
	}
}

func checkGold(t *testing.T, g *Gold, text string) {
	var sents []string
	for _, p := range doc.Build(strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), nil) {
		for _, s := range p.Sentences {
			sents = append(sents, Normalize(s.Text))
		}
	}
	// find returns the first sentence at or after from containing the
	// normalized needle, -1 if none.
	find := func(needle string, from int) int {
		n := Normalize(needle)
		for i := max(from, 0); i < len(sents); i++ {
			if strings.Contains(sents[i], n) {
				return i
			}
		}
		return -1
	}
	// Headings must appear in order; remember where each starts.
	pillarAt := make([]int, len(g.Pillars)+1)
	pointAt := make([][]int, len(g.Pillars))
	prev := 0
	for i, p := range g.Pillars {
		at := find(p.Number+p.Title, prev)
		if at < 0 {
			at = find(p.Title, prev)
		}
		if at < 0 {
			t.Errorf("pillar %s “%s” not found in the text after sentence %d", p.Number, p.Title, prev)
			return
		}
		pillarAt[i], prev = at, at
		for _, q := range p.Points {
			qa := find(q.Title, prev)
			if qa < 0 {
				t.Errorf("point “%s” of pillar %s not found in order", q.Title, p.Number)
				return
			}
			pointAt[i] = append(pointAt[i], qa)
			prev = qa
		}
	}
	pillarAt[len(g.Pillars)] = len(sents)
	if g.AnnouncedPillars != nil && *g.AnnouncedPillars != len(g.Pillars) {
		t.Errorf("announced_pillars %d but %d pillars", *g.AnnouncedPillars, len(g.Pillars))
	}

	prev = 0
	for _, task := range g.Tasks {
		// A task is a whole sentence; its numbering ("1.") may be left out.
		at := -1
		n := Normalize(task.Text)
		for i := prev; i < len(sents); i++ {
			if sents[i] == n || (strings.HasSuffix(sents[i], n) && Match(sents[i], n)) {
				at = i
				break
			}
		}
		if at < 0 {
			t.Errorf("task not a sentence of the text (or out of order): %s", task.Text)
			continue
		}
		prev = at + 1
		if task.Pillar == 0 {
			continue // before the first pillar, or a closing outside them
		}
		pi := task.Pillar - 1
		if at < pillarAt[pi] || at >= pillarAt[pi+1] {
			t.Errorf("task outside its pillar %d: %s", task.Pillar, task.Text)
		}
		if task.Point == nil {
			continue
		}
		for k, q := range g.Pillars[pi].Points {
			if q.Title != *task.Point {
				continue
			}
			end := pillarAt[pi+1]
			if k+1 < len(pointAt[pi]) {
				end = pointAt[pi][k+1]
			}
			// A point titled by a whole directive sentence may be that
			// task itself.
			if at < pointAt[pi][k] || at >= end {
				t.Errorf("task outside its point “%s”: %s", q.Title, task.Text)
			}
		}
	}
	all := Normalize(text)
	seen := map[string]bool{}
	for _, s := range g.Slogans {
		n := Normalize(s.Text)
		if !strings.Contains(all, n) {
			t.Errorf("slogan not in the text: %s", s.Text)
		}
		if seen[n] {
			t.Errorf("slogan listed twice: %s", s.Text)
		}
		seen[n] = true
	}
	for _, task := range g.Tasks {
		for _, a := range append(append([]string(nil), task.Actors...), task.Timing...) {
			if !strings.Contains(Normalize(task.Text), Normalize(a)) {
				t.Errorf("actor or timing %q not in its task: %s", a, task.Text)
			}
		}
	}
}
