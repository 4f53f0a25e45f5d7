package export

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// Options are what the workbook needs beyond the document.
type Options struct {
	// Units fill the 牵头单位 and 配合单位 drop-down lists; without them the
	// cells take free text.
	Units        []string
	RulesVersion string
	Generated    time.Time
	// Previous is the reviewer input of the workbook being replaced; it is
	// written into the rows of the same tasks, and what matches no task is
	// kept in the 已移除任务 sheet.
	Previous *Review
}

// spareRows are rows below the last task that still carry the drop-down
// lists and date format, for tasks a reviewer adds by hand.
const spareRows = 100

// maxCellRunes stays under Excel's limit of 32767 characters a cell.
const maxCellRunes = 32000

// fontName is the face every office suite in a Chinese office has; LibreOffice
// elsewhere substitutes a CJK font.
const fontName = "宋体"

// WriteWorkbook writes the task workbook of d to w.
func WriteWorkbook(w io.Writer, d *doc.Document, o Options) error {
	_, err := WriteWorkbookReport(w, d, o)
	return err
}

// WriteWorkbookReport is WriteWorkbook, saying where the input of
// o.Previous went.
func WriteWorkbookReport(w io.Writer, d *doc.Document, o Options) (CarryReport, error) {
	f, b, err := build(d, o)
	if err != nil {
		return CarryReport{}, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return CarryReport{}, err
	}
	return b.plan.report, highlight(w, buf.Bytes(), b.rich)
}

// build builds the task workbook of d; the builder says which shared
// strings WriteWorkbook highlights.
func build(d *doc.Document, o Options) (*excelize.File, *builder, error) {
	if n := len(lines(d)) + 1; n > doc.MaxSheetRows {
		return nil, nil, fmt.Errorf("任务和标题共 %d 行，超过了任务分解表的上限 %d 行", n, doc.MaxSheetRows)
	}
	f := excelize.NewFile()
	o.Units = withStatedUnits(o.Units, d)
	b := &builder{f: f, d: d, o: o, rich: map[string][]richRun{}}
	steps := []func() error{
		b.styles, b.tasks, b.slogans, b.structure, b.overview, b.units, b.removed, b.props,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	return f, b, nil
}

// builder carries the state shared by the sheets of one workbook.
type builder struct {
	f *excelize.File
	d *doc.Document
	o Options

	head, headInput, body, bodyCenter, date, group, groupText, indent, plain int
	// doubt shades the text and confidence of a task below LowConfidence;
	// score writes the confidence as a number with two decimals.
	doubt, doubtScore, score int
	// suggested greys units the program suggests, as no one's decision.
	suggested, suggestedDate int
	// orphans are reviewer rows whose task is gone; they go to 已移除任务.
	orphans []Row
	// rich are the task texts to highlight, by their text (see highlight).
	rich map[string][]richRun
	plan carryPlan
	// greyed are the rows whose units are suggestions, styled after the
	// body styles.
	greyed []int
	// greyedDue are the rows whose 完成时限 is a suggested year-end.
	greyedDue []int
}

func (b *builder) styles() error {
	if err := b.f.SetDefaultFont(fontName); err != nil {
		return err
	}
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1},
		{Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1},
		{Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	font := func(bold bool) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: 11, Bold: bold}
	}
	fill := func(c string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	dateFmt := "yyyy-mm-dd"
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.head, excelize.Style{Font: font(true), Fill: fill("D9E1F2"), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		// The columns the department fills in stand out, so a clerk sees at a
		// glance where to type.
		{&b.headInput, excelize.Style{Font: font(true), Fill: fill("FCE4D6"), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.body, excelize.Style{Font: font(false), Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.bodyCenter, excelize.Style{Font: font(false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&b.date, excelize.Style{Font: font(false), Border: border, CustomNumFmt: &dateFmt,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&b.group, excelize.Style{Font: font(true), Fill: fill("F2F2F2"), Border: border,
			Alignment: &excelize.Alignment{Vertical: "center"}}},
		// No wrap: the pillar title flows over the empty cells to its right
		// instead of standing in a tall narrow cell.
		{&b.groupText, excelize.Style{Font: font(true), Fill: fill("F2F2F2"),
			Border:    []excelize.Border{{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&b.indent, excelize.Style{Font: font(false), Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: 2}}},
		{&b.plain, excelize.Style{Font: font(false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.suggested, excelize.Style{Font: &excelize.Font{Family: fontName, Size: 11, Color: "808080", Italic: true}, Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.suggestedDate, excelize.Style{Font: &excelize.Font{Family: fontName, Size: 11, Color: "808080", Italic: true}, Border: border, CustomNumFmt: &dateFmt,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&b.doubt, excelize.Style{Font: font(false), Fill: fill("FFF2CC"), Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.score, excelize.Style{Font: font(false), Border: border, NumFmt: 2,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&b.doubtScore, excelize.Style{Font: font(false), Fill: fill("FFF2CC"), Border: border, NumFmt: 2,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
	}
	for _, s := range defs {
		id, err := b.f.NewStyle(&s.s)
		if err != nil {
			return err
		}
		*s.id = id
	}
	return nil
}

// cellName is the A1 name of a 0-based column and 1-based row.
func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row)
	return n
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col + 1)
	return n
}

// clip keeps a text within what a cell can hold.
func clip(s string) string {
	if len(s) <= maxCellRunes { // bytes ≥ runes: the cheap test first
		return s
	}
	r := []rune(s)
	if len(r) <= maxCellRunes {
		return s
	}
	return string(r[:maxCellRunes]) + "…"
}

// str writes s as a string: whatever it starts with, it never becomes a
// formula.
func (b *builder) str(sheet string, col, row int, s string) error {
	return b.f.SetCellStr(sheet, cellName(col, row), clip(s))
}

// taskText writes a task's sentence with its directive verb in bold red.
func (b *builder) taskText(sheet string, col, row int, t *doc.Task) error {
	text := []rune(clip(t.Text))
	verb := []rune(t.Action)
	at := t.ActionAt
	if len(verb) == 0 || at < 0 || at+len(verb) > len(text) || string(text[at:at+len(verb)]) != t.Action {
		return b.str(sheet, col, row, string(text))
	}
	if _, done := b.rich[string(text)]; !done {
		runs := []richRun{{text: string(text[:at])}, {text: string(verb), bold: true}, {text: string(text[at+len(verb):])}}
		// Excel rejects empty runs.
		out := runs[:0]
		for _, r := range runs {
			if r.text != "" {
				out = append(out, r)
			}
		}
		b.rich[string(text)] = out
	}
	return b.str(sheet, col, row, string(text))
}

// line is one row of the task sheet: a pillar title or a task.
type line struct {
	pillar int       // pillar index of a title row
	task   *doc.Task // nil for a title row
	seq    int
	// grouped task rows stand under a title row, at outline level 1.
	grouped bool
}

// lines lays the tasks out in document order, a title row before each run
// of tasks of one pillar (none for tasks outside any pillar), and title rows of pillars without tasks in their
// place, so the sheet shows the speech's whole outline.
func lines(d *doc.Document) []line {
	var out []line
	cur := -1
	next := 1       // the next pillar whose title row is still to come
	titled := false // whether the current run of tasks has a title row
	title := func(p int) {
		out = append(out, line{pillar: p})
		cur, titled = p, true
	}
	for i := range d.Tasks {
		t := &d.Tasks[i]
		p := t.Pillar
		if p < 0 || p > len(d.Pillars) {
			p = 0
		}
		if p != cur {
			for ; next < p; next++ {
				title(next)
			}
			if p >= next {
				next = p + 1
			}
			// The preamble's tasks get no title row: they stand at the
			// outline's top level, so the first task of a speech is the
			// sheet's first data row, where reviewers start.
			if p == 0 && cur == -1 {
				cur, titled = 0, false
			} else {
				title(p)
			}
		}
		out = append(out, line{pillar: p, task: t, grouped: titled})
	}
	for ; next <= len(d.Pillars); next++ {
		title(next)
	}
	seq := 0
	for i := range out {
		if out[i].task != nil {
			seq++
			out[i].seq = seq
		}
	}
	return out
}

func (b *builder) tasks() error {
	f, sh := b.f, SheetTasks
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	for c, col := range columns {
		if err := b.str(sh, c, 1, col.title); err != nil {
			return err
		}
		if err := f.SetColWidth(sh, colName(c), colName(c), col.width); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A1", cellName(numCols-1, 1), b.head); err != nil {
		return err
	}
	for c, col := range columns {
		if col.input {
			if err := f.SetCellStyle(sh, cellName(c, 1), cellName(c, 1), b.headInput); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowHeight(sh, 1, 30); err != nil {
		return err
	}

	b.plan = planCarry(b.d, b.o.Previous)
	b.orphans = b.plan.orphans
	carried := b.plan.byID
	ls := lines(b.d)
	counts := map[int]int{}
	for _, l := range ls {
		if l.task != nil {
			counts[l.pillar]++
		}
	}
	last := len(ls) + 1
	for i, l := range ls {
		if l.task != nil {
			if err := b.taskText(sh, colText, i+2, l.task); err != nil {
				return err
			}
		}
	}
	for i, l := range ls {
		row := i + 2
		if l.task == nil {
			if err := b.titleRow(sh, row, l.pillar, counts[l.pillar]); err != nil {
				return err
			}
			continue
		}
		if err := b.taskRow(sh, row, l, carried[taskID(l.task)]); err != nil {
			return err
		}
	}
	if err := b.bodyStyles(sh, ls, last); err != nil {
		return err
	}
	for _, row := range b.greyed {
		if err := f.SetCellStyle(sh, cellName(colLead, row), cellName(colPartner, row), b.suggested); err != nil {
			return err
		}
	}
	for _, row := range b.greyedDue {
		if err := f.SetCellStyle(sh, cellName(colDue, row), cellName(colDue, row), b.suggestedDate); err != nil {
			return err
		}
	}
	for i, l := range ls {
		if l.task == nil {
			continue
		}
		text, score := b.body, b.score
		if l.task.Confidence < LowConfidence {
			text, score = b.doubt, b.doubtScore
		}
		if err := f.SetCellStyle(sh, cellName(colText, i+2), cellName(colText, i+2), text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellName(colConfidence, i+2), cellName(colConfidence, i+2), score); err != nil {
			return err
		}
	}

	// AutoFilter rewrites the sheet properties, so it goes before anything
	// that sets them (outline, fit to page).
	if err := f.AutoFilter(sh, "A1:"+cellName(numCols-1, last), nil); err != nil {
		return err
	}
	below, fit := false, true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{OutlineSummaryBelow: &below, FitToPage: &fit}); err != nil {
		return err
	}
	for i, l := range ls {
		if l.grouped {
			if err := f.SetRowOutlineLevel(sh, i+2, 1); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := b.validations(sh, last+spareRows); err != nil {
		return err
	}
	return b.printSetup(sh, last)
}

// titleCol holds a pillar's title on its own row, the first column after
// 序号, so that it prints and reads as the heading of the rows below.
const titleCol = colPoint

func (b *builder) titleRow(sh string, row, pillar, n int) error {
	label := pillarLabel(b.d, pillar)
	if pillar == 0 {
		label = OutsideLabel
	}
	label = fmt.Sprintf("%s（%d 项任务）", label, n)
	if err := b.str(sh, titleCol, row, label); err != nil {
		return err
	}
	if err := b.f.SetCellStyle(sh, cellName(0, row), cellName(numCols-1, row), b.group); err != nil {
		return err
	}
	// The title runs over the empty cells to its right, which therefore
	// must not draw their left and right borders through it.
	if err := b.f.SetCellStyle(sh, cellName(titleCol, row), cellName(numCols-1, row), b.groupText); err != nil {
		return err
	}
	return b.f.SetRowHeight(sh, row, 22)
}

func (b *builder) taskRow(sh string, row int, l line, in Input) error {
	t := l.task
	pillar := pillarLabel(b.d, l.pillar)
	if l.pillar == 0 {
		pillar = OutsideLabel
	}
	vals := map[int]string{
		colSeq:    strconv.Itoa(l.seq),
		colPillar: pillar,
		colPoint:  deref(t.Point),
		colAction: keyAction(t),
		colActors: strings.Join(t.Actors, "、"),
		colTiming: strings.Join(t.Timing, "、"),
		colWhere:  where(t),
		colRules:  compactRules(t.Rules, "\n"),
		colID:     taskID(t),
	}
	if old, ok := b.plan.reworded[taskID(t)]; ok {
		vals[colChanged] = ChangedNote + "：" + old
	}
	vals[colBasis] = t.AssignmentBasis
	for c, v := range vals {
		if v == "" || c == colSeq {
			continue
		}
		if err := b.str(sh, c, row, v); err != nil {
			return err
		}
	}
	// 序号 is a number so that sorting by it restores the order; so is
	// 置信度, so that a reviewer can sort the doubtful tasks first.
	if err := b.f.SetCellInt(sh, cellName(colSeq, row), int64(l.seq)); err != nil {
		return err
	}
	if err := b.f.SetCellFloat(sh, cellName(colConfidence, row), t.Confidence, 2, 64); err != nil {
		return err
	}
	// The units the text states, or the program suggests, fill 牵头单位
	// and 配合单位 where nobody has typed: a person's entry always wins.
	typed := in[ColLead] != "" || in[ColPartner] != ""
	typedDue := in[ColDue] != ""
	in = withStated(in, t)
	if !typed && t.AssignmentSource == "suggestion" {
		b.greyed = append(b.greyed, row)
	}
	if !typedDue && t.DeadlineSource == "suggestion" {
		b.greyedDue = append(b.greyedDue, row)
	}
	for c, col := range columns {
		if !col.input || in[col.title] == "" {
			continue
		}
		if err := b.input(sh, c, row, in[col.title]); err != nil {
			return err
		}
		vals[c] = in[col.title]
	}
	vals[colText] = t.Text
	return b.f.SetRowHeight(sh, row, rowHeight(vals))
}

// withStated returns in with the units t's text states for the columns
// nobody filled; in itself is left as it was.
func withStated(in Input, t *doc.Task) Input {
	units := t.AssignmentSource != "" && in[ColLead] == "" && in[ColPartner] == ""
	due := in[ColDue] == "" && (t.Deadline != "" || t.DeadlineText != "")
	if !units && !due {
		return in
	}
	out := Input{}
	for k, v := range in {
		out[k] = v
	}
	if units {
		out[ColLead] = strings.Join(t.LeadUnits, "、")
		out[ColPartner] = strings.Join(t.PartnerUnits, "、")
	}
	if due {
		out[ColDue] = generatedDue(t)
	}
	return out
}

// GeneratedDue is the 完成时限 the program writes for t, as the cell
// holds it: a date as a date (the sheet's serial number), so that a 督办
// system and a filter sort it; a recurrence as its label; "" for none.
func GeneratedDue(t *doc.Task) string { return generatedDue(t) }

func generatedDue(t *doc.Task) string {
	if d, err := time.Parse("2006-01-02", t.Deadline); err == nil {
		return strconv.Itoa(int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
	}
	return t.DeadlineText
}

// withStatedUnits adds to the unit list the units d's text states, in the
// order first met, so that the drop-down offers them too.
func withStatedUnits(units []string, d *doc.Document) []string {
	seen := map[string]bool{}
	for _, u := range units {
		seen[u] = true
	}
	out := append([]string(nil), units...)
	for _, t := range d.Tasks {
		for _, u := range append(append([]string(nil), t.LeadUnits...), t.PartnerUnits...) {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out
}

// PlainNumber reads v as a number cell's value when v is that number
// written plainly, as the cell reads back (46162, -3, 46162.5). 00, 046162
// and 1e5 are text: a number cell would read back 0, 46162 and 100000.
func PlainNumber(v string) (float64, bool) {
	n, err := strconv.ParseFloat(v, 64)
	return n, err == nil && strconv.FormatFloat(n, 'f', -1, 64) == v
}

// input writes a carried-over value back as it was typed: a date as a date
// (its serial, a PlainNumber).
func (b *builder) input(sh string, col, row int, v string) error {
	if col == colDue || col == colDone {
		if serial, ok := PlainNumber(v); ok && serial > 0 && serial < 2958466 {
			return b.f.SetCellFloat(sh, cellName(col, row), serial, -1, 64)
		}
	}
	return b.str(sh, col, row, v)
}

// bodyStyles gives the data rows borders and wrapping, and the date column
// its format down to the spare rows.
func (b *builder) bodyStyles(sh string, ls []line, last int) error {
	f := b.f
	if last >= 2 {
		// Style runs of task rows between title rows in one call each.
		for i := 0; i < len(ls); {
			if ls[i].task == nil {
				i++
				continue
			}
			j := i
			for j < len(ls) && ls[j].task != nil {
				j++
			}
			top, bot := i+2, j+1
			for c := range columns {
				st := b.body
				switch c {
				case colSeq, colWhere, colStatus, colVerdict, colLeader:
					st = b.bodyCenter
				case colDue, colDone:
					st = b.date
				}
				if err := f.SetCellStyle(sh, cellName(c, top), cellName(c, bot), st); err != nil {
					return err
				}
			}
			i = j
		}
	}
	if err := f.SetCellStyle(sh, cellName(colDue, last+1), cellName(colDue, last+spareRows), b.date); err != nil {
		return err
	}
	return f.SetCellStyle(sh, cellName(colDone, last+1), cellName(colDone, last+spareRows), b.date)
}

func (b *builder) validations(sh string, end int) error {
	rng := func(c int) string { return cellName(c, 2) + ":" + cellName(c, end) }
	var dvs []*excelize.DataValidation
	if len(b.o.Units) > 0 {
		lead := excelize.NewDataValidation(true)
		lead.Sqref = rng(colLead)
		lead.SetSqrefDropList(unitsName)
		// A warning, not a stop: the list may lag behind a reorganisation,
		// and a clerk must still be able to name the right unit.
		lead.SetError(excelize.DataValidationErrorStyleWarning, "不在单位名单中",
			"该单位不在单位名单中。点“是”仍然填写，点“否”重新选择。单位名单来自规则词典 dict/units.txt。")
		lead.SetInput("牵头单位", "请从下拉列表中选择一个牵头单位。")
		partner := excelize.NewDataValidation(true)
		partner.Sqref = rng(colPartner)
		partner.SetSqrefDropList(unitsName)
		// Several units go in one cell, so anything typed is accepted.
		partner.SetError(excelize.DataValidationErrorStyleInformation, "配合单位",
			"可填写多个配合单位，用顿号“、”分隔。")
		partner.SetInput("配合单位", "可从下拉列表选择；有多个配合单位时直接输入，用顿号“、”分隔。")
		dvs = append(dvs, lead, partner)
	}
	due := excelize.NewDataValidation(true)
	due.Sqref = rng(colDue)
	// Serial numbers of 2000-01-01 and 2100-12-31.
	if err := due.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	// A warning, not a stop: 完成时限 takes a date or the usual words
	// (长期坚持, 每季度).
	due.SetError(excelize.DataValidationErrorStyleWarning, "完成时限",
		"完成时限一般填日期，例如 2026-12-31；也可以填“长期”“每季度”这样的说法。点“是”保留所填内容。")
	due.SetInput("完成时限", "请输入日期，例如 2026-12-31；或“长期”“每季度”等。")
	done := excelize.NewDataValidation(true)
	done.Sqref = rng(colDone)
	if err := done.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	done.SetError(excelize.DataValidationErrorStyleWarning, "实际完成时间", "请填写日期，例如 2026-06-30。点“是”保留所填内容。")
	done.SetInput("实际完成时间", "任务完成的日期，例如 2026-06-30。")
	dvs = append(dvs, due, done)
	for _, l := range []struct {
		col     int
		choices []string
		title   string
	}{{colStatus, StatusChoices, "进展状态"}, {colVerdict, VerdictChoices, "审核意见"}} {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rng(l.col)
		if err := dv.SetDropList(l.choices); err != nil {
			return err
		}
		msg := "请从下拉列表中选择：" + strings.Join(l.choices, "、") + "。"
		dv.SetError(excelize.DataValidationErrorStyleStop, l.title, msg)
		dv.SetInput(l.title, msg)
		dvs = append(dvs, dv)
	}
	for _, dv := range dvs {
		if err := b.f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}
	return nil
}

// unitsName is the defined name of the units list: a name works as a list
// source in every office suite, where a bare reference to another sheet
// does not in older ones.
const unitsName = "单位列表"

func (b *builder) printSetup(sh string, last int) error {
	f := b.f
	size, orient, one, zero := 9, "landscape", 1, 0 // 9 is A4
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	// Inches: the header and footer stand in the top and bottom margins,
	// clear of the table.
	m, v, h := 0.4, 0.6, 0.25
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{
		Left: &m, Right: &m, Top: &v, Bottom: &v, Header: &h, Footer: &h,
	}); err != nil {
		return err
	}
	title := b.d.Info.Title
	if title == "" {
		title = Stem(b.d.Info.Name)
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		OddHeader: "&C" + headerEscape(title) + " 任务分解表",
		OddFooter: "&C第 &P 页，共 &N 页",
	}); err != nil {
		return err
	}
	q := "'" + sh + "'!"
	// The printed copy is the 任务分解表 proper (序号 to 完成时限), which
	// fits A4 landscape at full size: the whole sheet would print at
	// half size, its text at about 5.6 pt.
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh,
		RefersTo: q + "$A$1:$" + colName(printCols-1) + "$" + strconv.Itoa(last)}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: q + "$1:$1"})
}

// headerEscape keeps a title from being read as header codes (&P, &D…).
func headerEscape(s string) string {
	s = strings.ReplaceAll(s, "&", "&&")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

// rowHeight estimates the height a row needs so that every wrapped cell
// shows whole. Office suites do not agree on auto-fitting rows of a
// generated file, so the height is written explicitly.
func rowHeight(vals map[int]string) float64 {
	n := 1
	for c, v := range vals {
		if !columns[c].wrap || columns[c].clip {
			continue
		}
		if k := linesNeeded(v, columns[c].width); k > n {
			n = k
		}
	}
	return math.Min(409, float64(n)*15+4)
}

// LinesNeeded is how many lines s takes in a wrapped cell width
// characters wide, for a row height that shows it whole.
func LinesNeeded(s string, width float64) int { return linesNeeded(s, width) }

func linesNeeded(s string, width float64) int {
	usable := width - 1.5
	if usable < 1 {
		usable = 1
	}
	n := 0
	for _, ln := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil(textWidth(ln)/usable)))
	}
	return n
}

// textWidth is a line's width in Excel character units: a Chinese
// character is about two digits wide.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r < 0x80:
			w += 1.1
		case unicode.Is(unicode.Han, r), r >= 0x3000 && r < 0x3040, r >= 0xFF00 && r < 0xFF60,
			r >= 0x2010 && r <= 0x2030: // “”‘’—…, full width in a CJK font
			w += 2.05
		default:
			w += 1.6
		}
	}
	return w
}
