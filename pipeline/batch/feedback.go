package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ledger"
	"github.com/luoshi/luoshi/pipeline/review"
)

// FeedbackFile, in the outbox, remembers the values taken from units'
// shares (see ledger.Applied).
const FeedbackFile = ".luoshi-feedback.json"

// ConflictFile, in the share folder, lists every cell a unit reported
// that the office had typed otherwise; the office's value was kept.
const ConflictFile = "反馈冲突.csv"

// ReturnedDir, in the share folder, keeps the shares units returned
// through the inbox, once their progress is in the workbooks.
const ReturnedDir = "已收回"

// stemLocks serialize the writes of one document's workbook: a unit's
// progress and a regeneration of the document must not interleave.
type stemLocks struct {
	mu sync.Mutex
	m  map[string]*sync.Mutex
}

func (l *stemLocks) lock(stem string) func() {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[string]*sync.Mutex{}
	}
	m := l.m[stem]
	if m == nil {
		m = &sync.Mutex{}
		l.m[stem] = m
	}
	l.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// Feedback is what became of a returned share.
type Feedback struct {
	Unit      string
	Updated   []string // workbooks that took the unit's progress
	Conflicts []ledger.Conflict
	Problems  []string // workbooks it could not reach, in Chinese
}

// feedback takes the progress of the share at path into the documents'
// workbooks; moveOut moves a share from the inbox to 按单位/已收回 once
// every workbook it names has it.
func (p *Processor) feedback(path string, moveOut bool) (res Result) {
	name := filepath.Base(path)
	res = Result{Source: name, Path: path}
	ret, ok, err := ledger.ReadReturned(path)
	if err != nil || !ok {
		res.Status = Skipped
		res.Reason = "不是要处理的文件类型（.xlsx），也不是 luoshi 生成的单位任务清单；只处理 .docx、.doc、.wps、.pdf、.ofd、.txt 和交回的任务清单"
		var re *review.Error
		if errors.As(err, &re) && strings.Contains(name, strings.TrimSuffix(ledger.ShareSuffix, ".xlsx")) {
			res.Status, res.Reason = Failed, "交回的任务清单无法读取："+re.Reason
		}
		return res
	}
	fb := p.ApplyReturned(ret)
	res.Status, res.Share = Done, true
	var notes []string
	notes = append(notes, fmt.Sprintf("%s交回的任务清单：%d 项任务，更新了 %d 个任务分解表", orNone(fb.Unit), len(ret.Rows), len(fb.Updated)))
	if len(fb.Conflicts) > 0 {
		notes = append(notes, fmt.Sprintf("%d 处与督查部门已填写的内容不同，保留了督查部门填写的内容，单位填报的内容列在 %s", len(fb.Conflicts), filepath.Join(ledger.ShareDir, ConflictFile)))
	}
	notes = append(notes, fb.Problems...)
	res.Reason = strings.Join(notes, "；")
	if len(fb.Problems) > 0 {
		res.Status = Failed
		return res // left in the inbox: the next run tries again
	}
	if moveOut {
		if dst, err := move(path, filepath.Join(p.cfg.Out, ledger.ShareDir, ReturnedDir)); err != nil {
			res.Reason += "；无法移到" + filepath.Join(ledger.ShareDir, ReturnedDir) + "：" + atomicfile.Reason(err)
		} else {
			res.Outputs = []string{filepath.Join(ledger.ShareDir, ReturnedDir, filepath.Base(dst))}
		}
	}
	return res
}

// ApplyReturned takes a returned share's progress into the workbooks of
// the documents it covers, never over what the office typed (see
// ledger.Merge), and lists the conflicts in ConflictFile.
func (p *Processor) ApplyReturned(ret *ledger.Returned) Feedback {
	fb := Feedback{Unit: ret.Unit}
	byWorkbook := map[string][]ledger.ReturnedRow{}
	var order []string
	for _, r := range ret.Rows {
		if len(r.Changed()) == 0 {
			continue // as it was sent: nothing to take, no workbook to read
		}
		if _, ok := byWorkbook[r.Workbook]; !ok {
			order = append(order, r.Workbook)
		}
		byWorkbook[r.Workbook] = append(byWorkbook[r.Workbook], r)
	}
	sort.Strings(order)
	if len(order) == 0 {
		return fb
	}
	p.feedbackMu.Lock()
	defer p.feedbackMu.Unlock()
	applied := p.loadApplied()
	for _, wb := range order {
		updated, conflicts, problem := p.applyTo(wb, ret.Unit, byWorkbook[wb], applied)
		if updated {
			fb.Updated = append(fb.Updated, wb)
		}
		fb.Conflicts = append(fb.Conflicts, conflicts...)
		if problem != "" {
			fb.Problems = append(fb.Problems, problem)
		}
	}
	if err := p.saveApplied(applied); err != nil {
		fb.Problems = append(fb.Problems, "无法保存反馈记录："+atomicfile.Reason(err))
	}
	if err := p.listConflicts(fb.Conflicts); err != nil {
		fb.Problems = append(fb.Problems, "无法写入"+ConflictFile+"："+atomicfile.Reason(err))
	}
	return fb
}

// applyTo merges rows into the workbook named wb and writes it again if
// anything changed, keeping the version people edited in 历史版本.
func (p *Processor) applyTo(wb, unit string, rows []ledger.ReturnedRow, applied ledger.Applied) (updated bool, conflicts []ledger.Conflict, problem string) {
	source, entry, ok := p.state.byWorkbook(wb)
	if !ok || !plainName(wb) {
		return false, nil, fmt.Sprintf("任务清单中的来源文件 %s 不在输出文件夹里（可能已改名或删除），这些任务的进展没有写入", wb)
	}
	defer p.locks.lock(entry.Stem)()
	wbPath := filepath.Join(p.cfg.Out, wb)
	if lock := officeLock(wbPath); lock != "" {
		return false, nil, fmt.Sprintf("任务分解表 %s 正被人打开（有锁文件 %s），单位的进展没有写入：请关闭后重新运行", wb, lock)
	}
	rv, err := review.ReadInputFile(wbPath)
	if err != nil {
		return false, nil, err.Error() + "，单位的进展没有写入"
	}
	changed, conflicts := ledger.Merge(rv, unit, wb, rows, applied)
	if !changed {
		return false, conflicts, ""
	}
	names := export.NamesFor(entry.Stem)
	d, err := export.ReadJSONFile(filepath.Join(p.cfg.Out, names.JSON))
	var pe *os.PathError
	switch {
	case errors.As(err, &pe):
		return false, conflicts, fmt.Sprintf("无法读取 %s（%s），单位的进展没有写入 %s", names.JSON, atomicfile.Reason(err), wb)
	case err != nil:
		return false, conflicts, fmt.Sprintf("%s 已损坏（%v），单位的进展没有写入 %s：请重新处理 %s", names.JSON, err, wb, source)
	}
	if cur, err := atomicfile.Sum(wbPath); err == nil && cur != entry.WorkbookSHA256 && cur != entry.WorkbookPending {
		if _, err := p.keep(wbPath, entry.Stem); err != nil {
			return false, conflicts, "无法保存已有任务分解表的历史版本：" + atomicfile.Reason(err)
		}
	}
	now := p.cfg.Now()
	o := export.Options{Units: p.rules.Load().Units(), RulesVersion: entry.Rules, Generated: now, Previous: rv}
	next := entry
	next.Done = now
	sum, err := atomicfile.WriteNoting(wbPath, func(w io.Writer) error {
		_, err := export.WriteWorkbookReport(w, d, o)
		return err
	}, func(sum string) error {
		pending := entry
		pending.WorkbookPending = sum
		return p.state.put(source, pending)
	})
	if err != nil {
		return false, conflicts, "无法写入任务分解表 " + wb + "：" + atomicfile.Reason(err)
	}
	next.WorkbookSHA256, next.WorkbookPending = sum, ""
	if err := p.state.put(source, next); err != nil {
		return true, conflicts, "处理记录无法保存：" + atomicfile.Reason(err)
	}
	return true, conflicts, ""
}

func (p *Processor) loadApplied() ledger.Applied {
	a := ledger.Applied{}
	b, err := os.ReadFile(filepath.Join(p.cfg.Out, FeedbackFile))
	if err == nil {
		// A damaged record only makes a later report of a unit a
		// conflict instead of an update: nothing typed is lost.
		_ = json.Unmarshal(b, &a)
	}
	return a
}

func (p *Processor) saveApplied(a ledger.Applied) error {
	_, err := atomicfile.Write(filepath.Join(p.cfg.Out, FeedbackFile), func(w io.Writer) error {
		return json.NewEncoder(w).Encode(a)
	})
	return err
}

// listConflicts adds cs to the conflict list, a CSV Excel opens.
func (p *Processor) listConflicts(cs []ledger.Conflict) error {
	if len(cs) == 0 {
		return nil
	}
	dir := filepath.Join(p.cfg.Out, ledger.ShareDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, ConflictFile)
	old, err := os.ReadFile(path)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err != nil || len(old) == 0 {
		buf.WriteString("\uFEFF")
		w.Write([]string{"时间", "单位", "任务分解表", "任务编号", "任务内容", "栏目", "督查部门填写（已保留）", "单位填报"})
	} else {
		buf.Write(old)
	}
	now := p.cfg.Now().Format("2006-01-02 15:04")
	for _, c := range cs {
		rec := []string{now, c.Unit, c.Workbook, c.ID, c.Task, c.Field, c.Office, c.Reported}
		for i := range rec {
			rec[i] = export.CSVSafe(rec[i])
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, buf.Bytes())
}

// Ledger takes the progress units typed into their shares in the share
// folder, then rebuilds the 总台账, the shares and the tables to attach
// from every document of the outbox.
func (p *Processor) Ledger() ledger.Report {
	p.ledgerMu.Lock()
	defer p.ledgerMu.Unlock()
	dir := filepath.Join(p.cfg.Out, ledger.ShareDir)
	memo := ledger.LoadMemo(p.cfg.Out)
	var early []string
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if e.IsDir() || Noise(e.Name()) || !strings.HasSuffix(e.Name(), ledger.ShareSuffix) {
				continue
			}
			if memo.Untouched(p.cfg.Out, ledger.ShareDir+"/"+e.Name()) {
				continue // as written: nobody typed into it
			}
			path := filepath.Join(dir, e.Name())
			if officeLock(path) != "" {
				early = append(early, fmt.Sprintf("%s 正被人打开，本次没有读取其中填写的进展，也没有更新它", e.Name()))
				continue
			}
			ret, ok, err := ledger.ReadReturned(path)
			if err != nil || !ok {
				continue
			}
			fb := p.ApplyReturned(ret)
			early = append(early, fb.Problems...)
		}
	}
	busy := func(path string) bool { return officeLock(path) != "" }
	rep := ledger.Build(p.cfg.Out, p.state.sources(), p.cfg.Now(), p.cfg.Now(), busy)
	rep.Problems = append(early, rep.Problems...)
	return rep
}
