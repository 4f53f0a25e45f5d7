package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const minimalGold = `{
 "document": "a.txt",
 "source": "test",
 "announced_pillars": 2,
 "pillars": [
  {"number": "一", "title": "加强理论武装", "points": ["抓实理论学习", {"title": "强化党性淬炼", "borderline": true}]},
  {"number": "二", "title": "狠抓工作落实", "points": []}
 ],
 "tasks": [
  {"text": "要抓好理论学习", "pillar": 1, "point": "抓实理论学习", "actors": ["支部书记"], "timing": ["每周"]},
  {"text": "落实首问负责制", "pillar": 2, "point": null, "borderline": true}
 ],
 "slogans": [{"text": "三会一课"}, {"text": "七一", "borderline": true}],
 "notes": ""
}`

func TestParseGold(t *testing.T) {
	g, err := ParseGold("a.gold.json", []byte("\uFEFF"+minimalGold))
	if err != nil {
		t.Fatal(err)
	}
	if *g.AnnouncedPillars != 2 || len(g.Pillars[0].Points) != 2 || !g.Pillars[0].Points[1].Borderline ||
		g.Pillars[0].Points[0].Title != "抓实理论学习" || !g.Tasks[1].Borderline || g.Tasks[1].Point != nil ||
		g.Tasks[0].Actors[0] != "支部书记" || !g.Slogans[1].Borderline {
		t.Errorf("parsed %+v", g)
	}
}

func TestParseGoldErrors(t *testing.T) {
	cases := []struct {
		name, json, want string
	}{
		{"empty", ``, "内容为空"},
		{"syntax", "{\n\"document\": \"a.txt\",\n}", "第 3 行第 1 列"},
		{"trailing", minimalGold + `{}`, "多余的内容"},
		{"unknown key", strings.Replace(minimalGold, `"borderline": true}]`, `"borderlin": true}]`, 1), "borderlin"},
		{"wrong type", strings.Replace(minimalGold, `"pillar": 2,`, `"pillar": "2",`, 1), "pillar"},
		{"pillar out of range", strings.Replace(minimalGold, `"pillar": 2,`, `"pillar": 3,`, 1), "应在 0 到 2 之间"},
		{"unknown point", strings.Replace(minimalGold, `"point": "抓实理论学习"`, `"point": "抓实理论"`, 1), "不是第 1 个一级部署的要点"},
		{"point outside pillars", strings.Replace(minimalGold, `"pillar": 1, "point"`, `"pillar": 0, "point"`, 1), "point 应为 null"},
		{"punctuation-only task", strings.Replace(minimalGold, `"要抓好理论学习"`, `"。。"`, 1), "text 为空"},
		{"empty slogan", strings.Replace(minimalGold, `"三会一课"`, `"“”"`, 1), "提法"},
		{"empty actor", strings.Replace(minimalGold, `["支部书记"]`, `[" "]`, 1), "责任主体"},
		{"empty pillar title", strings.Replace(minimalGold, `"加强理论武装"`, `""`, 1), "标题为空"},
		{"negative count", strings.Replace(minimalGold, `"announced_pillars": 2`, `"announced_pillars": -1`, 1), "负数"},
		{"not an object", `[]`, "类型不对"},
		{"float pillar", strings.Replace(minimalGold, `"pillar": 2,`, `"pillar": 1.5,`, 1), "应为整数，实际是数字 1.5"},
		{"point neither string nor object", strings.Replace(minimalGold, `"points": []`, `"points": [3]`, 1), "points 的每一项应为字符串"},
	}
	for _, c := range cases {
		_, err := ParseGold("dir/x.gold.json", []byte(c.json))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "标注文件 x.gold.json：") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: error %q, want it to name the file and say %q", c.name, msg, c.want)
		}
	}
}

func TestLoadGoldMissing(t *testing.T) {
	_, err := LoadGold(filepath.Join(t.TempDir(), "none.gold.json"))
	if err == nil || !strings.Contains(err.Error(), "none.gold.json：文件不存在") {
		t.Errorf("LoadGold of a missing file: %v", err)
	}
}

// FuzzParseGold feeds outside bytes to the gold reader: it must never
// panic, and whatever it accepts must score perfectly against itself,
// which is what the checks in ParseGold promise the scorer.
func FuzzParseGold(f *testing.F) {
	f.Add([]byte(minimalGold))
	f.Add([]byte(`{"pillars":[{"title":"甲乙","points":[{"title":"丙丁"}]}],"tasks":[{"text":"戊","pillar":1,"point":"丙丁"}]}`))
	f.Add([]byte(`{"tasks":[{"text":"x","pillar":0},{"text":"x","pillar":0}],"slogans":[{"text":"x"},{"text":"ｘ"}]}`))
	f.Add([]byte(`null`))
	for _, p := range []string{"../../samples", "../../../shared/corpus"} {
		ms, _ := filepath.Glob(filepath.Join(p, "*.gold.json"))
		for _, m := range ms {
			// Large seeds make each execution and every minimization
			// slow; the small files cover the same shapes.
			if b, err := os.ReadFile(m); err == nil && len(b) <= 16<<10 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := ParseGold("fuzz.gold.json", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "标注文件 fuzz.gold.json：") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		r := Score(g.AsDocument(), g)
		for _, c := range []Counts{r.Pillars, r.Points, r.Tasks, r.Slogans} {
			if c.FP != 0 || c.FN != 0 {
				t.Fatalf("self-score not perfect: %+v", r)
			}
		}
		if r.PillarAccuracy.Hit != r.PillarAccuracy.Total || r.PointAccuracy.Hit != r.PointAccuracy.Total ||
			r.ActorRecall.Hit != r.ActorRecall.Total || r.TimingRecall.Hit != r.TimingRecall.Total {
			t.Fatalf("self-score attribution not perfect: %+v", r)
		}
	})
}
