// Package review reads task breakdown workbooks after people have reviewed
// them, and turns their verdicts into what the rules and the scoring can
// use: exclusion rules for false positives and gold files for eval.
package review

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
)

// Sheet and column names are export's (it writes them). Columns are found
// by their header text, never by letter: reviewers insert, hide and reorder
// columns.

// outside is what a title naming the export's group of tasks under no
// pillar contains, without the brackets someone may have dropped.
var outside = strings.Trim(export.OutsideLabel, "（）")

// Verdicts a reviewer picks in 审核意见.
const (
	Confirmed     = export.VerdictConfirmed
	FalsePositive = export.VerdictFalsePositive
	NeedsEdit     = export.VerdictNeedsEdit
)

// maxWorkbook bounds what is read of a workbook file; a reviewed task
// table is a few hundred kilobytes, and the unzip limits below keep a zip
// bomb from exhausting memory.
const (
	maxWorkbook      = 64 << 20
	maxUnzipped      = 256 << 20
	maxUnzippedSheet = 64 << 20
	headerSearchRows = 10
	// A task sheet has under twenty columns; the bound keeps a crafted
	// sheet (a cell in column XFD of every row) from taking the memory a
	// plain GetRows would give it. Rows are bounded by doc.MaxSheetRows,
	// the limit the export writes to, so luoshi reads back what it wrote.
	maxCols = 256
	// excelRows is the last row of Excel's grid; a row numbered past it
	// is no row any spreadsheet shows.
	excelRows = 1 << 20
)

var errTooManyRows = errors.New("too many rows")

// sheetRow is a row that holds something, with its number in the sheet.
type sheetRow struct {
	n     int // 1-based, as the reviewer sees it
	cells []string
}

// getRows is excelize's GetRows with the bounds above, by content: only
// rows holding a non-blank cell are returned, whatever their numbers.
// LibreOffice writes an empty <row r="1048576"> after a row is deleted, so
// the last row number says nothing of how many rows a sheet has. Cells
// beyond maxCols are dropped, trailing empty cells trimmed.
func getRows(f *excelize.File, sheet string) ([]sheetRow, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []sheetRow
	for n := 1; n <= excelRows && it.Next(); n++ {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		cells = cells[:min(len(cells), maxCols)]
		for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) == 0 {
			continue
		}
		if len(out) >= doc.MaxSheetRows {
			return nil, errTooManyRows
		}
		// A copy lets the wide backing array go.
		out = append(out, sheetRow{n: n, cells: append([]string(nil), cells...)})
	}
	return out, it.Error()
}

// Error is a refusal of one workbook, its Reason in Chinese for the user.
type Error struct {
	Path   string
	Reason string
}

func (e *Error) Error() string { return filepath.Base(e.Path) + "：" + e.Reason }

// Row is one task row of the 任务分解 sheet.
type Row struct {
	Row      int // 1-based row number in the sheet, as the reviewer sees it
	ID       string
	Pillar   string
	Point    string
	Text     string
	Action   string
	Actors   string
	Timing   string
	Verdict  string // one of the verdict constants, or "" when not reviewed
	Note     string
	Location string
	Rules    string
}

// Heading is a pillar title row interleaved between the task rows.
type Heading struct {
	Row  int
	Text string
}

// Heading levels of the 文档结构 sheet.
const (
	LevelPillar = export.LevelPillar
	LevelPoint  = export.LevelPoint
)

// OutlineItem is one row of the 文档结构 sheet.
type OutlineItem struct {
	Number, Title, Level string
}

// SloganRow is one row of the 提法口号 sheet; Verdict is set only where a
// reviewer added a 审核意见 column there.
type SloganRow struct {
	Row     int
	Text    string
	Verdict string
	Note    string
}

// Workbook is what a reviewed workbook says.
type Workbook struct {
	Path string
	// Source is the source document's file name as the 概览 sheet records
	// it, "" when the workbook has no such sheet.
	Source     string
	SourcePath string
	// Announced is the pillar count the speaker announced, -1 when unknown.
	Announced int
	Headings  []Heading
	Rows      []Row
	Outline   []OutlineItem
	Slogans   []SloganRow
	// Warnings are problems of single rows (an unknown verdict…) that do
	// not stop the import, in Chinese.
	Warnings []string
}

// Reasons a workbook is refused, in Chinese for the user; the verdict import
// and the carry-over (carry.go) word them alike.
const (
	reasonDamaged  = "文件已损坏，无法读取（不是有效的 .xlsx 工作簿）"
	reasonNotXLSX  = "不是有效的 .xlsx 工作簿（请在 WPS 或 Excel 中另存为 .xlsx）"
	reasonNoSheet  = "找不到工作表“" + export.SheetTasks + "”，这不是 luoshi 生成的任务分解表"
	reasonNoOpen   = "无法打开文件"
	reasonNoReadIO = "无法读取文件"
)

// ReadFile reads a reviewed workbook.
func ReadFile(path string) (*Workbook, error) {
	b, reason := readBounded(path)
	if reason != "" {
		return nil, &Error{path, reason}
	}
	return Read(b, path)
}

// readBounded reads the file at path, at most maxWorkbook bytes; reason
// says why it could not, "" when it could.
func readBounded(path string) (b []byte, reason string) {
	f, err := os.Open(path)
	if err != nil {
		return nil, reasonNoOpen
	}
	defer f.Close()
	b, err = io.ReadAll(io.LimitReader(f, maxWorkbook+1))
	if err != nil {
		return nil, reasonNoReadIO
	}
	if len(b) > maxWorkbook {
		return nil, fmt.Sprintf("文件超过 %d MB，不像是任务分解表", maxWorkbook>>20)
	}
	return b, ""
}

// open opens workbook bytes with the unzip limits; reason says why it
// could not. The caller recovers from panics: excelize is not hardened
// against every malformed file.
func open(b []byte) (f *excelize.File, reason string) {
	if len(b) < 4 || !bytes.HasPrefix(b, []byte("PK")) {
		return nil, reasonNotXLSX
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzippedSheet,
	})
	if err != nil {
		return nil, reasonNotXLSX
	}
	return f, ""
}

// readSheet is getRows with the reason for the user when it fails.
func readSheet(f *excelize.File, sheet string) ([]sheetRow, string) {
	rows, err := getRows(f, sheet)
	if errors.Is(err, errTooManyRows) {
		return nil, fmt.Sprintf("工作表“%s”有内容的行超过 %d 行，超出了任务分解表的上限", sheet, doc.MaxSheetRows)
	}
	if err != nil {
		return nil, "工作表“" + sheet + "”无法读取"
	}
	return rows, ""
}

// Read parses workbook bytes; path only names the file in messages.
func Read(b []byte, path string) (wb *Workbook, err error) {
	// A reviewer's damaged workbook must give an error, not bring the
	// batch down.
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, &Error{path, reasonDamaged}
		}
	}()
	f, reason := open(b)
	if reason != "" {
		return nil, &Error{path, reason}
	}
	defer f.Close()
	sheet := taskSheet(f)
	if sheet == "" {
		return nil, &Error{path, reasonNoSheet}
	}
	rows, reason := readSheet(f, sheet)
	if reason != "" {
		return nil, &Error{path, reason}
	}
	wb = &Workbook{Path: path, Announced: -1}
	if err := wb.readTasks(rows); err != nil {
		return nil, err
	}
	wb.readOverview(f)
	wb.readOutline(f)
	wb.readSlogans(f)
	return wb, nil
}

// columns maps header names to 0-based column indexes.
type columns map[string]int

func (c columns) get(row []string, name string) string {
	i, ok := c[name]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

func (wb *Workbook) readTasks(rows []sheetRow) error {
	hdr, cols := findHeader(rows)
	if hdr < 0 {
		return &Error{wb.Path, "工作表“" + export.SheetTasks + "”前 " + strconv.Itoa(headerSearchRows) + " 行中找不到表头（应含“" + export.ColText + "”和“" + export.ColVerdict + "”两列）"}
	}
	for _, need := range []string{export.ColText, export.ColVerdict} {
		if _, ok := cols[need]; !ok {
			return &Error{wb.Path, "工作表“" + export.SheetTasks + "”缺少“" + need + "”列"}
		}
	}
	for _, sr := range rows[hdr+1:] {
		row, n := sr.cells, sr.n
		r := Row{
			Row:      n,
			ID:       cols.get(row, export.ColID),
			Pillar:   cols.get(row, export.ColPillar),
			Point:    cols.get(row, export.ColPoint),
			Text:     cols.get(row, export.ColText),
			Action:   cols.get(row, export.ColAction),
			Actors:   cols.get(row, export.ColActors),
			Timing:   cols.get(row, export.ColTiming),
			Note:     cols.get(row, export.ColNote),
			Location: cols.get(row, export.ColLocation),
			Rules:    cols.get(row, export.ColRules),
		}
		v, ok := ParseVerdict(cols.get(row, export.ColVerdict))
		if !ok {
			wb.Warnings = append(wb.Warnings, fmt.Sprintf("第%d行：审核意见“%s”不是“确认”“误报”“需修改”之一，按未审核处理", n, cols.get(row, export.ColVerdict)))
		}
		// A row the reviewer typed in by hand (a task the rules missed)
		// has no id but a verdict; any other row without both an id and
		// a text is a pillar title row, its text in whichever cell the
		// export merged across.
		added := r.ID == "" && r.Text != "" && (v == Confirmed || v == NeedsEdit)
		if (r.ID == "" || r.Text == "") && !added {
			if v != "" {
				wb.Warnings = append(wb.Warnings, fmt.Sprintf("第%d行：有审核意见但没有任务编号或任务内容，已跳过", n))
			} else if t := firstNonEmpty(row); t != "" {
				wb.Headings = append(wb.Headings, Heading{Row: n, Text: t})
			}
			continue
		}
		r.Verdict = v
		wb.Rows = append(wb.Rows, r)
	}
	return nil
}

// findHeader returns the index of the header row and its columns, -1 when
// none of the first rows looks like one.
func findHeader(rows []sheetRow) (int, columns) {
	for i := 0; i < len(rows) && i < headerSearchRows; i++ {
		cols := headerColumns(rows[i].cells, known)
		_, text := cols[export.ColText]
		_, verdict := cols[export.ColVerdict]
		if text || verdict {
			return i, cols
		}
	}
	return -1, nil
}

// headerColumns maps the headers of row to their columns, the first one
// where a header repeats. A clerk may retitle a column 审核意见（确认/误报/需修改）
// or 牵头单位（必填）: for each of names that no header is exactly, the first
// header containing it stands for it.
func headerColumns(row []string, names []string) columns {
	cols := columns{}
	for j, c := range row {
		c = strings.TrimSpace(c)
		if _, dup := cols[c]; c != "" && !dup {
			cols[c] = j
		}
	}
	for _, name := range names {
		if _, ok := cols[name]; ok {
			continue
		}
		for j, c := range row {
			if strings.Contains(c, name) {
				cols[name] = j
				break
			}
		}
	}
	return cols
}

var known = []string{export.ColID, export.ColPillar, export.ColPoint, export.ColText, export.ColAction, export.ColActors, export.ColTiming, export.ColVerdict, export.ColNote, export.ColLocation, export.ColRules}

// taskSheet is the sheet holding the tasks: 任务分解, or, if someone
// renamed it, the first sheet whose header names both 任务内容 and 审核意见.
func taskSheet(f *excelize.File) string {
	if idx, _ := f.GetSheetIndex(export.SheetTasks); idx >= 0 {
		return export.SheetTasks
	}
	for _, s := range f.GetSheetList() {
		rows, err := getRows(f, s)
		if err != nil {
			continue
		}
		if i, cols := findHeader(rows); i >= 0 {
			_, text := cols[export.ColText]
			_, verdict := cols[export.ColVerdict]
			if text && verdict {
				return s
			}
		}
	}
	return ""
}

func firstNonEmpty(row []string) string {
	for _, c := range row {
		if c = strings.TrimSpace(c); c != "" {
			return c
		}
	}
	return ""
}

// ParseVerdict reads a 审核意见 cell. Reviewers type as often as they pick
// from the list, so surrounding blanks and punctuation are forgiven; ok is
// false for a non-empty cell that is none of the three verdicts.
func ParseVerdict(s string) (v string, ok bool) {
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
	switch s {
	case "":
		return "", true
	case Confirmed, "确定", "正确", "通过":
		return Confirmed, true
	case FalsePositive, "错误", "非任务", "不是任务", "删除":
		return FalsePositive, true
	case NeedsEdit, "修改", "需要修改", "待修改":
		return NeedsEdit, true
	}
	return "", false
}

// readOverview picks the source document out of the 概览 sheet, a column
// of labels and values. It is optional: older or hand-made workbooks lack
// it and the caller falls back on the workbook's own name.
func (wb *Workbook) readOverview(f *excelize.File) {
	if idx, _ := f.GetSheetIndex(export.SheetOverview); idx < 0 {
		return
	}
	rows, err := getRows(f, export.SheetOverview)
	if err != nil {
		return
	}
	for _, sr := range rows {
		row := sr.cells
		if len(row) < 2 {
			continue
		}
		label := strings.TrimRight(strings.TrimSpace(row[0]), ":：")
		val := strings.TrimSpace(row[1])
		if val == "" {
			continue
		}
		switch label {
		case export.LabelAnnounced:
			if n, err := strconv.Atoi(val); err == nil && n >= 0 {
				wb.Announced = n
			}
		case "源文件", "源文件名", export.LabelSource, "原文件", "来源文件", "文件":
			if wb.Source == "" {
				wb.Source = filepath.Base(val)
			}
		case "源文件路径", "文件路径", "原文件路径", "路径":
			wb.SourcePath = val
			if wb.Source == "" {
				wb.Source = filepath.Base(val)
			}
		}
	}
}

// DocumentName is the source document's file name: from 概览 when the
// workbook records it, else derived from the workbook's name
// (NAME-任务分解.xlsx → NAME).
func (wb *Workbook) DocumentName() string {
	if wb.Source != "" {
		return wb.Source
	}
	base := strings.TrimSuffix(filepath.Base(wb.Path), filepath.Ext(wb.Path))
	return strings.TrimSuffix(base, "-任务分解")
}

// Stem is DocumentName without its extension: NAME of NAME.gold.json.
func (wb *Workbook) Stem() string {
	n := wb.DocumentName()
	return strings.TrimSuffix(n, filepath.Ext(n))
}

// sheetRows returns the rows of an optional sheet and its header columns
// (its first row with content), nil when the sheet is absent or unreadable.
func sheetRows(f *excelize.File, sheet string) ([]sheetRow, columns) {
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, nil
	}
	rows, err := getRows(f, sheet)
	if err != nil || len(rows) == 0 {
		return nil, nil
	}
	cols := columns{}
	for j, c := range rows[0].cells {
		if c = strings.TrimSpace(c); c != "" {
			if _, dup := cols[c]; !dup {
				cols[c] = j
			}
		}
	}
	return rows[1:], cols
}

// readOutline reads the 文档结构 sheet: the whole outline, including
// pillars and points that have no task row.
func (wb *Workbook) readOutline(f *excelize.File) {
	rows, cols := sheetRows(f, export.SheetStructure)
	for _, sr := range rows {
		row := sr.cells
		it := OutlineItem{Number: cols.get(row, export.ColStructNumber), Title: cols.get(row, export.ColStructTitle), Level: cols.get(row, export.ColStructLevel)}
		if it.Title == "" || (it.Level != LevelPillar && it.Level != LevelPoint) {
			continue
		}
		wb.Outline = append(wb.Outline, it)
	}
}

// readSlogans reads the 提法口号 sheet.
func (wb *Workbook) readSlogans(f *excelize.File) {
	rows, cols := sheetRows(f, export.SheetSlogans)
	for _, sr := range rows {
		row := sr.cells
		s := SloganRow{Row: sr.n, Text: cols.get(row, export.ColSlogan), Note: cols.get(row, export.ColNote)}
		if s.Text == "" {
			continue
		}
		v, ok := ParseVerdict(cols.get(row, export.ColVerdict))
		if !ok {
			wb.Warnings = append(wb.Warnings, fmt.Sprintf("“%s”第%d行：审核意见“%s”不是“确认”“误报”“需修改”之一，按未审核处理", export.SheetSlogans, s.Row, cols.get(row, export.ColVerdict)))
		}
		s.Verdict = v
		wb.Slogans = append(wb.Slogans, s)
	}
}
