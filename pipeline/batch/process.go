package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofrs/flock"
	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline"
	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ingest"
	"github.com/luoshi/luoshi/pipeline/review"
)

// HistoryDir, in the outbox, keeps workbooks people edited, as they were
// before a regeneration.
const HistoryDir = "历史版本"

// Status is the outcome of one file.
type Status int

const (
	Done Status = iota
	Skipped
	Failed
)

func (s Status) String() string {
	switch s {
	case Done:
		return "完成"
	case Skipped:
		return "跳过"
	}
	return "失败"
}

// Result is the outcome of one file, as the report lists it.
type Result struct {
	Source  string // file name
	Path    string
	Status  Status
	Tasks   int
	Reason  string   // why it was skipped or failed, or a note, in Chinese
	Outputs []string // names in the outbox
	Kept    string   // where the edited workbook it replaced was kept
	// Carry says where the input typed into the replaced workbook went.
	Carry export.CarryReport
	// Share marks a unit's share returned through the inbox; Reason says
	// what became of its progress.
	Share bool
}

// Config says where things go and how they are read.
type Config struct {
	Out     string
	Archive string // "" leaves sources in place
	Rules   *dict.Rules
	Ingest  ingest.Options
	// Force redoes files that are done.
	Force bool
	// Now stamps the workbooks and names the kept versions; time.Now when nil.
	Now func() time.Time
	// Process annotates one file; pipeline.Process when nil.
	Process func(path string, r *dict.Rules, o ingest.Options) (*doc.Document, error)
	// LockWait is how long New waits for another luoshi to leave the
	// outbox; 0 refuses at once. OnLockWait is called once when it waits.
	LockWait   time.Duration
	OnLockWait func()
	// Context ends a wait for the lock (Ctrl-C); context.Background when nil.
	Context context.Context
	// FileTimeout is the wall-clock budget of one file in RunAll; 0 means
	// none. A file past it is failed and none of its outputs is written.
	FileTimeout time.Duration
}

// Processor turns source files into outputs, one call a file. It is safe
// for use by several goroutines.
type Processor struct {
	cfg   Config
	rules atomic.Pointer[dict.Rules] // cfg.Rules until SetRules
	lock  *flock.Flock
	state *state
	// locks serialize the writes of one document's workbook; feedbackMu
	// the applications of returned shares, which share one record.
	locks      stemLocks
	feedbackMu sync.Mutex
	ledgerMu   sync.Mutex // one rebuild of the ledger at a time
	// Warning is set when the state file was unreadable and is being
	// rebuilt.
	Warning string
}

// New prepares the outbox and reads its state.
func New(cfg Config) (*Processor, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Process == nil {
		cfg.Process = pipeline.Process
	}
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建输出文件夹 %s：%s", cfg.Out, atomicfile.Reason(err))
	}
	lock, err := lockOutbox(cfg.Context, cfg.Out, cfg.LockWait, cfg.OnLockWait)
	if err != nil {
		return nil, err
	}
	p := &Processor{cfg: cfg, lock: lock}
	p.rules.Store(cfg.Rules)
	// Holding the lock, every temporary file here is a killed run's.
	atomicfile.Sweep(cfg.Out, 0)
	atomicfile.Sweep(filepath.Join(cfg.Out, HistoryDir), 0)
	st, err := loadState(cfg.Out)
	var warnings []string
	if err != nil {
		warnings = append(warnings, fmt.Sprintf("处理记录 %s 无法读取（%v），本次将全部重新处理，已填写的内容会保留。", st.path, err))
	}
	if len(st.dropped) > 0 {
		warnings = append(warnings, fmt.Sprintf("处理记录 %s 中有 %d 条记录的文件名不合规（含路径或“..”，可能被人改过），已忽略，这些文件会重新处理：%s", st.path, len(st.dropped), strings.Join(st.dropped, "、")))
	}
	p.Warning = strings.Join(warnings, "\n")
	p.state = st
	return p, nil
}

// SetRules makes the files processed from now on use r (watch reloads an
// edited dictionary); files in hand finish with the rules they began with.
func (p *Processor) SetRules(r *dict.Rules) { p.rules.Store(r) }

// Close lets another luoshi use the outbox.
func (p *Processor) Close() error {
	if p.lock == nil {
		return nil
	}
	return p.lock.Unlock()
}

// Claim fixes the output names of paths in their order, before workers
// race for them; see state.claim.
func (p *Processor) Claim(paths []string) {
	for _, path := range paths {
		if Supported[strings.ToLower(filepath.Ext(path))] {
			name := filepath.Base(path)
			p.state.claim(name, export.Stem(name))
		}
	}
}

// Process takes one source file end to end: read, annotate, write the
// workbook (carrying reviewers' input over), JSON and CSV, record, archive.
func (p *Processor) Process(path string) Result {
	return p.process(context.Background(), path)
}

// process is Process; once abort ends, no output is written any more.
func (p *Processor) process(abort context.Context, path string) (res Result) {
	name := filepath.Base(path)
	res = Result{Source: name, Path: path}
	defer func() {
		// No panic of a reader or writer may end the batch.
		if r := recover(); r != nil {
			res.Status = Failed
			res.Reason = fmt.Sprintf("程序内部错误（%v），请把这个文件和本条信息交给维护人员", r)
			if os.Getenv("LUOSHI_DEBUG") != "" {
				res.Reason += "\n" + string(debug.Stack())
			}
		}
	}()
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".xlsx" {
		return p.feedback(path, true) // a unit's share, returned
	}
	if !Supported[ext] {
		res.Status = Skipped
		res.Reason = fmt.Sprintf("不是要处理的文件类型（%s），只处理 .docx、.doc、.wps、.pdf、.ofd、.txt", orNone(ext))
		return res
	}
	fail := func(reason string) Result {
		res.Status = Failed
		res.Reason = reason
		return res
	}
	if fi, err := os.Lstat(path); err != nil {
		return fail("无法读取文件：" + atomicfile.Reason(err))
	} else if fi.Mode()&os.ModeSymlink != 0 {
		// A link in a shared inbox may point anywhere (/etc/shadow), and
		// its content would be published in the outputs.
		return fail("这是一个快捷方式（符号链接），为安全起见不读取它指向的文件：请把文件本身复制到收件箱")
	}
	sum, err := atomicfile.Sum(path)
	if err != nil {
		return fail("无法读取文件：" + atomicfile.Reason(err))
	}
	stem := p.state.claim(name, export.Stem(name))
	defer p.locks.lock(stem)()
	names := export.NamesFor(stem)
	res.Outputs = names.All()
	rules := p.rules.Load()
	version := rules.Version()
	wbPath := filepath.Join(p.cfg.Out, names.Workbook)

	prev, known := p.state.get(name)
	stale := ""
	if !p.cfg.Force && known && prev.SHA256 == sum && prev.Rules == version && p.exist(prev.Outputs) {
		if stale = p.staleCopy(wbPath, prev); stale == "" {
			res.Status = Skipped
			res.Tasks = prev.Tasks
			res.Outputs = prev.Outputs
			res.Reason = "已处理过，文件内容和规则都没有变化"
			p.archive(path, &res)
			return res
		}
	}
	if lock := officeLock(wbPath); lock != "" {
		// Replacing a workbook someone has open loses what they type
		// next, or fails on Windows; the state is left as it was, so the
		// next run tries again.
		return fail(fmt.Sprintf("任务分解表 %s 正被人打开（有锁文件 %s），本次没有覆盖它：请关闭后重新运行；如果确实没人打开，删除这个锁文件即可", names.Workbook, lock))
	}

	d, err := p.cfg.Process(path, rules, p.cfg.Ingest)
	if err != nil {
		return fail(readReason(err))
	}
	if d.Info.SHA256 != "" {
		sum = d.Info.SHA256 // what was actually read
	}

	var previous *export.Review
	if _, err := os.Stat(wbPath); err == nil {
		// What people typed is read before anything is replaced; a
		// workbook that cannot be read is left alone.
		previous, err = review.ReadInputFile(wbPath)
		if err != nil {
			return fail(err.Error() + "。为免丢失已填写的内容，没有覆盖它；请关闭或修复该文件后重试")
		}
		cur, err := atomicfile.Sum(wbPath)
		if err != nil {
			return fail("无法读取已有的任务分解表：" + atomicfile.Reason(err))
		}
		if !known || (cur != prev.WorkbookSHA256 && cur != prev.WorkbookPending) {
			kept, err := p.keep(wbPath, stem)
			if err != nil {
				return fail("无法保存已有任务分解表的历史版本：" + atomicfile.Reason(err))
			}
			res.Kept = kept
		}
	}
	if abort.Err() != nil {
		return fail(p.timeoutReason())
	}

	now := p.cfg.Now()
	o := export.Options{Units: rules.Units(), RulesVersion: version, Generated: now, Previous: previous}
	entry := Entry{SHA256: sum, Rules: version, Stem: stem, Outputs: names.All(), Tasks: len(d.Tasks), Done: now}
	var carry export.CarryReport
	wbSum, err := atomicfile.WriteNoting(wbPath, func(w io.Writer) (err error) {
		carry, err = export.WriteWorkbookReport(w, d, o)
		return err
	},
		func(sum string) error {
			if abort.Err() != nil {
				return errAborted
			}
			pending := prev
			if !known {
				pending = entry
				pending.SHA256 = "" // not done: the next run redoes it
			}
			pending.WorkbookPending = sum
			return p.state.put(name, pending)
		})
	if errors.Is(err, errAborted) {
		return fail(p.timeoutReason())
	}
	if err != nil {
		return fail("无法写入任务分解表：" + atomicfile.Reason(err))
	}
	if _, err := atomicfile.Write(filepath.Join(p.cfg.Out, names.JSON), func(w io.Writer) error { return export.WriteJSON(w, d) }); err != nil {
		return fail("无法写入 JSON：" + atomicfile.Reason(err))
	}
	if _, err := atomicfile.Write(filepath.Join(p.cfg.Out, names.CSV), func(w io.Writer) error { return export.WriteCSV(w, d) }); err != nil {
		return fail("无法写入 CSV：" + atomicfile.Reason(err))
	}
	res.Tasks = len(d.Tasks)
	res.Carry = carry
	entry.WorkbookSHA256 = wbSum
	if err := p.state.put(name, entry); err != nil {
		// The outputs stand; only the memory of them is missing, so the
		// next run redoes the file (carrying input over).
		res.Reason = "输出已写好，但处理记录无法保存：" + atomicfile.Reason(err)
	}
	res.Status = Done
	var notes []string
	if stale != "" {
		notes = append(notes, stale)
	}
	if len(d.Warnings) > 0 {
		notes = append(notes, "提示："+strings.Join(d.Warnings, "；"))
	}
	if res.Reason == "" {
		res.Reason = strings.Join(notes, "；")
	}
	p.archive(path, &res)
	return res
}

// errAborted stops a write whose file ran out of time.
var errAborted = errors.New("aborted")

func (p *Processor) timeoutReason() string {
	return fmt.Sprintf("处理时间超过了 %s 的上限（配置项 file_timeout），没有写出任何结果；文件可能过大或内容异常", p.cfg.FileTimeout)
}

// staleCopy says why the workbook at wb must be made again although its
// source and the rules are unchanged: someone saved an older generation
// of it back over the newer one (its 生成时间 is not the recorded one).
// It is "" for the workbook luoshi wrote, one people typed into, or one
// it cannot read (the regeneration would refuse to touch that anyway).
func (p *Processor) staleCopy(wb string, e Entry) string {
	cur, err := atomicfile.Sum(wb)
	if err != nil || cur == e.WorkbookSHA256 || cur == e.WorkbookPending || e.Done.IsZero() {
		return ""
	}
	gen, err := review.ReadGenerated(wb)
	if err != nil || gen == "" {
		return ""
	}
	want := e.Done.Format(export.GeneratedLayout)
	if gen == want {
		return ""
	}
	return fmt.Sprintf("任务分解表是一份较早的旧表（生成于 %s，最近一次生成于 %s），可能是旧副本被存了回来：已重新生成，旧表里填写的内容已带到新表，旧表另存在“%s”", gen, want, HistoryDir)
}

// officeLock returns the name of the lock file an office suite keeps
// beside a workbook it has open, "" when there is none: LibreOffice's
// .~lock.NAME#, and Excel's and WPS's ~$NAME (Word-style ~$ plus the name
// without its first two characters, too).
func officeLock(wb string) string {
	dir, name := filepath.Split(wb)
	cands := []string{".~lock." + name + "#", "~$" + name}
	if r := []rune(name); len(r) > 2 {
		cands = append(cands, "~$"+string(r[2:]))
	}
	for _, c := range cands {
		if _, err := os.Lstat(filepath.Join(dir, c)); err == nil {
			return c
		}
	}
	return ""
}

func (p *Processor) exist(names []string) bool {
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(p.cfg.Out, n)); err != nil {
			return false
		}
	}
	return true
}

// keep copies an edited workbook into the history folder before it is
// replaced: 历史版本/NAME-任务分解-20261130-153000.xlsx.
func (p *Processor) keep(wb, stem string) (string, error) {
	dir := filepath.Join(p.cfg.Out, HistoryDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := freeName(filepath.Join(dir, stem+export.Suffix+"-"+p.cfg.Now().Format("20060102-150405")+".xlsx"))
	if err := atomicfile.Copy(wb, dst); err != nil {
		return "", err
	}
	return dst, nil
}

// archive moves a source whose outputs are safely written out of the
// inbox; a failure to do so is noted, the outputs stand.
func (p *Processor) archive(path string, res *Result) {
	if p.cfg.Archive == "" {
		return
	}
	if _, err := move(path, p.cfg.Archive); err != nil {
		note := "源文件无法移到归档文件夹：" + atomicfile.Reason(err)
		if res.Reason != "" {
			note = res.Reason + "；" + note
		}
		res.Reason = note
	}
}

// readReason is the Chinese reason a file could not be read.
func readReason(err error) string {
	var ie *ingest.Error
	if errors.As(err, &ie) {
		return ie.Reason
	}
	return err.Error()
}

func orNone(ext string) string {
	if ext == "" {
		return "无扩展名"
	}
	return ext
}
