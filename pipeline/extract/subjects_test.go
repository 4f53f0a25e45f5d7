package extract

import (
	"slices"
	"testing"

	"github.com/luoshi/luoshi/dict"
)

// TestNounActors: a party noun of the dictionary is an actor only where
// the sentence makes it act (invented sentences).
func TestNounActors(t *testing.T) {
	c := compile(dict.MustDefault())
	tests := []struct {
		text string
		want []string
	}{
		// Subjects of a clause, after modifiers and with their list.
		{"企业要加强安全管理", []string{"企业"}},
		{"高等职业学校要培养技术技能人才", []string{"高等职业学校"}},
		{"各级党委和政府要压实责任", []string{"各级党委", "政府"}},
		{"同时，学校可从中获得报酬", []string{"学校"}},
		{"职业院校（含技工学校）要开展培训", []string{"职业院校（含技工学校）"}},
		// Parties of a pivot verb, also inside a clause and after a chain
		// of verbs.
		{"今年积极支持民营企业参与重大项目", []string{"民营企业"}},
		{"扶持鼓励企业和社会力量参与养老服务", []string{"企业", "社会力量"}},
		{"支持和规范社会力量兴办培训机构", []string{"社会力量"}},
		{"全面促进职业院校加强专业建设", []string{"职业院校"}},
		{"市发改委会同有关部门，定期开展评估", []string{"市发改委", "有关部门"}},
		// Addressed parties and 从X做起.
		{"请各单位填写登记表", []string{"各单位"}},
		{"指导各地各校借鉴先进经验", []string{"各地各校"}},
		{"明确部机关各股室调研任务", []string{"部机关各股室"}},
		{"从部领导做起", []string{"部领导"}},
		// Objects of a verb.
		{"切实减轻企业负担", nil},
		{"主动服务企业", nil},
		{"加强职业院校建设", nil},
		{"赋予省级政府更大自主权", nil},
		{"让民营企业充分享受政策", nil},
		// Modifiers and parts of compounds.
		{"清理拖欠企业账款", nil},
		{"优化企业开办流程", nil},
		{"做好高校毕业生就业工作", nil},
		{"建设有为政府", nil},
		{"推进政府信息公开", nil},
		{"整治学校周边环境", nil},
		{"加强干部队伍建设", nil},
		{"企业的主体作用要充分发挥", nil},
		{"加强乡镇卫生院和社区服务中心建设", nil},
		// A pivot party is next to its verb, not behind another verb or a
		// preposition.
		{"鼓励银行大幅增加小微企业信用贷款", []string{"银行"}},
		{"鼓励远程医疗向乡镇延伸", nil},
		// A long run before a clause's noun hides a verb; a pivot word
		// inside a run is part of a name.
		{"壮大国家高新技术企业、科技型中小企业", nil},
		{"政府可以委托国家职业教育指导咨询委员会作为第三方", []string{"政府"}},
		// An addressed party is no object of a preposition, nor an item of
		// a list of things; 等 closes the party of a pivot.
		{"特别是在各级政府和广大群众中形成共识", nil},
		{"宣传方针政策和各地丰富实践", nil},
		{"引导和支持企业等用人单位落实待遇", []string{"企业"}},
		// A list item acts only after an acting party.
		{"完善政府、行业、企业共同参与的评价机制", nil},
		// …and when the list is followed by what its items do.
		{"落实国家部委和各级党委、政府重大决策", nil},
		{"辐射区域内学校和企业", nil},
	}
	for _, tt := range tests {
		if got, _ := c.actors([]rune(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("actors(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNounActorsGeneralVerbs: a party noun followed by a common verb of
// official documents (actors.txt kind=verb) acts; one that heads a
// compound with a verb used as a noun, or whose verb is followed by 的
// (the subject of a modifier), does not (invented sentences).
func TestNounActorsGeneralVerbs(t *testing.T) {
	c := compile(dict.MustDefault())
	tests := []struct {
		text string
		want []string
	}{
		// Ordinary verbs after a clause subject.
		{"企业参与职业教育", []string{"企业"}},
		{"学校开设劳动教育课程", []string{"学校"}},
		{"各地制定实施方案", []string{"各地"}},
		{"高校招收退役军人", []string{"高校"}},
		{"行业协会发布团体标准", []string{"行业协会"}},
		{"政府承担兜底责任", []string{"政府"}},
		{"职业院校设立技能大师工作室", []string{"职业院校"}},
		{"企业履行社会责任", []string{"企业"}},
		{"地方政府筹措配套资金", []string{"地方政府"}},
		{"党组织召开专题会议", []string{"党组织"}},
		{"各级党委细化分解任务", []string{"各级党委"}},
		{"部门配合做好审核", []string{"部门"}},
		{"党委把关干部人选", []string{"党委"}},
		{"企业披露环境信息", []string{"企业"}},
		{"学校免收住宿费", []string{"学校"}},
		{"地方政府偿还到期债务", []string{"地方政府"}},
		// A verb of the list before the noun makes it an object.
		{"参照企业做法执行", nil},
		{"招收企业职工入学", nil},
		// Verbs used as nouns are not in the list: the noun is a modifier
		// of the compound (企业开办, 干部配备, 部门联系人, 企业申请材料,
		// 学校开放日, 政府公开透明, 企业捐赠资金).
		{"企业开办时间压缩至1个工作日", nil},
		{"干部配备要优先考虑", nil},
		{"部门联系人要及时报送", nil},
		{"企业申请材料一律网上提交", nil},
		{"学校开放日定期举办", nil},
		{"政府公开透明", nil},
		{"企业捐赠资金要规范管理", nil},
		{"企业管理制度要健全", nil},
		{"干部考核结果要运用好", nil},
		{"企业改革要深化", nil},
		{"学校评价要科学", nil},
		{"政府投入要加大", nil},
		{"企业转型升级步伐加快", nil},
		{"政府购买服务范围扩大", nil},
		{"企业上市融资规模扩大", nil},
		{"干部队伍结构要优化", nil},
		// A noun whose verb is followed by 的 modifies what comes next.
		{"企业提出的诉求要及时回应", nil},
		{"高校招收的学生", nil},
		{"企业发布的标准", nil},
		{"政府确定的目标要实现", nil},
		{"企业承担的项目要按期完成", nil},
		{"企业开展的培训要规范", nil},
	}
	for _, tt := range tests {
		if got, _ := c.actors([]rune(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("actors(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestPivotPartyNames: a pivot party keeps the rest of its name and is no
// party where it is what gets built (invented sentences).
func TestPivotPartyNames(t *testing.T) {
	c := compile(dict.MustDefault())
	tests := []struct {
		text string
		want []string
	}{
		{"支持企业家大胆创新", []string{"企业家"}},
		{"鼓励职业院校学生考取证书", []string{"职业院校学生"}},
		{"带动学校工会开展活动", []string{"学校工会"}},
		{"鼓励政府工作人员主动服务", []string{"政府工作人员"}},
		{"支持企业开展技术改造", []string{"企业"}},
		{"支持乡镇卫生院改善条件", []string{"乡镇卫生院"}},
		{"推动城市副中心高质量发展", nil},
		{"支持郑州建设国际消费中心城市", []string{"郑州"}},
		{"支持东湖实验室、西山实验室建设，加强合作", nil},
		{"支持省农业科学院等建设", nil},
		{"推动老城中心建设、道路改造等", nil},
	}
	for _, tt := range tests {
		if got, _ := c.actors([]rune(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("actors(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestRoleAndBareActors: a clause names the party to act by its role
// (作为X，) or as the one it speaks to (对X来讲，), and a class of people or
// a body stands alone as the subject before a modal (教师必须…); a role
// that names no party, an object after 对, and a class that is described
// rather than told are none (invented sentences).
func TestRoleAndBareActors(t *testing.T) {
	c := compile(dict.MustDefault())
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"作为教师，同事之间要多互助", []string{"教师"}},
		{"身为领导，要带头讲团结", []string{"领导"}},
		{"作为学校，校际之间要多交流", []string{"学校"}},
		{"对所有教育工作者来讲，要牢固树立质量意识", []string{"所有教育工作者"}},
		{"对每一位教师而言，就是要坚持育人为本", []string{"每一位教师"}},
		{"对于每一位教师来说，就是要坚持育人为本", []string{"每一位教师"}},
		{"教师必须严守师德", []string{"教师"}},
		{"工会要想办法提升教工的幸福指数", []string{"工会"}},
		{"专家要有善后处理措施", []string{"专家"}},
		{"审计人员原则上要去充分理解", []string{"审计人员"}},
		{"组织也一定要多关心他", []string{"组织"}},
		{"如果机关需要报表，应自己去搜", []string{"机关"}},
		{"员工要转换思想与技能", []string{"员工"}},
		{"绍兴一中一定要坚持质量核心地位不动摇", []string{"绍兴一中"}},
		{"实验中学要办出特色", []string{"实验中学"}},
		{"希望绍兴一中切实按照文件精神规范招生", []string{"绍兴一中"}},
		{"希望大家以这次会议为契机", nil},
		{"每一位教师要读一本专著", []string{"每一位教师"}},
		{"作为一项重要工作，要抓紧推进", nil},
		{"作为教师", nil},
		{"对符合条件的企业，要给予补贴", nil},
		{"对这个问题来说，要具体分析", nil},
		{"教师更关键", nil},
		{"上调退休人员基本养老金", nil},
		{"监督人员不是站在边界上", nil},
		{"专家指出", nil},
	} {
		if got, _ := c.actors([]rune(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("actors(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
