package ledger

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/xuri/excelize/v2"
)

func TestCellDate(t *testing.T) {
	for in, want := range map[string]string{
		"46203":      "2026-06-30", // a date cell's serial
		"46203.5":    "2026-06-30",
		"2026-06-30": "2026-06-30",
		"2026/6/30":  "2026-06-30",
		"2026.6.30":  "2026-06-30",
		"2026年6月30日": "2026-06-30",
		"长期":         "",
		"每季度":        "",
		"":           "",
		"0":          "",
	} {
		d, ok := CellDate(in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("CellDate(%q) = %q, want %q", in, got, want)
		}
	}
	if s := Serial(time.Date(2026, 6, 30, 15, 0, 0, 0, time.UTC)); s != 46203 {
		t.Errorf("Serial(2026-06-30) = %d", s)
	}
}

// TestOverdue: 剩余天数 and 是否逾期 against a fixed today.
func TestOverdue(t *testing.T) {
	today := time.Date(2026, 7, 1, 16, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		due, status, done string
		left              string // "" for none
		overdue           string
	}{
		{"2026-06-30", "", "", "-1", "是"},
		{"2026-07-01", "推进中", "", "0", "否"},
		{"2026-12-31", "", "", "183", "否"},
		{"2026-06-30", "已完成", "", "", "否"},
		{"2026-06-30", "", "2026-06-20", "", "否"},
		{"2026-06-30", "已完成", "2026-07-01", "", "逾期完成"},
		{"长期", "", "", "", ""},
		{"", "推进中", "", "", ""},
	} {
		it := &Item{Due: tc.due, Status: tc.status, Done: tc.done}
		left := ""
		if n, ok := it.DaysLeft(today); ok {
			left = strconv.Itoa(n)
		}
		if left != tc.left || it.Overdue(today) != tc.overdue {
			t.Errorf("due %q status %q done %q: left %q overdue %q, want %q %q", tc.due, tc.status, tc.done, left, it.Overdue(today), tc.left, tc.overdue)
		}
	}
}

// TestShareName: a unit's name as a file name Windows accepts.
func TestShareName(t *testing.T) {
	for unit, want := range map[string]string{
		"省发展改革委":                 "省发展改革委-任务清单.xlsx",
		"各市、县〔市、区〕政府":            "各市、县〔市、区〕政府-任务清单.xlsx",
		`办公室/综合科`:                "办公室_综合科-任务清单.xlsx",
		`"宣传部"：新闻科?`:             "_宣传部_：新闻科_-任务清单.xlsx", // a full-width ： is legal,
		"CON":                    "_CON-任务清单.xlsx",
		"com1":                   "_com1-任务清单.xlsx",
		"组织部. ":                  "组织部-任务清单.xlsx",
		strings.Repeat("很长", 40): strings.Repeat("很长", 30) + "-任务清单.xlsx",
	} {
		if got := ShareName(unit); got != want {
			t.Errorf("ShareName(%q) = %q, want %q", unit, got, want)
		}
	}
}

// TestMerge: what a unit changed in its share fills empty cells and
// replaces what an earlier share of it put there; what the office typed
// stays, and a different report for it is a conflict; what the unit left
// as it was sent is nothing.
func TestMerge(t *testing.T) {
	sent := map[string]string{export.ColStatus: "", export.ColProgress: "", export.ColDone: "", export.ColDelay: ""}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range sent {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	rv := &export.Review{Rows: []export.Row{
		{ID: "t1", Text: "甲", In: export.Input{export.ColProgress: "督查室：抓紧"}},
		{ID: "t2", Text: "乙", In: export.Input{export.ColLead: "市经信局"}},
	}}
	applied := Applied{}
	rows := []ReturnedRow{
		{ID: "t1", Workbook: "a.xlsx", Values: with(export.ColStatus, "推进中", export.ColProgress, "已开工"), Sent: with()},
		{ID: "t2", Workbook: "a.xlsx", Values: with(export.ColStatus, "已完成", export.ColDone, "46162"), Sent: with()},
		{ID: "t3", Workbook: "a.xlsx", Text: "丙", Values: with(), Sent: with()}, // unchanged
	}
	changed, conflicts := Merge(rv, "市经信局", "a.xlsx", rows, applied)
	if !changed || len(conflicts) != 1 || conflicts[0].ID != "t1" || conflicts[0].Office != "督查室：抓紧" || conflicts[0].Reported != "已开工" {
		t.Fatalf("changed %v, conflicts %+v", changed, conflicts)
	}
	in := map[string]export.Input{}
	for _, r := range rv.Rows {
		in[r.ID] = r.In
	}
	if in["t1"][export.ColStatus] != "推进中" || in["t1"][export.ColProgress] != "督查室：抓紧" {
		t.Errorf("t1: %v", in["t1"])
	}
	if in["t2"][export.ColStatus] != "已完成" || in["t2"][export.ColDone] != "46162" || in["t2"][export.ColLead] != "市经信局" {
		t.Errorf("t2: %v", in["t2"])
	}
	if _, ok := in["t3"]; ok {
		t.Error("an unchanged row was added")
	}
	// The unit's next report replaces its own earlier one, not the
	// office's.
	next := []ReturnedRow{{ID: "t2", Workbook: "a.xlsx", Values: with(export.ColStatus, "已暂缓", export.ColDone, "46162"), Sent: with(export.ColStatus, "已完成", export.ColDone, "46162")}}
	changed, conflicts = Merge(rv, "市经信局", "a.xlsx", next, applied)
	if !changed || len(conflicts) != 0 || rv.Rows[1].In[export.ColStatus] != "已暂缓" {
		t.Errorf("second report: changed %v, conflicts %v, status %q", changed, conflicts, rv.Rows[1].In[export.ColStatus])
	}
	// Once the office types over it, a report is a conflict again.
	rv.Rows[1].In[export.ColStatus] = "推进中"
	next[0].Sent, next[0].Values = with(export.ColStatus, "推进中"), with(export.ColStatus, "已完成")
	if _, conflicts = Merge(rv, "市经信局", "a.xlsx", next, applied); len(conflicts) != 1 {
		t.Errorf("over the office's entry: conflicts %v", conflicts)
	}
}

// TestAttachment: the table to attach has a title row per pillar, the
// tasks in order, deadlines written as a 任务分解表 writes them.
func TestAttachment(t *testing.T) {
	point := "壮大先进制造业"
	d := &Document{Source: Source{Name: "方案.txt", Stem: "方案"}, Doc: &doc.Document{
		Info:    doc.Info{Title: "某某方案", Number: "某政发〔2026〕1号", Date: "2026-03-02"},
		Pillars: []doc.Pillar{{Number: "一", Title: "推进产业升级"}, {Number: "二", Title: "优化营商环境"}},
		Tasks: []doc.Task{
			{Text: "加快建设集群。", Pillar: 1, Point: &point},
			{Text: "深化改革。", Pillar: 2},
		},
	}}
	items := []*Item{
		{Doc: d, Task: &d.Doc.Tasks[0], Pillar: "一、推进产业升级", Lead: "市经信局", Due: "46387"},
		{Doc: d, Task: &d.Doc.Tasks[1], Pillar: "二、优化营商环境", Due: "2026-07-01"},
	}
	tb := Attachment(d, items)
	if tb.Title != "某某方案任务分解表" || tb.Subtitle != "（某政发〔2026〕1号，2026年3月2日）" {
		t.Errorf("title %q subtitle %q", tb.Title, tb.Subtitle)
	}
	var got []string
	for _, r := range tb.Rows {
		if r.Group != "" {
			got = append(got, "#"+r.Group)
			continue
		}
		got = append(got, strconv.Itoa(r.Seq)+" "+r.Point+" "+r.Text+" "+r.Lead+" "+r.Due)
	}
	want := []string{"#一、推进产业升级", "1 壮大先进制造业 加快建设集群。 市经信局 2026年12月底前", "#二、优化营商环境", "2  深化改革。  2026年7月1日前"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
}

// TestItemSuggested: a cell holds a suggestion while nobody has typed
// over it; what a person typed, or the text stated, is no suggestion.
func TestItemSuggested(t *testing.T) {
	d := &Document{Source: Source{Name: "方案.txt", Stem: "方案"}, Doc: &doc.Document{}}
	suggested := doc.Task{ID: "t1", Text: "推进数字政府建设。", LeadUnits: []string{"市数据局"}, PartnerUnits: []string{"市财政局"},
		AssignmentSource: "suggestion", Deadline: "2026-12-31", DeadlineSource: "suggestion"}
	stated := doc.Task{ID: "t2", Text: "推进项目。", LeadUnits: []string{"市发展改革委"}, AssignmentSource: "text", Deadline: "2026-06-30", DeadlineSource: "text"}
	for _, tc := range []struct {
		name                  string
		task                  doc.Task
		typed                 export.Input
		lead, partners, due   bool
		wantLead, wantPartner string
	}{
		{"untouched suggestion", suggested, nil, true, true, true, "市数据局", "市财政局"},
		{"lead typed over", suggested, export.Input{export.ColLead: "市政府办公室"}, false, true, true, "市政府办公室", "市财政局"},
		{"all typed", suggested, export.Input{export.ColLead: "市数据局", export.ColPartner: "市经信局", export.ColDue: "2026-09-30"}, false, false, false, "市数据局", "市经信局"},
		{"stated in the text", stated, nil, false, false, false, "市发展改革委", ""},
		{"the suggested deadline read back", suggested, export.Input{export.ColDue: export.GeneratedDue(&suggested)}, true, true, true, "市数据局", "市财政局"},
	} {
		it := item(d, &tc.task, map[string]export.Input{export.TaskID(&tc.task): tc.typed})
		if it.LeadSuggested != tc.lead || it.PartnersSuggested != tc.partners || it.DueSuggested != tc.due || it.Lead != tc.wantLead || it.Partners != tc.wantPartner {
			t.Errorf("%s: %+v", tc.name, it)
		}
		row := Attachment(d, []*Item{it}).Rows[1]
		if row.LeadSuggested != tc.lead || row.DueSuggested != tc.due {
			t.Errorf("%s: table row %+v", tc.name, row)
		}
	}
}

// TestSuggestedMarked: the 总台账 and a unit's share show the program's
// suggestions in grey italics, and the share says in words that the
// unit's part is a suggestion; confirmed parts look as before.
func TestSuggestedMarked(t *testing.T) {
	d := &Document{Source: Source{Name: "a.txt", Stem: "a"}, Doc: &doc.Document{}}
	items := []*Item{
		{Doc: d, Task: &doc.Task{Text: "推进数字政府建设。"}, ID: "t1", Lead: "市数据局", Due: "46387", LeadSuggested: true, DueSuggested: true},
		{Doc: d, Task: &doc.Task{Text: "推进数据要素市场化。"}, ID: "t2", Lead: "市数据局", Due: "46203"},
	}
	day := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	open := func(write func(w io.Writer) error) *excelize.File {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	italic := func(f *excelize.File, sh, cell string) bool {
		id, err := f.GetCellStyle(sh, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Font != nil && st.Font.Italic && st.Font.Color == "808080"
	}
	find := func(f *excelize.File, sh, title string) (int, bool) {
		rows, err := f.GetRows(sh)
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v", sh, err)
		}
		for i, v := range rows[1] {
			if v == title {
				return i + 1, true
			}
		}
		return 0, false
	}
	cell := func(col, row int) string {
		name, _ := excelize.CoordinatesToCellName(col, row)
		return name
	}

	ledger := open(func(w io.Writer) error { return WriteLedger(w, items, day, day) })
	sh := ledger.GetSheetName(0)
	for _, title := range []string{export.ColLead, export.ColDue} {
		c, ok := find(ledger, sh, title)
		if !ok {
			t.Fatalf("总台账 has no %s", title)
		}
		if !italic(ledger, sh, cell(c, 3)) || italic(ledger, sh, cell(c, 4)) {
			t.Errorf("总台账 %s: suggested row grey %v, confirmed row grey %v", title, italic(ledger, sh, cell(c, 3)), italic(ledger, sh, cell(c, 4)))
		}
	}

	share := open(func(w io.Writer) error { return WriteShare(w, "市数据局", items, day, day) })
	c, ok := find(share, SheetShare, colRole)
	if !ok {
		t.Fatal("the share has no role column")
	}
	first, _ := share.GetCellValue(SheetShare, cell(c, 3))
	second, _ := share.GetCellValue(SheetShare, cell(c, 4))
	if first != "牵头（建议）" || second != "牵头" || !italic(share, SheetShare, cell(c, 3)) || italic(share, SheetShare, cell(c, 4)) {
		t.Errorf("share roles %q %q", first, second)
	}
}
