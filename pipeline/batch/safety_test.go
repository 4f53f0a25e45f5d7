package batch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/review"
)

// TestStateStemStaysInOutbox: the state file lies in a shared outbox; a
// stem or output that is a path is refused, and nothing is written outside.
func TestStateStemStaysInOutbox(t *testing.T) {
	in, out := txtInbox(t)
	outside := filepath.Join(filepath.Dir(out), "外面")
	os.MkdirAll(outside, 0o755)
	for _, stem := range []string{"../外面/owned", "../../../../tmp/x/owned", "/tmp/owned", `..\外面\owned`, ".."} {
		os.MkdirAll(out, 0o755)
		st := map[string]any{"version": 1, "files": map[string]any{
			"讲话二.txt": map[string]any{"sha256": "x", "stem": stem, "outputs": []string{stem + "-任务分解.xlsx"}},
		}}
		b, _ := json.Marshal(st)
		os.WriteFile(filepath.Join(out, StateFile), b, 0o644)
		p, err := New(Config{Out: out, Rules: rules(t)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p.Warning, "不合规") {
			t.Errorf("stem %q: no warning (%q)", stem, p.Warning)
		}
		r := p.Process(filepath.Join(in, "讲话二.txt"))
		p.Close()
		if r.Status != Done {
			t.Fatalf("stem %q: %s %s", stem, r.Status, r.Reason)
		}
		for _, o := range r.Outputs {
			if o != filepath.Base(o) || strings.Contains(o, "..") {
				t.Errorf("stem %q: output %q", stem, o)
			}
		}
		if ents, _ := os.ReadDir(outside); len(ents) > 0 {
			t.Fatalf("stem %q wrote outside the outbox: %v", stem, ents)
		}
	}
}

// TestInterruptedWriteIsNoEdit: a run killed after the workbook was
// replaced but before the state recorded it leaves a workbook that the
// next run knows for its own: no history copy, no "edited" message.
func TestInterruptedWriteIsNoEdit(t *testing.T) {
	in, out := txtInbox(t)
	runOnce(t, in, out, false)
	wb := filepath.Join(out, "讲话二-任务分解.xlsx")
	// Play the kill: the new workbook was written (its pending hash
	// recorded), the state's final record was not.
	p := newProc(t, out, true)
	r := p.Process(filepath.Join(in, "讲话二.txt"))
	if r.Status != Done {
		t.Fatal(r.Reason)
	}
	e, _ := p.state.get("讲话二.txt")
	p.Close()
	sum, _ := atomicfile.Sum(wb)
	e.WorkbookPending, e.WorkbookSHA256 = sum, "hash of an older workbook"
	s, _ := loadState(out)
	s.put("讲话二.txt", e)

	res := byName(runOnce(t, in, out, true))
	if k := res["讲话二.txt"].Kept; k != "" {
		t.Errorf("the interrupted run's own workbook was taken for an edit and kept as %s", k)
	}
	if _, err := os.Stat(filepath.Join(out, HistoryDir)); err == nil {
		t.Error("a history copy was made")
	}
}

// TestOfficeLockIsRespected: a workbook open in LibreOffice, Excel or WPS
// is not replaced; the file fails with the reason and is retried next run.
func TestOfficeLockIsRespected(t *testing.T) {
	for _, lock := range []string{".~lock.讲话二-任务分解.xlsx#", "~$讲话二-任务分解.xlsx", "~$二-任务分解.xlsx"} {
		t.Run(lock, func(t *testing.T) {
			in, out := txtInbox(t)
			runOnce(t, in, out, false)
			wb := filepath.Join(out, "讲话二-任务分解.xlsx")
			before, _ := atomicfile.Sum(wb)
			os.WriteFile(filepath.Join(out, lock), []byte("lock"), 0o644)
			os.Chtimes(filepath.Join(in, "讲话二.txt"), time.Now(), time.Now())
			os.WriteFile(filepath.Join(in, "讲话二.txt"), append(mustRead(t, filepath.Join(in, "讲话二.txt")), "\n要加强学习。\n"...), 0o644)
			r := byName(runOnce(t, in, out, false))["讲话二.txt"]
			if r.Status != Failed || !strings.Contains(r.Reason, "正被人打开") || !strings.Contains(r.Reason, lock) {
				t.Errorf("%s: %s", r.Status, r.Reason)
			}
			if after, _ := atomicfile.Sum(wb); after != before {
				t.Error("the open workbook was replaced")
			}
			os.Remove(filepath.Join(out, lock))
			if r := byName(runOnce(t, in, out, false))["讲话二.txt"]; r.Status != Done {
				t.Errorf("next run: %s %s", r.Status, r.Reason)
			}
		})
	}
}

// TestStaleCopyIsRegenerated: a reviewer saves an old copy of the workbook
// back over the regenerated one; the next run sees it is not the latest
// generation, says so, keeps it and regenerates with its input.
func TestStaleCopyIsRegenerated(t *testing.T) {
	in, out := txtInbox(t)
	clock := time.Date(2026, 11, 30, 15, 30, 0, 0, time.Local)
	proc := func(force bool) *Processor {
		p, err := New(Config{Out: out, Rules: rules(t), Force: force, Now: func() time.Time { return clock }})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(force bool) Result {
		p := proc(force)
		defer p.Close()
		return p.Process(filepath.Join(in, "讲话二.txt"))
	}
	run(false)
	wb := filepath.Join(out, "讲话二-任务分解.xlsx")
	old := filepath.Join(t.TempDir(), "旧副本.xlsx")
	id := typeLead(t, wb, "组织科") // the reviewer's copy, typed into
	copyFile(t, wb, old)
	clock = clock.Add(time.Hour)
	run(true) // regenerated: a new 生成时间
	copyFile(t, old, wb)
	r := run(false)
	if r.Status != Done || !strings.Contains(r.Reason, "旧表") || r.Kept == "" {
		t.Fatalf("%s %q kept %q", r.Status, r.Reason, r.Kept)
	}
	if got := leadOf(t, wb, id); got != "组织科" {
		t.Errorf("牵头单位 %q after regeneration", got)
	}
	// The regenerated workbook is current: the next run skips it.
	if r := run(false); r.Status != Skipped {
		t.Errorf("then: %s %s", r.Status, r.Reason)
	}
	// A workbook people typed into (the current generation) is no stale copy.
	typeLead(t, wb, "宣传科")
	if r := run(false); r.Status != Skipped {
		t.Errorf("after typing: %s %s", r.Status, r.Reason)
	}
}

// TestSymlinksAreRefused: a link in the inbox is not followed, dangling or
// not, and says why.
func TestSymlinksAreRefused(t *testing.T) {
	in, out := txtInbox(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("要保密。\n"), 0o600)
	if err := os.Symlink(secret, filepath.Join(in, "链接.txt")); err != nil {
		t.Skip(err)
	}
	os.Symlink(filepath.Join(in, "没有.txt"), filepath.Join(in, "断链.txt"))
	res := byName(runOnce(t, in, out, false))
	for _, n := range []string{"链接.txt", "断链.txt"} {
		if r := res[n]; r.Status != Failed || !strings.Contains(r.Reason, "符号链接") {
			t.Errorf("%s: %s %q", n, r.Status, r.Reason)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "链接-任务分解.json")); err == nil {
		t.Error("the link's target was read")
	}
}

// TestStateMerge: records written to the state file by another process
// (where the lock is not honoured) survive this one's saves.
func TestStateMerge(t *testing.T) {
	out := t.TempDir()
	a, _ := loadState(out)
	b, _ := loadState(out)
	a.put("甲.txt", Entry{Stem: "甲", Outputs: []string{"甲" + export.Suffix + ".xlsx"}})
	b.put("乙.txt", Entry{Stem: "乙", Outputs: []string{"乙" + export.Suffix + ".xlsx"}})
	a.put("丙.txt", Entry{Stem: "丙"})
	s, _ := loadState(out)
	for _, n := range []string{"甲.txt", "乙.txt", "丙.txt"} {
		if _, ok := s.get(n); !ok {
			t.Errorf("record of %s lost", n)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRewordedDraftKeepsAssignment: a new draft of the speech changes one
// character of a sentence; what was typed for it follows the sentence and
// the result says so.
func TestRewordedDraftKeepsAssignment(t *testing.T) {
	in, out := txtInbox(t)
	src := filepath.Join(in, "讲话二.txt")
	runOnce(t, in, out, false)
	wb := filepath.Join(out, "讲话二-任务分解.xlsx")
	id := typeLead(t, wb, "组织科")
	var text string
	for _, r := range readRows(t, wb) {
		if r.ID == id {
			text = r.Text
		}
	}
	if text == "" {
		t.Fatal("typed row not found")
	}
	rs := []rune(text)
	reworded := string(rs[:len(rs)-3]) + "切实" + string(rs[len(rs)-3:])
	b := mustRead(t, src)
	nb := strings.Replace(string(b), text, reworded, 1)
	if nb == string(b) {
		t.Fatalf("sentence %q not found in the source", text)
	}
	os.WriteFile(src, []byte(nb), 0o644)
	r := byName(runOnce(t, in, out, false))["讲话二.txt"]
	if r.Status != Done || r.Carry.Reworded != 1 || r.Carry.Removed != 0 {
		t.Fatalf("%s %s %+v", r.Status, r.Reason, r.Carry)
	}
	for _, row := range readRows(t, wb) {
		if strings.Contains(row.Text, "切实") && row.ID != id {
			if got := leadOf(t, wb, row.ID); got != "组织科" {
				t.Errorf("牵头单位 of the reworded task is %q", got)
			}
			return
		}
	}
	t.Error("the reworded task is not in the new workbook")
}

func readRows(t *testing.T, wb string) []review.Row {
	t.Helper()
	w, err := review.ReadFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	return w.Rows
}

// TestLongSourceName: a source named with as many Chinese characters as a
// file name may hold gets its outputs and kept versions under names that
// fit, not a "file name too long" failure.
func TestLongSourceName(t *testing.T) {
	in, out := txtInbox(t)
	name := strings.Repeat("讲", 83) + ".txt" // 253 bytes
	src := filepath.Join(in, name)
	copyFile(t, filepath.Join(in, "讲话二.txt"), src)
	r := byName(runOnce(t, in, out, false))[name]
	if r.Status != Done {
		t.Fatalf("%s %s", r.Status, r.Reason)
	}
	for _, o := range r.Outputs {
		if len(o) > 255 {
			t.Errorf("output name of %d bytes", len(o))
		}
	}
	typeLead(t, filepath.Join(out, r.Outputs[0]), "组织科")
	r = byName(runOnce(t, in, out, true))[name]
	if r.Status != Done || r.Kept == "" || len(filepath.Base(r.Kept)) > 255 {
		t.Fatalf("%s %s kept %q", r.Status, r.Reason, r.Kept)
	}
}
