package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const seedPath = "../../samples/zugong-xuhui-2022.txt"

func readSeed(tb testing.TB) *doc.Document {
	tb.Helper()
	d, err := ingest.ReadFile(seedPath, ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func marshal(tb testing.TB, d *doc.Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestSeedGolden(t *testing.T) {
	d := readSeed(t)
	Annotate(d, dict.MustDefault())
	got := marshal(t, d)
	golden := filepath.Join("testdata", "zugong-xuhui-2022.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("JSON of the seed differs from %s (run go test -update after checking the change)", golden)
	}
}

func build(text string) *doc.Document {
	return &doc.Document{Info: doc.Info{Name: "测试.txt"}, Paragraphs: doc.Build(strings.Split(text, "\n"), nil)}
}

func annotate(text string) *doc.Document {
	d := build(text)
	Annotate(d, dict.MustDefault())
	return d
}

func taskTexts(d *doc.Document) []string {
	var out []string
	for _, t := range d.Tasks {
		out = append(out, t.Text)
	}
	return out
}

func TestTasks(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"modal anywhere", "今年的组工条线要紧紧围绕主线。", []string{"今年的组工条线要紧紧围绕主线。"}},
		{"modal in context is no directive", "这是一项重要工作。只要我们坚定信心，就一定能成功。", nil},
		{"verb-initial outside pillars is no task", "开场白。\n一、部署\n开展评比活动。\n二、保障\n建立考核机制。", []string{"开展评比活动。", "建立考核机制。"}},
		{"review has no tasks", "一、2024年工作回顾\n新建高标准农田550万亩。我们坚持稳中求进。\n二、2025年重点工作\n新建高标准农田600万亩。", []string{"新建高标准农田600万亩。"}},
		{"headings and meta are not tasks", "我提以下两点意见。\n一、加强学习\n坚持理论学习。\n二、狠抓落实\n要压实责任。", []string{"坚持理论学习。", "要压实责任。"}},
		{"statement of principle", "一、落实\n工作的根基在于落实，目的是为了取得成效。要抓好落实。\n二、保障\n要保障。", []string{"要抓好落实。", "要保障。"}},
		{"verb phrase as subject", "一、部署\n加强信息宣传是做好工作的迫切需要。逐步提高技术工人特别是青年工人的收入。\n二、保障\n要保障。", []string{"逐步提高技术工人特别是青年工人的收入。", "要保障。"}},
		{"attributive verb", "一、部署\n出台的政策既保持力度又考虑可持续性。\n二、保障\n要保障。", []string{"要保障。"}},
		{"preposition, adverb, date, party", "一、部署\n按照国家有关规定加大表彰力度。2020年初步建成300个集团。国务院教育督导委员会定期听取汇报。\n二、保障\n要保障。",
			[]string{"按照国家有关规定加大表彰力度。", "2020年初步建成300个集团。", "国务院教育督导委员会定期听取汇报。", "要保障。"}},
		{"verb inside a title after a preposition", "一、部署\n根据《人员编制规定》，宣传工作由办公室承担。\n二、保障\n要保障。", []string{"要保障。"}},
		{"notices say 请", "请各单位于4月28日前上报登记表。现在我代表政府报告工作，请予审议。", []string{"请各单位于4月28日前上报登记表。"}},
		{"conditionals and significance", "一、部署\n只要直面挑战，坚定发展信心，就一定能闯过难关。做好宣传工作具有重要意义。下大力气抓好宣传工作，其现实意义尤为突出。要深刻认识加强宣传工作的重大意义。\n二、保障\n要保障。", []string{"要深刻认识加强宣传工作的重大意义。", "要保障。"}},
		{"any instruction under a point", "一、重点工作\n（一）扩大内需\n恢复生猪生产。联系人：张三。我们坚信未来。当前形势复杂严峻。\n（二）稳定就业\n要稳岗。\n二、保障\n要保障。", []string{"恢复生猪生产。", "要稳岗。", "要保障。"}},
		{"a further measure after 同时，", "一、重点工作\n（一）宣传\n同时，按照有关标准进行奖励。同时，宣传工作也是文化建设的折射。同时发展的还有网络媒体。\n（二）就业\n要稳岗。\n二、保障\n要保障。", []string{"同时，按照有关标准进行奖励。", "要稳岗。", "要保障。"}},
		{"target lists need explicit directives", "一、总体要求\n（一）目标任务\n农村人居环境明显改善。要建成示范村。\n（二）基本原则\n坚持农民主体地位。\n二、保障\n要保障。", []string{"要建成示范村。", "坚持农民主体地位。", "要保障。"}},
		{"past results and definitions", "一、意义\n取得的成就为实施乡村振兴战略奠定了良好基础。实施乡村振兴战略，是满足人民美好生活需要的必然要求。\n二、保障\n要保障。", []string{"要保障。"}},
		{"attachments are no tasks", "一、部署\n要落实。\n二、保障\n请各单位于4月28日前上报登记表。\n附件1：\n备注：请各单位于4月28日前将此表上报。\n请协助配合完成相关采访工作。", []string{"要落实。", "请各单位于4月28日前上报登记表。"}},
		{"closing exhortation", "一、部署\n要落实。\n二、保障\n要保障。\n让我们更加紧密团结起来，努力奋斗。", []string{"要落实。", "要保障。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := taskTexts(annotate(tt.text)); !slices.Equal(got, tt.want) {
				t.Errorf("tasks = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTaskFields(t *testing.T) {
	d := annotate("一、部署\n严格执行准则，各级支部书记、组工干部要带头落实“三会一课”，在“七一”、国庆等重大节日经常性地开展教育，每月一调度，年底前完成。明确部机关各股室调研任务。\n二、保障\n要保障。")
	if len(d.Tasks) < 2 {
		t.Fatalf("tasks = %q", taskTexts(d))
	}
	t0 := d.Tasks[0]
	if !slices.Contains(t0.Actors, "各级支部书记") || !slices.Contains(t0.Actors, "组工干部") {
		t.Errorf("actors = %q", t0.Actors)
	}
	for _, w := range []string{"七一", "国庆", "经常性", "每月", "年底前"} {
		if !slices.Contains(t0.Timing, w) {
			t.Errorf("timing = %q, missing %s", t0.Timing, w)
		}
	}
	if !slices.Equal(t0.Slogans, []string{"三会一课"}) {
		t.Errorf("slogans = %q, want only 三会一课 (七一 is timing)", t0.Slogans)
	}
	if t0.Action != "严格执行" || t0.ActionAt != 0 || t0.Object != "准则" {
		t.Errorf("action = %q at %d, object %q", t0.Action, t0.ActionAt, t0.Object)
	}
	if t0.Pillar != 1 || t0.Point != nil || t0.Confidence <= 0 || t0.Confidence > 1 {
		t.Errorf("pillar %d point %v confidence %v", t0.Pillar, t0.Point, t0.Confidence)
	}
	if got := d.Tasks[1].Actors; !slices.Equal(got, []string{"部机关各股室"}) {
		t.Errorf("actors = %q, want 部机关各股室", got)
	}
	for _, r := range t0.Rules {
		if !strings.HasPrefix(r, "dict/") && !strings.HasPrefix(r, "pattern:") {
			t.Errorf("rule %q is neither dict/FILE:LINE nor pattern:NAME", r)
		}
	}
	rs := []rune(t0.Text)
	if string(rs[t0.ActionAt:t0.ActionAt+len([]rune(t0.Action))]) != t0.Action {
		t.Errorf("action_at does not point at the action")
	}
}

func sloganTexts(d *doc.Document) []string {
	var out []string
	for _, s := range d.Slogans {
		out = append(out, s.Text+"/"+s.Kind)
	}
	return out
}

func TestSlogans(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"quoted kinds", "开展“争当优秀共产党员”活动，打造「学习吧」『文化墙』。", []string{"争当优秀共产党员/quoted", "学习吧/quoted", "文化墙/quoted"}},
		{"ascii quotes in Chinese", `落实"首问负责制"，使用"OK"按钮。`, []string{"首问负责制/quoted"}},
		{"single character, festival, title", "这个“虚”是相对的，在“七一”前学习《关于“三农”工作的意见》。", nil},
		{"formulas unquoted", "增强四个意识，落实三会一课和两学一做，抓好十个方面的工作，一年一度。", []string{"四个意识/formula", "三会一课/formula", "两学一做/formula"}},
		{"once per document", "落实“三会一课”。坚持三会一课。", []string{"三会一课/quoted"}},
		{"unclosed quote restarts", "培育专精特新“小巨人企业414家，制造业“单项冠军”企业51家。", []string{"单项冠军/quoted"}},
		{"whole quoted sentence is a citation", "他说：“我们要努力。”", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sloganTexts(annotate(tt.text)); !slices.Equal(got, tt.want) {
				t.Errorf("slogans = %q, want %q", got, tt.want)
			}
		})
	}
	d := annotate("落实“三会一课”。坚持三会一课。")
	if s := d.Slogans[0]; s.Count != 2 || len(s.Locations) != 2 || s.Locations[1].Start <= s.Locations[0].Start {
		t.Errorf("slogan = %+v", s)
	}
}

func TestTiming(t *testing.T) {
	c := compile(dict.MustDefault())
	tests := []struct {
		text string
		want []string
	}{
		{"每周一梳理、每月一调度", []string{"每周", "每月"}},
		{"“每周一学”“双周一讲”", []string{"每周", "双周"}},
		{"定期开展，常态化推进", []string{"定期", "常态化"}},
		{"6月底前完成，到2025年基本建成", []string{"6月底前", "到2025年"}},
		{"坚持不懈抓好落实", nil},
		{"今年底前完成，4月28日前上报", []string{"今年底前", "4月28日前"}},
		// Start dates, multi-year frequencies and cycles.
		{"自2019年开始，推动试点", []string{"自2019年开始"}},
		{"从2019年起招聘，2020年起不再招聘", []string{"从2019年起", "2020年起"}},
		{"每5年修订1次，每3年修订1次教材", []string{"每5年", "每3年"}},
		{"落实5年一周期的全员轮训制度", []string{"5年一周期"}},
		{"按季度通报，按年度评选", []string{"按季度", "按年度"}},
		// Relative deadlines and written-out dates without 日.
		{"要在3个工作日内明确承办人员", []string{"3个工作日内"}},
		{"要在3天内报送，要在事件发生后2小时内报送", []string{"3天内", "事件发生后2小时内"}},
		{"并于4月28前上报", []string{"4月28前"}},
		{"适时组织清理，随时续报", []string{"适时", "随时"}},
		{"办好世界青年技能日宣传活动", []string{"世界青年技能日"}},
		{"2020年初步建成300个集团", []string{"2020年"}},
		// Frequencies with 个 and 学年, a rhythm of so long 一次, this year and
		// next year alone, a span ahead.
		{"每个学期、每学年都要有质量目标", []string{"每个学期", "每学年"}},
		{"两个多月一次的考试要用好", []string{"两个多月一次"}},
		{"今年要完成改造，明年全面推开", []string{"今年", "明年"}},
		{"未来一、两年内转变考核体系", []string{"未来一、两年内"}},
		{"在新的一年里，我们要提到日程上", []string{"新的一年"}},
		// Not this year's deadline: 今年以来 looks back, 今年上半年 is the
		// half year.
		{"今年以来，全县经济稳中有进", nil},
		{"统筹谋划未来五年的重大项目", nil},
		{"今年上半年完成", []string{"上半年"}},
		// Not timing: a year as background, 日益, durations, manner.
		{"2003年，时任省委书记的同志指示", nil},
		{"世界经济日益复杂", nil},
		{"顶岗实习时间一般为6个月", nil},
		{"及时报送，逐步推开", nil},
		{"2025年是十五五规划的开局之年", nil},
	}
	for _, tt := range tests {
		if got, _ := c.timing([]rune(tt.text), tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("timing(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestActors(t *testing.T) {
	c := compile(dict.MustDefault())
	tests := []struct {
		text string
		want []string
	}{
		{"督促各级党组织主动担责", []string{"各级党组织"}},
		{"每个组工干部要瞄准目标", []string{"每个组工干部"}},
		{"从部领导做起", []string{"部领导"}},
		{"鼓励职业院校和企业合作", []string{"职业院校", "企业"}},
		{"提高素质本领", nil},
		{"支持郑州、洛阳建设国际消费中心城市", []string{"郑州", "洛阳"}},
		{"支持比亚迪、上汽等企业扩量提质", []string{"比亚迪", "上汽"}},
		{"推动百货店和购物中心开展改造", []string{"百货店", "购物中心"}},
		{"严格落实组织生活会等制度", nil},
		{"用思想武装头脑、指导实践、推动工作", nil},
		{"推动党史学习教育常态化长效化", nil},
		{"全区组织系统坚持以新思想为指导", nil},
		{"各镇街党（工）委要落实主体责任", []string{"各镇街党（工）委"}},
		// Clause subjects before a modal, a timing word or 会同/按.
		{"县委督查室要会同县发改局，对重点项目实行清单化管理", []string{"县委督查室", "县发改局"}},
		{"区委组织部每季度开展一次抽查", []string{"区委组织部"}},
		{"县级领导每月至少用5个工作日深入基层一线", []string{"县级领导"}},
		{"区局按年度评选先进集体", []string{"区局"}},
		{"对交办的事项，各责任单位要在3个工作日内明确承办人员", []string{"各责任单位"}},
		{"县政府全体组成人员要坚定拥护两个确立", []string{"县政府全体组成人员"}},
		{"培训评价组织应对接职业标准", []string{"培训评价组织"}},
		{"国务院教育督导委员会定期听取汇报", []string{"国务院教育督导委员会"}},
		{"每个村（社区）储备2名以上后备人才", []string{"每个村（社区）"}},
		{"各省（自治区、直辖市）党委和政府每年要报告进展情况", []string{"各省（自治区、直辖市）党委", "政府"}},
		{"南阳、信阳、驻马店协同开展淮河流域治理", []string{"南阳", "信阳", "驻马店"}},
		// A body named by its level needs no known predicate after it.
		{"县级领导联系重点项目每月至少现场调度一次", []string{"县级领导"}},
		{"区直部门接到哨令后24小时内响应", []string{"区直部门"}},
		{"各部门一律不准再组织其他检查考评", []string{"各部门"}},
		{"职业院校、应用型本科高校教师每年至少1个月在企业实训", []string{"职业院校", "应用型本科高校教师"}},
		// Agents of 由.
		{"由区委组织部约谈党组织书记", []string{"区委组织部"}},
		{"由区级领导逐一包联整顿", []string{"区级领导"}},
		{"由县委督查室牵头集中督办一批", []string{"县委督查室"}},
		// Pivot parties that end in a known noun.
		{"鼓励中等职业学校联合中小学开展职业启蒙教育", []string{"中等职业学校"}},
		{"推动具备条件的普通本科高校向应用型转变", []string{"普通本科高校"}},
		{"推动地方院校与军队院校有效对接", []string{"地方院校", "军队院校"}},
		{"鼓励有条件的企业特别是大企业举办职业教育", []string{"企业", "大企业"}},
		{"引导一批高水平工科学校举办职业技术师范教育", []string{"高水平工科学校"}},
		{"支持超聚变、郑州合晶、华为安驰等企业做大做强", []string{"超聚变", "郑州合晶", "华为安驰"}},
		// Not subjects: verb-initial clauses, objects, bare names, set phrases.
		{"实现乡镇卫生院远程诊疗全覆盖", nil},
		{"适当提高退休人员基本养老金", nil},
		{"让民营企业充分享受政策", nil},
		{"推动5500家企业小升规", []string{"企业"}},
		{"抢抓机遇、争先创优、久久为功", nil},
		{"全部整顿到位", nil},
		{"构建新发展格局", nil},
		{"全社会要共同参与", nil},
		{"支持适合的退役军人进入职业院校接受教育", nil},
		// Structural rules take only names that look like parties: sectors,
		// zones, verb phrases and cut words are not (invented sentences).
		{"推动医疗、教育、文化服务向基层延伸", nil},
		{"支持餐饮、家政、旅游等行业扩大就业", nil},
		{"推动经济平稳运行", nil},
		{"推动城乡融合发展", nil},
		{"推动信息化和城镇化深度融合", nil},
		{"引导利率稳中有降", nil},
		{"支持航空货运、直播电商、即时零售加快发展", nil},
		{"推动集成电路、先进制造提质升级", nil},
		{"鼓励远程医疗向乡镇延伸", nil},
		{"推动平台经济健康发展", nil},
		{"推动中关村示范区空间优化布局", nil},
		{"推动国产智能系统开发应用", nil},
		{"推动全民健康信息平台互联互通", nil},
		{"支持国防和军队现代化建设", nil},
		{"推动扶贫产业恢复生产", nil},
		{"引导农民自我管理、自我教育、自我服务", nil},
		{"推动签署区域合作协议", nil},
		{"助力企业要降本增效", nil},
		{"上调退休人员要按时足额发放", nil},
		{"推动贫困群众克服困难实现增收", nil},
		{"推动贫困群众通过劳动脱贫", []string{"贫困群众"}},
		{"经开区、高新区要当好主力军", nil},
		{"医疗、教育要补齐短板", nil},
		{"支持各个县（市、区）建设示范点", nil},
		// Places, bodies and members of a named class are parties.
		{"支持商丘、周口联动发展", []string{"商丘", "周口"}},
		{"支持嵩山、神农等实验室建设国家实验室基地", []string{"嵩山", "神农"}},
		{"支持工会、妇联等人民团体发挥作用", []string{"工会", "妇联"}},
		{"支持平煤神马等5家企业建设一流企业", []string{"平煤神马"}},
		{"支持郑州、洛阳、平顶山等地打造产业集群", []string{"郑州", "洛阳", "平顶山"}},
		{"支持广州期货交易所拓展品种", []string{"广州期货交易所"}},
		{"引导进城落户农民依法自愿有偿转让权益", []string{"进城落户农民"}},
		{"支持技术技能人才凭技能提升待遇", []string{"技术技能人才"}},
		{"支持有条件的地方开展试点", []string{"地方"}},
		{"支持港澳发展经济、改善民生", []string{"港澳"}},
	}
	for _, tt := range tests {
		if got, _ := c.actors([]rune(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("actors(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestIDStability: ids depend on the sentence, not on rules or position.
func TestIDStability(t *testing.T) {
	text := "一、部署\n开展评比活动。要落实责任。\n二、保障\n要落实责任。建立考核机制。"
	a := annotate(text)

	// Edit a rule: drop the directive 开展 and add a word. The surviving
	// tasks keep their ids.
	dir := t.TempDir()
	if err := dict.WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "directives.txt")
	b, _ := os.ReadFile(p)
	b = bytes.Replace(b, []byte("\n开展\n"), []byte("\n# 开展\n"), 1)
	os.WriteFile(p, b, 0o644)
	os.WriteFile(filepath.Join(dir, "words.txt"), []byte("新词 freq=10\n"), 0o644)
	r, err := dict.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	bDoc := build("前言：一段新加的话。\n" + text) // the text moved, too
	Annotate(bDoc, r)

	idOf := func(d *doc.Document) map[string][]string {
		m := map[string][]string{}
		for _, t := range d.Tasks {
			m[t.Text] = append(m[t.Text], t.ID)
		}
		return m
	}
	before, after := idOf(a), idOf(bDoc)
	if _, ok := after["开展评比活动。"]; ok {
		t.Fatal("the edited rule had no effect")
	}
	for _, s := range []string{"要落实责任。", "建立考核机制。"} {
		if !slices.Equal(before[s], after[s]) {
			t.Errorf("ids of %q changed: %q → %q", s, before[s], after[s])
		}
	}
	if r := before["要落实责任。"]; len(r) != 2 || r[0] == r[1] {
		t.Errorf("repeated sentence ids = %q, want two distinct", r)
	}
}

func TestExplainAgreesWithAnnotate(t *testing.T) {
	d := readSeed(t)
	r := dict.MustDefault()
	Annotate(d, r)
	tasks := map[doc.Location]doc.Task{}
	for _, t := range d.Tasks {
		tasks[t.Location] = t
	}
	n := 0
	for _, p := range d.Paragraphs {
		for _, s := range p.Sentences {
			n++
			e, err := Explain(d, r, n)
			if err != nil {
				t.Fatal(err)
			}
			want, isTask := tasks[s.Loc]
			if (e.Task != nil) != isTask {
				t.Fatalf("sentence %d %q: Explain task=%v, Annotate task=%v", n, s.Text, e.Task != nil, isTask)
			}
			if isTask && (e.Task.ID != want.ID || e.Task.Action != want.Action) {
				t.Errorf("sentence %d: Explain %+v, Annotate %+v", n, e.Task, want)
			}
			if isTask && len(e.Evidence) == 0 {
				t.Errorf("sentence %d is a task without evidence", n)
			}
			if strings.Join(e.Segments, "") != s.Text {
				t.Errorf("segments of %d lose text: %q", n, e.Segments)
			}
		}
	}
	if _, err := Explain(d, r, n+1); err == nil {
		t.Error("Explain accepted a sentence number past the end")
	}
}

func TestExplainReportsNearMisses(t *testing.T) {
	d := build("但也要看到，问题依然存在。")
	e, err := Explain(d, dict.MustDefault(), 1)
	if err != nil {
		t.Fatal(err)
	}
	fired, near := false, false
	for _, ev := range e.Evidence {
		if strings.Contains(ev.Rule, "exclusions.txt") && ev.Fired {
			fired = true
		}
		if strings.Contains(ev.Rule, "directives.txt") && !ev.Fired {
			near = true
		}
	}
	if !fired || !near || e.Task != nil {
		t.Errorf("evidence = %+v", e.Evidence)
	}
}

// TestModalInsideWord: a modal that is only part of a word the segmenter
// cut (要 in 重要, 应 in 相应 and 影响, 请 in 申请) makes no directive, and
// explain says so; a modal gse holds together with an adverb, a pronoun or
// an enumerator (还要, 我们要, 一要) or that stands alone still does.
func TestModalInsideWord(t *testing.T) {
	r := dict.MustDefault()
	for _, tc := range []struct {
		text string
		task bool
	}{
		{"这是一项重要工作。", false},
		{"各单位相应调整了工作安排。", false},
		{"他们申请了专项资金。", false},
		{"对就业的影响应高度重视。", true},
		{"我们还要加强网络安全体系建设。", true},
		{"一要抓牢“领”字，突出示范性。", true},
		{"各级党组织要加强学习。", true},
	} {
		d := build(tc.text)
		e, err := Explain(d, r, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Task != nil; got != tc.task {
			t.Errorf("%s: task=%v, want %v; evidence %+v", tc.text, got, tc.task, e.Evidence)
		}
		if !tc.task {
			inside := false
			for _, ev := range e.Evidence {
				inside = inside || ev.Rule == "pattern:inside-word"
			}
			if !inside {
				t.Errorf("%s: explain does not say the modal is inside a word: %+v", tc.text, e.Evidence)
			}
		}
	}
}

// TestActionFromWords: the action of a modal is the word that follows it
// past adverbs, further modals, time words and the party addressed, as
// the segmenter cut the sentence; a preposition keeps the modal.
func TestActionFromWords(t *testing.T) {
	r := dict.MustDefault()
	for _, tc := range []struct{ text, action string }{
		{"要紧紧围绕“喜迎二十大”为主线。", "围绕"},
		{"希望大家要认真领会会议精神。", "领会"},
		{"希望你们不断改进监督方法，提高能力和水平。", "改进"},
		{"公司建立了制度，还要自觉遵守。", "遵守"},
		{"我们要深刻把握科学方法论。", "把握"},
		{"全省政府系统要深刻领悟“两个确立”的决定性意义。", "领悟"},
		{"各街道党工委要每半年走访一次辖区重点企业。", "走访"},
		{"对今年确定的民生实事，要逐项明确责任单位和完成时限。", "明确责任"},
		{"各级党委政府要高度重视学校安全问题。", "高度重视"},
		{"我们要向很多人学习。", "向很"},   // the modal's preposition: unchanged
		{"要始终把政治建设摆在首位。", "要"}, // the verb hides behind the preposition
		{"各级支部书记、组工干部要带头落实“三会一课”。", "带头"},
		// Real sentences of the corpus and the speeches, as published.
		{"要紧紧围绕习近平总书记提出的“六个方面下功夫”要求，加快构建德智体美劳全面培养的教育体系。", "围绕"},
		{"大力弘扬“脚上有土、心中有谱”的工作作风。", "弘扬"},
		{"大力发展外资总部和研发中心。", "发展"},
		{"大力促进农民增收，强化区镇统筹盘活乡村闲置资源，提升乡村旅游品质。", "促进"},
		{"积极应对人口老龄化，完善养老服务体系。", "应对"},
		{"积极发扬党内批评与自我批评的优良作风，推进各项工作。", "发扬"},
		{"全面贯彻党的十九大精神，加强党对“三农”工作的领导。", "贯彻"},
		{"培训评价组织应对接职业标准，与国际先进标准接轨。", "对接"},
		{"各单位要切实加强领导，采取保障措施。", "加强"},
		{"高中教育要突出优质特色，提高教学质量。", "突出"},
		{"当然，我们也要区分业务操作性错误和违规边界性错误。", "区分"},
		{"公司已公开的业务流程，审计人员原则上要去充分理解，遵循流程完成监督。", "理解"},
		{"这个时代一定是全球化时代，我们也要努力去实现全球化。", "实现"},
		{"高级干部要有强大的心理、开放的胸怀。", "有"},
		{"区委组织部要加强统筹协调，及时研究解决工作中的困难和问题。", "加强"},
		{"我们要树牢绿水青山就是金山银山的理念，以高品质生态环境支撑高质量发展。", "树牢"},
		{"每个组工干部要瞄准成为组织工作的“活字典、业务通、多面手”。", "瞄准"},
		{"要发挥集体备课的长处，克服它的短处。", "发挥"},
		{"各级党委和政府要坚持工业农业一起抓、城市农村一起抓。", "坚持"},
		{"要聚焦学生，推进育人方式改革。", "聚焦"},
		{"请各单位填写信息宣传联络员登记表，并于4月28前上报区局办公室。", "填写"},
		{"公司没有单纯的监督岗位，都要对准多产粮食。", "对准"},
		{"现将实施意见印发给你们，请结合实际抓好落实。", "结合实际"},
		{"面对外部环境变化，要坚定不移扩大对外开放，稳定产业链供应链。", "扩大"},
		{"市里要求各县加快建设进度。", "加快"},
		{"必须尊重自然、顺应自然、保护自然，推动乡村自然资本加快增值。", "尊重"},
		{"要提倡自编复习资料、作业本（活页）。", "提倡"},
		{"校党委的目光要延伸到离退休党支部和在校学生课余党团校。", "延伸"},
		{"零部件归一化建设的问题，在新的一年里，我们要提到日程上。", "提到"},
		{"每位教师每学年至少要读一本教育专著。", "读"},
	} {
		d := build(tc.text)
		e, err := Explain(d, r, 1)
		if err != nil {
			t.Fatal(err)
		}
		if e.Task == nil {
			t.Errorf("%s: no task", tc.text)
			continue
		}
		if e.Task.Action != tc.action {
			t.Errorf("%s: action %q, want %q (words %q)", tc.text, e.Task.Action, tc.action, e.Segments)
		}
	}
}

// TestNarrativeNotDirective: sentences that contain a modal but direct
// nobody — a question, another's words reported, what was done (了), what
// will happen (迟早要) — are no tasks; the instructions beside them are.
// The sentences are written for the test.
func TestNarrativeNotDirective(t *testing.T) {
	r := dict.MustDefault()
	for _, tc := range []struct {
		text string
		task bool
		rule string // the rule that decided, for the sentences left
	}{
		{"我们为什么要重复建设这些平台呢？", false, "pattern:question"},
		{"各部门要加强协作，这不正是大家的期待吗？", true, ""},
		{"专家指出，要把风险防控放在首位。", false, "pattern:reported-speech"},
		{"我强调，各单位要把安全生产放在首位。", true, ""},
		{"学校一直强调，教师要关心每一名学生。", true, ""},
		{"去年以来各单位切实加强了队伍建设。", false, "pattern:perfective"},
		{"各单位要切实加强队伍建设。", true, ""},
		{"不抓落实，问题迟早要暴露出来。", false, "dict/directives.txt:迟早"},
		{"这项工作最终都要接受群众检验。", false, "dict/directives.txt:最终"},
		{"各校按照上级的要求，组织了一次演练。", false, "pattern:noun-use"},
		{"总体要求与目标已经写明。", false, "pattern:noun-use"},
		{"市里要求各县加快建设进度。", true, ""},
		{"村民的希望就在这片土地上。", false, "pattern:noun-use"},
		{"希望同志们珍惜机会，努力学习。", true, ""},
		// The chair's words and lead-ins are about the meeting or the list
		// that follows (structure.txt meta=).
		{"下面，请王书记作重要讲话，大家欢迎！", false, ""},
		{"今天会议的议程有三项。", false, ""},
		{"在这个问题上，我们要：", false, ""},
		{"为此，要落实以下三项措施：", false, ""},
		{"请各单位于月底前报送材料。", true, ""},
		{"施工单位不能擅自更改设计。", true, ""},
		{"部分路段可能由于天气原因不能按时完工。", false, "dict/directives.txt:可能"},
		{"目前的服务还不能满足群众需要。", false, "dict/exclusions.txt:trigger=不能 context=还不能"},
		{"要办好教育，师资队伍最关键。", false, "pattern:significance"},
		{"要加强师资队伍建设，这一点尤为重要。", false, "pattern:significance"},
		{"要加强师资队伍建设。", true, ""},
		{"这样的做法是不能长久的。", false, "pattern:shi-de"},
		{"好的制度是能够持续激发活力的。", false, "pattern:shi-de"},
		{"这套办法不能长久使用。", true, ""},
		{"改革的目的就是要激发活力。", false, "pattern:definition"},
		{"我们就是要把这件事办好。", true, ""},
		{"关键是要抓好落实。", true, ""},
		{"办好食堂，人人出力，人人受益，人人满意。", false, "pattern:maxim"},
		{"强化担当，狠抓落实。", true, ""},
		{"各单位要落实好这三项措施。", true, ""},
		{"上周，省里召开专题会议，主任强调，要压实安全生产责任。", false, "pattern:reported-speech"},
		{"会议提出了“三个必须”的明确要求。", false, "pattern:quoted-modal"},
		{"我们要坚持“四个必须”，压实各方责任。", true, ""},
		{"基层需要更多这样的干部。", false, "pattern:need-thing"},
		{"各地需要加强统筹协调。", true, ""},
	} {
		d := build(tc.text)
		e, err := Explain(d, r, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Task != nil; got != tc.task {
			t.Errorf("%s: task=%v, want %v; evidence %+v", tc.text, got, tc.task, e.Evidence)
			continue
		}
		if tc.rule != "" {
			found := false
			for _, ev := range e.Evidence {
				found = found || ev.Rule == tc.rule
			}
			if !found {
				t.Errorf("%s: %s did not decide: %+v", tc.text, tc.rule, e.Evidence)
			}
		}
	}
}

// TestReviewRuns: numbered headings that review (a run introduced by
// 回顾…, or sections that mostly tell what was done) hold no tasks; the
// run that deploys does. The speech is written for the test.
func TestReviewRuns(t *testing.T) {
	text := "同志们：\n回顾一年来的工作，我们着力“三抓”推进：\n一抓学习，组织集中学习二十次。\n二抓作风，开展作风专项整顿。\n三抓落实，建立重点工作督办台账。\n一是提高了思想认识。全体党员接受了集中培训。\n二是改进了工作作风。机关会议减少了三成。\n下面，我讲两点意见。\n一要加强学习。各支部要组织专题培训。\n二要转变作风。各部门要深入基层调研。"
	d := build(text)
	Annotate(d, dict.MustDefault())
	if len(d.Pillars) != 7 {
		t.Fatalf("%d pillars, want 7: %+v", len(d.Pillars), d.Pillars)
	}
	var got []string
	for _, tk := range d.Tasks {
		got = append(got, tk.Text)
	}
	want := []string{"各支部要组织专题培训。", "各部门要深入基层调研。"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tasks %q, want %q", got, want)
	}
}

// TestGrammarIsData: the function-word classes come from grammar.txt, so
// a reviewer's edit there changes the reading. With 指出 no verb of saying,
// the expert's words are the speaker's instruction.
func TestGrammarIsData(t *testing.T) {
	const text = "专家指出，要把风险防控放在首位。"
	dir := t.TempDir()
	if err := dict.WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	g := filepath.Join(dir, "grammar.txt")
	b, err := os.ReadFile(g)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "\n指出 ", "\n#指出 ", 1)
	if edited == string(b) {
		t.Fatal("grammar.txt has no 指出 line to edit")
	}
	if err := os.WriteFile(g, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := dict.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rules *dict.Rules
		task  bool
	}{{dict.MustDefault(), false}, {r, true}} {
		e, err := Explain(build(text), tc.rules, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Task != nil; got != tc.task {
			t.Errorf("task=%v, want %v: %+v", got, tc.task, e.Evidence)
		}
	}
}

// TestDescriptionUnderPoint: under a point, a sentence with no directive
// word is a task when it reads as an instruction, and not when it
// describes (grammar.txt's stative, partitive, illustration and degree
// classes, and maxims). Sentences written for this test.
func TestDescriptionUnderPoint(t *testing.T) {
	for _, tc := range []struct {
		text string
		task bool
	}{
		{"组织全体干部集中轮训一次。", true},
		{"各村每季度召开一次议事会。", true},
		{"新入职人员可以先到窗口岗位锻炼半年。", true},    // permission
		{"值班人员不能擅自离开岗位。", true},         // prohibition
		{"全镇现有村级卫生室二十三个。", false},       // stative 有 before any action
		{"有的村干部感到任务繁重。", false},         // partitive subject
		{"比如一个村的集体收入，主要来自土地租金。", false}, // illustration
		{"说实话，这项工作推进起来并不容易。", false},    // comment
		{"基层的基础工作同样重要。", false},         // degree adverb + adjective
		{"众人拾柴，火焰高涨，齐心协力，无往不胜。", false}, // a maxim
		{"在汛期到来之前，巡查人员逐段检查堤防。", true},
		{"在城镇化进程中，不少村庄面临空心化。", false},     // a frame, then a description
		{"这项改革也会带来一些阵痛。", false},          // prediction
		{"因为资金短缺，工程进度有所放缓。", false},       // explanation
		{"养殖的农户，大多有十头以上的牛。", false},       // a noun phrase clause, then a description
		{"集中采购，就是把零散需求归拢起来。", false},      // a topic, then a copula
		{"错峰出行，也能缓解拥堵。", false},           // a topic, then ability
		{"有条件的乡镇可以先行试点。", true},           // 有 inside the subject's modifier
		{"服务满三年且考核合格的，可优先推荐提拔。", true},    // a 的-phrase names who
		{"不少干部有畏难情绪。", false},             // partitive
		{"下午第四节可以安排体育活动。", true},          // permission
		{"现在群众对服务有更高的期待。", false},         // 对 a preposition, 有 the predicate
		{"比如一些企业，可能由于资金紧张不能按时开工。", false}, // an example of what cannot be done
	} {
		d := annotate("一、加强基层治理\n（一）夯实基础。\n" + tc.text + "\n二、强化保障\n（一）落实经费。\n开展经费检查。")
		got := false
		for _, task := range d.Tasks {
			got = got || task.Text == tc.text
		}
		if got != tc.task {
			t.Errorf("%s: task=%v, want %v", tc.text, got, tc.task)
		}
	}
}

// TestStatedResponsibility: a parenthetical of responsibility is no task
// and covers the sentences of its paragraph back to the previous one; one
// inside a sentence is cut from the task's text; one that opens the next
// sentence still closes the measure before. Written for this test.
func TestStatedResponsibility(t *testing.T) {
	d := annotate("一、稳定就业\n" +
		"（一）加大稳岗支持。对不裁员的企业返还失业保险费。加快建设创业孵化载体。（市人社局、市财政局负责。列第一位者为牵头单位，下同）\n" +
		"（二）强化培训。开展职业技能培训（市人社局牵头，市教育局按职责分工负责）。完善培训补贴制度。（市财政局负责）推行终身职业技能培训制度。（市人社局负责）\n" +
		"二、保障措施\n加强组织领导。")
	want := map[string][2]string{
		"对不裁员的企业返还失业保险费。": {"市人社局", "市财政局"},
		"加快建设创业孵化载体。":     {"市人社局", "市财政局"},
		"开展职业技能培训。":       {"市人社局", "市教育局"},
		"完善培训补贴制度。":       {"市财政局", ""},
		"推行终身职业技能培训制度。":   {"市人社局", ""},
		"加强组织领导。":         {"", ""},
	}
	got := map[string]bool{}
	for _, task := range d.Tasks {
		if strings.Contains(task.Text, "负责") {
			t.Errorf("a parenthetical is (in) a task: %q", task.Text)
			continue
		}
		w, ok := want[task.Text]
		if !ok {
			t.Errorf("unexpected task %q", task.Text)
			continue
		}
		got[task.Text] = true
		lead, partner := strings.Join(task.LeadUnits, "、"), strings.Join(task.PartnerUnits, "、")
		if lead != w[0] || partner != w[1] {
			t.Errorf("%s: lead %q partners %q, want %q %q", task.Text, lead, partner, w[0], w[1])
		}
		if src := task.AssignmentSource; (w[0] != "") != (src == "text") {
			t.Errorf("%s: assignment_source %q", task.Text, src)
		}
	}
	for text := range want {
		if !got[text] {
			t.Errorf("missing task %q", text)
		}
	}
}

// TestExplainStatedResponsibility: explain reads a parenthetical as the
// extraction does, no task, and gives a covered task its units.
func TestExplainStatedResponsibility(t *testing.T) {
	d := build("一、稳定就业\n（一）加大稳岗支持。加快建设创业孵化载体。（市人社局、市财政局负责）\n二、保障措施\n加强组织领导。")
	r := dict.MustDefault()
	for n := 1; n <= 4; n++ {
		e, err := Explain(d, r, n)
		if err != nil {
			t.Fatal(err)
		}
		switch e.Text {
		case "（市人社局、市财政局负责）":
			if e.Task != nil || len(e.Evidence) == 0 || e.Evidence[0].Rule != "pattern:stated-responsibility" {
				t.Errorf("parenthetical: task %v, evidence %+v", e.Task, e.Evidence)
			}
		case "加快建设创业孵化载体。":
			if e.Task == nil || strings.Join(e.Task.LeadUnits, "") != "市人社局" {
				t.Errorf("covered task: %+v", e.Task)
			}
		}
	}
}
