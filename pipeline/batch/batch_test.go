package batch

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ingest"
)

// TestMain lets the PDF reader's child process, which is this test binary
// started again, do its work.
func TestMain(m *testing.M) {
	if ingest.IsPDFChild() {
		os.Exit(ingest.PDFChildMain())
	}
	os.Exit(m.Run())
}

const ingestData = "../ingest/testdata"

func rules(t *testing.T) *dict.Rules {
	t.Helper()
	r, err := dict.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Skipf("fixture %s is missing: %v", src, err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// zipBomb is a .docx whose document part inflates a thousand-fold.
func zipBomb(t *testing.T, path string) {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	w, _ = z.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`))
	w.Write(bytes.Repeat([]byte(" "), 8<<20))
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	z.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// inbox makes the folder of the acceptance check: a .docx named with a
// space and Chinese, a .pdf, a GBK .txt, a truncated PDF, a zip bomb, and
// the noise a shared folder collects.
func inbox(t *testing.T) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "收件箱")
	os.MkdirAll(in, 0o755)
	copyFile(t, filepath.Join(ingestData, "seed-plain.docx"), filepath.Join(in, "讲话 一.docx"))
	copyFile(t, filepath.Join(ingestData, "seed.pdf"), filepath.Join(in, "工作报告.pdf"))
	copyFile(t, filepath.Join(ingestData, "seed-gb18030.txt"), filepath.Join(in, "部署会讲话（GBK）.txt"))
	pdf, _ := os.ReadFile(filepath.Join(ingestData, "seed.pdf"))
	os.WriteFile(filepath.Join(in, "截断.pdf"), pdf[:len(pdf)/3], 0o644)
	zipBomb(t, filepath.Join(in, "炸弹.docx"))
	os.WriteFile(filepath.Join(in, "~$讲话 一.docx"), []byte("lock"), 0o644)
	os.WriteFile(filepath.Join(in, ".DS_Store"), []byte("x"), 0o644)
	return in
}

func newProc(t *testing.T, out string, force bool) *Processor {
	t.Helper()
	p, err := New(Config{Out: out, Rules: rules(t), Force: force,
		Now: func() time.Time { return time.Date(2026, 11, 30, 15, 30, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	if p.Warning != "" {
		t.Fatal(p.Warning)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func runOnce(t *testing.T, in, out string, force bool) []Result {
	t.Helper()
	paths, err := Scan(in)
	if err != nil {
		t.Fatal(err)
	}
	p := newProc(t, out, force)
	defer p.Close()
	res := p.RunAll(context.Background(), paths, 3, nil)
	if _, err := WriteReport(out, res); err != nil {
		t.Fatal(err)
	}
	return res
}

func byName(rs []Result) map[string]Result {
	m := map[string]Result{}
	for _, r := range rs {
		m[r.Source] = r
	}
	return m
}

func TestMixedFolder(t *testing.T) {
	in := inbox(t)
	out := filepath.Join(filepath.Dir(in), "输出")
	res := byName(runOnce(t, in, out, false))
	if len(res) != 5 {
		t.Errorf("%d results, want 5 (lock and hidden files ignored): %v", len(res), res)
	}
	for _, name := range []string{"讲话 一.docx", "工作报告.pdf", "部署会讲话（GBK）.txt"} {
		r := res[name]
		if r.Status != Done {
			t.Errorf("%s: %s %s", name, r.Status, r.Reason)
			continue
		}
		wb := filepath.Join(out, export.Stem(name)+"-任务分解.xlsx")
		checkWorkbook(t, wb)
	}
	for _, name := range []string{"截断.pdf", "炸弹.docx"} {
		if r := res[name]; r.Status != Failed || r.Reason == "" {
			t.Errorf("%s: %s %q, want a failure with its reason", name, r.Status, r.Reason)
		}
	}
	report, err := os.ReadFile(filepath.Join(out, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"截断.pdf,失败", "炸弹.docx,失败", "讲话 一.docx,完成"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}

	// A second run rewrites nothing, the report included, though the bad
	// files fail again for the same reasons.
	before := snapshot(t, out)
	time.Sleep(10 * time.Millisecond)
	runOnce(t, in, out, false)
	after := snapshot(t, out)
	for path, was := range before {
		if now, ok := after[path]; !ok || !now.mod.Equal(was.mod) || now.data != was.data {
			t.Errorf("second run touched %s", path)
		}
	}
	if len(after) != len(before) {
		t.Errorf("second run left %d files, want %d", len(after), len(before))
	}
}

// checkWorkbook asserts what a reviewer needs in a generated workbook.
func checkWorkbook(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	rows, err := f.GetRows(export.SheetTasks)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, h := range []string{"任务内容", "牵头单位", "配合单位", "完成时限", "进展状态"} {
		if !slices.Contains(rows[0], h) {
			t.Errorf("%s: no %s column in %v", path, h, rows[0])
		}
	}
	dvs, err := f.GetDataValidations(export.SheetTasks)
	if err != nil || len(dvs) < 3 {
		t.Errorf("%s: %d data validations (%v), want at least 3", path, len(dvs), err)
	}
	if len(rows) < 2 {
		t.Errorf("%s: no task rows", path)
	}
}

type fileInfo struct {
	mod  time.Time
	data string
}

func snapshot(t *testing.T, dir string) map[string]fileInfo {
	t.Helper()
	m := map[string]fileInfo{}
	filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		fi, _ := e.Info()
		b, _ := os.ReadFile(path)
		m[path] = fileInfo{fi.ModTime(), string(b)}
		return nil
	})
	return m
}

func txtInbox(t *testing.T) (in, out string) {
	t.Helper()
	root := t.TempDir()
	in, out = filepath.Join(root, "in"), filepath.Join(root, "out")
	os.MkdirAll(in, 0o755)
	copyFile(t, filepath.Join(ingestData, "seed-gb18030.txt"), filepath.Join(in, "讲话 一.txt"))
	copyFile(t, filepath.Join(ingestData, "seed-utf8bom.txt"), filepath.Join(in, "讲话二.txt"))
	return in, out
}

// TestRunAllInterrupted: after Ctrl-C no new file starts; the files not
// started are reported as skipped for the next run, and no output of
// theirs exists, not even half of one.
func TestRunAllInterrupted(t *testing.T) {
	in, out := txtInbox(t)
	paths, err := Scan(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		cancel  int // cancel after this many files finished
		done    int
		skipped int
	}{
		{"before any file", 0, 0, 2},
		{"after the first file", 1, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.RemoveAll(out)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			finished := 0
			if tc.cancel == 0 {
				cancel()
			}
			res := newProc(t, out, false).RunAll(ctx, paths, 1, func(Result) {
				if finished++; finished == tc.cancel {
					cancel()
				}
			})
			done, skipped := 0, 0
			for _, r := range res {
				switch r.Status {
				case Done:
					done++
				case Skipped:
					skipped++
					if !strings.Contains(r.Reason, "中断") {
						t.Errorf("%s skipped for %q, want the interruption named", r.Source, r.Reason)
					}
					if _, err := os.Stat(filepath.Join(out, export.Stem(r.Source)+"-任务分解.xlsx")); err == nil {
						t.Errorf("%s was not started but has a workbook", r.Source)
					}
				}
			}
			if done != tc.done || skipped != tc.skipped {
				t.Errorf("done %d skipped %d, want %d and %d: %+v", done, skipped, tc.done, tc.skipped, res)
			}
		})
	}
}

func TestSecondRunRewritesNothing(t *testing.T) {
	in, out := txtInbox(t)
	first := runOnce(t, in, out, false)
	for _, r := range first {
		if r.Status != Done {
			t.Fatalf("%s: %s %s", r.Source, r.Status, r.Reason)
		}
	}
	before := snapshot(t, out)
	time.Sleep(20 * time.Millisecond) // so that a rewrite would show in the mtime
	for _, r := range runOnce(t, in, out, false) {
		if r.Status != Skipped {
			t.Errorf("second run: %s %s", r.Source, r.Status)
		}
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("second run changed the outbox from %d to %d files", len(before), len(after))
	}
	for path, b := range before {
		a, ok := after[path]
		if !ok || !a.mod.Equal(b.mod) || a.data != b.data {
			t.Errorf("second run rewrote %s", path)
		}
	}
}

// typeLead types a 牵头单位 into the row of the first task, as a reviewer
// would, and returns the task's id.
func typeLead(t *testing.T, path, unit string) string {
	t.Helper()
	return typeInto(t, path, export.ColLead, unit, func(cell func(string) string) bool { return cell(export.ColID) != "" })
}

// typeInto types v into column title of the first task row match accepts
// (it reads the row's cells by title), as a person editing the workbook
// would, saves the workbook and returns the row's 任务编号.
func typeInto(t *testing.T, path, title, v string, match func(cell func(title string) string) bool) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(export.SheetTasks)
	if len(rows) == 0 || !slices.Contains(rows[0], title) {
		t.Fatalf("%s has no column %s", path, title)
	}
	for i, row := range rows[1:] {
		cell := func(title string) string {
			if c := slices.Index(rows[0], title); c >= 0 && c < len(row) {
				return row[c]
			}
			return ""
		}
		if !match(cell) {
			continue
		}
		name, _ := excelize.CoordinatesToCellName(slices.Index(rows[0], title)+1, i+2)
		if err := f.SetCellStr(export.SheetTasks, name, v); err != nil {
			t.Fatal(err)
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		return cell(export.ColID)
	}
	t.Fatalf("%s has no task row to type %s into", path, title)
	return ""
}

func leadOf(t *testing.T, path, id string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(export.SheetTasks)
	idCol, leadCol := slices.Index(rows[0], "任务编号"), slices.Index(rows[0], "牵头单位")
	for _, r := range rows[1:] {
		if idCol < len(r) && r[idCol] == id && leadCol < len(r) {
			return r[leadCol]
		}
	}
	return ""
}

func TestForceKeepsReviewerInput(t *testing.T) {
	in, out := txtInbox(t)
	runOnce(t, in, out, false)
	wb := filepath.Join(out, "讲话 一-任务分解.xlsx")
	id := typeLead(t, wb, "宣传部")

	res := byName(runOnce(t, in, out, true))
	r := res["讲话 一.txt"]
	if r.Status != Done {
		t.Fatalf("forced run: %s %s", r.Status, r.Reason)
	}
	if got := leadOf(t, wb, id); got != "宣传部" {
		t.Errorf("after --force, task %s has 牵头单位 %q, want 宣传部", id, got)
	}
	if r.Kept == "" {
		t.Fatal("the edited workbook was not kept")
	}
	if got := leadOf(t, r.Kept, id); got != "宣传部" {
		t.Errorf("kept version %s has 牵头单位 %q", r.Kept, got)
	}
	if !strings.HasPrefix(filepath.Base(r.Kept), "讲话 一-任务分解-20261130-153000") {
		t.Errorf("kept as %s", r.Kept)
	}
	// An untouched workbook is regenerated without another copy.
	if r := byName(runOnce(t, in, out, true))["讲话 一.txt"]; r.Kept != "" {
		t.Errorf("an unedited workbook was kept again as %s", r.Kept)
	}
	if got := leadOf(t, wb, id); got != "宣传部" {
		t.Errorf("after a second --force, 牵头单位 %q", got)
	}
	// The other file, never edited, left no history.
	hist, _ := os.ReadDir(filepath.Join(out, HistoryDir))
	if len(hist) != 1 {
		t.Errorf("history holds %d files, want 1", len(hist))
	}
}

func TestChangedSourceKeepsReviewerInput(t *testing.T) {
	in, out := txtInbox(t)
	runOnce(t, in, out, false)
	wb := filepath.Join(out, "讲话 一-任务分解.xlsx")
	id := typeLead(t, wb, "组织部")
	// A new draft of the speech lands under the same name.
	src := filepath.Join(in, "讲话 一.txt")
	b, _ := os.ReadFile(src)
	os.WriteFile(src, append(b, []byte("\r\n")...), 0o644)
	r := byName(runOnce(t, in, out, false))["讲话 一.txt"]
	if r.Status != Done {
		t.Fatalf("%s %s", r.Status, r.Reason)
	}
	if got := leadOf(t, wb, id); got != "组织部" {
		t.Errorf("牵头单位 %q after a new draft, want 组织部", got)
	}
}

func TestUnreadableWorkbookIsLeftAlone(t *testing.T) {
	in, out := txtInbox(t)
	runOnce(t, in, out, false)
	wb := filepath.Join(out, "讲话 一-任务分解.xlsx")
	os.WriteFile(wb, []byte("损坏的文件"), 0o644)
	res := byName(runOnce(t, in, out, true))
	r := res["讲话 一.txt"]
	if r.Status != Failed || !strings.Contains(r.Reason, "没有覆盖") {
		t.Errorf("%s %q, want a failure saying the workbook was not overwritten", r.Status, r.Reason)
	}
	if b, _ := os.ReadFile(wb); string(b) != "损坏的文件" {
		t.Error("the unreadable workbook was overwritten")
	}
	if r := res["讲话二.txt"]; r.Status != Done {
		t.Errorf("the next file did not go on: %s %s", r.Status, r.Reason)
	}
}

func TestArchive(t *testing.T) {
	in, out := txtInbox(t)
	arch := filepath.Join(filepath.Dir(in), "归档")
	src := filepath.Join(in, "讲话 一.txt")
	orig, _ := os.ReadFile(src)
	p, err := New(Config{Out: out, Archive: arch, Rules: rules(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if r := p.Process(src); r.Status != Done {
		t.Fatalf("%s %s", r.Status, r.Reason)
	}
	if _, err := os.Stat(src); !os.IsNotExist(err) {
		t.Error("the source is still in the inbox")
	}
	if b, _ := os.ReadFile(filepath.Join(arch, "讲话 一.txt")); !bytes.Equal(b, orig) {
		t.Error("the archived source differs from the original")
	}
	// The same file dropped again is done already; it is archived beside
	// the first copy, which stays as it was.
	os.WriteFile(src, orig, 0o644)
	if r := p.Process(src); r.Status != Skipped {
		t.Errorf("second drop: %s %s", r.Status, r.Reason)
	}
	if _, err := os.Stat(filepath.Join(arch, "讲话 一 (2).txt")); err != nil {
		t.Errorf("second copy not archived: %v", err)
	}
}

func TestSameStem(t *testing.T) {
	root := t.TempDir()
	in, out := filepath.Join(root, "in"), filepath.Join(root, "out")
	os.MkdirAll(in, 0o755)
	copyFile(t, filepath.Join(ingestData, "seed-plain.docx"), filepath.Join(in, "讲话.docx"))
	copyFile(t, filepath.Join(ingestData, "seed-utf8bom.txt"), filepath.Join(in, "讲话.txt"))
	res := byName(runOnce(t, in, out, false))
	if got := res["讲话.docx"].Outputs[0]; got != "讲话-任务分解.xlsx" {
		t.Errorf("讲话.docx → %s", got)
	}
	if got := res["讲话.txt"].Outputs[0]; got != "讲话.txt-任务分解.xlsx" {
		t.Errorf("讲话.txt → %s", got)
	}
	// The names stay with their sources on the next run.
	res = byName(runOnce(t, in, out, true))
	if got := res["讲话.txt"].Outputs[0]; got != "讲话.txt-任务分解.xlsx" {
		t.Errorf("second run: 讲话.txt → %s", got)
	}
}

func TestScanAndNoise(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.docx", "~$a.docx", "~WRL0001.tmp", ".hidden.txt", "Thumbs.db", "b.TXT", "c.xlsx", "a.gold.json"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "sub.txt"), 0o755)
	paths, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paths {
		got = append(got, filepath.Base(p))
	}
	if want := "a.docx b.TXT c.xlsx"; strings.Join(got, " ") != want {
		t.Errorf("Scan = %v, want %s", got, want)
	}
	if _, err := Scan(filepath.Join(dir, "无此目录")); err == nil {
		t.Error("a missing inbox gave no error")
	}
	p := newProc(t, t.TempDir(), false)
	r := p.Process(filepath.Join(dir, "c.xlsx"))
	if r.Status != Skipped || !strings.Contains(r.Reason, ".xlsx") {
		t.Errorf("c.xlsx: %s %q", r.Status, r.Reason)
	}
	if r := p.Process(filepath.Join(dir, "无此文件.txt")); r.Status != Failed {
		t.Errorf("missing file: %s", r.Status)
	}
}

func TestDocIsRefusedWithReason(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "旧格式.doc")
	os.WriteFile(path, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word"), 0o644)
	r := newProc(t, t.TempDir(), false).Process(path)
	if r.Status != Failed || r.Reason == "" {
		t.Errorf("%s %q, want a failure with the reader's reason", r.Status, r.Reason)
	}
}

func TestCorruptState(t *testing.T) {
	in, out := txtInbox(t)
	runOnce(t, in, out, false)
	os.WriteFile(filepath.Join(out, StateFile), []byte("{坏"), 0o644)
	p, err := New(Config{Out: out, Rules: rules(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Warning == "" {
		t.Error("a damaged state file went unreported")
	}
	if r := p.Process(filepath.Join(in, "讲话二.txt")); r.Status != Done {
		t.Errorf("%s %s", r.Status, r.Reason)
	}
}

// FuzzLoadState: the state file is outside bytes too (a crash, a hand
// edit, a sync tool); whatever it holds, loading gives a usable state.
func FuzzLoadState(f *testing.F) {
	f.Add([]byte(`{"version":1,"files":{"a.txt":{"sha256":"x","stem":"a","outputs":["a-任务分解.xlsx"]}}}`))
	f.Add([]byte(`{"files":null}`))
	f.Add([]byte(`[]`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		os.WriteFile(filepath.Join(dir, StateFile), b, 0o644)
		s, _ := loadState(dir)
		if s == nil || s.files == nil {
			t.Fatal("no usable state")
		}
		s.claim("b.txt", "b")
		s.get("a.txt")
	})
}
