package review

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/assign"
	"github.com/luoshi/luoshi/pipeline/export"
)

// ReadError is a workbook whose reviewer input cannot be read back;
// overwriting it could lose what people typed, so the caller must leave it
// alone.
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string {
	return fmt.Sprintf("无法读取已有的任务分解表 %s（文件可能已损坏或正被其他程序占用）：%v", e.Path, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// ReadInputFile collects what reviewers typed into the workbook at path,
// for export to carry over to the regenerated workbook by task id. Any
// failure is a *ReadError.
func ReadInputFile(path string) (*export.Review, error) {
	b, reason := readBounded(path)
	if reason != "" {
		return nil, &ReadError{path, errors.New(reason)}
	}
	return ReadInput(b, path)
}

// ReadInput is ReadInputFile on workbook bytes; path only names the file in
// messages. It reads the task sheet, then the rows the workbook had already
// set aside in the 已移除任务 sheet. Values are raw cells: a date is its
// serial number, so it is written back exactly as it was.
func ReadInput(b []byte, path string) (rv *export.Review, err error) {
	defer func() {
		// A malformed workbook must fail this file, never the batch.
		if r := recover(); r != nil {
			rv, err = nil, &ReadError{path, errors.New(reasonDamaged)}
		}
	}()
	f, reason := open(b)
	if reason != "" {
		return nil, &ReadError{path, errors.New(reason)}
	}
	defer f.Close()
	rv = &export.Review{}
	sheet := inputSheet(f, export.SheetTasks)
	if sheet == "" {
		return nil, &ReadError{path, fmt.Errorf("找不到“%s”工作表", export.SheetTasks)}
	}
	if reason := readInputRows(f, sheet, export.ColText, rv); reason != "" {
		return nil, &ReadError{path, errors.New(reason)}
	}
	if s := inputSheet(f, export.SheetRemoved); s != "" && s != sheet {
		if reason := readInputRows(f, s, export.ColRemovedText, rv); reason != "" {
			return nil, &ReadError{path, errors.New(reason)}
		}
	}
	return rv, nil
}

// inputSheet returns name if the workbook has it; failing that, for the
// task sheet, any sheet whose header names a 任务编号 column, in case someone
// renamed the sheet. (The verdict import's taskSheet asks for 任务内容 and
// 审核意见 instead: it needs verdicts, the carry-over needs ids.)
func inputSheet(f *excelize.File, name string) string {
	sheets := f.GetSheetList()
	for _, s := range sheets {
		if s == name {
			return s
		}
	}
	if name != export.SheetTasks {
		return ""
	}
	for _, s := range sheets {
		rows, err := getRows(f, s)
		if err != nil || len(rows) == 0 {
			continue
		}
		if _, ok := headerColumns(rows[0].cells, []string{export.ColID})[export.ColID]; ok {
			return s
		}
	}
	return ""
}

// readInputRows appends the rows of sheet that carry reviewer input; the
// header is the sheet's first row, as the export writes it. reason says why
// the sheet could not be read, "" when it could.
func readInputRows(f *excelize.File, sheet, textTitle string, rv *export.Review) (reason string) {
	rows, reason := readSheet(f, sheet)
	if reason != "" {
		return reason
	}
	if len(rows) == 0 {
		return ""
	}
	inputs := export.InputTitles()
	names := append([]string{export.ColID, textTitle, export.ColPillar, export.ColBasis}, inputs...)
	cols := headerColumns(rows[0].cells, names)
	// Cells are taken untrimmed: what was typed is written back as it was.
	cell := func(r []string, name string) string {
		i, ok := cols[name]
		if !ok || i >= len(r) {
			return ""
		}
		return r[i]
	}
	for _, sr := range rows[1:] {
		r := sr.cells
		row := export.Row{ID: strings.TrimSpace(cell(r, export.ColID)), Text: cell(r, textTitle), Pillar: cell(r, export.ColPillar), In: export.Input{}}
		// A row without a task text (a pillar's title row someone typed
		// into) is named by its pillar instead.
		if row.Text == "" {
			row.Text = cell(r, export.ColPillar)
		}
		for _, t := range inputs {
			if v := cell(r, t); strings.TrimSpace(v) != "" {
				row.In[t] = v
			}
		}
		// Units the program filled in and nobody changed are no one's
		// decision: they are filled afresh, never carried as typed, unless
		// the reviewer confirmed the row (审核意见 确认).
		if lead, partners, ok := assign.GeneratedUnits(cell(r, export.ColBasis)); ok && !export.Confirmed(row.In) &&
			strings.TrimSpace(row.In[export.ColLead]) == lead && strings.TrimSpace(row.In[export.ColPartner]) == partners {
			delete(row.In, export.ColLead)
			delete(row.In, export.ColPartner)
		}
		if row.In.Filled() {
			rv.Rows = append(rv.Rows, row)
		}
	}
	return ""
}

// ReadGenerated reads only the 生成时间 of the workbook at path (see
// export.LabelGenerated), "" when it records none; cheaper than
// ReadInputFile for a run that only asks which generation a workbook is.
func ReadGenerated(path string) (gen string, err error) {
	b, reason := readBounded(path)
	if reason != "" {
		return "", &ReadError{path, errors.New(reason)}
	}
	defer func() {
		if r := recover(); r != nil {
			gen, err = "", &ReadError{path, errors.New(reasonDamaged)}
		}
	}()
	f, reason := open(b)
	if reason != "" {
		return "", &ReadError{path, errors.New(reason)}
	}
	defer f.Close()
	return overviewValue(f, export.LabelGenerated), nil
}

// overviewValue is the value beside label in the 概览 sheet, "" when the
// workbook has no such sheet or label.
func overviewValue(f *excelize.File, label string) string {
	rows, _ := sheetRows(f, export.SheetOverview)
	for _, sr := range rows {
		if len(sr.cells) >= 2 && strings.TrimSpace(sr.cells[0]) == label {
			return strings.TrimSpace(sr.cells[1])
		}
	}
	return ""
}
