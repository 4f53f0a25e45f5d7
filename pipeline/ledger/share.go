package ledger

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/review"
)

// ShareDir, in the outbox, holds each unit's share of the tasks.
const ShareDir = "按单位"

// ShareSuffix ends a share's name: 省发展改革委-任务清单.xlsx.
const ShareSuffix = "-任务清单.xlsx"

// Share sheet and marker: the hidden sheet tells a returned share from any
// other workbook dropped into the inbox.
const (
	SheetShare  = "任务清单"
	sheetMarker = "luoshi"
	markerText  = "单位任务清单"
)

// Fields are the columns a unit fills in, in its share and in the
// documents' workbooks alike.
var Fields = []string{export.ColStatus, export.ColProgress, export.ColDone, export.ColDelay}

// sentPrefix titles the hidden columns that keep what the share showed
// when it was written: a unit's entry is a cell that differs from them.
const sentPrefix = "原"

// Share columns.
const (
	colRole   = "本单位职责"
	colSource = "任务来源"
	colFile   = "来源文件"
)

// ShareName is the file name of unit's share, safe on Windows: no
// reserved characters or names, no trailing dot or space, not too long.
func ShareName(unit string) string {
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, unit)
	name = strings.TrimRight(strings.TrimSpace(name), ". ")
	for utf8.RuneCountInString(name) > 60 {
		_, n := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-n]
	}
	if name == "" {
		name = "_"
	}
	up := strings.ToUpper(name)
	switch {
	case up == "CON", up == "PRN", up == "AUX", up == "NUL",
		len(up) == 4 && (strings.HasPrefix(up, "COM") || strings.HasPrefix(up, "LPT")) && up[3] >= '1' && up[3] <= '9':
		name = "_" + name
	}
	return name + ShareSuffix
}

// Shares groups items by the units they name: for each unit, the tasks it
// leads, then those it helps with. Tasks nobody leads are in no share.
func Shares(items []*Item) map[string][]*Item {
	out := map[string][]*Item{}
	in := map[string]map[*Item]bool{} // the items each unit's share has
	for _, role := range []bool{true, false} {
		for _, it := range items {
			units := it.PartnerUnits()
			if role {
				units = it.LeadUnits()
			}
			for _, u := range units {
				if in[u] == nil {
					in[u] = map[*Item]bool{}
				}
				if !in[u][it] {
					in[u][it] = true
					out[u] = append(out[u], it)
				}
			}
		}
	}
	return out
}

type shareCol struct {
	title string
	width float64
	input bool
}

var shareCols = []shareCol{
	{"序号", 6, false}, {colSource, 26, false}, {"文号", 14, false}, {"任务内容", 50, false},
	{colRole, 12, false}, {export.ColLead, 14, false}, {export.ColPartner, 16, false},
	{export.ColDue, 11.5, false}, {"剩余天数", 8, false},
	{export.ColStatus, 9, true}, {export.ColProgress, 30, true}, {export.ColDone, 12, true}, {export.ColDelay, 16, true},
	{export.ColID, 14, false}, {colFile, 24, false},
}

// WriteShare writes unit's share of the tasks items: what it leads and
// what it helps with, across documents, with its four columns to fill in
// and, hidden, what they showed, so that what the unit typed is told from
// what it was sent.
func WriteShare(w io.Writer, unit string, items []*Item, today, generated time.Time) error {
	f, st, err := newBook()
	if err != nil {
		return err
	}
	defer f.Close()
	sh := SheetShare
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	lead := 0
	for _, it := range items {
		if slices.Contains(it.LeadUnits(), unit) {
			lead++
		}
	}
	note := fmt.Sprintf("%s任务清单：共 %d 项（牵头 %d 项，配合 %d 项），由 luoshi 生成于 %s。"+
		"请在“进展状态”“进展情况”“实际完成时间”“延期原因”四栏（橙色表头）填写，其他栏目请勿修改；填好后保存，把本文件交回督查部门（放进收件箱即可）。"+
		"“本单位职责”写着“（建议）”的，是程序按职责建议、督查部门尚未确认的分工，如不属于本单位，请在“进展情况”里说明。",
		unit, len(items), lead, len(items)-lead, generated.Format("2006-01-02"))
	all := len(shareCols) + len(Fields)
	if err := f.SetCellValue(sh, "A1", note); err != nil {
		return err
	}
	if err := f.MergeCell(sh, "A1", colName(len(shareCols))+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", st.note); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, 36); err != nil {
		return err
	}
	titles := make([]string, 0, all)
	for _, c := range shareCols {
		titles = append(titles, c.title)
	}
	for _, fl := range Fields {
		titles = append(titles, sentPrefix+fl)
	}
	for i, t := range titles {
		name, _ := excelize.CoordinatesToCellName(i+1, 2)
		if err := f.SetCellValue(sh, name, t); err != nil {
			return err
		}
		style := st.head
		if i < len(shareCols) && shareCols[i].input {
			style = st.headInput
		}
		if err := f.SetCellStyle(sh, name, name, style); err != nil {
			return err
		}
		width := 12.0
		if i < len(shareCols) {
			width = shareCols[i].width
		}
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), width); err != nil {
			return err
		}
	}
	if err := f.SetColVisible(sh, colName(len(shareCols)+1)+":"+colName(all), false); err != nil {
		return err
	}
	var unconfirmed []int // rows whose unit's part is a suggestion
	for k, it := range items {
		row := k + 3
		role, suggested := "配合", it.PartnersSuggested
		if slices.Contains(it.LeadUnits(), unit) {
			role, suggested = "牵头", it.LeadSuggested
		}
		if suggested {
			// Nobody has confirmed the unit's part yet: it says so in
			// words, which print in black and white too.
			role += "（建议）"
			unconfirmed = append(unconfirmed, row)
		}
		left := ""
		if n, ok := it.DaysLeft(today); ok {
			left = strconv.Itoa(n)
		}
		vals := []string{strconv.Itoa(k + 1), it.Doc.Title(), it.Doc.Doc.Info.Number, it.Task.Text, role, it.Lead, it.Partners,
			it.Due, left, it.Status, it.Progress, it.Done, it.Delay, it.ID, it.Doc.Stem + export.Suffix + ".xlsx",
			it.Status, it.Progress, it.Done, it.Delay}
		for i, v := range vals {
			name, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := setRaw(f, sh, name, v, titles[i]); err != nil {
				return err
			}
		}
		lines := 1
		for i, c := range shareCols {
			lines = max(lines, export.LinesNeeded(vals[i], c.width))
		}
		if err := f.SetRowHeight(sh, row, min(409, float64(15*lines+4))); err != nil {
			return err
		}
	}
	last := max(len(items)+2, 3)
	end := strconv.Itoa(last)
	if err := f.SetCellStyle(sh, "A3", colName(len(shareCols))+end, st.body); err != nil {
		return err
	}
	for i, t := range titles {
		if t == export.ColDue || t == export.ColDone {
			c := colName(i + 1)
			if err := f.SetCellStyle(sh, c+"3", c+end, st.date); err != nil {
				return err
			}
		}
	}
	for _, row := range unconfirmed {
		r := strconv.Itoa(row)
		from, to := colName(slices.Index(titles, colRole)+1), colName(slices.Index(titles, export.ColPartner)+1)
		if err := f.SetCellStyle(sh, from+r, to+r, st.suggested); err != nil {
			return err
		}
	}
	status := excelize.NewDataValidation(true)
	status.Sqref = colName(slices.Index(titles, export.ColStatus)+1) + "3:" + colName(slices.Index(titles, export.ColStatus)+1) + end
	if err := status.SetDropList(export.StatusChoices); err != nil {
		return err
	}
	status.SetError(excelize.DataValidationErrorStyleStop, export.ColStatus, "请从下拉列表中选择："+strings.Join(export.StatusChoices, "、")+"。")
	if err := f.AddDataValidation(sh, status); err != nil {
		return err
	}
	if err := f.AutoFilter(sh, "A2:"+colName(len(shareCols))+end, nil); err != nil {
		return err
	}
	if err := freezeHeader(f, sh); err != nil {
		return err
	}
	if err := landscape(f, sh); err != nil {
		return err
	}
	// The marker, hidden: a returned share is known by it, whatever its
	// file is called by then.
	if _, err := f.NewSheet(sheetMarker); err != nil {
		return err
	}
	for i, v := range []string{markerText, unit, generated.Format(time.RFC3339)} {
		if err := f.SetCellValue(sheetMarker, "A"+strconv.Itoa(i+1), v); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(sheetMarker, false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// setRaw writes v as the cell it came from: a date column's serial as a
// number (a PlainNumber only, so that it reads back as v), everything else
// as text (a 任务编号 of digits stays text).
func setRaw(f *excelize.File, sh, cell, v, title string) error {
	if strings.HasSuffix(title, export.ColDue) || strings.HasSuffix(title, export.ColDone) || title == "序号" || title == "剩余天数" {
		if n, ok := export.PlainNumber(v); ok {
			return f.SetCellFloat(sh, cell, n, -1, 64)
		}
	}
	return f.SetCellStr(sh, cell, v)
}

// Returned is a share as a unit gave it back.
type Returned struct {
	Unit string
	Rows []ReturnedRow
}

// ReturnedRow is one task of a returned share: the values of Fields the
// unit left, and what the share showed of them when it was sent.
type ReturnedRow struct {
	ID, Workbook string // 任务编号 and the document's workbook (来源文件)
	Text         string
	Values, Sent map[string]string
}

// Changed lists the fields the unit changed.
func (r ReturnedRow) Changed() []string {
	var out []string
	for _, fl := range Fields {
		if strings.TrimSpace(r.Values[fl]) != strings.TrimSpace(r.Sent[fl]) {
			out = append(out, fl)
		}
	}
	return out
}

// ReadReturned reads a share a unit returned; ok is false when the
// workbook at path is no share of luoshi's.
func ReadReturned(path string) (r *Returned, ok bool, err error) {
	names := []string{export.ColID, colFile}
	for _, fl := range Fields {
		names = append(names, fl, sentPrefix+fl)
	}
	recs, err := review.ReadRecords(path, review.Want{Sheet: SheetShare, Names: names}, review.Want{Sheet: sheetMarker, Names: []string{markerText}})
	if err != nil {
		return nil, false, err
	}
	rec, marker := recs[0], recs[1]
	if !slices.Contains(rec.Sheets, sheetMarker) {
		return nil, false, nil
	}
	unit := ""
	if marker != nil && len(marker.Rows) > 0 {
		unit = marker.Rows[0][markerText]
	}
	r = &Returned{Unit: unit}
	for _, row := range rec.Rows {
		id := strings.TrimSpace(row[export.ColID])
		if id == "" {
			continue
		}
		rr := ReturnedRow{ID: id, Workbook: strings.TrimSpace(row[colFile]), Text: row["任务内容"], Values: map[string]string{}, Sent: map[string]string{}}
		for _, fl := range Fields {
			rr.Values[fl] = strings.TrimSpace(row[fl])
			rr.Sent[fl] = strings.TrimSpace(row[sentPrefix+fl])
		}
		r.Rows = append(r.Rows, rr)
	}
	return r, true, nil
}

// Conflict is a cell both the office and a unit changed: the office's
// value is kept, the unit's is listed for someone to decide.
type Conflict struct {
	Unit, Workbook, ID, Task string
	Field                    string
	Office, Reported         string // the office's value, kept; the unit's
}

// Applied remembers, per workbook, task and field, the value last taken
// from a unit's share: a cell still holding it was written by no one in
// the office, so a later report of the unit may replace it.
type Applied map[string]string

func appliedKey(workbook, id, field string) string { return workbook + "\x00" + id + "\x00" + field }

// Merge takes the rows of a returned share for one document workbook into
// rv, that workbook's typed input (changed in place). A field the unit
// changed fills a cell nobody typed into, or replaces what an earlier
// share of a unit put there; a cell the office typed is never overwritten:
// a different value reported for it is a conflict. It reports whether rv
// changed.
func Merge(rv *export.Review, unit, workbook string, rows []ReturnedRow, applied Applied) (changed bool, conflicts []Conflict) {
	byID := map[string]int{}
	for i, r := range rv.Rows {
		if r.ID != "" {
			if _, dup := byID[r.ID]; !dup {
				byID[r.ID] = i
			}
		}
	}
	for _, rr := range rows {
		fields := rr.Changed()
		if len(fields) == 0 {
			continue
		}
		i, ok := byID[rr.ID]
		if !ok {
			rv.Rows = append(rv.Rows, export.Row{ID: rr.ID, Text: rr.Text, In: export.Input{}})
			i = len(rv.Rows) - 1
			byID[rr.ID] = i
		}
		in := rv.Rows[i].In
		if in == nil {
			in = export.Input{}
			rv.Rows[i].In = in
		}
		for _, fl := range fields {
			cur, want := strings.TrimSpace(in[fl]), rr.Values[fl]
			key := appliedKey(workbook, rr.ID, fl)
			prev, fromUnit := applied[key]
			switch {
			case cur == want:
				applied[key] = want
			case cur == "" || (fromUnit && cur == prev):
				if want == "" {
					delete(in, fl)
				} else {
					in[fl] = want
				}
				applied[key] = want
				changed = true
			default:
				conflicts = append(conflicts, Conflict{Unit: unit, Workbook: workbook, ID: rr.ID, Task: rr.Text, Field: fl, Office: cur, Reported: want})
			}
		}
	}
	sort.SliceStable(conflicts, func(a, b int) bool { return conflicts[a].ID < conflicts[b].ID })
	return changed, conflicts
}
