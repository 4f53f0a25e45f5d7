package structure

import (
	"strings"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

func build(text string) *doc.Document {
	return &doc.Document{Info: doc.Info{Name: "测试.txt"}, Paragraphs: doc.Build(strings.Split(text, "\n"), nil)}
}

// outline renders pillars and points as "一:标题[要点|要点]" for compact
// comparison.
func outline(o *Outline) string {
	var b strings.Builder
	for i, p := range o.Pillars {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(p.Number + ":" + p.Title)
		if len(p.Points) > 0 {
			var ts []string
			for _, q := range p.Points {
				ts = append(ts, q.Title)
			}
			b.WriteString("[" + strings.Join(ts, "|") + "]")
		}
	}
	return b.String()
}

func TestNumberingStyles(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"cn and paren-cn", "一、总体要求\n（一）指导思想。坚持以人民为中心。\n（二）基本原则。\n二、重点任务\n（三）加强党建。要落实责任。",
			"一:总体要求[指导思想|基本原则] 二:重点任务[加强党建]"},
		{"arabic and paren-arabic", "1.提高认识\n（1）统一思想。\n（2）加强学习。\n2.狠抓落实\n（1）压实责任。",
			"1:提高认识[统一思想|加强学习] 2:狠抓落实[压实责任]"},
		{"circled", "一、工作任务\n①完善制度。\n②强化考核。\n二、保障措施\n①加强领导。",
			"一:工作任务[完善制度|强化考核] 二:保障措施[加强领导]"},
		{"shi as points", "一、抓好学习\n一是抓实理论学习。要原原本本学。二是强化培训。每月开展一次。\n二、抓好落实\n一是压实责任。",
			"一:抓好学习[抓实理论学习|强化培训] 二:抓好落实[压实责任]"},
		{"shi as top level", "一是提高政治站位。各级党组织要高度重视。\n二是加强组织领导。要建立工作专班。",
			"一:提高政治站位 二:加强组织领导"},
		{"di", "第一，要提高站位。大家要认识到位。\n第二，要狠抓落实。\n第三，要严守纪律。",
			"一:要提高站位 二:要狠抓落实 三:要严守纪律"},
		{"sequence as headings", "首先，要加强学习。理论学习是基础。\n其次，要注重实践。\n最后，要严守纪律。",
			"首先:要加强学习 其次:要注重实践 最后:要严守纪律"},
		{"heading opens paragraph", "一、打造过硬队伍。对干部来说，忠诚第一。\n二、提升能力。要多学习。",
			"一:打造过硬队伍 二:提升能力"},
		{"implicit points", "一、建设队伍。对干部来说，忠诚第一。要始终把政治建设摆在首位。抓实理论学习。坚持学习制度，每周学习。强化党性淬炼。开展主题党日活动，锤炼党性。严肃政治生活。严格执行准则，落实制度。\n二、狠抓落实。要多学习。",
			"一:建设队伍[抓实理论学习|强化党性淬炼|严肃政治生活] 二:狠抓落实"},
		{"paragraph-opening leads", "一、稳企业保就业\n保障就业和民生，必须稳住上亿市场主体。\n加大减税降费力度。强化阶段性政策。免征增值税。\n强化对稳企业的金融支持。推动利率下行。优化贷款。\n千方百计稳定和扩大就业。加强职业培训。\n二、扩大内需\n要扩大内需。",
			"一:稳企业保就业[加大减税降费力度|强化对稳企业的金融支持|千方百计稳定和扩大就业] 二:扩大内需"},
		{"unnumbered short heading lines", "在全区组织工作会议上的讲话\n同志们：\n今天召开会议。\n提高政治站位\n要加强学习。\n狠抓工作落实\n要压实责任。\n组织部\n2024年3月1日",
			":提高政治站位 :狠抓工作落实"},
		{"lone number is text", "一、部署\n2.这不是标题，前面没有 1.\n二、保障",
			"一:部署 二:保障"},
		{"closing sequence word is text", "一、部署\n要落实。\n二、保障\n要保障。\n最后，我再强调一点。大家要努力。",
			"一:部署 二:保障"},
		{"address mid-speech closes nothing", "一、部署\n同志们，要落实。\n二、保障\n要保障。", "一:部署 二:保障"},
		{"number 1.5 is no heading", "一、目标\n1.5倍的增长。\n二、措施", "一:目标 二:措施"},
		{"points continue across pillars", "一、甲\n（一）子一。\n（二）子二。\n二、乙\n（三）子三。\n（四）子四。",
			"一:甲[子一|子二] 二:乙[子三|子四]"},
		{"lead-in before inline shi", "一、部署\n一是甲事。要做甲。\n二是乙事。\n二、原则\n工作原则：一是及时报送。要在3天内报送。二是准确报送。要真实。三是全面兼顾。",
			"一:部署[甲事|乙事] 二:原则[及时报送|准确报送|全面兼顾]"},
		{"lead-in before di", "一、要求\n具体要求：第一，加强领导。要重视。第二，压实责任。\n二、保障\n要保障。",
			"一:要求[加强领导|压实责任] 二:保障"},
		{"a long clause before a colon is no lead-in", "一、部署\n一是甲事。\n二是乙事。\n二、原则\n按照省里统一部署和有关文件的具体要求：一是及时报送。二是准确报送。",
			"一:部署[甲事|乙事] 二:原则"},
		{"a lead-in with a comma is no lead-in", "一、部署\n一是甲事。\n二是乙事。\n二、原则\n为此，要求：一是及时报送。二是准确报送。",
			"一:部署[甲事|乙事] 二:原则"},
		{"appendix stops the outline", "一、部署\n要落实。\n二、保障\n附件1\n一、名单\n二、表格",
			"一:部署 二:保障"},
		{"bare headings over restarting numbers", "工作报告\n2024年工作回顾\n（一）经济平稳。增长5%。\n（二）民生改善。\n2025年工作安排\n（一）扩大内需。要促消费。\n（二）稳定就业。",
			":2024年工作回顾[经济平稳|民生改善] :2025年工作安排[扩大内需|稳定就业]"},
	}
	r := dict.MustDefault()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Analyze(build(tt.text), r)
			if got := outline(o); got != tt.want {
				t.Errorf("outline =\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}

func TestRolesAndReview(t *testing.T) {
	d := build("一、2024年工作回顾\n新建高标准农田550万亩。\n二、2025年重点工作\n围绕今年发展目标，重点抓好十个方面的工作。\n（一）扩大内需\n加力提振消费。实施专项行动。\n（二）稳定就业\n要稳岗。")
	o := Analyze(d, dict.MustDefault())
	roles := map[string]Sentence{}
	for _, s := range o.Sentences {
		roles[d.Paragraphs[s.Para].Sentences[s.Index].Text] = s
	}
	if s := roles["新建高标准农田550万亩。"]; !s.Review || s.Pillar != 1 {
		t.Errorf("review sentence = %+v", s)
	}
	if s := roles["围绕今年发展目标，重点抓好十个方面的工作。"]; s.Role != MetaTalk || s.Pillar != 2 {
		t.Errorf("announcement = %+v", s)
	}
	if s := roles["实施专项行动。"]; s.Pillar != 2 || s.Point != 1 || s.Review {
		t.Errorf("body under point = %+v", s)
	}
	if len(o.Warnings) != 1 || !strings.Contains(o.Warnings[0], "十") {
		t.Errorf("warnings = %q, want one about the announced ten points", o.Warnings)
	}
}

func TestAnnounced(t *testing.T) {
	tests := []struct {
		text     string
		want     int
		warnings int
	}{
		{"开场白。我提以下两点意见。\n一、甲\n二、乙", 2, 0},
		{"开场白。下面我讲三点意见。\n一、甲\n二、乙", 3, 1},
		{"开场白，没有宣布。\n一、甲\n二、乙", 0, 0},
	}
	for _, tt := range tests {
		o := Analyze(build(tt.text), dict.MustDefault())
		got := 0
		if o.Announced != nil {
			got = *o.Announced
		}
		if got != tt.want || len(o.Warnings) != tt.warnings {
			t.Errorf("%q: announced %d warnings %q, want %d and %d warnings", tt.text, got, o.Warnings, tt.want, tt.warnings)
		}
	}
}

func TestTitle(t *testing.T) {
	tests := []struct{ text, want string }{
		{"2025年河南省政府工作报告\n各位代表：\n一、回顾", "2025年河南省政府工作报告"},
		{"2021年是极其不平凡的一年，我们如期实现了目标。\n一、甲", "测试.txt"},
		{"【法宝引证码】 CLI.12\n关于加强宣传工作的通知\n各单位：", "关于加强宣传工作的通知"},
		{"国务院关于印发国家职业教育改革\n实施方案的通知\n国发〔2019〕4号", "国务院关于印发国家职业教育改革实施方案的通知"},
		// Below a red header, its number and a red line drawn in text.
		{"某某市人民政府文件\n某政发〔2025〕3号\n线线线线线线线线线线线线某某市人民政府印发关于加快某项\n工作若干措施的通知\n各区县人民政府：", "某某市人民政府印发关于加快某项工作若干措施的通知"},
		// Under a website's menus.
		{"首页\n组织机构\n政务服务\n互动交流\n信息公开\n当前位置：首页\n索引号：\n发布机构：\n热点专题\n组配分类：\n生成日期：\n统一编号：\n2026-07-03\n某某厅等五部门印发《关于推进某项工作的实施意见》\n的通知\n发布日期：2026-07-03\n各市人民政府：", "某某厅等五部门印发《关于推进某项工作的实施意见》的通知"},
		// The years a plan covers end its title.
		{"附件1\n某某省加快某项建设\n行动方案（2026-2027年）\n一、总体要求", "某某省加快某项建设行动方案（2026-2027年）"},
		// A main title over two lines, then the subtitle.
		{"不忘初心担使命 传承博雅谱新篇\n奋力开创高水平发展新局面\n——在总结大会上的讲话\n同志们：", "不忘初心担使命传承博雅谱新篇奋力开创高水平发展新局面——在总结大会上的讲话"},
		// A short speech title with no genre word stays.
		{"“内因+外因”激发干劲\n在现在这个时代，我们如何提升？", "“内因+外因”激发干劲"},
	}
	for _, tt := range tests {
		if got := Analyze(build(tt.text), dict.MustDefault()).Title; got != tt.want {
			t.Errorf("title of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNumber: the 发文字号 on a line of its own, as typed or as a PDF
// splits it; a number cited in a sentence is another document's.
func TestNumber(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"国务院关于某事的意见\n国发〔2018〕39号\n各省人民政府：", "国发〔2018〕39号"},
		{"某某局关于某事的通知\n（新质监办发〔2012〕24号）\n各处室：", "新质监办发〔2012〕24号"},
		{"某某省人民政府文件\n浙政发〔２０２５〕１０ 号\n某某通知", "浙政发〔2025〕10号"},
		{"某某省人民政府文件\n浙政发〔2025〕10\n号\n某某通知", "浙政发〔2025〕10号"},
		{"某某行动方案\n为贯彻落实《国务院办公厅关于某事的意见》（国办发〔2025〕37号），制定本方案。", ""},
	} {
		if got := Analyze(build(tt.text), dict.MustDefault()).Number; got != tt.want {
			t.Errorf("number of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestParseCN(t *testing.T) {
	for in, want := range map[string]int{"一": 1, "十": 10, "十二": 12, "二十": 20, "二十三": 23, "两": 2, "九十九": 99} {
		if got, n := parseCN(in); got != want || n != len(in) {
			t.Errorf("parseCN(%q) = %d,%d", in, got, n)
		}
	}
	for _, in := range []string{"", "〇", "十十", "一一", "甲"} {
		if got, _ := parseCN(in); got != 0 {
			t.Errorf("parseCN(%q) = %d, want 0", in, got)
		}
	}
}

func TestClosingOnlyAfterLastHeading(t *testing.T) {
	d := build("一、部署\n同志们，要落实。\n二、保障\n要保障。\n最后，希望大家要努力。")
	o := Analyze(d, dict.MustDefault())
	pillarOf := map[string]int{}
	for _, s := range o.Sentences {
		pillarOf[d.Paragraphs[s.Para].Sentences[s.Index].Text] = s.Pillar
	}
	if pillarOf["同志们，要落实。"] != 1 {
		t.Errorf("mid-speech address moved its sentence to pillar %d", pillarOf["同志们，要落实。"])
	}
	if pillarOf["最后，希望大家要努力。"] != 0 {
		t.Errorf("closing paragraph stays in pillar %d", pillarOf["最后，希望大家要努力。"])
	}
}

// TestReportLevels: a report numbering 一、 and （一） keeps inline 一是 as
// text, even in a pillar without （一） points (GUIDELINE: two levels).
func TestReportLevels(t *testing.T) {
	d := build("一、回顾\n（一）经济平稳。\n（二）民生改善。\n二、总体要求\n实现目标，必须坚持。一是坚持党的领导。深刻领悟。二是坚持人民至上。始终为民。\n三、重点工作\n（一）扩大内需\n要促消费。\n（二）稳定就业\n要稳岗。")
	o := Analyze(d, dict.MustDefault())
	if got := outline(o); got != "一:回顾[经济平稳|民生改善] 二:总体要求 三:重点工作[扩大内需|稳定就业]" {
		t.Errorf("outline = %s", got)
	}
}

// TestNoticeTail: a notice's contact lines close the last pillar, and
// everything from 附件 on is marked as appendix, not body.
func TestNoticeTail(t *testing.T) {
	d := build("关于加强宣传工作的通知\n各单位：\n一、提高认识\n要重视宣传。\n二、工作要求\n（一）及时报送信息。\n（二）按时上报。\n请于5月1日前报送。\n联系人：张三\n联系电话：1234567\n附件：1.登记表\n附件1：\n备注：请于4月28日前上报。")
	o := Analyze(d, dict.MustDefault())
	tests := []struct {
		text     string
		pillar   int
		appendix bool
	}{
		{"要重视宣传。", 1, false},
		{"请于5月1日前报送。", 2, false},
		{"联系人：张三", 0, false},
		{"联系电话：1234567", 0, false},
		{"附件：1.登记表", 0, true},
		{"备注：请于4月28日前上报。", 0, true},
	}
	got := map[string]Sentence{}
	for _, s := range o.Sentences {
		got[d.Paragraphs[s.Para].Sentences[s.Index].Text] = s
	}
	for _, tt := range tests {
		s, ok := got[tt.text]
		if !ok {
			t.Errorf("%q: no such sentence", tt.text)
			continue
		}
		if s.Pillar != tt.pillar || s.Appendix != tt.appendix {
			t.Errorf("%q: pillar %d appendix %v, want %d %v", tt.text, s.Pillar, s.Appendix, tt.pillar, tt.appendix)
		}
	}
}

// TestAttachedPlan: a notice that issues a plan carries the plan as its
// attachment; with no headings before 附件, the plan is the body. A notice
// with its own outline still ends at 附件 (TestNoticeTail).
func TestAttachedPlan(t *testing.T) {
	d := build("关于印发城乡环境整治工作方案的通知\n各乡镇人民政府：\n现将《城乡环境整治工作方案》印发给你们，请认真贯彻执行。\n附件：城乡环境整治工作方案\n城乡环境整治工作方案\n一、总体要求\n要坚持问题导向。\n二、重点任务\n（一）整治垃圾。各乡镇要建立保洁制度。\n（二）治理污水。加快建设污水管网。")
	o := Analyze(d, dict.MustDefault())
	if len(o.Pillars) != 2 {
		t.Fatalf("%d pillars, want the attached plan's 2: %+v", len(o.Pillars), o.Pillars)
	}
	got := map[string]Sentence{}
	for _, s := range o.Sentences {
		got[d.Paragraphs[s.Para].Sentences[s.Index].Text] = s
	}
	for text, pillar := range map[string]int{"要坚持问题导向。": 1, "各乡镇要建立保洁制度。": 2, "加快建设污水管网。": 2} {
		if s := got[text]; s.Pillar != pillar || s.Appendix {
			t.Errorf("%q: pillar %d appendix %v, want pillar %d in the body", text, s.Pillar, s.Appendix, pillar)
		}
	}
}

// TestClosingNotMidNotice: a contact line before the last heading (a
// section naming its own contact) does not close anything.
func TestClosingNotMidNotice(t *testing.T) {
	d := build("一、报名\n联系人：张三\n请按时报名。\n二、培训\n要参加培训。")
	o := Analyze(d, dict.MustDefault())
	for _, s := range o.Sentences {
		if d.Paragraphs[s.Para].Sentences[s.Index].Text == "请按时报名。" && s.Pillar != 1 {
			t.Errorf("mid-notice contact line moved a sentence to pillar %d", s.Pillar)
		}
	}
}

// TestAnnouncedParts: after the speaker announces his parts (我讲三点意见),
// a numbered run from 1 to that count is the outline; the inline 一是…三是
// of the preamble (a review of the year) head nothing. An announcement
// inside a part (重点抓好两个方面) counts that part's points and leaves
// the outline above it alone. Texts written for the test.
func TestAnnouncedParts(t *testing.T) {
	r := dict.MustDefault()
	for _, tc := range []struct{ name, text, want string }{
		{"preamble enumeration", "同志们：\n过去一年，一是投入持续加大。二是质量稳步提升。三是队伍更加稳定。\n下面，我讲三点意见。\n1．坚持立德树人。要加强思政教育。\n2．补齐短板弱项。要扩大优质资源。\n3．深化综合改革。要破除体制障碍。",
			"1:坚持立德树人 2:补齐短板弱项 3:深化综合改革"},
		{"measure words after the ordinal", "一、提高队伍素质\n第一项措施：开展岗位练兵。要组织技能比武。\n第二项措施：完善激励机制。要落实绩效奖励。\n二、改进工作作风\n第一条：深入基层调研。要摸清实情。\n第二条：精简会议文件。要压缩会议数量。",
			"一:提高队伍素质[开展岗位练兵|完善激励机制] 二:改进工作作风[深入基层调研|精简会议文件]"},
		{"announcement inside a part", "一、工作回顾\n去年各项工作稳步推进。\n二、重点任务\n今年重点抓好两个方面的工作。\n（一）加强党建。要落实责任。\n（二）改进作风。要转变作风。",
			"一:工作回顾 二:重点任务[加强党建|改进作风]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := outline(Analyze(build(tc.text), r)); got != tc.want {
				t.Errorf("outline %q, want %q", got, tc.want)
			}
		})
	}
}

// TestParallelOpenings: three sentences of a pillar that open alike and
// each lead sentences of their own are its points, with a comma in them
// or a colon after the head; two alike, or alike openings that lead
// nothing, are not. Written for this test.
func TestParallelOpenings(t *testing.T) {
	r := dict.MustDefault()
	for _, tc := range []struct{ name, text, want string }{
		{"comma", "一、深化改革\n改革要对准问题。要抓住群众，改进服务方式。完善窗口制度。要抓住干部，改进考核办法。健全考评机制。要抓住基层，改进治理体制。推行网格管理。\n二、加强保障\n落实经费。",
			"一:深化改革[要抓住群众，改进服务方式|要抓住干部，改进考核办法|要抓住基层，改进治理体制] 二:加强保障"},
		{"colon", "一、提升质量\n要坚持向管理要效益：制度要细，执行要严。要坚持向创新要效益：方法要新，手段要活。要坚持向团结要效益：分工要明，合作要紧。\n二、加强保障\n落实经费。",
			"一:提升质量[要坚持向管理要效益|要坚持向创新要效益|要坚持向团结要效益] 二:加强保障"},
		{"only two", "一、深化改革\n要抓住群众，改进服务方式。完善窗口制度。要抓住干部，改进考核办法。健全考评机制。\n二、加强保障\n落实经费。",
			"一:深化改革 二:加强保障"},
		{"a list that leads nothing", "一、深化改革\n要抓住群众，改进服务方式。要抓住干部，改进考核办法。要抓住基层，改进治理体制。\n二、加强保障\n落实经费。",
			"一:深化改革 二:加强保障"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := outline(Analyze(build(tc.text), r)); got != tc.want {
				t.Errorf("outline %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNestedRun: an inline 一是…三是 inside the second item of a paragraph
// run 一要…三要 lists within that item; the paragraph run goes on with 三要.
// An inline run in a paragraph that opens with another style stays.
func TestNestedRun(t *testing.T) {
	r := dict.MustDefault()
	for _, tc := range []struct{ name, text, want string }{
		{"nested", "一要抓好学习。要读原著。\n二要抓好质量。一是提高合格率。二是提高优秀率。三是提高满意率。\n三要抓好作风。要转变作风。",
			"一:要抓好学习 二:要抓好质量 三:要抓好作风"},
		{"not nested", "今年重点做好三件事。一是提高合格率。二是提高优秀率。三是提高满意率。\n此外还要抓好作风。",
			"一:提高合格率 二:提高优秀率 三:提高满意率"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := outline(Analyze(build(tc.text), r)); got != tc.want {
				t.Errorf("outline %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBetweenRuns: paragraphs after the last item of a run whose items
// head paragraphs of their own body, before the next run, belong to no
// pillar, and a lead-in ending in a colon is meta talk. Within a run the
// paragraphs after an item stay with it.
func TestBetweenRuns(t *testing.T) {
	text := "一是完善了制度。全年修订制度十项。\n二是锻炼了队伍。全员轮训一遍。\n" +
		"成绩来之不易，各支部要继续保持。\n为此，我们还要抓好三件事：\n" +
		"一要抓学习，提高素质。组织集中学习。\n二要抓作风，改进服务。开展作风整顿。\n" +
		"各支部要把作风整顿抓出成效。"
	o := Analyze(build(text), dict.MustDefault())
	if got := outline(o); got != "一:完善了制度 二:锻炼了队伍 一:要抓学习，提高素质 二:要抓作风，改进服务" {
		t.Fatalf("outline %q", got)
	}
	d := build(text)
	for _, s := range o.Sentences {
		sent := d.Paragraphs[s.Para].Sentences[s.Index].Text
		switch sent {
		case "成绩来之不易，各支部要继续保持。":
			if s.Pillar != 0 {
				t.Errorf("%s: pillar %d, want 0", sent, s.Pillar)
			}
		case "为此，我们还要抓好三件事：":
			if s.Pillar != 0 || s.Role != MetaTalk {
				t.Errorf("%s: pillar %d role %v, want 0 and meta talk", sent, s.Pillar, s.Role)
			}
		case "各支部要把作风整顿抓出成效。":
			if s.Pillar != 4 {
				t.Errorf("%s: pillar %d, want 4 (the last run's paragraphs stay)", sent, s.Pillar)
			}
		}
	}
}
