package review

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/luoshi/luoshi/pipeline/eval"
	"github.com/luoshi/luoshi/pipeline/export"
)

func TestBuildGold(t *testing.T) {
	sheets := sampleSheets(header)
	sheets[export.SheetStructure] = [][]string{
		{"编号", "标题", "层级", "任务数", "原文位置"},
		{"一", "打造一支对党忠诚的队伍", "一级部署", "3", "第3段"},
		{"（一）", "抓实理论学习", "重点任务", "1", "第3段第4句"},
		{"二", "磨炼一支敢于担当的队伍", "一级部署", "2", "第4段"},
		{"三", "没有任务的部署", "一级部署", "0", "第5段"},
		{"", "（未归入一级部署）", "", "1", ""},
	}
	sheets[export.SheetSlogans] = [][]string{
		{"序号", "提法口号", "类型", "出现次数", "出现位置", "命中规则", "审核意见"},
		{"1", "三会一课", "概括性提法", "1", "", "", "确认"},
		{"2", "虚", "引号提法", "1", "", "", "误报"},
		{"3", "喜迎二十大", "引号提法", "1", "", "", ""},
	}
	sheets[export.SheetOverview] = append(sheets[export.SheetOverview], []string{"文中宣布的一级部署数", "4"})
	sheets[export.SheetTasks] = append(sheets[export.SheetTasks],
		taskRow(header, map[string]string{"一级部署": "（未归入一级部署）", "任务内容": "希望大家认真领会。", "审核意见": "确认", "任务编号": "T006"}))
	wb, err := Read(xlsx(t, sheets), "讲话-任务分解.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "讲话.gold.json")
	if err := WriteGold(out, BuildGold(wb, nil)); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "gold.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("gold differs from %s (run with -update after checking):\n%s", golden, got)
	}

	// eval reads it back, and a base gold's slogans survive a review.
	g, err := LoadGold(out)
	if err != nil || g == nil || len(g.Tasks) != 5 || *g.AnnouncedPillars != 4 {
		t.Fatalf("LoadGold = %+v, %v", g, err)
	}
	again := BuildGold(wb, &eval.Gold{Slogans: []eval.GoldSlogan{{Text: "两学一做"}}})
	if len(again.Slogans) != 1 || again.Slogans[0].Text != "两学一做" {
		t.Errorf("slogans with a base gold = %+v", again.Slogans)
	}
	if g, err := LoadGold(filepath.Join(dir, "无.gold.json")); g != nil || err != nil {
		t.Errorf("missing gold = %v, %v; want nil, nil", g, err)
	}
}

// Without the 文档结构 sheet the pillars come from the title rows and the
// task rows, the export's task counts dropped.
func TestBuildGoldNoOutline(t *testing.T) {
	wb, err := Read(xlsx(t, sampleSheets(header)), "讲话-任务分解.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range BuildGold(wb, nil).Pillars {
		titles = append(titles, p.Number+"、"+p.Title)
	}
	want := []string{"一、打造一支对党忠诚的队伍", "二、磨炼一支敢于担当的队伍"}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("pillars %q, want %q", titles, want)
	}
}

func TestSplitPillar(t *testing.T) {
	for _, tc := range []struct{ in, num, title string }{
		{"一、打造队伍。", "一", "打造队伍"},
		{"第二，磨炼队伍", "二", "磨炼队伍"},
		{"第三部分 建设", "三", "建设"},
		{"无编号标题", "", "无编号标题"},
	} {
		n, ti := splitPillar(tc.in)
		if n != tc.num || ti != tc.title {
			t.Errorf("splitPillar(%q) = %q, %q; want %q, %q", tc.in, n, ti, tc.num, tc.title)
		}
	}
}
