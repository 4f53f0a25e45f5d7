package export

import (
	"strings"

	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/eval"
)

// Input is what reviewers typed into one row, keyed by column title (see
// InputTitles). Values are raw cell values: a date is its serial number, so
// it is written back exactly as it was.
type Input map[string]string

// Filled reports whether anything was typed.
func (in Input) Filled() bool {
	for _, v := range in {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// Row is one row of an existing workbook that carries reviewer input.
type Row struct {
	ID   string // 任务编号; empty for a row people added themselves
	Text string // 任务内容 as the row showed it, so a removed task stays readable
	// Pillar is the row's 一级部署 as the sheet showed it, "" where the
	// sheet has none (已移除任务).
	Pillar string
	In     Input
}

// Review is the reviewer input of an existing workbook: rows of its task
// sheet, then rows it had already set aside in the 已移除任务 sheet. The
// review package reads it (review.ReadInputFile); export only writes it
// back, so that one reader handles every workbook people have edited.
type Review struct {
	Rows []Row
}

// GeneratedLayout is how 生成时间 (LabelGenerated) is written.
const GeneratedLayout = "2006-01-02 15:04:05"

// CarryReport says what became of the input of the workbook replaced.
type CarryReport struct {
	ByID     int // rows whose task kept its id
	Reworded int // rows matched to a reworded sentence (marked 原文有改动)
	Removed  int // rows whose task is gone, kept in 已移除任务
}

// carryPlan is where each previous row's input goes.
type carryPlan struct {
	byID map[string]Input
	// reworded holds, for a task whose input came from a row of another
	// id, that row's text, to show in the 原文变动 column.
	reworded map[string]string
	orphans  []Row
	report   CarryReport
}

// planCarry matches the previous rows to the tasks of d: by task id first;
// a row whose id is gone (a new draft reworded its sentence, which changes
// the id) goes to the task of the same pillar whose text GUIDELINE.md's
// text match accepts and that is most alike, among tasks no other row
// has; what matches nothing is an orphan, for 已移除任务.
func planCarry(d *doc.Document, prev *Review) carryPlan {
	plan := carryPlan{byID: map[string]Input{}, reworded: map[string]string{}}
	if prev == nil {
		return plan
	}
	ids := map[string]int{}
	for i := range d.Tasks {
		ids[taskID(&d.Tasks[i])] = i
	}
	var rest []Row
	for _, r := range prev.Rows {
		if i, ok := ids[r.ID]; ok && r.ID != "" {
			if _, seen := plan.byID[r.ID]; !seen {
				if in := TypedOnly(r.In, &d.Tasks[i]); in.Filled() {
					plan.byID[r.ID] = in
					plan.report.ByID++
				}
				continue
			}
		}
		rest = append(rest, r)
	}
	for _, r := range rest {
		best, score := -1, 0.0
		for i := range d.Tasks {
			t := &d.Tasks[i]
			id := taskID(t)
			if _, taken := plan.byID[id]; taken || !samePillar(r.Pillar, d, t.Pillar) || !eval.Match(r.Text, t.Text) {
				continue
			}
			if s := eval.Similarity(r.Text, t.Text); s > score {
				best, score = i, s
			}
		}
		if best < 0 {
			plan.orphans = append(plan.orphans, r)
			plan.report.Removed++
			continue
		}
		id := taskID(&d.Tasks[best])
		in := TypedOnly(r.In, &d.Tasks[best])
		if !in.Filled() {
			continue
		}
		plan.byID[id] = in
		plan.reworded[id] = r.Text
		plan.report.Reworded++
	}
	return plan
}

// Confirmed reports whether the reviewer confirmed the row (审核意见 确认):
// what the program filled in is then the reviewer's decision, kept as
// typed and no longer shown as a suggestion.
func Confirmed(in Input) bool { return strings.TrimSpace(in[ColVerdict]) == VerdictConfirmed }

// TypedOnly returns in without the 完成时限 the program itself writes for
// t (the date of its timing phrase, unchanged since): that is no one's
// decision, and is written afresh, unless the row is confirmed. The
// 牵头单位 and 配合单位 it filled are dropped by the reader already, which
// sees the basis they rest on.
func TypedOnly(in Input, t *doc.Task) Input {
	due, ok := in[ColDue]
	if !ok || strings.TrimSpace(due) != generatedDue(t) || generatedDue(t) == "" || Confirmed(in) {
		return in
	}
	out := Input{}
	for k, v := range in {
		if k != ColDue {
			out[k] = v
		}
	}
	return out
}

// samePillar reports whether a row shown under the pillar label old may be
// a task of pillar i of d: the labels match as texts (a pillar's title may
// be reworded too), or the row's sheet showed no pillar.
func samePillar(old string, d *doc.Document, i int) bool {
	old = strings.TrimSpace(old)
	if old == "" {
		return true
	}
	label := pillarLabel(d, i)
	if i == 0 {
		label = OutsideLabel
	}
	return eval.Normalize(old) == eval.Normalize(label) || eval.Match(old, label)
}
