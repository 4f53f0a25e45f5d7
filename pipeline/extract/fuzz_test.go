package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// FuzzAnnotate runs extraction over arbitrary text, which reaches it from
// outside files through ingest: it must never panic, and every task must
// point into its own text.
func FuzzAnnotate(f *testing.F) {
	f.Add("一、部署\n要落实“三会一课”。开展活动，每月一次。\n二、保障\n支持郑州、洛阳建设。")
	f.Add("（一）“未闭合的引号。『』「」\"\"《“》”\n①②\n首先，\n最后，")
	f.Add("2024年工作回顾\n（一）甲。\n（二）乙。\n2025年工作\n（一）丙。要做。\n附件1\n一、")
	f.Add("作为教师，要多互助。对所有教育工作者来讲，要树立意识。工会要想办法。专家")
	r := dict.MustDefault()
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // ingest hands over valid UTF-8 only
		}
		d := &doc.Document{Paragraphs: doc.Build(strings.Split(text, "\n"), nil)}
		Annotate(d, r)
		for _, task := range d.Tasks {
			rs := []rune(task.Text)
			if task.ActionAt >= 0 && (task.ActionAt+utf8.RuneCountInString(task.Action) > len(rs) ||
				string(rs[task.ActionAt:task.ActionAt+utf8.RuneCountInString(task.Action)]) != task.Action) {
				t.Fatalf("action %q at %d is not in %q", task.Action, task.ActionAt, task.Text)
			}
			if task.Pillar < 0 || task.Pillar > len(d.Pillars) {
				t.Fatalf("pillar %d of %d", task.Pillar, len(d.Pillars))
			}
		}
		for _, s := range d.Slogans {
			if s.Count != len(s.Locations) || s.Count == 0 {
				t.Fatalf("slogan %+v", s)
			}
		}
	})
}
