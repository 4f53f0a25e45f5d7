package assign

import (
	"strings"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// TestSuggest: a measure's duty words name the unit that leads it, the
// longest word speaks (失业保险 is 人社's, not the 保险 of 金融), means
// (资金、补助) call for a partner, a stated responsibility is left alone,
// a measure naming no duty gets none, a unit of no known type leads where
// it is the subject, an organ stands for its type before a company, and a
// duty word modifying another's (农业装备) yields to the compound's head.
// Sentences written for this test.
func TestSuggest(t *testing.T) {
	r := dict.MustDefault()
	units := []string{"市人社局", "市财政局", "市农业农村局", "市商务局", "市金融控股公司", "市金融办", "党员教育管理科", "市教育局", "各有关部门", "市发展改革委", "各级发展改革部门", "市经信局"}
	point := "稳定就业"
	d := &doc.Document{Tasks: []doc.Task{
		{Text: "加强失业保险基金管理。", Location: doc.Location{Paragraph: 1}, Point: &point},
		{Text: "新建高标准农田五万亩。", Location: doc.Location{Paragraph: 2}},
		{Text: "开展招商引资，稳住外贸外资。", Location: doc.Location{Paragraph: 3}},
		{Text: "对吸纳就业的企业给予资金补助和贴息。", Location: doc.Location{Paragraph: 4}},
		{Text: "新建一批幼儿园，扩大学位供给。", Location: doc.Location{Paragraph: 5}},
		{Text: "加快推进项目。", Location: doc.Location{Paragraph: 6}, LeadUnits: []string{"市发展改革委"}, AssignmentSource: "text"},
		{Text: "坚定信心，埋头苦干。", Location: doc.Location{Paragraph: 7}},
		{Text: "各有关部门要加强政策宣传。", Location: doc.Location{Paragraph: 8}, Actors: []string{"各有关部门"}},
		{Text: "扩大普惠信贷投放。", Location: doc.Location{Paragraph: 9}},
		{Text: "各级发展改革部门要做好重大项目储备。", Location: doc.Location{Paragraph: 10}, Actors: []string{"各级发展改革部门"}},
		{Text: "提升农业装备智能化水平。", Location: doc.Location{Paragraph: 11}},
		{Text: "支持农业龙头企业发展。", Location: doc.Location{Paragraph: 12}},
		{Text: "市金融控股公司要扩大普惠信贷投放。", Location: doc.Location{Paragraph: 13}, Actors: []string{"市金融控股公司"}},
	}}
	Suggest(d, r, units)
	for i, want := range []struct{ lead, partners, source string }{
		{"市人社局", "", "suggestion"},
		{"市农业农村局", "", "suggestion"},
		{"市商务局", "", "suggestion"},
		{"市人社局", "市财政局", "suggestion"},
		{"市教育局", "", "suggestion"},
		{"市发展改革委", "", "text"},
		{"", "", ""},
		{"各有关部门", "", "suggestion"},    // a unit of no type, named as the subject
		{"市金融办", "", "suggestion"},     // the organ, not the company of its field
		{"各级发展改革部门", "", "suggestion"}, // the subject, though 市发展改革委 stands for the type
		{"市经信局", "", "suggestion"},     // 农业装备 is equipment: 农业 modifies its head 装备
		{"市农业农村局", "", "suggestion"},   // 农业龙头企业: no duty word is its head
		{"市金融控股公司", "", "suggestion"},  // a company leads where it is the subject
	} {
		task := d.Tasks[i]
		if got := strings.Join(task.LeadUnits, "、"); got != want.lead || strings.Join(task.PartnerUnits, "、") != want.partners || task.AssignmentSource != want.source {
			t.Errorf("%s: lead %q partners %q source %q, want %q %q %q (%s)", task.Text, got, task.PartnerUnits, task.AssignmentSource, want.lead, want.partners, want.source, task.AssignmentBasis)
		}
	}
}

// TestDutyOf: a unit's type from its name, the feature followed by an
// organ's suffix; the longest feature wins, so 党员教育管理科 is the section
// of party members' education, not an education bureau.
func TestDutyOf(t *testing.T) {
	r := dict.MustDefault()
	for unit, want := range map[string]string{
		"省经信厅": "工业和信息化", "市发改委": "发展改革", "国家发展改革委": "发展改革", "人社局": "人力资源社会保障",
		"省人力社保厅": "人力资源社会保障", "省文化广电和旅游厅": "文化和旅游", "人行浙江省分行": "金融", "党员教育管理科": "党员教育", "县委组织部干部科": "干部科",
		"省委人才办": "人才办", "党员活动室": "",
	} {
		d, ok := r.DutyOf(unit)
		if got := d.Type; ok != (want != "") || got != want {
			t.Errorf("DutyOf(%s) = %q, %v; want %q", unit, got, ok, want)
		}
	}
}

func TestGeneratedUnits(t *testing.T) {
	for _, tc := range []struct{ basis, lead, partners string }{
		{SuggestionBasis([]string{"市人社局"}, []string{"市财政局", "市教育局"}, "职责“就业”"), "市人社局", "市财政局、市教育局"},
		{SuggestionBasis([]string{"市人社局"}, nil, "职责“就业”"), "市人社局", ""},
		{"原文：（市发展改革委牵头，市经信局按职责分工负责）", "市发展改革委", "市经信局"},
	} {
		lead, partners, ok := GeneratedUnits(tc.basis)
		if !ok || lead != tc.lead || partners != tc.partners {
			t.Errorf("GeneratedUnits(%q) = %q %q %v", tc.basis, lead, partners, ok)
		}
	}
	if _, _, ok := GeneratedUnits("审核人的说明"); ok {
		t.Error("any text read as generated")
	}
}

// TestCoordinator: the unit a document names with 牵头 or 会同 in a section
// organizing its implementation, outside parentheticals; the first of a
// list; a type's 部门 stands for the first unit of the type; the most
// named wins, the later at a tie. Sentences written for this test.
func TestCoordinator(t *testing.T) {
	r := dict.MustDefault()
	units := []string{"市经信局", "市发展改革委", "市农业农村局", "市教育局", "各有关部门"}
	para := func(text string) doc.Paragraph {
		return doc.Paragraph{Text: text, Sentences: []doc.Sentence{{Text: text}}}
	}
	for _, tc := range []struct {
		name    string
		pillars []doc.Pillar
		paras   []string
		want    string
	}{
		{"closing sentence", nil, []string{"本方案自印发之日起实施，由市发展改革委负责牵头组织实施。"}, "市发展改革委"},
		{"会同 under an organizing heading", []doc.Pillar{{Title: "加强组织保障"}}, []string{"市教育局要会同有关部门做好指导和督查。"}, "市教育局"},
		{"first of a list", nil, []string{"建立由市农业农村局、市经信局牵头的协调推进机制。"}, "市农业农村局"},
		{"a type's 部门", []doc.Pillar{{Title: "保障措施"}}, []string{"建立经信部门牵头、有关部门参与的工作机制。"}, "市经信局"},
		{"a measure's parenthetical is not the document's", nil, []string{"完善工作机制（市教育局牵头，市经信局配合）。"}, ""},
		{"outside an organizing section", []doc.Pillar{{Title: "推动产业发展"}}, []string{"市经信局要会同市教育局开展产教融合。"}, ""},
		{"a unit not in the list", nil, []string{"建立由政府负责人牵头的工作机制。"}, ""},
		{"the later at a tie", []doc.Pillar{{Title: "健全工作机制"}}, []string{"市经信局牵头制定方案。", "市发展改革委会同各有关部门抓好落实。"}, "市发展改革委"},
		{"the later in a paragraph, whatever its verb", []doc.Pillar{{Title: "健全工作机制"}}, []string{"市发展改革委会同各有关部门抓好落实，市经信局牵头制定方案。"}, "市经信局"},
		{"the most named", []doc.Pillar{{Title: "健全工作机制"}}, []string{"市经信局牵头制定方案。", "市经信局会同市教育局开展评估。", "市发展改革委会同各有关部门抓好落实。"}, "市经信局"},
	} {
		d := &doc.Document{Pillars: tc.pillars}
		for _, p := range tc.paras {
			d.Paragraphs = append(d.Paragraphs, para(p))
		}
		got, ok := coordinator(d, r, units)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: coordinator = %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
}

// TestCoordinatorLeadsByDefault: the coordinator leads a measure whose
// words name no duty, and one whose duty words weigh no more than its own
// (one in the measure's text), but not a measure another unit's duties
// claim more; it never becomes a partner by coordinating alone.
func TestCoordinatorLeadsByDefault(t *testing.T) {
	r := dict.MustDefault()
	units := []string{"市经信局", "市发展改革委", "市教育局"}
	d := &doc.Document{
		Pillars: []doc.Pillar{{Title: "重点任务"}, {Title: "保障措施", Location: doc.Location{Paragraph: 3}}},
		Paragraphs: []doc.Paragraph{
			{Text: "鼓励企业加强合作。"},
			{Text: "支持高校开设相关课程，加强教师培训。"},
			{Text: "支持中小企业上云。"},
			{Text: "保障措施"},
			{Text: "由市发展改革委负责牵头组织实施。"},
		},
		Tasks: []doc.Task{
			{Text: "鼓励企业加强合作。", Location: doc.Location{Paragraph: 0}, Pillar: 1},
			{Text: "支持高校开设相关课程，加强教师培训。", Location: doc.Location{Paragraph: 1}, Pillar: 1},
			{Text: "支持中小企业上云。", Location: doc.Location{Paragraph: 2}, Pillar: 1},
		},
	}
	Suggest(d, r, units)
	for i, want := range []struct{ lead, partners string }{
		{"市发展改革委", ""},
		{"市教育局", ""},
		{"市发展改革委", "市经信局"}, // a tie with one duty word goes to the coordinator
	} {
		task := d.Tasks[i]
		if got := strings.Join(task.LeadUnits, "、"); got != want.lead || strings.Join(task.PartnerUnits, "、") != want.partners {
			t.Errorf("%s: lead %q partners %q, want %q %q (%s)", task.Text, got, task.PartnerUnits, want.lead, want.partners, task.AssignmentBasis)
		}
	}
}

// TestCompanyPartnersOnly: a company whose field a measure names helps
// with it; an organ of government leads, though its words weigh less.
func TestCompanyPartnersOnly(t *testing.T) {
	d := &doc.Document{Tasks: []doc.Task{{Text: "扩大普惠信贷投放，给予贴息补助。"}}}
	Suggest(d, dict.MustDefault(), []string{"市金融控股公司", "市财政局"})
	if task := d.Tasks[0]; strings.Join(task.LeadUnits, "、") != "市财政局" || strings.Join(task.PartnerUnits, "、") != "市金融控股公司" {
		t.Errorf("lead %q partners %q, want 市财政局 市金融控股公司 (%s)", task.LeadUnits, task.PartnerUnits, task.AssignmentBasis)
	}
}

// TestSuggestSections: with the default unit list, an organization
// department's own sections, a party-building measure goes to the section
// whose duty it names, not to the government organ whose shorter word is
// inside it (党史学习教育 is not the education bureau's, 组工干部's conduct
// not the discipline commission's). Sentences written for this test.
func TestSuggestSections(t *testing.T) {
	r := dict.MustDefault()
	var units []string
	for _, u := range r.UnitList {
		units = append(units, u.Text)
	}
	for _, tc := range []struct{ text, lead string }{
		{"推动党史学习教育常态化长效化。", "党员教育管理科"},
		{"严格落实“三会一课”、主题党日和组织生活会制度。", "组织科"},
		{"加强年轻干部队伍建设，完善干部考核办法。", "干部科"},
		{"组工干部要带头转变作风，树立良好形象。", "办公室"},
		{"深入实施招才引智工程。", "人才办"},
		{"新建城区第二幼儿园，扩大学位供给。", "教育局"},
	} {
		d := &doc.Document{Tasks: []doc.Task{{Text: tc.text}}}
		Suggest(d, r, units)
		if got := strings.Join(d.Tasks[0].LeadUnits, "、"); got != tc.lead {
			t.Errorf("%s: lead %q, want %q (%s)", tc.text, got, tc.lead, d.Tasks[0].AssignmentBasis)
		}
	}
}
