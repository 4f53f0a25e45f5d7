package ledger

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
)

// FuzzShareRoundTrip: whatever a unit's name, a task's text and the four
// progress cells hold, the share written reads back as the same share:
// the unit, each task's id and workbook, its values and what it was sent
// (a reader that misreads a share would report progress nobody typed).
func FuzzShareRoundTrip(f *testing.F) {
	f.Add("市经信局", "加快建设集群。", "推进中", "已开工6个项目", "46162", "", "t1")
	f.Add("各市、县〔市、区〕政府", "=SUM(A1)", "已完成", "<b>&</b>", "2026-05-20", "资金未到位\n待拨付", "0012")
	f.Fuzz(func(t *testing.T, unit, text, status, progress, done, delay, id string) {
		clean := func(s string) string {
			s = strings.ToValidUTF8(s, "")
			s = strings.Map(func(r rune) rune {
				if r != '\n' && (unicode.IsControl(r) || r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF) {
					return -1
				}
				return r
			}, s)
			return strings.TrimSpace(s)
		}
		unit, text, status, progress, done, delay, id = clean(unit), clean(text), clean(status), clean(progress), clean(done), clean(delay), clean(id)
		if unit == "" || id == "" || len(text)+len(progress)+len(delay) > 30000 {
			return
		}
		d := &Document{Source: Source{Name: "a.txt", Stem: "a"}, Doc: &doc.Document{}}
		it := &Item{Doc: d, Task: &doc.Task{Text: text}, ID: id, Lead: unit, Status: status, Progress: progress, Done: done, Delay: delay}
		path := filepath.Join(t.TempDir(), "s.xlsx")
		w, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		day := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
		if err := WriteShare(w, unit, []*Item{it}, day, day); err != nil {
			w.Close()
			return // a value excelize refuses to write (over its cell limit)
		}
		w.Close()
		ret, ok, err := ReadReturned(path)
		if err != nil || !ok {
			t.Fatalf("a share written is not read back: ok %v, %v", ok, err)
		}
		if ret.Unit != unit || len(ret.Rows) != 1 {
			t.Fatalf("unit %q rows %d, want %q 1", ret.Unit, len(ret.Rows), unit)
		}
		r := ret.Rows[0]
		want := map[string]string{export.ColStatus: status, export.ColProgress: progress, export.ColDone: done, export.ColDelay: delay}
		for _, fl := range Fields {
			if r.Values[fl] != r.Sent[fl] {
				t.Errorf("%s: value %q, sent %q: an untouched share reads as changed", fl, r.Values[fl], r.Sent[fl])
			}
			if r.Values[fl] != want[fl] && !(fl == export.ColDone && dateEqual(r.Values[fl], want[fl])) {
				t.Errorf("%s: %q, want %q", fl, r.Values[fl], want[fl])
			}
		}
		if r.ID != id || r.Workbook != export.NamesFor("a").Workbook {
			t.Errorf("id %q workbook %q", r.ID, r.Workbook)
		}
	})
}

// dateEqual: a date written as its serial number may read back as the
// number written (46162 → 46162).
func dateEqual(a, b string) bool {
	x, ok1 := CellDate(a)
	y, ok2 := CellDate(b)
	return ok1 && ok2 && x.Equal(y)
}
