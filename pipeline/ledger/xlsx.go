package ledger

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/export"
)

// File is the ledger's name in the outbox.
const File = "总台账.xlsx"

// Sheet names of the ledger.
const (
	SheetAll   = "总台账"
	SheetUnits = "按牵头单位统计"
)

// NoLead groups the tasks nobody leads yet.
const NoLead = "（未定牵头单位）"

// Ledger columns, 0-based.
const (
	lSeq = iota
	lSource
	lNumber
	lDate
	lPillar
	lPoint
	lText
	lLead
	lPartner
	lDue
	lStatus
	lProgress
	lDone
	lDelay
	lLeft
	lOverdue
	lID
	lFile
	lNumCols
)

type col struct {
	title string
	width float64
}

var ledgerCols = [lNumCols]col{
	lSeq:      {"序号", 6},
	lSource:   {"任务来源", 28},
	lNumber:   {"文号", 16},
	lDate:     {"成文日期", 11},
	lPillar:   {"一级部署", 18},
	lPoint:    {"重点任务", 16},
	lText:     {"任务内容", 50},
	lLead:     {"牵头单位", 16},
	lPartner:  {"配合单位", 18},
	lDue:      {"完成时限", 11.5},
	lStatus:   {"进展状态", 9},
	lProgress: {"进展情况", 24},
	lDone:     {"实际完成时间", 11.5},
	lDelay:    {"延期原因", 14},
	lLeft:     {"剩余天数", 9},
	lOverdue:  {"是否逾期", 9},
	lID:       {"任务编号", 14},
	lFile:     {"来源文件", 24},
}

// Note heads the ledger: where its figures come from and where to type.
const noteFmt = "总台账：由 luoshi 根据输出文件夹里各文件的任务分解表汇总，每次运行都会重新生成（本表生成于 %s，剩余天数和是否逾期按 %s 计算）。" +
	"灰色斜体的单位和时限是程序的建议，尚未经人确认。在本表里修改的内容不会保留：牵头单位、完成时限、进展情况等请在各文件的任务分解表（“来源文件”一栏）里填写，或由各单位在“按单位”文件夹的任务清单里填写后交回。"

type styles struct {
	note, head, body, center, date, overdue, late int
	headInput                                     int // the header of a column people fill in
	suggested, suggestedDate                      int // the program's suggestion, grey italics as in the workbook
}

// newBook starts a workbook of the ledger's: its font and its styles.
func newBook() (*excelize.File, styles, error) {
	f := excelize.NewFile()
	if err := f.SetDefaultFont(fontName); err != nil {
		f.Close()
		return nil, styles{}, err
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, styles{}, err
	}
	return f, st, nil
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	font := func(bold bool, color string) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: 11, Bold: bold, Color: color}
	}
	grey := &excelize.Font{Family: fontName, Size: 11, Italic: true, Color: "808080"}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	dateFmt := "yyyy-mm-dd"
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	for _, d := range []struct {
		id *int
		s  excelize.Style
	}{
		{&s.note, excelize.Style{Font: font(false, "404040"), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.head, excelize.Style{Font: font(true, ""), Fill: fill("D9E1F2"), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.headInput, excelize.Style{Font: font(true, ""), Fill: fill("FCE4D6"), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.body, excelize.Style{Font: font(false, ""), Border: border, Alignment: top}},
		{&s.center, excelize.Style{Font: font(false, ""), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.date, excelize.Style{Font: font(false, ""), Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.overdue, excelize.Style{Font: font(true, "9C0006"), Fill: fill("FFC7CE"), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.late, excelize.Style{Font: font(false, "9C5700"), Fill: fill("FFEB9C"), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.suggested, excelize.Style{Font: grey, Border: border, Alignment: top}},
		{&s.suggestedDate, excelize.Style{Font: grey, Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
	} {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return s, err
		}
		*d.id = id
	}
	return s, nil
}

// fontName is the workbooks' font, as in export.
const fontName = "宋体"

// Counts are one unit's tasks by state.
type Counts struct {
	Unit                                 string
	Total, Done, Doing, NotStarted, Late int
	Paused                               int
	Partner                              int // tasks it helps with
}

// countByLead counts the tasks each unit leads, busiest first.
func countByLead(items []*Item, today time.Time) []Counts {
	by := map[string]*Counts{}
	get := func(u string) *Counts {
		c := by[u]
		if c == nil {
			c = &Counts{Unit: u}
			by[u] = c
		}
		return c
	}
	for _, it := range items {
		leads := it.LeadUnits()
		if len(leads) == 0 {
			leads = []string{NoLead}
		}
		for _, u := range leads {
			c := get(u)
			c.Total++
			switch {
			case it.Finished():
				c.Done++
			case strings.TrimSpace(it.Status) == "已暂缓":
				c.Paused++
			case strings.TrimSpace(it.Status) == "推进中":
				c.Doing++
			default:
				c.NotStarted++
			}
			if it.Overdue(today) == "是" {
				c.Late++
			}
		}
		for _, u := range it.PartnerUnits() {
			get(u).Partner++
		}
	}
	var out []Counts
	for _, c := range by {
		if c.Total > 0 {
			out = append(out, *c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Unit == NoLead) != (out[j].Unit == NoLead) {
			return out[j].Unit == NoLead
		}
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Unit < out[j].Unit
	})
	return out
}

// WriteLedger writes the 总台账 of items: every task, then a count for
// each lead unit with a chart, then a sheet per lead unit. today is the
// day 剩余天数 and 是否逾期 are counted from; generated stamps the note.
func WriteLedger(w io.Writer, items []*Item, today, generated time.Time) error {
	f, st, err := newBook()
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetAll); err != nil {
		return err
	}
	note := fmt.Sprintf(noteFmt, generated.Format("2006-01-02 15:04"), today.Format("2006-01-02"))
	cols := make([]int, lNumCols)
	for i := range cols {
		cols[i] = i
	}
	if err := writeItems(f, SheetAll, note, cols, items, today, st); err != nil {
		return err
	}
	counts := countByLead(items, today)
	if err := writeCounts(f, counts, st); err != nil {
		return err
	}
	// A sheet per lead unit: its own tasks, the columns it reports on.
	unitCols := []int{lSeq, lSource, lText, lPartner, lDue, lStatus, lProgress, lDone, lDelay, lLeft, lOverdue, lID}
	used := map[string]bool{SheetAll: true, SheetUnits: true}
	byLead := map[string][]*Item{}
	for _, it := range items {
		leads := it.LeadUnits()
		if len(leads) == 0 {
			leads = []string{NoLead}
		}
		for i, u := range leads {
			if !slices.Contains(leads[:i], u) {
				byLead[u] = append(byLead[u], it)
			}
		}
	}
	for _, c := range counts {
		mine := byLead[c.Unit]
		name := sheetName(c.Unit, used)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		head := fmt.Sprintf("%s牵头的任务共 %d 项：已完成 %d，推进中 %d，未启动 %d，已暂缓 %d，逾期未完成 %d。本表由程序生成，请勿在此填写。",
			c.Unit, c.Total, c.Done, c.Doing, c.NotStarted, c.Paused, c.Late)
		if err := writeItems(f, name, head, unitCols, mine, today, st); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// sheetName makes a unit's name a legal, unused sheet name: at most 31
// characters, none of []:*?/\.
func sheetName(unit string, used map[string]bool) string {
	r := []rune(strings.Map(func(c rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, c) {
			return '_'
		}
		return c
	}, unit))
	if len(r) > 28 {
		r = r[:28]
	}
	name := string(r)
	for k := 2; used[name]; k++ {
		name = string(r) + "(" + strconv.Itoa(k) + ")"
	}
	used[name] = true
	return name
}

// writeItems writes a note row, a header row and one row an item, with the
// columns cols of the ledger, filters on the header, the header frozen,
// and print setup. It sets whole rows and styles whole columns, a call
// for each, so that a year's ledger of thousands of tasks stays quick.
func writeItems(f *excelize.File, sh, note string, cols []int, items []*Item, today time.Time, st styles) error {
	width := 0.0
	for i, c := range cols {
		name := colName(i + 1)
		if err := f.SetColWidth(sh, name, name, ledgerCols[c].width); err != nil {
			return err
		}
		width += ledgerCols[c].width
	}
	last := colName(len(cols))
	if err := f.SetCellStr(sh, "A1", note); err != nil {
		return err
	}
	if err := f.MergeCell(sh, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", st.note); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, float64(15*export.LinesNeeded(note, width)+6)); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = ledgerCols[c].title
	}
	if err := f.SetSheetRow(sh, "A2", &head); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A2", last+"2", st.head); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 2, 30); err != nil {
		return err
	}
	// Cells styled apart from their column: overdue, late, suggested.
	type mark struct {
		cell  string
		style int
	}
	var marks []mark
	for k, it := range items {
		row := make([]any, len(cols))
		lines := 1
		for i, c := range cols {
			v := value(it, c, k+1, today)
			row[i] = v
			if s, ok := v.(string); ok && wraps[c] {
				lines = max(lines, export.LinesNeeded(s, ledgerCols[c].width))
			}
			cell := colName(i+1) + strconv.Itoa(k+3)
			switch {
			case c == lLead && it.LeadSuggested, c == lPartner && it.PartnersSuggested:
				marks = append(marks, mark{cell, st.suggested})
			case c == lDue && it.DueSuggested:
				marks = append(marks, mark{cell, st.suggestedDate})
			case c == lOverdue && v == "是":
				marks = append(marks, mark{cell, st.overdue})
			case c == lOverdue && v == "逾期完成":
				marks = append(marks, mark{cell, st.late})
			}
		}
		if err := f.SetSheetRow(sh, "A"+strconv.Itoa(k+3), &row); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, k+3, min(409, float64(15*lines+4))); err != nil {
			return err
		}
	}
	end := strconv.Itoa(max(len(items)+2, 3))
	for i, c := range cols {
		style := st.center
		switch {
		case wraps[c]:
			style = st.body
		case c == lDate || c == lDue || c == lDone:
			style = st.date
		}
		name := colName(i + 1)
		if err := f.SetCellStyle(sh, name+"3", name+end, style); err != nil {
			return err
		}
	}
	for _, m := range marks {
		if err := f.SetCellStyle(sh, m.cell, m.cell, m.style); err != nil {
			return err
		}
	}
	// AutoFilter rewrites the sheet properties: it goes before them.
	if err := f.AutoFilter(sh, "A2:"+last+end, nil); err != nil {
		return err
	}
	if err := landscape(f, sh); err != nil {
		return err
	}
	if err := freezeHeader(f, sh); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddHeader: "&C" + strings.ReplaceAll(sh, "&", "&&"), OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	q := "'" + strings.ReplaceAll(sh, "'", "''") + "'!"
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: q + "$2:$2"})
}

// wraps are the ledger's columns of running text.
var wraps = map[int]bool{lSource: true, lNumber: true, lPillar: true, lPoint: true, lText: true, lLead: true, lPartner: true, lProgress: true, lDelay: true, lFile: true}

// value is column c of item it as the ledger's cell holds it: a date as
// its serial number, a count as a number; seq is its 序号.
func value(it *Item, c, seq int, today time.Time) any {
	date := func(s string) any {
		if t, ok := CellDate(s); ok {
			return Serial(t)
		}
		return s // 长期, 每季度
	}
	info := it.Doc.Doc.Info
	switch c {
	case lSeq:
		return seq
	case lSource:
		return it.Doc.Title()
	case lNumber:
		return info.Number
	case lDate:
		// The document's own date: YYYY-MM-DD, or its year alone.
		if t, err := time.Parse("2006-01-02", info.Date); err == nil {
			return Serial(t)
		}
		if info.Date != "" {
			return info.Date + "年"
		}
		return ""
	case lPillar:
		return it.Pillar
	case lPoint:
		if it.Task.Point != nil {
			return *it.Task.Point
		}
		return ""
	case lText:
		return it.Task.Text
	case lLead:
		return it.Lead
	case lPartner:
		return it.Partners
	case lDue:
		return date(it.Due)
	case lStatus:
		return it.Status
	case lProgress:
		return it.Progress
	case lDone:
		return date(it.Done)
	case lDelay:
		return it.Delay
	case lLeft:
		if n, ok := it.DaysLeft(today); ok {
			return n
		}
		return ""
	case lOverdue:
		return it.Overdue(today)
	case lID:
		return it.ID
	case lFile:
		return export.NamesFor(it.Doc.Stem).Workbook
	}
	return ""
}

// writeCounts writes the count sheet: a row a lead unit, and a chart of
// the busiest units' tasks by state.
func writeCounts(f *excelize.File, counts []Counts, st styles) error {
	sh := SheetUnits
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	titles := []string{"牵头单位", "牵头任务数", "已完成", "推进中", "未启动", "已暂缓", "逾期未完成", "配合任务数"}
	widths := []float64{24, 11, 9, 9, 9, 9, 11, 11}
	for i, t := range titles {
		name, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellValue(sh, name, t); err != nil {
			return err
		}
		col := colName(i + 1)
		if err := f.SetColWidth(sh, col, col, widths[i]); err != nil {
			return err
		}
	}
	last := colName(len(titles))
	if err := f.SetCellStyle(sh, "A1", last+"1", st.head); err != nil {
		return err
	}
	for k, c := range counts {
		row := k + 2
		vals := []any{c.Unit, c.Total, c.Done, c.Doing, c.NotStarted, c.Paused, c.Late, c.Partner}
		for i, v := range vals {
			name, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellValue(sh, name, v); err != nil {
				return err
			}
		}
	}
	if len(counts) == 0 {
		return nil
	}
	end := strconv.Itoa(len(counts) + 1)
	if err := f.SetCellStyle(sh, "A2", "A"+end, st.body); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "B2", last+end, st.center); err != nil {
		return err
	}
	if err := f.AutoFilter(sh, "A1:"+last+end, nil); err != nil {
		return err
	}
	// The table and the chart beside it on one page's width.
	if err := landscape(f, sh); err != nil {
		return err
	}
	// The chart shows at most the twenty busiest units: more bars than
	// that cannot be read.
	n := min(len(counts), 20)
	q := "'" + sh + "'!"
	var series []excelize.ChartSeries
	// Done, doing, not started, paused: they add up to the total.
	for _, c := range []string{"C", "D", "E", "F"} {
		series = append(series, excelize.ChartSeries{
			Name:       q + "$" + c + "$1",
			Categories: fmt.Sprintf("%s$A$2:$A$%d", q, n+1),
			Values:     fmt.Sprintf("%s$%s$2:$%s$%d", q, c, c, n+1),
		})
	}
	axisFont := excelize.Font{Family: fontName, Size: 10, Color: "262626"}
	return f.AddChart(sh, "J2", &excelize.Chart{
		Type:      excelize.BarStacked,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各牵头单位任务进展", Font: &excelize.Font{Family: fontName, Size: 12, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: uint(180 + 28*n)},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
	})
}

// colName is the letter name of a 1-based column.
func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// landscape prints sheet sh on A4 landscape pages, as wide as one page.
// It rewrites the sheet properties, so it goes after AutoFilter.
func landscape(f *excelize.File, sh string) error {
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	size, orient, one, zero := 9, "landscape", 1, 0
	return f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero})
}

// freezeHeader keeps a sheet's first two rows, its note and its header,
// in view.
func freezeHeader(f *excelize.File, sh string) error {
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}})
}
