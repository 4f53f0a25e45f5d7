package review

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
)

// The carry-over round trip: export writes a workbook, a reviewer types into
// it, ReadInputFile reads that back and export writes it into the next
// generation. The export's own test fixture is the document.

// exportFixture is a document as the extraction returns it for the seed
// speech.
func exportFixture(t testing.TB) *doc.Document {
	t.Helper()
	b, err := os.ReadFile("../export/testdata/xuhui.json")
	if err != nil {
		t.Fatal(err)
	}
	var d doc.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

var (
	units     = []string{"组织部", "宣传部", "统战部", "机关工委", "各街道党工委"}
	generated = time.Date(2026, 11, 30, 15, 30, 0, 0, time.UTC)
)

// edit opens a written workbook, lets fn type into it as a reviewer would,
// and saves it.
func edit(t *testing.T, path string, fn func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fn(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func writeFile(t *testing.T, path string, d *doc.Document, o export.Options) {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteWorkbook(&buf, d, o); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// colOf returns the 0-based column of title in the sheet's header row.
func colOf(t *testing.T, f *excelize.File, sheet, title string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(rows[0], title)
	if i < 0 {
		t.Fatalf("no column %s in %s", title, sheet)
	}
	return i
}

// cellOf names the cell of column title in the 1-based row.
func cellOf(t *testing.T, f *excelize.File, sheet, title string, row int) string {
	t.Helper()
	c, err := excelize.CoordinatesToCellName(colOf(t, f, sheet, title)+1, row)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// findRow returns the 1-based row whose 任务编号 is id.
func findRow(t *testing.T, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	idCol := colOf(t, f, sheet, export.ColID)
	for i, r := range rows {
		if idCol < len(r) && r[idCol] == id {
			return i + 1
		}
	}
	t.Fatalf("no row with id %s in %s", id, sheet)
	return 0
}

func TestCarryOver(t *testing.T) {
	const sh = export.SheetTasks
	dir := t.TempDir()
	path := filepath.Join(dir, "a-任务分解.xlsx")
	d := exportFixture(t)
	o := export.Options{Units: units, Generated: generated}
	writeFile(t, path, d, o)

	kept, gone := d.Tasks[4].ID, d.Tasks[6].ID
	edit(t, path, func(f *excelize.File) {
		r := findRow(t, f, sh, kept)
		f.SetCellStr(sh, cellOf(t, f, sh, export.ColLead, r), "宣传部")
		f.SetCellStr(sh, cellOf(t, f, sh, export.ColPartner, r), "组织部、统战部")
		f.SetCellFloat(sh, cellOf(t, f, sh, export.ColDue, r), 46387, -1, 64) // 2026-12-31
		f.SetCellStr(sh, cellOf(t, f, sh, export.ColStatus, r), "推进中")
		f.SetCellStr(sh, cellOf(t, f, sh, export.ColNote, r), "=不是公式")
		r = findRow(t, f, sh, gone)
		f.SetCellStr(sh, cellOf(t, f, sh, export.ColVerdict, r), "需修改")
		// A note typed on a pillar's title row (the first row without an id).
		rows, _ := f.GetRows(sh)
		idCol := colOf(t, f, sh, export.ColID)
		for i, r := range rows[1:] {
			if len(r) <= idCol || r[idCol] == "" {
				f.SetCellStr(sh, cellOf(t, f, sh, export.ColNote, i+2), "整体由办公室统筹")
				break
			}
		}
		// A row a reviewer added by hand, below the tasks.
		f.SetCellStr(sh, cellOf(t, f, sh, export.ColText, len(rows)+2), "手工补充的任务")
		f.SetCellStr(sh, cellOf(t, f, sh, export.ColLead, len(rows)+2), "机关工委")
	})

	rv, err := ReadInputFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Rows) != 4 {
		t.Fatalf("read %d rows with input, want 4: %+v", len(rv.Rows), rv.Rows)
	}

	// New rules: one task is gone, another appears.
	d2 := exportFixture(t)
	d2.Tasks = append(d2.Tasks[:6:6], d2.Tasks[7:]...)
	d2.Tasks = append(d2.Tasks, doc.Task{ID: "NEW", Text: "新任务", Pillar: 4})
	o.Previous = rv
	writeFile(t, path, d2, o)

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := findRow(t, f, sh, kept)
	for title, want := range map[string]string{export.ColLead: "宣传部", export.ColPartner: "组织部、统战部", export.ColDue: "2026-12-31", export.ColStatus: "推进中", export.ColNote: "=不是公式"} {
		got, _ := f.GetCellValue(sh, cellOf(t, f, sh, title, r))
		if got != want {
			t.Errorf("%s of %s = %q, want %q", title, kept, got, want)
		}
	}
	if fx, _ := f.GetCellFormula(sh, cellOf(t, f, sh, export.ColNote, r)); fx != "" {
		t.Errorf("carried note became the formula %q", fx)
	}
	removed, err := f.GetRows(export.SheetRemoved)
	if err != nil {
		t.Fatalf("no %s sheet: %v", export.SheetRemoved, err)
	}
	text := strings.Join(flatten(removed), "|")
	for _, want := range []string{gone, "需修改", "手工补充的任务", "机关工委", "整体由办公室统筹"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q: %v", export.SheetRemoved, want, removed)
		}
	}

	// A third generation in which the removed task is back takes its input
	// back from the 已移除任务 sheet.
	rv, err = ReadInputFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, exportFixture(t), export.Options{Generated: generated, Previous: rv})
	f3, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f3.Close()
	if got, _ := f3.GetCellValue(sh, cellOf(t, f3, sh, export.ColVerdict, findRow(t, f3, sh, gone))); got != "需修改" {
		t.Errorf("returned task %s has 审核意见 %q, want 需修改", gone, got)
	}
	removed, _ = f3.GetRows(export.SheetRemoved)
	if len(removed) != 3 || !strings.Contains(strings.Join(flatten(removed), "|"), "手工补充的任务") {
		t.Errorf("%s = %v, want only the hand-made rows", export.SheetRemoved, removed)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestReadInputErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty.xlsx", nil},
		{"text.xlsx", []byte("这不是工作簿")},
		{"zip.xlsx", []byte("PK\x03\x04garbage")},
	} {
		path := filepath.Join(dir, tc.name)
		os.WriteFile(path, tc.data, 0o644)
		_, err := ReadInputFile(path)
		var re *ReadError
		if err == nil || !asReadError(err, &re) {
			t.Errorf("%s: err = %v, want a ReadError", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), "无法读取") {
			t.Errorf("%s: message %q is not the Chinese one", tc.name, err)
		}
	}
	// A workbook without the task sheet is refused rather than overwritten.
	f := excelize.NewFile()
	path := filepath.Join(dir, "other.xlsx")
	f.SaveAs(path)
	if _, err := ReadInputFile(path); err == nil {
		t.Error("a workbook without the task sheet was accepted")
	}
}

func asReadError(err error, re **ReadError) bool {
	e, ok := err.(*ReadError)
	*re = e
	return ok
}
