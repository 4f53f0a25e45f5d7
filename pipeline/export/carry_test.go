package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/doc"
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

func writeFile(t *testing.T, path string, d *doc.Document, o Options) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, d, o); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCarryOver(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a-任务分解.xlsx")
	d := fixture(t)
	o := Options{Units: units, Generated: generated}
	writeFile(t, path, d, o)

	kept, gone := d.Tasks[4].ID, d.Tasks[6].ID
	edit(t, path, func(f *excelize.File) {
		r := findRow(t, f, SheetTasks, kept)
		f.SetCellStr(SheetTasks, cellName(colLead, r), "宣传部")
		f.SetCellStr(SheetTasks, cellName(colPartner, r), "组织部、统战部")
		f.SetCellFloat(SheetTasks, cellName(colDue, r), 46387, -1, 64) // 2026-12-31
		f.SetCellStr(SheetTasks, cellName(colStatus, r), "推进中")
		f.SetCellStr(SheetTasks, cellName(colNote, r), "=不是公式")
		r = findRow(t, f, SheetTasks, gone)
		f.SetCellStr(SheetTasks, cellName(colVerdict, r), "需修改")
		// A note typed on a pillar's title row (the first row without an id).
		rows, _ := f.GetRows(SheetTasks)
		for i, r := range rows[1:] {
			if len(r) <= colID || r[colID] == "" {
				f.SetCellStr(SheetTasks, cellName(colNote, i+2), "整体由办公室统筹")
				break
			}
		}
		// A row a reviewer added by hand, below the tasks.
		f.SetCellStr(SheetTasks, cellName(colText, len(rows)+2), "手工补充的任务")
		f.SetCellStr(SheetTasks, cellName(colLead, len(rows)+2), "机关工委")
	})

	rv, err := ReadReview(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Rows) != 4 {
		t.Fatalf("read %d rows with input, want 4: %+v", len(rv.Rows), rv.Rows)
	}

	// New rules: one task is gone, another appears.
	d2 := fixture(t)
	d2.Tasks = append(d2.Tasks[:6:6], d2.Tasks[7:]...)
	d2.Tasks = append(d2.Tasks, doc.Task{ID: "NEW", Text: "新任务", Pillar: 4})
	o.Previous = rv
	writeFile(t, path, d2, o)

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := findRow(t, f, SheetTasks, kept)
	for c, want := range map[int]string{colLead: "宣传部", colPartner: "组织部、统战部", colDue: "2026-12-31", colStatus: "推进中", colNote: "=不是公式"} {
		got, _ := f.GetCellValue(SheetTasks, cellName(c, r))
		if got != want {
			t.Errorf("%s of %s = %q, want %q", columns[c].title, kept, got, want)
		}
	}
	if fx, _ := f.GetCellFormula(SheetTasks, cellName(colNote, r)); fx != "" {
		t.Errorf("carried note became the formula %q", fx)
	}
	removed, err := f.GetRows(SheetRemoved)
	if err != nil {
		t.Fatalf("no %s sheet: %v", SheetRemoved, err)
	}
	text := strings.Join(flatten(removed), "|")
	for _, want := range []string{gone, "需修改", "手工补充的任务", "机关工委", "整体由办公室统筹"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q: %v", SheetRemoved, want, removed)
		}
	}

	// A third generation in which the removed task is back takes its input
	// back from the 已移除任务 sheet.
	rv, err = ReadReview(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, fixture(t), Options{Generated: generated, Previous: rv})
	f3, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f3.Close()
	if got, _ := f3.GetCellValue(SheetTasks, cellName(colVerdict, findRow(t, f3, SheetTasks, gone))); got != "需修改" {
		t.Errorf("returned task %s has 审核意见 %q, want 需修改", gone, got)
	}
	removed, _ = f3.GetRows(SheetRemoved)
	if len(removed) != 3 || !strings.Contains(strings.Join(flatten(removed), "|"), "手工补充的任务") {
		t.Errorf("%s = %v, want only the hand-made rows", SheetRemoved, removed)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestReadReviewErrors(t *testing.T) {
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
		_, err := ReadReview(path)
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
	if _, err := ReadReview(path); err == nil {
		t.Error("a workbook without the task sheet was accepted")
	}
}

func asReadError(err error, re **ReadError) bool {
	e, ok := err.(*ReadError)
	*re = e
	return ok
}

func FuzzReadReview(f *testing.F) {
	var buf bytes.Buffer
	d := fixture(f)
	d.Tasks = d.Tasks[:3]
	if err := WriteWorkbook(&buf, d, Options{Units: units}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Add([]byte("PK\x03\x04"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		rv, err := ReadReview(path)
		if err == nil && rv == nil {
			t.Fatal("nil review without an error")
		}
	})
}

// FuzzWorkbookText writes arbitrary task text and reads it back: whatever
// the document holds, the workbook is valid and the text is not a formula.
func FuzzWorkbookText(f *testing.F) {
	f.Add("加强党的建设。", "加强", 0)
	f.Add("=SUM(A1)", "SUM", 1)
	f.Add("\x00\x01\ufffe", "", -1)
	f.Fuzz(func(t *testing.T, text, action string, at int) {
		d := &doc.Document{Tasks: []doc.Task{{ID: "X", Text: text, Action: action, ActionAt: at}}}
		var buf bytes.Buffer
		if err := WriteWorkbook(&buf, d, Options{}); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		cell := cellName(colText, 3)
		if fx, _ := x.GetCellFormula(SheetTasks, cell); fx != "" {
			t.Fatalf("text %q became formula %q", text, fx)
		}
	})
}

// BenchmarkWorkbook writes workbooks of a typical and of a large
// document; compare the two to see how the cost grows (rich text cells are
// the part excelize handles worst).
func BenchmarkWorkbook(b *testing.B) {
	for _, n := range []int{200, 2000} {
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			d := fixture(b)
			base := d.Tasks
			d.Tasks = nil
			for i := 0; len(d.Tasks) < n; i++ {
				t := base[i%len(base)]
				t.ID = fmt.Sprintf("B%04d", i)
				d.Tasks = append(d.Tasks, t)
			}
			// Tasks stand in pillar order in a real document.
			slices.SortStableFunc(d.Tasks, func(x, y doc.Task) int { return x.Pillar - y.Pillar })
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := WriteWorkbook(&buf, d, Options{Units: units, Generated: generated}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
