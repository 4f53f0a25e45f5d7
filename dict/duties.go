package dict

import (
	"regexp"
	"strings"
)

// Duty is one organ type of duties.txt: the words its units' names hold
// and the words of its duties (三定职责), some learned from reviewers.
type Duty struct {
	Type    string
	Names   []string // 人社, 人力资源社会保障: a unit whose name holds one is of this type
	Words   []string // 就业, 失业保险: a task naming them is this type's work
	Means   []string // 资金, 补贴: means it controls, which call for it as a partner more than as the lead
	Learned []string // words reviewers' assignments taught (review import)
	Src     Source
}

func (p *fileParser) duties(lines []line) {
	for _, l := range lines {
		if !p.allow(l, "names", "duties", "means", "learned") || !p.word(l, maxWord) || !p.unique(l, l.entry) {
			continue
		}
		d := Duty{Type: l.entry, Src: p.src(l)}
		d.Names = bar(l.fields["names"])
		d.Words = bar(l.fields["duties"])
		d.Means = bar(l.fields["means"])
		d.Learned = bar(l.fields["learned"])
		if len(d.Names) == 0 {
			p.errf(l, "「%s」缺少 names=名称特征（如 names=人社|人力资源社会保障）", l.entry)
			continue
		}
		if len(d.Words)+len(d.Learned) == 0 {
			p.errf(l, "「%s」缺少 duties=职责用语（如 duties=就业|失业保险）", l.entry)
			continue
		}
		p.r.Duties = append(p.r.Duties, d)
	}
}

// bar splits a | list, dropping empty items.
func bar(v string) []string {
	var out []string
	for _, x := range strings.Split(v, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// organSuffix ends the name of an organ after its type (人社局, 经信厅,
// 发展改革委, 金融办, 电力公司), past a place at most (人行浙江省分行).
var organSuffix = regexp.MustCompile(`^[^、，]{0,4}?(?:局|厅|委|部|办|署|中心|公司|行|院|会)`)

// namesOrgan reports whether unit is an organ of the type feature f names:
// f stands in it and what follows is the organ's suffix, or nothing
// (人民银行). 党员教育管理科 holds 教育 but is no education bureau.
func namesOrgan(unit, f string) bool {
	i := strings.Index(unit, f)
	if i < 0 {
		return false
	}
	rest := unit[i+len(f):]
	return rest == "" || organSuffix.MatchString(rest)
}

// DutyOf returns the organ type of a unit's name: the type with the
// longest name feature the name holds, at equal length the one named
// later, for a name ends with the organ itself after the organ it belongs
// to (县委组织部干部科 is a 干部科); ok is false when none does.
func (r *Rules) DutyOf(unit string) (Duty, bool) {
	best, n, at := -1, 0, -1
	for i, d := range r.Duties {
		for _, f := range d.Names {
			j := strings.LastIndex(unit, f)
			if j < 0 || len(f) < n || len(f) == n && j <= at || !namesOrgan(unit[j:], f) {
				continue
			}
			best, n, at = i, len(f), j
		}
	}
	if best < 0 {
		return Duty{}, false
	}
	return r.Duties[best], true
}
