// Package ledger keeps the office's 总台账: every task of every document
// in the outbox, with its units, deadline and progress, rebuilt on every
// run from the documents' workbooks, which stay the one place people type
// into. It also writes each unit its share of the tasks (按单位/) and takes
// the progress a unit returns back into the documents' workbooks.
package ledger

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/luoshi/luoshi/pipeline/assign"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/review"
)

// Source is one document of the outbox: its source file's name and the
// stem its outputs are named by.
type Source struct {
	Name string // 讲话.docx
	Stem string // 讲话 (讲话-任务分解.xlsx)
}

// Document is a source with what its JSON says of it.
type Document struct {
	Source
	Doc *doc.Document
}

// Title is the document's title, its file name when it has none.
func (d *Document) Title() string {
	if t := strings.TrimSpace(d.Doc.Info.Title); t != "" {
		return t
	}
	return strings.TrimSuffix(d.Name, filepath.Ext(d.Name))
}

// Item is one task of the ledger: what the document says of it, overlaid
// with what people typed into the document's workbook, which wins.
type Item struct {
	Doc    *Document
	Task   *doc.Task
	ID     string
	Pillar string
	// The cells as the workbook holds them: a date is its serial number.
	Lead, Partners, Due           string
	Status, Progress, Done, Delay string
	// LeadSuggested, PartnersSuggested and DueSuggested mark cells that
	// hold the program's suggestion, which nobody has confirmed by typing.
	LeadSuggested, PartnersSuggested, DueSuggested bool
}

// LeadUnits splits the 牵头单位 cell into units.
func (it *Item) LeadUnits() []string { return splitUnits(it.Lead) }

// PartnerUnits splits the 配合单位 cell into units.
func (it *Item) PartnerUnits() []string { return splitUnits(it.Partners) }

// splitUnits reads a cell of units as people type them.
func splitUnits(s string) []string {
	var out []string
	for _, u := range assign.SplitUnits(s) {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// DueDate is the deadline as a date, ok false for none or a recurrence.
func (it *Item) DueDate() (time.Time, bool) { return CellDate(it.Due) }

// DoneDate is the 实际完成时间 as a date.
func (it *Item) DoneDate() (time.Time, bool) { return CellDate(it.Done) }

// Finished reports whether the task is done: its status says so or a
// completion date is filled in.
func (it *Item) Finished() bool {
	_, ok := it.DoneDate()
	return strings.TrimSpace(it.Status) == StatusDone || ok
}

// StatusDone is the 进展状态 of a finished task.
const StatusDone = "已完成"

// DaysLeft is the number of days from today to the deadline (negative
// past it), ok false when the task has no dated deadline or is finished.
func (it *Item) DaysLeft(today time.Time) (int, bool) {
	due, ok := it.DueDate()
	if !ok || it.Finished() {
		return 0, false
	}
	return int(due.Sub(day(today)).Hours() / 24), true
}

// Overdue says whether the task is past its deadline: 是 for an unfinished
// task after its date, 逾期完成 for one finished after it, 否 otherwise, ""
// when it has no dated deadline.
func (it *Item) Overdue(today time.Time) string {
	due, ok := it.DueDate()
	if !ok {
		return ""
	}
	if it.Finished() {
		if done, ok := it.DoneDate(); ok && done.After(due) {
			return "逾期完成"
		}
		return "否"
	}
	if day(today).After(due) {
		return "是"
	}
	return "否"
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// excelEpoch is day 0 of a workbook's date serial numbers (1900 system,
// past its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// CellDate reads a date cell as workbooks hold it (a serial number) or as
// people type it into a text cell (2026-06-30, 2026/6/30, 2026年6月30日,
// 2026.6.30); ok is false for anything else (长期, 每季度).
func CellDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 1 || f > 2958465 {
			return time.Time{}, false
		}
		return excelEpoch.AddDate(0, 0, int(f)), true
	}
	for _, layout := range []string{"2006-01-02", "2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Serial is the serial number of a date, as a workbook stores it.
func Serial(t time.Time) int { return int(day(t).Sub(excelEpoch).Hours() / 24) }

// Load reads the documents of sources from the outbox out: each one's
// JSON, overlaid with what people typed into its workbook. A document
// whose outputs cannot be read is reported in errs and left out; the rest
// load.
func Load(out string, sources []Source) (docs []*Document, items []*Item, errs []error) {
	sort.Slice(sources, func(i, j int) bool { return sources[i].Name < sources[j].Name })
	for _, s := range sources {
		names := export.NamesFor(s.Stem)
		d, err := export.ReadJSONFile(filepath.Join(out, names.JSON))
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, fmt.Errorf("%s：无法读取 %s（%v），总台账里没有这个文件的任务", s.Name, names.JSON, err))
			}
			continue
		}
		typed := map[string]export.Input{}
		wb := filepath.Join(out, names.Workbook)
		if _, err := os.Stat(wb); err == nil {
			rv, err := review.ReadInputFile(wb)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s：%v；总台账里这个文件的任务只有程序生成的内容", s.Name, err))
			} else {
				for _, r := range rv.Rows {
					if r.ID != "" {
						typed[r.ID] = r.In
					}
				}
			}
		}
		dd := &Document{Source: s, Doc: d}
		docs = append(docs, dd)
		for i := range d.Tasks {
			items = append(items, item(dd, &d.Tasks[i], typed))
		}
	}
	return docs, items, errs
}

// item is task t of d as its workbook shows it: what was typed, else what
// the program filled in.
func item(d *Document, t *doc.Task, typed map[string]export.Input) *Item {
	id := export.TaskID(t)
	in := export.TypedOnly(typed[id], t)
	pick := func(title, generated string) string {
		if v := strings.TrimSpace(in[title]); v != "" {
			return v
		}
		return generated
	}
	typedIn := func(title string) bool { return strings.TrimSpace(in[title]) != "" }
	suggested := t.AssignmentSource == "suggestion"
	return &Item{
		LeadSuggested:     suggested && !typedIn(export.ColLead) && len(t.LeadUnits) > 0,
		PartnersSuggested: suggested && !typedIn(export.ColPartner) && len(t.PartnerUnits) > 0,
		DueSuggested:      t.DeadlineSource == "suggestion" && !typedIn(export.ColDue),
		Doc:               d, Task: t, ID: id,
		Pillar:   export.PillarLabel(d.Doc, t.Pillar),
		Lead:     pick(export.ColLead, strings.Join(t.LeadUnits, "、")),
		Partners: pick(export.ColPartner, strings.Join(t.PartnerUnits, "、")),
		Due:      pick(export.ColDue, export.GeneratedDue(t)),
		Status:   pick(export.ColStatus, ""),
		Progress: pick(export.ColProgress, ""),
		Done:     pick(export.ColDone, ""),
		Delay:    pick(export.ColDelay, ""),
	}
}
