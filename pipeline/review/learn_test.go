package review

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline"
	"github.com/luoshi/luoshi/pipeline/assign"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/eval"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ingest"
	"github.com/xuri/excelize/v2"
)

func TestAddLearned(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"人社  names=人社  duties=就业", "人社  names=人社  duties=就业  learned=见习|稳岗"},
		{"人社  names=人社  duties=就业  learned=见习  # 审核于 2026-01-02", "人社  names=人社  duties=就业  learned=见习|稳岗  # 审核于 2026-01-02"},
	} {
		if got := addLearned(tc.line, []string{"见习", "稳岗"}); got != tc.want {
			t.Errorf("addLearned(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// assignBase holds the plans with assignment gold, read in place.
const assignBase = "../../../shared/corpus/assign/"

// learningGain has a reviewer give 20 tasks of the plan train their leads
// (the gold's), learns from them as review import does, and returns the
// share of test's tasks whose suggested lead is the gold's, before and
// after, over n tasks, with the lessons learned.
func learningGain(t *testing.T, train, test string) (before, after float64, n int, lessons []Lesson) {
	t.Helper()
	r := dict.MustDefault()
	score := func(rules *dict.Rules) (float64, int) {
		g, err := eval.LoadAssignGold(assignBase + test + ".assign.json")
		if err != nil {
			t.Fatal(err)
		}
		d, err := pipeline.Process(assignBase+test+".txt", rules, ingest.Options{PDFInProcess: true})
		if err != nil {
			t.Fatal(err)
		}
		clearUnits(d)
		assign.Suggest(d, rules, g.Units())
		rep := &eval.AssignReport{}
		eval.ScoreSuggestions(rep, d, g)
		v, _ := rep.SuggestLead.Value()
		return v, rep.SuggestLead.Total
	}
	before, n = score(r)

	// The reviewer's workbook: 20 tasks of the training plan, each with
	// the lead its parenthetical names.
	g, err := eval.LoadAssignGold(assignBase + train + ".assign.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := pipeline.Process(assignBase+train+".txt", r, ingest.Options{PDFInProcess: true})
	if err != nil {
		t.Fatal(err)
	}
	var rows []export.Row
	for _, task := range d.Tasks {
		if len(rows) == 20 {
			break
		}
		n := eval.Normalize(task.Text)
		for _, a := range g.Assignments {
			if n != "" && strings.Contains(eval.Normalize(a.Scope), n) {
				rows = append(rows, export.Row{ID: task.ID, Text: task.Text, In: export.Input{export.ColLead: a.Lead[0]}})
				break
			}
		}
	}
	if len(rows) != 20 {
		t.Fatalf("only %d reviewed rows", len(rows))
	}
	dir := filepath.Join(t.TempDir(), "词典")
	if err := dict.WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	lessons = Learn(rows, r)
	if err := WriteLessons(dir, lessons, "测试"); err != nil {
		t.Fatal(err)
	}
	learned, err := dict.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	after, _ = score(learned)
	return before, after, n, lessons
}

// TestLearningImprovesSuggestions: a reviewer gives 20 tasks of one plan
// their leads, review import learns from them, and the suggestions on
// another plan of the same province get better. Skipped when
// ../shared/corpus/assign is absent.
func TestLearningImprovesSuggestions(t *testing.T) {
	train, test := "ZJ_2026_xinchangjing_xingdong", "ZJ_2026_kaiyuan_tixi"
	if _, err := os.Stat(assignBase + train + ".txt"); err != nil {
		t.Skip("../shared/corpus/assign is absent")
	}
	before, after, n, lessons := learningGain(t, train, test)
	for _, l := range lessons {
		t.Logf("learned for %s: %s", l.Type, strings.Join(l.Words, "、"))
	}
	t.Logf("suggested lead right on %s over %d tasks: %.2f before, %.2f after learning %d lessons", test, n, before, after, len(lessons))
	if after <= before {
		t.Errorf("learning did not help: %.2f before, %.2f after", before, after)
	}
}

// TestLearningNeverHurts: whichever plan of a province the reviewer
// taught from, the suggestions on each other plan of it are no worse: a
// lesson tips balances, it does not drag every task to one unit.
func TestLearningNeverHurts(t *testing.T) {
	plans := []string{"ZJ_2026_xinchangjing_xingdong", "ZJ_ZZF2025-10_AI_ruogan_cuoshi", "ZJ_2026_kaiyuan_tixi"}
	if _, err := os.Stat(assignBase + plans[0] + ".txt"); err != nil {
		t.Skip("../shared/corpus/assign is absent")
	}
	for _, train := range plans {
		for _, test := range plans {
			if train == test {
				continue
			}
			before, after, n, _ := learningGain(t, train, test)
			t.Logf("%s → %s over %d tasks: %.2f before, %.2f after", train, test, n, before, after)
			if after < before {
				t.Errorf("%s → %s: learning lowered the suggestions from %.2f to %.2f", train, test, before, after)
			}
		}
	}
}

// clearUnits removes the responsibilities the text states, as if it stated
// none.
func clearUnits(d *doc.Document) {
	for i := range d.Tasks {
		t := &d.Tasks[i]
		t.LeadUnits, t.PartnerUnits, t.AssignmentSource, t.AssignmentBasis = nil, nil, "", ""
	}
}

// TestGeneratedUnitsNotCarried: units the program filled in, read back
// unchanged, are nobody's input.
func TestGeneratedUnitsNotCarried(t *testing.T) {
	d := &doc.Document{Info: doc.Info{Name: "x.txt"}, Tasks: []doc.Task{
		{ID: "t1", Text: "加强失业保险基金管理。", LeadUnits: []string{"市人社局"}, AssignmentSource: "suggestion",
			AssignmentBasis: assign.SuggestionBasis([]string{"市人社局"}, nil, "职责“失业保险”")},
		{ID: "t2", Text: "新建高标准农田。", LeadUnits: []string{"市农业农村局"}, AssignmentSource: "suggestion",
			AssignmentBasis: assign.SuggestionBasis([]string{"市农业农村局"}, nil, "职责“高标准农田”")},
	}}
	d.Normalize()
	var buf strings.Builder
	w := &writerTo{&buf}
	if err := export.WriteWorkbook(w, d, export.Options{}); err != nil {
		t.Fatal(err)
	}
	b := []byte(buf.String())
	rv, err := ReadInput(b, "x.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Rows) != 0 {
		t.Errorf("generated units read back as input: %+v", rv.Rows)
	}
}

type writerTo struct{ b *strings.Builder }

func (w *writerTo) Write(p []byte) (int, error) { return w.b.Write(p) }

// TestConfirmedSuggestionCarried: a reviewer who confirms a row (审核意见
// 确认) makes the units and the year-end the program suggested there
// theirs: read back as typed, and shown black at the next regeneration;
// the row left alone stays a suggestion.
func TestConfirmedSuggestionCarried(t *testing.T) {
	d := &doc.Document{Info: doc.Info{Name: "x.txt"}, Tasks: []doc.Task{
		{ID: "t1", Text: "加强失业保险基金管理。", LeadUnits: []string{"市人社局"}, AssignmentSource: "suggestion",
			AssignmentBasis: assign.SuggestionBasis([]string{"市人社局"}, nil, "职责“失业保险”"),
			Deadline:        "2026-12-31", DeadlineText: "年底前（建议）", DeadlineSource: "suggestion"},
		{ID: "t2", Text: "新建高标准农田。", LeadUnits: []string{"市农业农村局"}, AssignmentSource: "suggestion",
			AssignmentBasis: assign.SuggestionBasis([]string{"市农业农村局"}, nil, "职责“高标准农田”"),
			Deadline:        "2026-12-31", DeadlineText: "年底前（建议）", DeadlineSource: "suggestion"},
	}}
	d.Normalize()
	path := filepath.Join(t.TempDir(), "x.xlsx")
	writeFile(t, path, d, export.Options{})
	edit(t, path, func(f *excelize.File) {
		if err := f.SetCellValue(export.SheetTasks, cellOf(t, f, export.SheetTasks, export.ColVerdict, findRow(t, f, export.SheetTasks, "t1")), export.VerdictConfirmed); err != nil {
			t.Fatal(err)
		}
	})
	rv, err := ReadInputFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The reader keeps the confirmed row's units; a 完成时限 the program
	// wrote is told from a typed one when the rows are carried.
	leads := map[string]string{}
	for _, r := range rv.Rows {
		leads[r.ID] = r.In[export.ColLead]
	}
	if leads["t1"] != "市人社局" || leads["t2"] != "" {
		t.Fatalf("read back %+v", rv.Rows)
	}
	// Regenerated with what was read, the confirmed row is no longer grey.
	var buf bytes.Buffer
	if err := export.WriteWorkbook(&buf, d, export.Options{Previous: rv}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	grey := func(col, id string) bool {
		cell := cellOf(t, f, export.SheetTasks, col, findRow(t, f, export.SheetTasks, id))
		s, _ := f.GetCellStyle(export.SheetTasks, cell)
		st, _ := f.GetStyle(s)
		return st != nil && st.Font != nil && st.Font.Italic
	}
	for _, col := range []string{export.ColLead, export.ColDue} {
		if grey(col, "t1") || !grey(col, "t2") {
			t.Errorf("%s: confirmed row grey %v, untouched row grey %v", col, grey(col, "t1"), grey(col, "t2"))
		}
	}
}
