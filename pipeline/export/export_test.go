package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// fixture is a document as the extraction returns it for the seed speech.
func fixture(t testing.TB) *doc.Document {
	t.Helper()
	b, err := os.ReadFile("testdata/xuhui.json")
	if err != nil {
		t.Fatal(err)
	}
	var d doc.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

var units = []string{"组织部", "宣传部", "统战部", "机关工委", "各街道党工委"}

var generated = time.Date(2026, 11, 30, 15, 30, 0, 0, time.UTC)

// roundTrip writes a workbook and opens what was written, as a reader would.
func roundTrip(t testing.TB, d *doc.Document, o Options) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, d, o); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test -update\ngot:\n%s", name, got)
	}
}

// findRow returns the 1-based row whose 任务编号 is id.
func findRow(t *testing.T, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	idCol := slices.Index(rows[0], ColID)
	for i, r := range rows {
		if idCol < len(r) && r[idCol] == id {
			return i + 1
		}
	}
	t.Fatalf("no row with id %s in %s", id, sheet)
	return 0
}

func TestWorkbookShape(t *testing.T) {
	d := fixture(t)
	for _, tc := range []struct {
		name        string
		units       []string
		validations int
		sheets      []string
	}{
		{"with units", units, 6, []string{SheetTasks, SheetSlogans, SheetStructure, SheetOverview, SheetUnits}},
		{"no units", nil, 4, []string{SheetTasks, SheetSlogans, SheetStructure, SheetOverview}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := roundTrip(t, d, Options{Units: tc.units, RulesVersion: "v1", Generated: generated})
			if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(tc.sheets, ",") {
				t.Errorf("sheets = %v, want %v", got, tc.sheets)
			}
			rows, err := f.GetRows(SheetTasks)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"序号", "重点任务", "任务内容", "牵头单位", "配合单位", "完成时限",
				"进展状态", "进展情况", "实际完成时间", "延期原因", "责任领导", "审核意见", "备注",
				"一级部署", "关键动作", "文中责任主体", "文中时间要求", "分工依据", "置信度", "原文位置", "原文变动", "命中规则", "任务编号"}
			if strings.Join(rows[0], ",") != strings.Join(want, ",") {
				t.Errorf("header = %v", rows[0])
			}
			// One row per task plus a title row per pillar; the opening
			// remarks, which stand under no pillar, come first with none.
			if got, want := len(rows)-1, len(d.Tasks)+len(d.Pillars); got != want {
				t.Errorf("%d data rows, want %d", got, want)
			}
			dvs, err := f.GetDataValidations(SheetTasks)
			if err != nil {
				t.Fatal(err)
			}
			if len(dvs) != tc.validations {
				t.Errorf("%d data validations, want %d", len(dvs), tc.validations)
			}
			panes, err := f.GetPanes(SheetTasks)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes = %+v, want the header row frozen", panes)
			}
			names := map[string]string{}
			for _, n := range f.GetDefinedName() {
				names[n.Scope+"|"+n.Name] = n.RefersTo
			}
			if got := names[SheetTasks+"|_xlnm.Print_Titles"]; got != "'任务分解'!$1:$1" {
				t.Errorf("print titles = %q", got)
			}
			// The print is the 任务分解表 proper, 序号 to 完成时限.
			if got, want := names[SheetTasks+"|_xlnm.Print_Area"], fmt.Sprintf("'任务分解'!$A$1:$F$%d", len(rows)); got != want {
				t.Errorf("print area = %q, want %q", got, want)
			}
			if rows[0][printCols-1] != ColDue {
				t.Errorf("last printed column %q", rows[0][printCols-1])
			}
			if tc.units != nil {
				if got := names["Workbook|"+unitsName]; got != "'单位名单'!$A$1:$A$5" {
					t.Errorf("units name refers to %q (names %v)", got, names)
				}
				if v, _ := f.GetSheetVisible(SheetUnits); v {
					t.Error("the units sheet is visible")
				}
			}
			pl, err := f.GetPageLayout(SheetTasks)
			if err != nil {
				t.Fatal(err)
			}
			if *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
				t.Errorf("page layout = size %d %s fit %dx%d", *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
			}
			props, err := f.GetSheetProps(SheetTasks)
			if err != nil {
				t.Fatal(err)
			}
			if props.FitToPage == nil || !*props.FitToPage || props.OutlineSummaryBelow == nil || *props.OutlineSummaryBelow {
				t.Errorf("sheet props: fit to page %v, summary below %v", props.FitToPage, props.OutlineSummaryBelow)
			}
			// Title rows stand at level 0, task rows are grouped under them;
			// the preamble's tasks, before any title row, at level 0 too.
			firstTitle := len(rows)
			for i, r := range rows[1:] {
				if (len(r) <= colID || r[colID] == "") && i < firstTitle {
					firstTitle = i
				}
			}
			for i, r := range rows[1:] {
				lvl, err := f.GetRowOutlineLevel(SheetTasks, i+2)
				if err != nil {
					t.Fatal(err)
				}
				isTask := len(r) > colID && r[colID] != ""
				preamble := isTask && r[colPillar] == OutsideLabel && i < firstTitle
				if (lvl == 1) != (isTask && !preamble) {
					t.Errorf("row %d (%q): outline level %d", i+2, r[colPillar], lvl)
				}
			}
			row := findRow(t, f, SheetTasks, d.Tasks[0].ID)
			runs, err := f.GetCellRichText(SheetTasks, cellName(colText, row))
			if err != nil {
				t.Fatal(err)
			}
			var red string
			for _, r := range runs {
				if r.Font != nil && r.Font.Bold {
					red += r.Text
				}
			}
			if red != d.Tasks[0].Action {
				t.Errorf("highlighted %q, want the action %q", red, d.Tasks[0].Action)
			}
		})
	}
}

// TestTaskSheetGolden pins the text content of every sheet.
func TestTaskSheetGolden(t *testing.T) {
	f := roundTrip(t, fixture(t), Options{Units: units, RulesVersion: "v1", Generated: generated})
	var b bytes.Buffer
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s\n", sh)
		for _, r := range rows {
			fmt.Fprintf(&b, "%q\n", r)
		}
	}
	golden(t, "xuhui.sheets.golden", b.Bytes())
}

func TestFormulaGuard(t *testing.T) {
	texts := []string{"=SUM(A1)", "+1+1", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"点我\")"}
	d := &doc.Document{Info: doc.Info{Name: "x.txt"}}
	for i, s := range texts {
		d.Tasks = append(d.Tasks, doc.Task{ID: fmt.Sprintf("F%d", i), Text: s, Action: "SUM", ActionAt: strings.Index(s, "SUM"),
			Actors: []string{s}, Location: doc.Location{Paragraph: 1, Sentence: i + 1}})
	}
	f := roundTrip(t, d, Options{Generated: generated})
	for i, s := range texts {
		row := findRow(t, f, SheetTasks, fmt.Sprintf("F%d", i))
		for _, c := range []int{colText, colActors} {
			cell := cellName(c, row)
			got, err := f.GetCellValue(SheetTasks, cell)
			if err != nil {
				t.Fatal(err)
			}
			if got != s {
				t.Errorf("%s = %q, want the literal %q", cell, got, s)
			}
			if fx, _ := f.GetCellFormula(SheetTasks, cell); fx != "" {
				t.Errorf("%s holds the formula %q", cell, fx)
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range texts {
		if got := recs[i+1][3]; got != "'"+s {
			t.Errorf("CSV field %q, want it defused as %q", got, "'"+s)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"加强学习", "加强学习"},
		{"=1+1", "'=1+1"},
		{"+86", "'+86"},
		{"-1", "'-1"},
		{"@A1", "'@A1"},
		{"\tx", "'\tx"},
		{"＝SUM(A1)", "'＝SUM(A1)"},
		{"a=b", "a=b"},
	} {
		if got := CSVSafe(tc.in); got != tc.want {
			t.Errorf("CSVSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, fixture(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(bom)) {
		t.Error("CSV lacks the UTF-8 byte order mark")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(recs), len(fixture(t).Tasks)+1; got != want {
		t.Errorf("%d CSV records, want %d", got, want)
	}
	golden(t, "xuhui.golden.csv", buf.Bytes())
}

func TestJSONGolden(t *testing.T) {
	d := fixture(t)
	d.Tasks[0].Text += " <a&b>"
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("<a&b>")) {
		t.Error("JSON escaped HTML characters; the contract keeps text verbatim")
	}
	golden(t, "xuhui.golden.json", buf.Bytes())
}

// TestJSONStreamedAsOnePiece pins WriteJSON's streamed output to what one
// json.Encoder writes, for a full document and for an empty one.
func TestJSONStreamedAsOnePiece(t *testing.T) {
	for name, d := range map[string]*doc.Document{"full": fixture(t), "empty": {}} {
		var got, want bytes.Buffer
		if err := WriteJSON(&got, d); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: streamed JSON differs from one-piece encoding:\n%s\nwant\n%s", name, got.Bytes(), want.Bytes())
		}
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct{ src, xlsx, csv string }{
		{"讲话 一.docx", "讲话 一-任务分解.xlsx", "讲话 一-任务分解.csv"},
		{"/in/报告.pdf", "报告-任务分解.xlsx", "报告-任务分解.csv"},
		{"a.b.txt", "a.b-任务分解.xlsx", "a.b-任务分解.csv"},
	} {
		n := NamesFor(Stem(tc.src))
		if n.Workbook != tc.xlsx || n.CSV != tc.csv {
			t.Errorf("NamesFor(Stem(%q)) = %+v", tc.src, n)
		}
	}
}

func TestWhere(t *testing.T) {
	for _, tc := range []struct {
		l    doc.Location
		want string
	}{
		{doc.Location{}, ""},
		{doc.Location{Paragraph: 3}, "第3段"},
		{doc.Location{Paragraph: 3, Sentence: 2}, "第3段第2句"},
	} {
		if got := Where(tc.l); got != tc.want {
			t.Errorf("Where(%+v) = %q, want %q", tc.l, got, tc.want)
		}
	}
}

func TestLines(t *testing.T) {
	d := &doc.Document{Pillars: make([]doc.Pillar, 3)}
	for _, p := range []int{0, 2, 2, 0} {
		d.Tasks = append(d.Tasks, doc.Task{Pillar: p})
	}
	var got []string
	for _, l := range lines(d) {
		if l.task == nil {
			got = append(got, fmt.Sprintf("P%d", l.pillar))
		} else {
			got = append(got, fmt.Sprintf("t%d", l.seq))
		}
	}
	// The preamble's task needs no title row; pillar 1 has no tasks but
	// keeps its place; the closing remarks stay last, under a title.
	want := "t1 P1 P2 t2 t3 P0 t4 P3"
	if strings.Join(got, " ") != want {
		t.Errorf("lines = %s, want %s", strings.Join(got, " "), want)
	}
}

func TestControlCharacters(t *testing.T) {
	s := "加强\x01学习\x1f教育\u2028。"
	d := &doc.Document{Tasks: []doc.Task{{ID: "C1", Text: s, Action: "加强", ActionAt: 0}}}
	f := roundTrip(t, d, Options{Generated: generated})
	got, err := f.GetCellValue(SheetTasks, cellName(colText, findRow(t, f, SheetTasks, "C1")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "学习") || !strings.Contains(got, "教育") {
		t.Errorf("text read back as %q", got)
	}
}

func TestCompactRules(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"dict/a.txt:要"}, "dict/a.txt:要"},
		{[]string{"dict/a.txt:要", "dict/b.txt:各级", "dict/a.txt:持续", "pattern:heading"}, "dict/a.txt:要、持续|dict/b.txt:各级|pattern:heading"},
		// An entry may hold a colon; the file ends at the first one.
		{[]string{"dict/structure.txt:announce=(?:提|讲)", "dict/structure.txt:review=回顾$"}, "dict/structure.txt:announce=(?:提|讲)、review=回顾$"},
	} {
		if got := compactRules(tc.in, "|"); got != tc.want {
			t.Errorf("compactRules(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPrintFitsA4: the printed columns fit the width of A4 landscape
// inside the margins at full size, so that fit-to-width never shrinks
// the 11 pt text below 10 pt. Column widths are in characters of the
// default font; 8 px a character at 96 dpi is the widest a CJK font's
// digit takes (Calibri's is 7), plus 5 px of padding a column.
func TestPrintFitsA4(t *testing.T) {
	px := 0.0
	for c := 0; c < printCols; c++ {
		px += columns[c].width*8 + 5
	}
	const a4Landscape, margins = 11.69, 2 * 0.4 // inches
	if in := px / 96; in > a4Landscape-margins {
		t.Errorf("printed columns %.2f in wide, A4 landscape holds %.2f: the print would shrink to %.0f%%, %.1f pt",
			in, a4Landscape-margins, 100*(a4Landscape-margins)/in, 11*(a4Landscape-margins)/in)
	}
}

// TestEmptyDocument: a speech in which nothing was found still gives a
// workbook ready for input, not an error.
func TestEmptyDocument(t *testing.T) {
	f := roundTrip(t, &doc.Document{Info: doc.Info{Name: "空.txt"}}, Options{Generated: generated})
	rows, err := f.GetRows(SheetTasks)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Errorf("%d rows, want the header only", len(rows))
	}
	if dvs, _ := f.GetDataValidations(SheetTasks); len(dvs) != 4 {
		t.Errorf("%d validations, want 4 (完成时限, 实际完成时间, 进展状态, 审核意见)", len(dvs))
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, &doc.Document{}); err != nil || strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("CSV of an empty document: %v %q", err, buf.String())
	}
}

// TestLowConfidenceShaded: a task below LowConfidence has its text and
// its confidence shaded, a confident one not; the confidence is a number
// a reviewer can sort by.
func TestLowConfidenceShaded(t *testing.T) {
	d := fixture(t)
	if len(d.Tasks) < 2 {
		t.Fatal("fixture has fewer than two tasks")
	}
	d.Tasks[0].Confidence, d.Tasks[1].Confidence = 0.55, 0.95
	f := roundTrip(t, d, Options{})
	fillOf := func(cell string) string {
		id, err := f.GetCellStyle(SheetTasks, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(st.Fill.Color, ",")
	}
	found := 0
	for r, row := range taskRows(t, f) {
		var want string
		switch row[colText] {
		case d.Tasks[0].Text:
			want = "FFF2CC"
		case d.Tasks[1].Text:
			want = ""
		default:
			continue
		}
		found++
		for _, c := range []int{colText, colConfidence} {
			if got := fillOf(cellName(c, r+1)); got != want {
				t.Errorf("row %d column %s: fill %q, want %q", r+1, columns[c].title, got, want)
			}
		}
		typ, err := f.GetCellType(SheetTasks, cellName(colConfidence, r+1))
		if err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("row %d: confidence is not a number (%v, %v)", r+1, typ, err)
		}
	}
	if found != 2 {
		t.Fatalf("found %d of the two tasks", found)
	}
}

// TestStatedUnitsFilled: units the text states fill 牵头单位 and 配合单位
// with their basis beside them and join the drop-down list; a unit a
// person typed wins over them.
func TestStatedUnitsFilled(t *testing.T) {
	d := fixture(t)
	if len(d.Tasks) < 2 {
		t.Fatal("fixture has fewer than two tasks")
	}
	for i := 0; i < 2; i++ {
		d.Tasks[i].LeadUnits, d.Tasks[i].PartnerUnits = []string{"市人社局"}, []string{"市财政局", "市教育局"}
		d.Tasks[i].AssignmentSource, d.Tasks[i].AssignmentBasis = "text", "原文：（市人社局、市财政局、市教育局负责）"
	}
	typed := Row{ID: taskID(&d.Tasks[1]), Text: d.Tasks[1].Text, In: Input{ColLead: "市发展改革委"}}
	f := roundTrip(t, d, Options{Units: []string{"市委办"}, Previous: &Review{Rows: []Row{typed}}})
	found := 0
	for _, row := range taskRows(t, f) {
		switch row[colText] {
		case d.Tasks[0].Text:
			found++
			if row[colLead] != "市人社局" || row[colPartner] != "市财政局、市教育局" || !strings.HasPrefix(row[colBasis], "原文：") {
				t.Errorf("stated: lead %q partner %q basis %q", row[colLead], row[colPartner], row[colBasis])
			}
		case d.Tasks[1].Text:
			found++
			if row[colLead] != "市发展改革委" || row[colPartner] != "" {
				t.Errorf("typed: lead %q partner %q, want the person's entry alone", row[colLead], row[colPartner])
			}
		}
	}
	if found != 2 {
		t.Fatalf("found %d of 2 tasks", found)
	}
	units, err := f.GetRows(SheetUnits)
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, r := range units {
		if len(r) > 0 {
			list = append(list, r[0])
		}
	}
	if got := strings.Join(list, ","); !strings.Contains(got, "市委办") || !strings.Contains(got, "市人社局") || !strings.Contains(got, "市教育局") {
		t.Errorf("unit list %q lacks the configured or the stated units", got)
	}
}

// TestDeadlineFilled: a task's deadline fills 完成时限 as a date, a
// recurrence as its label, where nobody typed; a typed value stays.
func TestDeadlineFilled(t *testing.T) {
	d := fixture(t)
	if len(d.Tasks) < 3 {
		t.Fatal("fixture has fewer than three tasks")
	}
	d.Tasks[0].Deadline, d.Tasks[0].DeadlineText = "2026-06-30", "6月底前"
	d.Tasks[1].DeadlineText = "每季度"
	d.Tasks[2].Deadline, d.Tasks[2].DeadlineText = "2026-12-31", "年底前"
	typed := Row{ID: taskID(&d.Tasks[2]), Text: d.Tasks[2].Text, In: Input{ColDue: "长期坚持"}}
	f := roundTrip(t, d, Options{Previous: &Review{Rows: []Row{typed}}})
	want := map[string]string{d.Tasks[0].Text: "2026-06-30", d.Tasks[1].Text: "每季度", d.Tasks[2].Text: "长期坚持"}
	found := 0
	for _, row := range taskRows(t, f) {
		if w, ok := want[row[colText]]; ok {
			found++
			if row[colDue] != w {
				t.Errorf("%.20s: 完成时限 %q, want %q", row[colText], row[colDue], w)
			}
		}
	}
	if found != 3 {
		t.Fatalf("found %d of 3 tasks", found)
	}
}

// TestSuggestedUnitsGrey: suggested units fill the columns in grey, with
// their grounds; stated ones in the body's black.
func TestSuggestedUnitsGrey(t *testing.T) {
	d := fixture(t)
	d.Tasks[0].LeadUnits, d.Tasks[0].AssignmentSource, d.Tasks[0].AssignmentBasis = []string{"市人社局"}, "suggestion", "建议：职责“就业”"
	d.Tasks[1].LeadUnits, d.Tasks[1].AssignmentSource, d.Tasks[1].AssignmentBasis = []string{"市财政局"}, "text", "原文：（市财政局负责）"
	f := roundTrip(t, d, Options{})
	color := func(cell string) string {
		id, _ := f.GetCellStyle(SheetTasks, cell)
		st, _ := f.GetStyle(id)
		if st == nil || st.Font == nil {
			return ""
		}
		return st.Font.Color
	}
	found := 0
	for r, row := range taskRows(t, f) {
		var want string
		switch row[colText] {
		case d.Tasks[0].Text:
			want = "808080"
		case d.Tasks[1].Text:
			want = ""
		default:
			continue
		}
		found++
		if got := color(cellName(colLead, r+1)); !strings.EqualFold(got, want) && !(want == "" && strings.EqualFold(got, "000000")) {
			t.Errorf("%.15s: lead font %q, want %q", row[colText], got, want)
		}
		if row[colLead] == "" || row[colBasis] == "" {
			t.Errorf("%.15s: lead %q basis %q", row[colText], row[colLead], row[colBasis])
		}
	}
	if found != 2 {
		t.Fatalf("found %d of 2", found)
	}
}

// taskRows returns the task sheet's rows, each padded to every column, so
// that a test can index any column of any row.
func taskRows(t *testing.T, f *excelize.File) [][]string {
	t.Helper()
	rows, err := f.GetRows(SheetTasks)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		for len(rows[i]) < numCols {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// TestWorkbookFromJSON: the JSON holds everything the workbook is made of,
// so a workbook written again from it (the source archived, a unit's
// progress to fill in) equals the first, sheet by sheet, cell by cell.
func TestWorkbookFromJSON(t *testing.T) {
	d := fixture(t)
	d.Tasks[3].LeadUnits, d.Tasks[3].AssignmentSource, d.Tasks[3].AssignmentBasis = []string{"组织科"}, "suggestion", "建议：牵头 组织科；职责“党员”"
	d.Tasks[4].Deadline, d.Tasks[4].DeadlineText, d.Tasks[4].DeadlineSource = "2026-06-30", "6月底前", "text"
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Units: units, RulesVersion: "v1", Generated: generated}
	a, b := roundTrip(t, d, o), roundTrip(t, back, o)
	for _, sh := range a.GetSheetList() {
		ra, _ := a.GetRows(sh)
		rb, err := b.GetRows(sh)
		if err != nil {
			t.Fatalf("%s: %v", sh, err)
		}
		if fmt.Sprint(ra) != fmt.Sprint(rb) {
			t.Errorf("sheet %s differs when written from the JSON", sh)
		}
	}
}

// TestPrintReadable prints the task sheet with LibreOffice and measures
// the text on the PDF's first page: the 任务分解表 prints at 10 pt or more
// (a word box of a CJK face is about 1.18 times its size). Skipped without
// soffice and pdftotext.
func TestPrintReadable(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, fixture(t), Options{Units: units, Generated: generated}); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "表.xlsx")
	if err := os.WriteFile(src, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", "-bbox", filepath.Join(dir, "表.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]+)<`)
	var heights []float64
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		if !utf8.ValidString(m[3]) || !unicode.Is(unicode.Han, []rune(m[3])[0]) {
			continue
		}
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		heights = append(heights, hi-lo)
	}
	if len(heights) < 20 {
		t.Fatalf("%d words of Chinese on the first page", len(heights))
	}
	sort.Float64s(heights)
	if pt := heights[len(heights)/2] / 1.18; pt < 10 {
		t.Errorf("the first page prints at about %.1f pt", pt)
	} else {
		t.Logf("the first page prints at about %.1f pt (%d words)", pt, len(heights))
	}
}

// TestPlainNumber: a value goes into a number cell only when the cell
// reads it back as written.
func TestPlainNumber(t *testing.T) {
	for v, want := range map[string]bool{"46162": true, "-3": true, "46162.5": true, "0": true,
		"00": false, "046162": false, "1e5": false, "46162.0": false, "": false, "长期": false} {
		if _, ok := PlainNumber(v); ok != want {
			t.Errorf("PlainNumber(%q) = %v, want %v", v, ok, want)
		}
	}
}
