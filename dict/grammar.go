package dict

import (
	"slices"
	"strings"
)

// GrammarWord is a function word of one class of grammar.txt: the small
// closed classes the sentence rules consult (verbs of saying, adverbs of
// habit, words that end a subject…), data a reviewer can read and edit
// rather than lists in the program.
type GrammarWord struct {
	Text  string
	Class string
	Src   Source
}

// GrammarClasses are the classes of grammar.txt, each with what it does,
// in Chinese, as `rules check` and the file's header explain them.
var GrammarClasses = []struct{ Name, Doc string }{
	{"report-verb", "引述动词：“某某说/指出/强调，……”后面是别人的话，不是讲话人的要求"},
	{"habitual", "惯常副词：“一直强调”“反复提出”是重申一贯的要求，仍然算要求"},
	{"first-person", "第一人称：“我强调”“我们认为”后面是讲话人自己的要求"},
	{"addressee", "称呼语：“希望大家要……”里的“大家”不是动作，动作在后面"},
	{"direction", "趋向动词：“要去理解”里的“去”不是动作，动作在后面"},
	{"perfective", "完成体标记：句中有“了”“已经”的句子多半在说已经做了的事（用于判断回顾部分）"},
	{"statement-start", "陈述句开头：以它开头的句子只凭句式不算任务（“当前……”“如果……”）"},
	{"discourse", "话语标记：句首的“第一”“首先”“所以”“当然”等只是衔接，判断句子时跳过它"},
	{"illustration", "举例、评说、解释的开头（比如、其实、说实话、因为）：后面多是说明情况，没有“可以”“不能”这类词时不算任务"},
	{"permission", "许可与禁止（可以、不能、不要）：没有已知指令词的句子里有它，就不按描述句排除"},
	{"stative", "状态动词（有、是、存在）：第一个分句在动作之前就出现它（“苹果有……”），是在描述情况"},
	{"degree", "程度副词（很、非常、同样）：句子以“程度副词＋形容词”结尾（“同样重要”）是在评说"},
	{"significance", "表示重要性的形容词（重要、关键、必要）：句子以“程度副词＋它”结尾（“……最关键”“这一点十分重要”）是在说什么重要，不是布置"},
	{"prediction", "推测与能力（会、可能、能够）：第一个分句在动作之前就出现它（“考评也会带来压力”），是在推测或描述"},
	{"focus", "表示重点的名词（关键、重点、核心）：“关键是要……”仍是要求；别的事物作主语的“……就是要……”是在下定义"},
	{"partitive", "部分主语（有的、有些、不少）：“有的教师感到……”是在描述情况"},
	{"added-measure", "追加措施的连接词：“同时，……”“此外，……”后面是又一项措施"},
	{"connective", "分句开头的连接词：在它后面找主语（“同时，各单位要……”）"},
	{"role", "身份标记：分句“作为教师，……”“身为领导，……”里的名称是要做事的主体"},
	{"viewpoint", "对象标记：与 viewpoint-end 一起，“对所有教育工作者来讲，……”里的名称是要做事的主体"},
	{"viewpoint-end", "对象标记的结尾（来讲、来说、而言）"},
	{"head", "主语中心词：在主语位置结束一个人群或机构的名称（县级领导、督查人员）"},
	{"party-head", "单位或人群中心词：结束词典里没有的单位或人群名称（某某集团、进城落户农民）"},
	{"not-name", "以单位后缀结尾的普通词（社会、大会、全局）：不是名称"},
	{"subject-end", "主语结束词：主语到它为止（“县委督查室会同……”“区局按年度……”）"},
	{"predicate-start", "谓语开头词：名称后面是它时，名称是主语（“学校可……”“教师分工……”）"},
	{"agent-marker", "施事标记：引出分句中间的责任主体（“由区级领导包联”“会同县发改局”）"},
	{"licensor", "引出主体的词：它后面的名称是责任主体（由、会同、联合、请、促进）"},
	{"causative", "使令词：它后面的名词是对象，不是主语（“让民营企业……”“允许县级政府……”）"},
	{"pivot-prep", "方式介词：兼语后面的名称到它为止（“支持人才凭技能提升待遇”）"},
	{"quantifier", "数量词：放在名称前面，不是名称的一部分（一批、一些、部分）"},
	{"list-word", "名单连接词：连接几个责任主体（和、与、及、以及、特别是）"},
	{"list-sep", "兼语名单连接词：连接兼语动词后面的几个主体（和、与、及、特别是）"},
}

// Grammar returns the words of class, in file order.
func (r *Rules) Grammar(class string) []string {
	var out []string
	for _, g := range r.GrammarWords {
		if g.Class == class {
			out = append(out, g.Text)
		}
	}
	return out
}

func grammarClass(name string) bool {
	return slices.ContainsFunc(GrammarClasses, func(c struct{ Name, Doc string }) bool { return c.Name == name })
}

func (p *fileParser) grammar(lines []line) {
	for _, l := range lines {
		if !p.allow(l, "class") || !p.word(l, maxWord) {
			continue
		}
		class, ok := l.fields["class"]
		if !ok {
			p.errf(l, "「%s」缺少 class=类别", l.entry)
			continue
		}
		if !grammarClass(class) {
			names := make([]string, len(GrammarClasses))
			for i, c := range GrammarClasses {
				names[i] = c.Name
			}
			p.errf(l, "class=%s 无效（只能是 %s）", class, strings.Join(names, "、"))
			continue
		}
		if !p.unique(l, class+":"+l.entry) {
			continue
		}
		p.r.GrammarWords = append(p.r.GrammarWords, GrammarWord{Text: l.entry, Class: class, Src: p.src(l)})
	}
}
