package batch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

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
}

// Processor turns source files into outputs, one call a file. It is safe
// for use by several goroutines.
type Processor struct {
	cfg   Config
	state *state
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
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建输出文件夹 %s：%w", cfg.Out, err)
	}
	p := &Processor{cfg: cfg}
	st, err := loadState(cfg.Out)
	if err != nil {
		p.Warning = fmt.Sprintf("处理记录 %s 无法读取（%v），本次将全部重新处理，已填写的内容会保留。", st.path, err)
	}
	p.state = st
	return p, nil
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
func (p *Processor) Process(path string) (res Result) {
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
	if !Supported[ext] {
		res.Status = Skipped
		res.Reason = fmt.Sprintf("不是要处理的文件类型（%s），只处理 .docx、.pdf、.txt", orNone(ext))
		return res
	}
	fail := func(reason string) Result {
		res.Status = Failed
		res.Reason = reason
		return res
	}
	sum, err := hashFile(path)
	if err != nil {
		return fail("无法读取文件：" + atomicfile.Reason(err))
	}
	stem := p.state.claim(name, export.Stem(name))
	names := export.NamesFor(stem)
	res.Outputs = names.All()
	version := p.cfg.Rules.Version()

	prev, known := p.state.get(name)
	if !p.cfg.Force && known && prev.SHA256 == sum && prev.Rules == version && p.exist(prev.Outputs) {
		res.Status = Skipped
		res.Tasks = prev.Tasks
		res.Outputs = prev.Outputs
		res.Reason = "已处理过，文件内容和规则都没有变化"
		p.archive(path, &res)
		return res
	}

	d, err := p.cfg.Process(path, p.cfg.Rules, p.cfg.Ingest)
	if err != nil {
		return fail(readReason(err))
	}
	if d.Info.SHA256 != "" {
		sum = d.Info.SHA256 // what was actually read
	}

	wbPath := filepath.Join(p.cfg.Out, names.Workbook)
	var previous *export.Review
	if _, err := os.Stat(wbPath); err == nil {
		// What people typed is read before anything is replaced; a
		// workbook that cannot be read is left alone.
		previous, err = review.ReadInputFile(wbPath)
		if err != nil {
			return fail(err.Error() + "。为免丢失已填写的内容，没有覆盖它；请关闭或修复该文件后重试")
		}
		cur, err := hashFile(wbPath)
		if err != nil {
			return fail("无法读取已有的任务分解表：" + atomicfile.Reason(err))
		}
		if !known || cur != prev.WorkbookSHA256 {
			kept, err := p.keep(wbPath, stem)
			if err != nil {
				return fail("无法保存已有任务分解表的历史版本：" + atomicfile.Reason(err))
			}
			res.Kept = kept
		}
	}

	o := export.Options{Units: p.cfg.Rules.Units(), RulesVersion: version, Generated: p.cfg.Now(), Previous: previous}
	wbSum, err := atomicfile.Write(wbPath, func(w io.Writer) error { return export.WriteWorkbook(w, d, o) })
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
	err = p.state.put(name, Entry{SHA256: sum, Rules: version, Stem: stem, Outputs: names.All(),
		WorkbookSHA256: wbSum, Tasks: len(d.Tasks), Done: p.cfg.Now()})
	if err != nil {
		// The outputs stand; only the memory of them is missing, so the
		// next run redoes the file (carrying input over).
		res.Reason = "输出已写好，但处理记录无法保存：" + atomicfile.Reason(err)
	}
	res.Status = Done
	if len(d.Warnings) > 0 && res.Reason == "" {
		res.Reason = "提示：" + strings.Join(d.Warnings, "；")
	}
	p.archive(path, &res)
	return res
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
