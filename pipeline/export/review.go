package export

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
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
	In   Input
}

// Review is the reviewer input of an existing workbook: rows of its task
// sheet, then rows it had already set aside in the 已移除任务 sheet.
type Review struct {
	Rows []Row
}

// ReadError is a workbook that cannot be read back; overwriting it could lose
// what people typed, so the caller must leave it alone.
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string {
	return fmt.Sprintf("无法读取已有的任务分解表 %s（文件可能已损坏或正被其他程序占用）：%v", e.Path, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// ReadReview collects the reviewer input of the workbook at path.
func ReadReview(path string) (rv *Review, err error) {
	defer func() {
		// A malformed workbook must fail this file, never the batch.
		if r := recover(); r != nil {
			rv, err = nil, &ReadError{path, fmt.Errorf("%v", r)}
		}
	}()
	// The limit keeps a damaged or hostile file from inflating without
	// bound; a real workbook is a thousand times smaller.
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: 1 << 30})
	if err != nil {
		return nil, &ReadError{path, err}
	}
	defer f.Close()
	rv = &Review{}
	sheet := findSheet(f, SheetTasks)
	if sheet == "" {
		return nil, &ReadError{path, fmt.Errorf("找不到“%s”工作表", SheetTasks)}
	}
	if err := readRows(f, sheet, columns[colText].title, rv); err != nil {
		return nil, &ReadError{path, err}
	}
	if s := findSheet(f, SheetRemoved); s != "" && s != sheet {
		if err := readRows(f, s, ColRemovedText, rv); err != nil {
			return nil, &ReadError{path, err}
		}
	}
	return rv, nil
}

// findSheet returns name if the workbook has it; failing that, for the task
// sheet, any sheet whose header names a 任务编号 column, in case someone
// renamed the sheet.
func findSheet(f *excelize.File, name string) string {
	sheets := f.GetSheetList()
	for _, s := range sheets {
		if s == name {
			return s
		}
	}
	if name != SheetTasks {
		return ""
	}
	for _, s := range sheets {
		rows, err := f.GetRows(s)
		if err == nil && len(rows) > 0 && headerIndex(rows[0], columns[colID].title) >= 0 {
			return s
		}
	}
	return ""
}

func readRows(f *excelize.File, sheet, textTitle string, rv *Review) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	head := rows[0]
	idCol := headerIndex(head, columns[colID].title)
	textCol := headerIndex(head, textTitle)
	in := map[string]int{}
	for _, t := range InputTitles() {
		if i := headerIndex(head, t); i >= 0 {
			in[t] = i
		}
	}
	cell := func(r []string, i int) string {
		if i < 0 || i >= len(r) {
			return ""
		}
		return r[i]
	}
	// A row without a task text (a pillar's title row someone typed into)
	// is named by its pillar instead.
	pillarCol := headerIndex(head, columns[colPillar].title)
	for _, r := range rows[1:] {
		row := Row{ID: strings.TrimSpace(cell(r, idCol)), Text: cell(r, textCol), In: Input{}}
		if row.Text == "" {
			row.Text = cell(r, pillarCol)
		}
		for t, i := range in {
			if v := cell(r, i); strings.TrimSpace(v) != "" {
				row.In[t] = v
			}
		}
		if row.In.Filled() {
			rv.Rows = append(rv.Rows, row)
		}
	}
	return nil
}

// headerIndex finds a column by its title; an exact match first, then a
// header that contains it (a clerk may have written 牵头单位（必填）).
func headerIndex(head []string, title string) int {
	for i, h := range head {
		if strings.TrimSpace(h) == title {
			return i
		}
	}
	for i, h := range head {
		if strings.Contains(h, title) {
			return i
		}
	}
	return -1
}
