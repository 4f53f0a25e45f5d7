package compare

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/luoshi/luoshi/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func str(s string) *string { return &s }

func task(id, text string, start, pillar int, point *string, action string) doc.Task {
	return doc.Task{ID: id, Text: text, Pillar: pillar, Point: point, Action: action,
		Location: doc.Location{Paragraph: 1 + start/100, Sentence: 1 + start%100/10, Start: start, End: start + 5}}
}

// base is a small annotated document; each case edits a copy of it.
func base() *doc.Document {
	return &doc.Document{
		Pillars: []doc.Pillar{
			{Number: "一", Title: "打造队伍", Points: []doc.Point{{Title: "抓实理论学习"}, {Title: "强化党性淬炼"}}},
			{Number: "二", Title: "磨炼队伍"},
		},
		Tasks: []doc.Task{
			task("T1", "要始终把政治建设摆在首位。", 10, 1, nil, "要"),
			task("T2", "持续强化政治理论学习。", 20, 1, str("抓实理论学习"), "持续"),
			task("T3", "开展评比活动。", 30, 1, str("强化党性淬炼"), "开展"),
			task("T4", "要大兴勤学之风。", 110, 2, nil, "要"),
		},
		Slogans: []doc.Slogan{{Text: "三会一课"}, {Text: "开篇开局"}},
	}
}

func TestDocuments(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(d *doc.Document)
		check func(t *testing.T, d *Diff)
	}{
		{"identical", func(*doc.Document) {}, func(t *testing.T, d *Diff) {
			if !d.Empty() {
				t.Errorf("diff of equal documents: %+v", d)
			}
		}},
		{"task lost", func(d *doc.Document) { d.Tasks = append(d.Tasks[:1], d.Tasks[2:]...) }, func(t *testing.T, d *Diff) {
			if len(d.TasksLost) != 1 || d.TasksLost[0].ID != "T2" || len(d.TasksGained)+len(d.TasksChanged) != 0 {
				t.Errorf("got %+v", d)
			}
		}},
		{"task gained, ids renumbered", func(d *doc.Document) {
			d.Tasks = append(d.Tasks, task("T5", "建立督查机制。", 120, 2, nil, "建立"))
			for i := range d.Tasks {
				d.Tasks[i].ID = "X" + d.Tasks[i].ID
			}
		}, func(t *testing.T, d *Diff) {
			if len(d.TasksGained) != 1 || d.TasksGained[0].Text != "建立督查机制。" || len(d.TasksLost) != 0 {
				t.Errorf("got %+v", d)
			}
		}},
		{"point and action changed", func(d *doc.Document) {
			d.Tasks[2].Point = str("抓实理论学习")
			d.Tasks[0].Action = "始终"
		}, func(t *testing.T, d *Diff) {
			var what [][]string
			for _, c := range d.TasksChanged {
				what = append(what, c.What)
			}
			if !reflect.DeepEqual(what, [][]string{{"关键动作"}, {"重点任务"}}) {
				t.Errorf("changes = %v", what)
			}
		}},
		{"actors and timing changed", func(d *doc.Document) {
			d.Tasks[1].Actors = []string{"企业"}
			d.Tasks[3].Timing = []string{"年底前"}
		}, func(t *testing.T, d *Diff) {
			var what [][]string
			for _, c := range d.TasksChanged {
				what = append(what, c.What)
			}
			if !reflect.DeepEqual(what, [][]string{{"文中责任主体"}, {"文中时间要求"}}) || d.Empty() {
				t.Errorf("changes = %v", what)
			}
		}},
		{"pillar retitled", func(d *doc.Document) { d.Pillars[1].Title = "磨炼一支队伍" }, func(t *testing.T, d *Diff) {
			if !reflect.DeepEqual(d.PillarsLost, []string{"二、磨炼队伍"}) || !reflect.DeepEqual(d.PillarsGained, []string{"二、磨炼一支队伍"}) {
				t.Errorf("pillars %v / %v", d.PillarsGained, d.PillarsLost)
			}
			if len(d.TasksChanged) != 1 || d.TasksChanged[0].AfterPillar != "磨炼一支队伍" {
				t.Errorf("changed = %+v", d.TasksChanged)
			}
		}},
		{"point and slogan lost", func(d *doc.Document) {
			d.Pillars[0].Points = d.Pillars[0].Points[:1]
			d.Slogans = d.Slogans[1:]
			d.Slogans = append(d.Slogans, doc.Slogan{Text: "两学一做"})
		}, func(t *testing.T, d *Diff) {
			if !reflect.DeepEqual(d.PointsLost, []string{"打造队伍／强化党性淬炼"}) ||
				!reflect.DeepEqual(d.SlogansLost, []string{"三会一课"}) || !reflect.DeepEqual(d.SlogansGained, []string{"两学一做"}) {
				t.Errorf("got %+v", d)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			after := base()
			tc.edit(after)
			tc.check(t, Documents(base(), after))
		})
	}
}

func TestWrite(t *testing.T) {
	after := base()
	after.Tasks = append(after.Tasks[:1], after.Tasks[2:]...)
	after.Tasks[1].Point = str("抓实理论学习")
	after.Tasks = append(after.Tasks, task("T5", "建立督查机制。", 120, 2, nil, "建立"))
	after.Slogans = after.Slogans[1:]
	after.Pillars[1].Points = []doc.Point{{Title: "要大兴勤学之风"}}
	var buf bytes.Buffer
	Documents(base(), after).Write(&buf)
	buf.WriteString("----\n")
	Documents(base(), base()).Write(&buf)

	golden := filepath.Join("testdata", "write.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("output differs from %s (run with -update after checking):\n%s", golden, buf.Bytes())
	}
}
