package batch

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ledger"
	"github.com/luoshi/luoshi/pipeline/review"
)

// run processes the inbox in once and rebuilds the ledger, on the day now.
func run(t *testing.T, in, out string, now time.Time) ([]Result, ledger.Report) {
	t.Helper()
	p, err := New(Config{Out: out, Rules: rules(t), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	paths, err := Scan(in)
	if err != nil {
		t.Fatal(err)
	}
	res := p.RunAll(context.Background(), paths, 2, nil)
	return res, p.Ledger()
}

// sheetRecords reads a sheet whose header is its second row (the ledger's
// and the shares' layout) as records.
func sheetRecords(t *testing.T, path, sheet string) []map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 {
		t.Fatalf("%s!%s has no header", path, sheet)
	}
	var out []map[string]string
	for _, r := range rows[2:] {
		m := map[string]string{}
		for i, h := range rows[1] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// TestLedgerOverCorpus: a run over the shared corpus and its assign/ plans
// gives one 总台账 holding every task of every document, each with its
// source, and 是否逾期 right against a fixed today for every task, by the
// deadlines the documents' JSON gives (nobody has typed into them).
func TestLedgerOverCorpus(t *testing.T) {
	corpus := "../../../shared/corpus"
	var srcs []string
	for _, pat := range []string{"*.txt", "*.docx", "assign/*.txt"} {
		m, _ := filepath.Glob(filepath.Join(corpus, pat))
		srcs = append(srcs, m...)
	}
	if len(srcs) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	in, out := filepath.Join(t.TempDir(), "in"), filepath.Join(t.TempDir(), "out")
	os.MkdirAll(in, 0o755)
	for _, s := range srcs {
		copyFile(t, s, filepath.Join(in, filepath.Base(s)))
	}
	today := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	res, rep := run(t, in, out, today)
	if len(rep.Problems) > 0 {
		t.Errorf("problems: %v", rep.Problems)
	}
	sum := 0
	due := map[string]string{} // task id → deadline
	for _, r := range res {
		if r.Status != Done {
			t.Fatalf("%s: %s %s", r.Source, r.Status, r.Reason)
		}
		sum += r.Tasks
		b, err := os.ReadFile(filepath.Join(out, r.Outputs[1]))
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			Tasks []struct{ ID, Deadline string }
		}
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		for _, tk := range d.Tasks {
			due[filepath.Base(r.Outputs[0])+"|"+tk.ID] = tk.Deadline
		}
	}
	rows := sheetRecords(t, filepath.Join(out, ledger.File), ledger.SheetAll)
	if len(rows) != sum || rep.Tasks != sum || rep.Documents != len(srcs) {
		t.Fatalf("ledger: %d rows, report %d tasks of %d documents; the documents have %d tasks in %d files", len(rows), rep.Tasks, rep.Documents, sum, len(srcs))
	}
	overdue := 0
	for i, r := range rows {
		if r["任务来源"] == "" || r["来源文件"] == "" {
			t.Errorf("row %d: no 任务来源 (%q)", i+3, r["来源文件"])
		}
		want := ""
		if d, ok := due[r["来源文件"]+"|"+r["任务编号"]]; ok && d != "" {
			want = "否"
			if d < today.Format("2006-01-02") {
				want = "是"
				overdue++
			}
		}
		if r["是否逾期"] != want {
			t.Errorf("row %d (%s, due %q): 是否逾期 %q, want %q", i+3, r["任务编号"], due[r["来源文件"]+"|"+r["任务编号"]], r["是否逾期"], want)
		}
	}
	if overdue == 0 {
		t.Error("no task is overdue on 2026-07-01: the check checks nothing")
	}
	t.Logf("%d documents, %d tasks, %d overdue on %s, %d shares", rep.Documents, sum, overdue, today.Format("2006-01-02"), rep.Shares)
}

// TestReturnedShare: 市经信局's share, filled in by a real LibreOffice
// (testdata/share, made by make.sh), is dropped into the inbox. Its
// progress lands in the document's workbook and in the next ledger; a
// cell the office typed meanwhile keeps the office's value, and the
// conflict is listed; the share moves out of the inbox.
func TestReturnedShare(t *testing.T) {
	in, out := filepath.Join(t.TempDir(), "in"), filepath.Join(t.TempDir(), "out")
	os.MkdirAll(in, 0o755)
	copyFile(t, "testdata/share/plan.txt", filepath.Join(in, "plan.txt"))
	day := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	run(t, in, out, day)
	if _, err := os.Stat(filepath.Join(out, ledger.ShareDir, "市经信局-任务清单.xlsx")); err != nil {
		t.Fatal(err)
	}

	// The office types into the document's workbook, in the cell the
	// unit will also report on.
	wb := filepath.Join(out, "plan-任务分解.xlsx")
	const office = "督查室：进度偏慢，请加快"
	setInput(t, wb, "加快建设先进制造业集群", export.ColProgress, office)

	copyFile(t, "testdata/share/filled.xlsx", filepath.Join(in, "市经信局-任务清单.xlsx"))
	res, rep := run(t, in, out, day.AddDate(0, 0, 1))
	for _, r := range res {
		if r.Source == "市经信局-任务清单.xlsx" && r.Status != Done {
			t.Fatalf("share: %s %s", r.Status, r.Reason)
		}
	}
	if len(rep.Problems) > 0 {
		t.Errorf("problems: %v", rep.Problems)
	}
	rv, err := review.ReadInputFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]export.Input{}
	for _, r := range rv.Rows {
		got[r.Text[:min(len(r.Text), 18)]] = r.In
	}
	first, second, third := got["加快建设先进"], got["实施中小企业"], got["深化“一网通"]
	if first == nil || second == nil || third == nil {
		t.Fatalf("rows with input: %v", got)
	}
	if first[export.ColProgress] != office || first[export.ColStatus] != "推进中" {
		t.Errorf("first task: 进展情况 %q (want the office's), 进展状态 %q (want the unit's 推进中)", first[export.ColProgress], first[export.ColStatus])
	}
	if d, ok := ledger.CellDate(second[export.ColDone]); second[export.ColStatus] != "已完成" || !ok || d.Format("2006-01-02") != "2026-05-20" {
		t.Errorf("second task: 进展状态 %q, 实际完成时间 %q", second[export.ColStatus], second[export.ColDone])
	}
	if third[export.ColProgress] != "已完成统一身份认证接口对接" {
		t.Errorf("third task (helped with): 进展情况 %q", third[export.ColProgress])
	}
	conflicts, err := os.ReadFile(filepath.Join(out, ledger.ShareDir, ConflictFile))
	if err != nil {
		t.Fatal(err)
	}
	if c := string(conflicts); !strings.Contains(c, office) || !strings.Contains(c, "已开工6个项目") || strings.Count(c, "\n") != 2 {
		t.Errorf("conflicts listed:\n%s", c)
	}
	if _, err := os.Stat(filepath.Join(in, "市经信局-任务清单.xlsx")); !os.IsNotExist(err) {
		t.Error("the returned share is still in the inbox")
	}
	if m, _ := filepath.Glob(filepath.Join(out, ledger.ShareDir, ReturnedDir, "*.xlsx")); len(m) != 1 {
		t.Errorf("returned shares kept: %v", m)
	}
	if m, _ := filepath.Glob(filepath.Join(out, HistoryDir, "*.xlsx")); len(m) != 1 {
		t.Errorf("the workbook the office edited is not kept before it was rewritten: %v", m)
	}
	// The ledger shows it all.
	byText := map[string]map[string]string{}
	for _, r := range sheetRecords(t, filepath.Join(out, ledger.File), ledger.SheetAll) {
		byText[r["任务内容"][:18]] = r
	}
	if r := byText["实施中小企业"]; r["进展状态"] != "已完成" || r["是否逾期"] != "否" {
		t.Errorf("ledger, second task: %q %q", r["进展状态"], r["是否逾期"])
	}
	if r := byText["加快建设先进"]; r["进展情况"] != office || r["进展状态"] != "推进中" {
		t.Errorf("ledger, first task: %q %q", r["进展状态"], r["进展情况"])
	}
	// The share is written again with what the workbook now holds, and a
	// rerun finds nothing new: no conflict is listed twice.
	share := sheetRecords(t, filepath.Join(out, ledger.ShareDir, "市经信局-任务清单.xlsx"), ledger.SheetShare)
	if len(share) != 3 {
		t.Fatalf("share of 市经信局: %d rows, want 3", len(share))
	}
	run(t, in, out, day.AddDate(0, 0, 2))
	again, _ := os.ReadFile(filepath.Join(out, ledger.ShareDir, ConflictFile))
	if string(again) != string(conflicts) {
		t.Errorf("a rerun listed conflicts again:\n%s", again)
	}
}

// setInput types v into column title of the task row whose text starts
// with prefix, as a person editing the workbook would.
func setInput(t *testing.T, path, prefix, title, v string) {
	t.Helper()
	typeInto(t, path, title, v, func(cell func(string) string) bool { return strings.HasPrefix(cell(export.ColText), prefix) })
}
