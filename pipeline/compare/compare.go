// Package compare tells what changed between two annotations of the same
// document, so a reviewer sees what an edit of the rules does before
// adopting it.
package compare

import (
	"fmt"
	"io"
	"strings"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// TaskChange is a sentence found as a task both times whose placement or
// action differs.
type TaskChange struct {
	Before, After doc.Task
	// BeforePillar and AfterPillar are the pillars' titles, since indexes
	// shift when a pillar is gained or lost.
	BeforePillar, AfterPillar string
	// What lists the changed attributes, in Chinese: 一级部署, 重点任务,
	// 关键动作, 文中责任主体, 文中时间要求.
	What []string
}

// Diff is the difference between two annotations, before → after.
type Diff struct {
	TasksGained, TasksLost     []doc.Task
	TasksChanged               []TaskChange
	SlogansGained, SlogansLost []string
	PillarsGained, PillarsLost []string
	// Points are named "pillar title／point title".
	PointsGained, PointsLost []string
	TasksBefore, TasksAfter  int
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return len(d.TasksGained)+len(d.TasksLost)+len(d.TasksChanged)+
		len(d.SlogansGained)+len(d.SlogansLost)+len(d.PillarsGained)+
		len(d.PillarsLost)+len(d.PointsGained)+len(d.PointsLost) == 0
}

// taskKey identifies a task by the sentence it stands on: rules do not move
// sentences, so the location is stable where ids and text might not be.
func taskKey(t doc.Task) string {
	if t.Location.End > t.Location.Start {
		return fmt.Sprintf("@%d-%d", t.Location.Start, t.Location.End)
	}
	return "#" + t.Text
}

// Documents compares two annotations of one document.
func Documents(before, after *doc.Document) *Diff {
	d := &Diff{TasksBefore: len(before.Tasks), TasksAfter: len(after.Tasks)}

	old := map[string]doc.Task{}
	for _, t := range before.Tasks {
		old[taskKey(t)] = t
	}
	seen := map[string]bool{}
	for _, t := range after.Tasks {
		k := taskKey(t)
		seen[k] = true
		o, ok := old[k]
		if !ok {
			d.TasksGained = append(d.TasksGained, t)
			continue
		}
		var what []string
		bp, ap := pillarTitle(before, o.Pillar), pillarTitle(after, t.Pillar)
		if bp != ap {
			what = append(what, "一级部署")
		}
		if deref(o.Point) != deref(t.Point) {
			what = append(what, "重点任务")
		}
		if o.Action != t.Action {
			what = append(what, "关键动作")
		}
		// Actors and timing are what an edit of actors.txt or timing.txt
		// changes; without them such an edit showed 没有变化.
		if joined(o.Actors) != joined(t.Actors) {
			what = append(what, "文中责任主体")
		}
		if joined(o.Timing) != joined(t.Timing) {
			what = append(what, "文中时间要求")
		}
		// Units and deadlines are what an edit of duties.txt (or a
		// review import's learned words) changes.
		if joined(o.LeadUnits) != joined(t.LeadUnits) {
			what = append(what, "牵头单位")
		}
		if joined(o.PartnerUnits) != joined(t.PartnerUnits) {
			what = append(what, "配合单位")
		}
		if o.Deadline != t.Deadline || o.DeadlineText != t.DeadlineText {
			what = append(what, "完成时限")
		}
		if len(what) > 0 {
			d.TasksChanged = append(d.TasksChanged, TaskChange{Before: o, After: t, BeforePillar: bp, AfterPillar: ap, What: what})
		}
	}
	for _, t := range before.Tasks {
		if !seen[taskKey(t)] {
			d.TasksLost = append(d.TasksLost, t)
		}
	}

	d.SlogansGained, d.SlogansLost = setDiff(slogans(before), slogans(after))
	d.PillarsGained, d.PillarsLost = setDiff(pillars(before), pillars(after))
	d.PointsGained, d.PointsLost = setDiff(points(before), points(after))
	return d
}

func joined(xs []string) string { return strings.Join(xs, "、") }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func pillarTitle(d *doc.Document, i int) string {
	if i < 1 || i > len(d.Pillars) {
		return ""
	}
	return d.Pillars[i-1].Title
}

func slogans(d *doc.Document) []string {
	var out []string
	for _, s := range d.Slogans {
		out = append(out, s.Text)
	}
	return out
}

func pillars(d *doc.Document) []string {
	var out []string
	for _, p := range d.Pillars {
		out = append(out, pillarName(p))
	}
	return out
}

func pillarName(p doc.Pillar) string {
	if p.Number == "" {
		return p.Title
	}
	return p.Number + "、" + p.Title
}

func points(d *doc.Document) []string {
	var out []string
	for _, p := range d.Pillars {
		for _, pt := range p.Points {
			out = append(out, p.Title+"／"+pt.Title)
		}
	}
	return out
}

// setDiff returns the items of after missing from before (gained) and of
// before missing from after (lost), each in its document order. Repeated
// items count as often as they occur.
func setDiff(before, after []string) (gained, lost []string) {
	count := map[string]int{}
	for _, s := range before {
		count[s]++
	}
	for _, s := range after {
		if count[s] > 0 {
			count[s]--
			continue
		}
		gained = append(gained, s)
	}
	count = map[string]int{}
	for _, s := range after {
		count[s]++
	}
	for _, s := range before {
		if count[s] > 0 {
			count[s]--
			continue
		}
		lost = append(lost, s)
	}
	return gained, lost
}

// Write prints d for a reviewer, in Chinese, one block per kind of change.
func (d *Diff) Write(w io.Writer) {
	fmt.Fprintf(w, "任务：修改前 %d 条，修改后 %d 条（新增 %d，减少 %d，归属、动作、责任主体、时间要求或分工变化 %d）\n",
		d.TasksBefore, d.TasksAfter, len(d.TasksGained), len(d.TasksLost), len(d.TasksChanged))
	if d.Empty() {
		fmt.Fprintln(w, "没有变化。")
		return
	}
	writeTasks(w, "新增的任务", "+", d.TasksGained)
	writeTasks(w, "减少的任务", "-", d.TasksLost)
	if len(d.TasksChanged) > 0 {
		fmt.Fprintf(w, "归属、动作、责任主体、时间要求或分工变化的任务（%d）：\n", len(d.TasksChanged))
		for _, c := range d.TasksChanged {
			fmt.Fprintf(w, "  * %s %s\n", where(c.After.Location), c.After.Text)
			for _, what := range c.What {
				var b, a string
				switch what {
				case "一级部署":
					b, a = c.BeforePillar, c.AfterPillar
				case "重点任务":
					b, a = deref(c.Before.Point), deref(c.After.Point)
				case "关键动作":
					b, a = c.Before.Action, c.After.Action
				case "文中责任主体":
					b, a = joined(c.Before.Actors), joined(c.After.Actors)
				case "文中时间要求":
					b, a = joined(c.Before.Timing), joined(c.After.Timing)
				case "牵头单位":
					b, a = joined(c.Before.LeadUnits), joined(c.After.LeadUnits)
				case "配合单位":
					b, a = joined(c.Before.PartnerUnits), joined(c.After.PartnerUnits)
				case "完成时限":
					b, a = c.Before.Deadline+c.Before.DeadlineText, c.After.Deadline+c.After.DeadlineText
				}
				fmt.Fprintf(w, "      %s：%s → %s\n", what, orNone(b), orNone(a))
			}
		}
	}
	writeList(w, "新增的提法", "+", d.SlogansGained)
	writeList(w, "减少的提法", "-", d.SlogansLost)
	writeList(w, "新增的一级部署", "+", d.PillarsGained)
	writeList(w, "减少的一级部署", "-", d.PillarsLost)
	writeList(w, "新增的重点任务", "+", d.PointsGained)
	writeList(w, "减少的重点任务", "-", d.PointsLost)
}

func orNone(s string) string {
	if s == "" {
		return "（无）"
	}
	return s
}

func where(l doc.Location) string {
	if l.Paragraph == 0 {
		return ""
	}
	return fmt.Sprintf("[第%d段第%d句]", l.Paragraph, l.Sentence)
}

func writeTasks(w io.Writer, title, mark string, ts []doc.Task) {
	if len(ts) == 0 {
		return
	}
	fmt.Fprintf(w, "%s（%d）：\n", title, len(ts))
	for _, t := range ts {
		line := strings.TrimSpace(where(t.Location) + " " + t.Text)
		fmt.Fprintf(w, "  %s %s\n", mark, line)
	}
}

func writeList(w io.Writer, title, mark string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "%s（%d）：\n", title, len(items))
	for _, s := range items {
		fmt.Fprintf(w, "  %s %s\n", mark, s)
	}
}
