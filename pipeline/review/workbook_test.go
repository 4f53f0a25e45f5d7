package review

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// header is the export's column order; tests shuffle it to show that
// columns are found by name.
var header = []string{"序号", "一级部署", "重点任务", "任务内容", "关键动作", "文中责任主体", "文中时间要求",
	"牵头单位", "配合单位", "责任领导", "完成时限", "进展状态", "审核意见", "备注", "原文位置", "命中规则", "任务编号"}

// sheet builds an xlsx in memory: sheets maps a sheet name to its rows;
// a row is a map from header name to value, or a plain []string.
func xlsx(t testing.TB, sheets map[string][][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for name, rows := range sheets {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			vals := make([]any, len(row))
			for j, v := range row {
				vals[j] = v
			}
			if err := f.SetSheetRow(name, cell, &vals); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// taskRow lays out named values under cols.
func taskRow(cols []string, kv map[string]string) []string {
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = kv[c]
	}
	return row
}

func sampleSheets(cols []string) map[string][][]string {
	return map[string][][]string{
		export.SheetTasks: {
			cols,
			{"一、打造一支对党忠诚的队伍（3 项任务）"},
			taskRow(cols, map[string]string{"序号": "1", "一级部署": "一、打造一支对党忠诚的队伍", "任务内容": "要始终把政治建设摆在首位。", "审核意见": "确认", "任务编号": "T001", "文中责任主体": "各级支部书记、组工干部"}),
			taskRow(cols, map[string]string{"序号": "2", "一级部署": "一、打造一支对党忠诚的队伍", "重点任务": "抓实理论学习", "任务内容": "对一个组工干部来说，第一位的是政治上绝对可靠。", "审核意见": " 误报 ", "任务编号": "T002", "原文位置": "第3段第2句"}),
			taskRow(cols, map[string]string{"序号": "3", "一级部署": "一、打造一支对党忠诚的队伍", "重点任务": "强化党性淬炼", "任务内容": "开展评比活动，号召党员亮身份", "审核意见": "需修改", "备注": "开展“争当优秀共产党员”评比活动", "任务编号": "T003", "文中时间要求": "七一、国庆"}),
			{"二、磨炼一支敢于担当的队伍"},
			taskRow(cols, map[string]string{"序号": "4", "一级部署": "二、磨炼一支敢于担当的队伍", "任务内容": "要大兴勤学之风。", "审核意见": "", "任务编号": "T004"}),
			taskRow(cols, map[string]string{"序号": "5", "一级部署": "二、磨炼一支敢于担当的队伍", "任务内容": "要培养尚学文化。", "审核意见": "不知道", "任务编号": "T005"}),
		},
		export.SheetOverview: {{"源文件", "讲话.txt"}, {"源文件路径", "/srv/收件箱/讲话.txt"}},
	}
}

func TestRead(t *testing.T) {
	shuffled := append([]string(nil), header...)
	for i, j := 0, len(shuffled)-1; i < j; i, j = i+1, j-1 {
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	}
	retitled := append([]string(nil), header...)
	retitled[12] = "审核意见（确认/误报/需修改）"
	for _, tc := range []struct {
		name  string
		cols  []string
		sheet string
	}{
		{"export order", header, export.SheetTasks},
		{"reversed columns", shuffled, export.SheetTasks},
		{"retitled columns, renamed sheet", header, "Sheet1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sheets := sampleSheets(tc.cols)
			if tc.sheet != export.SheetTasks {
				sheets[export.SheetTasks][0] = retitled
				sheets[tc.sheet] = sheets[export.SheetTasks]
				delete(sheets, export.SheetTasks)
			}
			wb, err := Read(xlsx(t, sheets), "讲话-任务分解.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range wb.Rows {
				got = append(got, r.ID+"|"+r.Verdict+"|"+r.Note)
			}
			want := []string{"T001|确认|", "T002|误报|", "T003|需修改|开展“争当优秀共产党员”评比活动", "T004||", "T005||"}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("rows = %q, want %q", got, want)
			}
			if wb.Rows[1].Row != 4 || wb.Rows[1].Location != "第3段第2句" || wb.Rows[1].Point != "抓实理论学习" {
				t.Errorf("row 2 = %+v", wb.Rows[1])
			}
			if len(wb.Headings) != 2 || wb.Headings[1].Row != 6 {
				t.Errorf("headings = %+v", wb.Headings)
			}
			if len(wb.Warnings) != 1 || !strings.Contains(wb.Warnings[0], "第8行") {
				t.Errorf("warnings = %q, want one about row 8", wb.Warnings)
			}
			if wb.DocumentName() != "讲话.txt" || wb.Stem() != "讲话" || wb.SourcePath != "/srv/收件箱/讲话.txt" {
				t.Errorf("source = %q %q %q", wb.DocumentName(), wb.Stem(), wb.SourcePath)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	noVerdict := header[:12]
	for _, tc := range []struct {
		name string
		data func(t *testing.T) []byte
		want string
	}{
		{"empty file", func(*testing.T) []byte { return nil }, "不是有效的 .xlsx"},
		{"text file", func(*testing.T) []byte { return []byte("任务内容,审核意见\n") }, "不是有效的 .xlsx"},
		{"broken zip", func(*testing.T) []byte { return []byte("PK\x03\x04garbage") }, "不是有效的 .xlsx"},
		{"no task sheet", func(t *testing.T) []byte {
			return xlsx(t, map[string][][]string{"Sheet1": {header[:5]}})
		}, "找不到工作表“任务分解”"},
		{"no header", func(t *testing.T) []byte {
			return xlsx(t, map[string][][]string{export.SheetTasks: {{"a", "b"}}})
		}, "找不到表头"},
		{"too many rows", func(t *testing.T) []byte {
			f := excelize.NewFile()
			defer f.Close()
			f.SetSheetName("Sheet1", export.SheetTasks)
			sw, err := f.NewStreamWriter(export.SheetTasks)
			if err != nil {
				t.Fatal(err)
			}
			sw.SetRow("A1", []any{"任务内容", "审核意见"})
			for n := 2; n <= doc.MaxSheetRows+1; n++ {
				sw.SetRow("A"+strconv.Itoa(n), []any{"要"})
			}
			sw.Flush()
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}, "超过 " + strconv.Itoa(doc.MaxSheetRows) + " 行"},
		{"no verdict column", func(t *testing.T) []byte {
			return xlsx(t, map[string][][]string{export.SheetTasks: {noVerdict}})
		}, "缺少“审核意见”列"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.data(t), "表.xlsx")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if !strings.Contains(e.Error(), tc.want) || !strings.HasPrefix(e.Error(), "表.xlsx：") {
				t.Errorf("err = %q, want the file name and %q", e.Error(), tc.want)
			}
		})
	}
}

// TestReadByContent: a sheet is judged by the rows that hold something,
// not by its last row number. LibreOffice writes an empty row 1048576 after
// a row is deleted; rows far apart keep their own numbers.
func TestReadByContent(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", export.SheetTasks)
	f.SetSheetRow(export.SheetTasks, "A1", &[]string{export.ColID, export.ColText, export.ColVerdict})
	f.SetSheetRow(export.SheetTasks, "A2", &[]string{"t1", "要加强学习。", "确认"})
	f.SetSheetRow(export.SheetTasks, "A40000", &[]string{"t2", "要改进作风。", "误报"})
	f.SetCellStr(export.SheetTasks, "A1048576", "")
	f.SetRowHeight(export.SheetTasks, 1048576, 20) // an empty <row r="1048576">
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	wb, err := Read(buf.Bytes(), "表.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Rows) != 2 || wb.Rows[0].Row != 2 || wb.Rows[1].Row != 40000 || wb.Rows[1].Verdict != FalsePositive {
		t.Errorf("rows %+v", wb.Rows)
	}
	rv, err := ReadInput(buf.Bytes(), "表.xlsx")
	if err != nil || rv == nil {
		t.Fatalf("carry-over: %v", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "讲话-任务分解.xlsx")
	sheets := sampleSheets(header)
	delete(sheets, export.SheetOverview)
	if err := os.WriteFile(p, xlsx(t, sheets), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if wb.DocumentName() != "讲话" || len(wb.Rows) != 5 {
		t.Errorf("name %q, %d rows", wb.DocumentName(), len(wb.Rows))
	}
	if _, err := ReadFile(filepath.Join(dir, "没有.xlsx")); err == nil || !strings.Contains(err.Error(), "没有.xlsx：") {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestParseVerdict(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"确认", Confirmed, true}, {" 误报。", FalsePositive, true}, {"需修改", NeedsEdit, true},
		{"", "", true}, {"  ", "", true}, {"也许", "", false},
	} {
		got, ok := ParseVerdict(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseVerdict(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzRead feeds the one workbook reader both of its uses: the verdict
// import (Read) and the carry-over of reviewer input (ReadInput).
func FuzzRead(f *testing.F) {
	f.Add(xlsx(f, sampleSheets(header)))
	f.Add(xlsx(f, map[string][][]string{export.SheetTasks: {header[:5]}}))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	// A workbook as export writes it, whole and cut short.
	var buf bytes.Buffer
	d := exportFixture(f)
	d.Tasks = d.Tasks[:3]
	if err := export.WriteWorkbook(&buf, d, export.Options{Units: units}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		wb, err := Read(b, "fuzz.xlsx")
		if err == nil && wb == nil {
			t.Fatal("nil workbook without an error")
		}
		if err != nil && wb != nil {
			t.Fatal("workbook with an error")
		}
		rv, err := ReadInput(b, "fuzz.xlsx")
		if err == nil && rv == nil {
			t.Fatal("nil review without an error")
		}
	})
}

// BenchmarkRead reads a task sheet the size of a long government work
// report's (300 task rows).
func BenchmarkRead(b *testing.B) {
	sheets := sampleSheets(header)
	rows := sheets[export.SheetTasks][:1]
	for i := 0; i < 300; i++ {
		rows = append(rows, taskRow(header, map[string]string{
			"序号": strconv.Itoa(i + 1), "一级部署": "一、打造一支对党忠诚的队伍",
			"任务内容": strings.Repeat("充分利用党群服务中心开展革命红色教育，", 4), "审核意见": "确认", "任务编号": "t" + strconv.Itoa(i),
		}))
	}
	sheets[export.SheetTasks] = rows
	data := xlsx(b, sheets)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data, "bench.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadsOwnLargeWorkbook: what the export writes, the reader reads back,
// however many tasks (luoshi once refused its own 93,000-row workbooks).
func TestReadsOwnLargeWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a workbook of 30,000 tasks")
	}
	d := exportFixture(t)
	base := d.Tasks
	d.Tasks = nil
	for i := 0; len(d.Tasks) < 30000; i++ {
		tk := base[i%len(base)]
		tk.ID = fmt.Sprintf("L%05d", i)
		tk.Text += fmt.Sprintf("（第%d项）", i)
		d.Tasks = append(d.Tasks, tk)
	}
	slices.SortStableFunc(d.Tasks, func(x, y doc.Task) int { return x.Pillar - y.Pillar })
	var buf bytes.Buffer
	if err := export.WriteWorkbook(&buf, d, export.Options{}); err != nil {
		t.Fatal(err)
	}
	wb, err := Read(buf.Bytes(), "大表.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Rows) != len(d.Tasks) {
		t.Errorf("read %d task rows, want %d", len(wb.Rows), len(d.Tasks))
	}
	if _, err := ReadInput(buf.Bytes(), "大表.xlsx"); err != nil {
		t.Errorf("carry-over reader: %v", err)
	}
}
