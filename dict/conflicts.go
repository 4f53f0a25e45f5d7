package dict

import "sort"

// Conflict is a word that has different roles in different files: a
// reviewer who edits one entry may not know the other decides too.
type Conflict struct {
	Text  string
	Roles []Role
}

// Role is one entry of a word: where it is and what it does there.
type Role struct {
	Src  Source
	What string // in Chinese
}

// Precedence says, in Chinese, which role wins where a word has several;
// rules check prints it with the conflicts.
const Precedence = "分词时先读入的词典优先（words、directives、actors、timing、slogans 的顺序）；" +
	"判断一句话是不是任务时只看指令词表和排除表，责任主体表、时间表、提法表只用来找主体、时限和提法"

// Conflicts lists the words that have different roles in different files.
// words.txt only keeps words whole when cutting and is no role; a verb of
// actors.txt (kind=verb) and a directive verb agree.
func Conflicts(r *Rules) []Conflict {
	roles := map[string][]Role{}
	add := func(text string, src Source, what string) {
		roles[text] = append(roles[text], Role{src, what})
	}
	for _, d := range r.Directives {
		add(d.Text, d.Src, "指令词（"+d.Kind+"）")
	}
	for _, a := range r.Actors {
		what := "责任主体"
		switch {
		case a.Prefix:
			what = "主体前缀"
		case a.Pivot:
			what = "引出主体的动词"
		case a.Place:
			what = "地名"
		case a.Stop:
			what = "行业或区域（不算主体）"
		case a.Verb:
			what = "普通动词"
		}
		add(a.Text, a.Src, what)
	}
	for _, t := range r.Timing {
		if t.Re == nil {
			add(t.Text, t.Src, "时间")
		}
	}
	for _, s := range r.Slogans {
		what := "提法"
		if s.Stop {
			what = "不算提法"
		}
		add(s.Text, s.Src, what)
	}
	var out []Conflict
	for text, rs := range roles {
		if len(rs) < 2 || agree(rs) {
			continue
		}
		out = append(out, Conflict{text, rs})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Roles[0].Src, out[j].Roles[0].Src
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return out
}

// class groups roles that do not contradict each other: a word may be a
// directive and a verb of the actors' lists, an adverb of directives and a
// time word (定期), a party and a prefix; it should not be a verb and a
// party, or a party and a formula.
func class(what string) string {
	switch what {
	case "指令词（verb）", "指令词（modal）", "指令词（aux）", "指令词（prep）", "普通动词", "引出主体的动词":
		return "verb"
	case "指令词（adverb）", "时间":
		return "adverb"
	case "责任主体", "主体前缀", "地名":
		return "party"
	case "行业或区域（不算主体）":
		return "sector"
	case "提法":
		return "formula"
	}
	return "" // 不算提法: says what a word is not, contradicts nothing
}

// agree reports roles that do not contradict each other.
func agree(rs []Role) bool {
	classes := map[string]bool{}
	for _, r := range rs {
		if c := class(r.What); c != "" {
			classes[c] = true
		}
	}
	return len(classes) < 2
}
