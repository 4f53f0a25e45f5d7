package export

import (
	"bytes"
	"strings"
	"testing"
)

// TestCarryReworded: a new draft changes a sentence by a character, which
// changes its task id; the input typed for the old sentence goes to the
// new one of the same pillar, marked 原文有改动, and only what matches
// nothing goes to 已移除任务.
func TestCarryReworded(t *testing.T) {
	d := fixture(t)
	k := 4 // a task under a pillar
	task := d.Tasks[k]
	pillar := pillarLabel(d, task.Pillar)
	other := pillarLabel(d, d.Tasks[len(d.Tasks)-1].Pillar)
	if other == pillar {
		t.Fatal("fixture: the last task stands under the same pillar")
	}
	rs := []rune(task.Text)
	old := string(rs[:len(rs)/2]) + "切实" + string(rs[len(rs)/2:]) // the earlier draft
	for _, tc := range []struct {
		name      string
		rows      []Row
		want      CarryReport
		lead      string // 牵头单位 of task k afterwards
		changed   bool
		removedIn string // text expected in 已移除任务
	}{
		{"same id", []Row{{ID: taskID(&task), Text: task.Text, Pillar: pillar, In: Input{ColLead: "组织科"}}},
			CarryReport{ByID: 1}, "组织科", false, ""},
		{"reworded", []Row{{ID: "T999", Text: old, Pillar: pillar, In: Input{ColLead: "组织科"}}},
			CarryReport{Reworded: 1}, "组织科", true, ""},
		{"reworded, no pillar column", []Row{{ID: "T999", Text: old, In: Input{ColLead: "组织科"}}},
			CarryReport{Reworded: 1}, "组织科", true, ""},
		{"reworded under another pillar", []Row{{ID: "T999", Text: old, Pillar: other, In: Input{ColLead: "组织科"}}},
			CarryReport{Removed: 1}, "", false, old},
		{"unrelated", []Row{{ID: "T999", Text: "要把新增的任务写进表里。", Pillar: pillar, In: Input{ColLead: "组织科"}}},
			CarryReport{Removed: 1}, "", false, "要把新增的任务写进表里"},
		{"id kept wins over text", []Row{
			{ID: taskID(&task), Text: task.Text, Pillar: pillar, In: Input{ColLead: "宣传科"}},
			{ID: "T999", Text: old, Pillar: pillar, In: Input{ColLead: "组织科"}}},
			CarryReport{ByID: 1, Removed: 1}, "宣传科", false, old},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			rep, err := WriteWorkbookReport(&buf, d, Options{Previous: &Review{Rows: tc.rows}})
			if err != nil {
				t.Fatal(err)
			}
			if rep != tc.want {
				t.Errorf("report %+v, want %+v", rep, tc.want)
			}
			f := roundTrip(t, d, Options{Previous: &Review{Rows: tc.rows}})
			row := findRow(t, f, SheetTasks, taskID(&task))
			lead, _ := f.GetCellValue(SheetTasks, cellName(colLead, row))
			if lead != tc.lead {
				t.Errorf("牵头单位 %q, want %q", lead, tc.lead)
			}
			note, _ := f.GetCellValue(SheetTasks, cellName(colChanged, row))
			if got := strings.HasPrefix(note, ChangedNote) && strings.Contains(note, old); got != tc.changed {
				t.Errorf("原文变动 %q, want marked=%v", note, tc.changed)
			}
			removed, _ := f.GetRows(SheetRemoved)
			var all strings.Builder
			for _, r := range removed {
				all.WriteString(strings.Join(r, "|"))
			}
			if tc.removedIn != "" && !strings.Contains(all.String(), tc.removedIn) {
				t.Errorf("已移除任务 lacks %q: %q", tc.removedIn, all.String())
			}
			if tc.removedIn == "" && len(removed) > 0 {
				t.Errorf("已移除任务 has rows: %q", all.String())
			}
		})
	}
}

// TestCarryOwnDeadline: the 完成时限 the program wrote for a task, read
// back unchanged, is no one's input and is not counted as carried; a date
// a person typed over it is.
func TestCarryOwnDeadline(t *testing.T) {
	d := fixture(t)
	k := 4
	d.Tasks[k].Deadline, d.Tasks[k].DeadlineText = "2026-12-31", "年底前"
	task := d.Tasks[k]
	own := generatedDue(&task)
	if own != "46387" {
		t.Fatalf("generatedDue = %q, want the serial of 2026-12-31", own)
	}
	for _, tc := range []struct {
		name string
		in   Input
		want CarryReport
		due  string
	}{
		{"own deadline", Input{ColDue: own}, CarryReport{}, "2026-12-31"},
		{"typed deadline", Input{ColDue: "46203"}, CarryReport{ByID: 1}, "2026-06-30"},
		{"own deadline and a lead", Input{ColDue: own, ColLead: "组织科"}, CarryReport{ByID: 1}, "2026-12-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := []Row{{ID: taskID(&task), Text: task.Text, In: tc.in}}
			var buf bytes.Buffer
			rep, err := WriteWorkbookReport(&buf, d, Options{Previous: &Review{Rows: rows}})
			if err != nil {
				t.Fatal(err)
			}
			if rep != tc.want {
				t.Errorf("report %+v, want %+v", rep, tc.want)
			}
			f := roundTrip(t, d, Options{Previous: &Review{Rows: rows}})
			row := findRow(t, f, SheetTasks, taskID(&task))
			due, _ := f.GetCellValue(SheetTasks, cellName(colDue, row))
			if due != tc.due {
				t.Errorf("完成时限 %q, want %q", due, tc.due)
			}
		})
	}
}
