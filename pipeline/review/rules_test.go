package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/luoshi/luoshi/dict"
)

func TestExclusions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "词典")
	if err := dict.WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	wb, err := Read(xlsx(t, sampleSheets(header)), filepath.Join("收件箱", "讲话-任务分解.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 30, 9, 0, 0, 0, time.Local)
	load := func() *dict.Rules {
		t.Helper()
		r, err := dict.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	xs := Exclusions(wb, load(), nil, day)
	if len(xs) != 1 || xs[0].Row != 4 {
		t.Fatalf("exclusions = %+v, want one for row 4", xs)
	}
	want := "sentence=对一个组工干部来说，第一位的是政治上绝对可靠。  # 来自 讲话-任务分解.xlsx 第4行 误报，审核于 2026-11-30"
	if xs[0].Line != want {
		t.Errorf("line = %q\nwant   %q", xs[0].Line, want)
	}
	if err := AppendExclusions(dir, []string{xs[0].Line}); err != nil {
		t.Fatal(err)
	}
	r := load()
	last := r.Exclusions[len(r.Exclusions)-1]
	if last.Form != dict.ExcludeSentence || last.Sentence != dict.Normalize(wb.Rows[1].Text) {
		t.Errorf("last exclusion = %+v", last)
	}
	// A second import of the same workbook finds nothing new.
	if xs := Exclusions(wb, r, nil, day); len(xs) != 0 {
		t.Errorf("second import: %+v, want none", xs)
	}
	// Two workbooks with the same false positive in one run: one rule.
	have := map[string]bool{}
	wb2 := *wb
	wb2.Rows = append([]Row(nil), wb.Rows...)
	wb2.Rows[1].Text = "全新的误报句子。"
	a := Exclusions(&wb2, r, have, day)
	b := Exclusions(&wb2, r, have, day)
	if len(a) != 1 || len(b) != 0 {
		t.Errorf("same run: %d then %d rules, want 1 then 0", len(a), len(b))
	}
}

func TestAppendExclusionsRefusesBrokenDict(t *testing.T) {
	dir := t.TempDir()
	if err := dict.WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ExclusionsFile)
	before, _ := os.ReadFile(path)
	err := AppendExclusions(dir, []string{"bogus=1 两个 条目"})
	if err == nil {
		t.Fatal("a broken line was accepted")
	}
	if !strings.Contains(err.Error(), path+":") || !strings.Contains(err.Error(), "已放弃修改") {
		t.Errorf("err = %v, want the real file name and line", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("exclusions file changed although the check failed")
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestExclusionsSkipOverlong: a 误报 row longer than an exclusion may be is
// skipped with a warning; the other rows' rules are written and the
// dictionary stays valid.
func TestExclusionsSkipOverlong(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "词典")
	if err := dict.WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	r, err := dict.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("要加强学习，", dict.MaxSentence/6+10) + "。"
	wb := &Workbook{Path: "讲话-任务分解.xlsx", Rows: []Row{
		{Row: 2, ID: "T001", Text: long, Verdict: FalsePositive},
		{Row: 3, ID: "T002", Text: "这一句不是任务。", Verdict: FalsePositive},
	}}
	xs := Exclusions(wb, r, nil, time.Now())
	if len(xs) != 1 || xs[0].Row != 3 {
		t.Fatalf("exclusions %+v, want the short row only", xs)
	}
	if len(wb.Warnings) != 1 || !strings.Contains(wb.Warnings[0], "第2行") {
		t.Errorf("warnings %q", wb.Warnings)
	}
	if err := AppendExclusions(dir, []string{xs[0].Line}); err != nil {
		t.Fatalf("the other row's rule was refused: %v", err)
	}
}

// TestImportKeepsFileModes: the shared exclusions.txt and gold files keep
// the mode they had, and new ones are readable by the office (0644), not
// 0600 as a temporary file is made.
func TestImportKeepsFileModes(t *testing.T) {
	dir := t.TempDir()
	if err := dict.WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ExclusionsFile)
	os.Chmod(path, 0o664)
	if err := AppendExclusions(dir, []string{"sentence=这一句不是任务。"}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o664 {
		t.Errorf("exclusions.txt mode %v, want 0664 kept", fi.Mode().Perm())
	}
	gold := filepath.Join(dir, "gold", "讲话.gold.json")
	if err := writeAtomic(gold, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(gold); fi.Mode().Perm() != 0o644 {
		t.Errorf("new gold file mode %v, want 0644", fi.Mode().Perm())
	}
}
