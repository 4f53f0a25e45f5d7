package review

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/luoshi/luoshi/pipeline/export"
)

// TestLibreOfficeEdits reads workbooks that a real LibreOffice saved after a
// reviewer's edits (testdata/libreoffice, made by make.sh): every scenario
// typed 组织科 into 牵头单位 of the first task and 误报 into 审核意见 of the
// third row, then deleted, inserted, sorted or filtered rows or renamed the
// sheet. Both readers must see all of it.
func TestLibreOfficeEdits(t *testing.T) {
	orig, err := ReadFile("testdata/libreoffice/original.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	byRow := map[int]Row{}
	for _, r := range orig.Rows {
		byRow[r.Row] = r
	}
	typed, flagged, deleted := byRow[2], byRow[4], byRow[5]
	if typed.ID == "" || flagged.ID == "" || deleted.ID == "" {
		t.Fatalf("original rows 2, 4, 5 are not all tasks: %+v", orig.Rows[:4])
	}
	const added = "要把新增的任务写进表里。"
	for _, tc := range []struct {
		file             string
		deleted, inserts bool
	}{
		{"typed", false, false},
		{"deleted", true, false},
		{"inserted", false, true},
		{"sorted", false, false},
		{"filtered", false, false},
		{"renamed", false, false},
		{"everything", true, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata/libreoffice", tc.file+".xlsx")
			wb, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := len(orig.Rows)
			if tc.deleted {
				want--
			}
			if tc.inserts {
				want++
			}
			if len(wb.Rows) != want {
				t.Errorf("%d task rows, want %d", len(wb.Rows), want)
			}
			verdicts := map[string]string{}
			ids := map[string]bool{}
			for _, r := range wb.Rows {
				verdicts[r.Text] = r.Verdict
				ids[r.ID] = true
			}
			if verdicts[flagged.Text] != FalsePositive {
				t.Errorf("verdict of %q is %q, want 误报", flagged.Text, verdicts[flagged.Text])
			}
			if tc.inserts && verdicts[added] != Confirmed {
				t.Errorf("the inserted row is not read as a confirmed task")
			}
			if ids[deleted.ID] == tc.deleted {
				t.Errorf("deleted row present = %v", ids[deleted.ID])
			}

			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rv, err := ReadInput(b, path)
			if err != nil {
				t.Fatal(err)
			}
			lead := ""
			for _, r := range rv.Rows {
				if r.ID == typed.ID {
					lead = r.In[export.ColLead]
				}
			}
			if lead != "组织科" {
				t.Errorf("牵头单位 of %s is %q, want 组织科", typed.ID, lead)
			}
		})
	}
}
