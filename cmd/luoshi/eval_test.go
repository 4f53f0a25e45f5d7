package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/eval"
	"github.com/luoshi/luoshi/pipeline/ingest"
)

func TestFindEvalPairs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "a.gold.json", "b.docx", "b.gold.json", "c.txt", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name      string
		args      []string
		golds     []string
		failWords []string
	}{
		{"directory", []string{dir}, []string{"a.gold.json", "b.gold.json"}, nil},
		{"source file", []string{filepath.Join(dir, "a.txt")}, []string{"a.gold.json"}, nil},
		{"gold file and its directory, once", []string{filepath.Join(dir, "b.gold.json"), dir}, []string{"b.gold.json", "a.gold.json"}, nil},
		{"source without gold", []string{filepath.Join(dir, "c.txt")}, nil, []string{"旁边没有标注文件 c.gold.json"}},
		{"missing path", []string{filepath.Join(dir, "none")}, nil, []string{"找不到"}},
		{"other file", []string{filepath.Join(dir, "notes.md")}, nil, []string{"不是标注文件"}},
	}
	for _, c := range cases {
		pairs, fails := findEvalPairs(c.args)
		var got []string
		for _, p := range pairs {
			got = append(got, filepath.Base(p.gold))
		}
		if strings.Join(got, ",") != strings.Join(c.golds, ",") {
			t.Errorf("%s: golds %v, want %v", c.name, got, c.golds)
		}
		if len(fails) != len(c.failWords) {
			t.Errorf("%s: failures %+v, want %d", c.name, fails, len(c.failWords))
			continue
		}
		for i, w := range c.failWords {
			if !strings.Contains(fails[i].Error, w) {
				t.Errorf("%s: failure %q lacks %q", c.name, fails[i].Error, w)
			}
		}
	}
}

func TestSourceOf(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"x.docx", "x.txt", "other.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gold := filepath.Join(dir, "x.gold.json")
	cases := []struct{ document, want string }{
		{"", "x.txt"},        // NAME.txt first
		{"x.docx", "x.docx"}, // the document field wins
		{"other.pdf", "other.pdf"},
		{"../x.docx", "x.txt"}, // a path outside the folder is ignored
		{"missing.txt", "x.txt"},
	}
	for _, c := range cases {
		got, err := sourceOf(gold, &eval.Gold{Document: c.document})
		if err != nil || filepath.Base(got) != c.want {
			t.Errorf("sourceOf(document %q) = %q, %v; want %s", c.document, got, err, c.want)
		}
	}
	if _, err := sourceOf(filepath.Join(dir, "y.gold.json"), &eval.Gold{}); err == nil || !strings.Contains(err.Error(), "y.txt") {
		t.Errorf("sourceOf without a source: %v", err)
	}
}

// TestRunEval runs the command on a tiny annotated text: the table names
// the document and the micro-average, --json is valid JSON, and a task F1
// bar above what the gold allows fails the run.
func TestRunEval(t *testing.T) {
	dir := t.TempDir()
	text := "一、加强理论武装。\n各级支部书记要每周组织一次集中学习。\n"
	gold := `{"document": "t.txt", "source": "test", "announced_pillars": null,
 "pillars": [{"number": "一", "title": "加强理论武装", "points": []}],
 "tasks": [{"text": "各级支部书记要每周组织一次集中学习", "pillar": 1, "point": null, "actors": ["各级支部书记", "市委办公室"], "timing": ["每周", "年底前"]},
           {"text": "这一句不在正文中所以不可能被抽取出来", "pillar": 1, "point": null}],
 "slogans": [], "notes": ""}`
	if err := os.WriteFile(filepath.Join(dir, "t.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "t.gold.json"), []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(flags map[string]string) (string, error) {
		t.Helper()
		var out strings.Builder
		evalCmd.SetOut(&out)
		evalCmd.SetErr(&out)
		defer func() {
			evalCmd.SetOut(nil)
			evalCmd.SetErr(nil)
			for k := range flags {
				f := evalCmd.Flags().Lookup(k)
				_ = f.Value.Set(f.DefValue)
				f.Changed = false
			}
		}()
		for k, v := range flags {
			if err := evalCmd.Flags().Set(k, v); err != nil {
				t.Fatal(err)
			}
		}
		if err := loadConfig(evalCmd); err != nil {
			t.Fatal(err)
		}
		err := runEval(evalCmd, []string{dir})
		return out.String(), err
	}

	out, err := run(nil)
	if err != nil || !strings.Contains(out, "t.txt") || !strings.Contains(out, "合计（微平均）") {
		t.Errorf("eval: %v\n%s", err, out)
	}
	out, err = run(map[string]string{"json": "true"})
	var v struct {
		Documents []eval.Report `json:"documents"`
		Micro     eval.Report   `json:"micro"`
	}
	if err != nil || json.Unmarshal([]byte(out), &v) != nil || len(v.Documents) != 1 || v.Micro.Tasks.FN < 1 {
		t.Errorf("eval --json: %v\n%s", err, out)
	}
	_, err = run(map[string]string{"min-task-f1": "0.99"})
	var ee *exitError
	if !errors.As(err, &ee) || !strings.Contains(ee.msg, "低于要求的 0.990") {
		t.Errorf("eval --min-task-f1 0.99: %v", err)
	}
	// Actors and timing are gated on their own (half of each is found).
	for flag, word := range map[string]string{"min-actor-recall": "责任主体召回率", "min-timing-recall": "时间要求召回率"} {
		_, err = run(map[string]string{flag: "0.9"})
		if !errors.As(err, &ee) || !strings.Contains(ee.msg, word) || !strings.Contains(ee.msg, "0.500") {
			t.Errorf("eval --%s 0.9: %v", flag, err)
		}
		if _, err = run(map[string]string{flag: "0.5"}); err != nil {
			t.Errorf("eval --%s 0.5: %v", flag, err)
		}
	}
	if _, err = run(map[string]string{"min-task-f1": "1.5"}); err == nil {
		t.Error("eval --min-task-f1 1.5 accepted")
	}
}

// TestAssignCorpusBars holds the assignment eval of ../shared/corpus/assign
// (the texts and the PDFs as published) to issue 11's bars: the stated
// lead right for ≥ 95 % of the tasks in scopes, the partner set for ≥ 90 %,
// no parenthetical a task, and, with the parentheticals ignored, the
// suggested lead the gold's for ≥ 60 % and one of its units for ≥ 85 %.
// Skipped when the corpus is absent.
func TestAssignCorpusBars(t *testing.T) {
	golds := findAssignGolds([]string{"../../../shared/corpus/assign"})
	if len(golds) == 0 {
		t.Skip("../shared/corpus/assign is absent")
	}
	var reports []*eval.AssignReport
	for _, g := range golds {
		rs, errs := scoreAssignFile(g, dict.MustDefault(), ingest.Options{PDFInProcess: true})
		for _, err := range errs {
			t.Error(err)
		}
		reports = append(reports, rs...)
	}
	total := eval.MergeAssign("合计", reports...)
	for _, bar := range []struct {
		name string
		r    eval.Ratio
		min  float64
	}{
		{"stated lead", total.Lead, 0.95},
		{"stated partners", total.Partners, 0.90},
		{"suggested lead", total.SuggestLead, 0.60},
		{"suggested in gold units", total.SuggestAny, 0.85},
	} {
		v, ok := bar.r.Value()
		t.Logf("%s: %.3f over %d", bar.name, v, bar.r.Total)
		if !ok || v < bar.min {
			t.Errorf("%s %.3f < %.2f", bar.name, v, bar.min)
		}
	}
	if total.Parentheticals != 0 || total.Covered != total.Scopes {
		t.Errorf("%d parenthetical tasks, %d of %d scopes with tasks", total.Parentheticals, total.Covered, total.Scopes)
	}
}
