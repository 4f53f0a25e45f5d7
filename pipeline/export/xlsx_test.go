package export

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/doc"
)

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
	for _, n := range []int{2000, 8000, 32000} {
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			d := fixture(b)
			base := d.Tasks
			d.Tasks = nil
			for i := 0; len(d.Tasks) < n; i++ {
				t := base[i%len(base)]
				t.ID = fmt.Sprintf("B%04d", i)
				// Every task of a real document is a sentence of its own;
				// distinct texts make the shared strings grow as they do.
				t.Text += fmt.Sprintf("（第%d项）", i)
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
