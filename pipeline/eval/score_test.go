package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/luoshi/luoshi/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func ptr(s string) *string { return &s }

// handGold and handPred are a tiny annotation and an imperfect extraction
// whose scores are worked out by hand in TestScoreByHand.
func handGold() *Gold {
	return &Gold{
		Document: "hand.txt",
		Pillars: []GoldPillar{
			{Number: "一", Title: "加强理论武装", Points: []GoldPoint{{Title: "抓实理论学习"}, {Title: "强化党性淬炼"}}},
			{Number: "二", Title: "狠抓工作落实", Points: []GoldPoint{{Title: "健全督查机制"}}},
		},
		Tasks: []GoldTask{
			{Text: "要抓好理论学习", Pillar: 1, Point: ptr("抓实理论学习"), Actors: []string{"各级支部书记"}, Timing: []string{"每周"}},
			{Text: "开展党性教育活动", Pillar: 1, Point: ptr("强化党性淬炼")},
			{Text: "建立重点工作督查台账", Pillar: 2, Point: ptr("健全督查机制"), Actors: []string{"部机关各股室"}, Timing: []string{"每月", "年底前"}},
			{Text: "希望大家扎实做好各项工作", Pillar: 0, Borderline: true},
			{Text: "落实首问负责制", Pillar: 2},
		},
		Slogans: []GoldSlogan{{Text: "三会一课"}, {Text: "七一", Borderline: true}, {Text: "一盘棋"}},
	}
}

func handPred() *doc.Document {
	return &doc.Document{
		Info: doc.Info{Name: "hand.txt"},
		Pillars: []doc.Pillar{
			{Number: "一", Title: "加强理论武装。", Points: []doc.Point{{Title: "抓实理论学习"}, {Title: "严肃政治生活"}}},
			{Number: "二", Title: "全面从严管理干部", Points: []doc.Point{{Title: "从严管理"}}, Rules: []string{"dict/pillars.txt:3"}},
		},
		Tasks: []doc.Task{
			{Text: "要抓好理论学习。", Pillar: 1, Point: ptr("抓实理论学习"), Actors: []string{"支部书记"}},
			{Text: "开展党性教育活动", Pillar: 1},
			{Text: "建立重点工作督查台账", Pillar: 2, Point: ptr("健全督查机制"), Actors: []string{"部机关各股室"}, Timing: []string{"每月"}},
			{Text: "希望大家扎实做好各项工作。", Pillar: 0},
			{Text: "今年工作成绩显著", Pillar: 0, Rules: []string{"verb-initial"}, Location: doc.Location{Paragraph: 1, Sentence: 2, Start: 10, End: 18}},
			{Text: "开展党性教育活动", Pillar: 1},
		},
		Slogans: []doc.Slogan{{Text: "“三会一课”"}, {Text: "七一"}, {Text: "两学一做"}},
	}
}

func TestScoreByHand(t *testing.T) {
	r := Score(handPred(), handGold())
	// Pillars: 加强理论武装 matched; 全面从严管理干部 spurious; 狠抓工作落实 missed.
	// Points: in the matched pair, 抓实理论学习 TP, 严肃政治生活 FP, 强化党性淬炼 FN;
	// 从严管理 under the spurious pillar FP; 健全督查机制 under the missed pillar FN.
	// Tasks: three TP; the borderline exhortation set aside; 今年工作成绩显著
	// and the duplicate 开展党性教育活动 FP; 落实首问负责制 FN.
	// Pillar accuracy: the third task's predicted pillar 2 matched no gold
	// pillar, so 2 of 3. Point accuracy: the second task lacks its point, 2 of 3.
	// Actors: 支部书记 is 4 of 6 runes of 各级支部书记 (contained, 67%), and
	// 部机关各股室 is exact: 2 of 2. Timing: 每月 only, 1 of 3.
	// Slogans: 三会一课 TP, 七一 set aside, 两学一做 FP, 一盘棋 FN.
	// Confidence: the predictions carry none (0), so all five that are not
	// set aside fall in the low band, three of them right.
	want := Report{
		Document:       "hand.txt",
		Pillars:        Counts{TP: 1, FP: 1, FN: 1},
		Points:         Counts{TP: 1, FP: 2, FN: 2},
		Tasks:          Counts{TP: 3, FP: 2, FN: 1, SetAside: 1},
		Slogans:        Counts{TP: 1, FP: 1, FN: 1, SetAside: 1},
		PillarAccuracy: Ratio{2, 3},
		PointAccuracy:  Ratio{2, 3},
		ActorRecall:    Ratio{2, 2},
		TimingRecall:   Ratio{1, 3},
		LowConfidence:  Ratio{3, 5},
	}
	got := *r
	got.Findings = nil
	if !equalReports(got, want) {
		t.Fatalf("Score:\n got %+v\nwant %+v", got, want)
	}
	figures := []struct {
		name      string
		got, want float64
	}{
		{"pillars P", r.Pillars.Precision(), 0.5},
		{"pillars R", r.Pillars.Recall(), 0.5},
		{"pillars F1", r.Pillars.F1(), 0.5},
		{"points P", r.Points.Precision(), 1.0 / 3},
		{"points R", r.Points.Recall(), 1.0 / 3},
		{"points F1", r.Points.F1(), 1.0 / 3},
		{"tasks P", r.Tasks.Precision(), 0.6},
		{"tasks R", r.Tasks.Recall(), 0.75},
		{"tasks F1", r.Tasks.F1(), 2 * 0.6 * 0.75 / 1.35},
		{"slogans F1", r.Slogans.F1(), 0.5},
	}
	for _, f := range figures {
		if math.Abs(f.got-f.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
		}
	}
	kinds := map[string]int{}
	for _, f := range r.Findings {
		kinds[f.Kind+"/"+f.Problem]++
	}
	wantKinds := map[string]int{
		"pillar/missed": 1, "pillar/spurious": 1, "point/missed": 2, "point/spurious": 2,
		"task/missed": 1, "task/spurious": 2, "task/wrong_pillar": 1, "task/wrong_point": 1,
		"task/timing_missed": 2, "slogan/missed": 1, "slogan/spurious": 1,
	}
	if len(kinds) != len(wantKinds) {
		t.Errorf("findings by kind = %v, want %v", kinds, wantKinds)
	}
	for k, n := range wantKinds {
		if kinds[k] != n {
			t.Errorf("findings %s = %d, want %d", k, kinds[k], n)
		}
	}
}

func equalReports(a, b Report) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestCountsConventions(t *testing.T) {
	cases := []struct {
		c       Counts
		p, r, f float64
	}{
		{Counts{}, 1, 1, 1},            // nothing expected, nothing found
		{Counts{SetAside: 3}, 1, 1, 1}, // only borderline items
		{Counts{FN: 4}, 0, 0, 0},       // nothing extracted
		{Counts{FP: 2}, 0, 0, 0},       // nothing to find, noise found
		{Counts{TP: 1, FP: 1, FN: 0}, 0.5, 1, 2.0 / 3},
	}
	for _, c := range cases {
		if c.c.Precision() != c.p || c.c.Recall() != c.r || math.Abs(c.c.F1()-c.f) > 1e-9 {
			t.Errorf("%+v: P/R/F1 = %v/%v/%v, want %v/%v/%v", c.c, c.c.Precision(), c.c.Recall(), c.c.F1(), c.p, c.r, c.f)
		}
	}
	if _, ok := (Ratio{}).Value(); ok {
		t.Error("an empty Ratio has a value")
	}
}

func TestMerge(t *testing.T) {
	a := Score(handPred(), handGold())
	b := Score(handGold().AsDocument(), handGold())
	m := Merge("合计", a, b)
	want := Counts{TP: 3 + 4, FP: 2, FN: 1, SetAside: 1 + 1}
	if m.Tasks != want {
		t.Errorf("merged tasks = %+v, want %+v", m.Tasks, want)
	}
	if m.TimingRecall != (Ratio{1 + 3, 3 + 3}) {
		t.Errorf("merged timing recall = %+v", m.TimingRecall)
	}
	if m.Findings != nil || m.Document != "合计" {
		t.Errorf("merged report = %+v", m)
	}
}

// corpus finds the shared ground truth next to the module root, skipping
// the test where it is absent (CI machines).
func corpus(t testing.TB) string {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "GUIDELINE.md")); err != nil {
		t.Skip("shared corpus not present")
	}
	return dir
}

// assertPerfect checks that a gold scored against itself is 1.0 everywhere.
func assertPerfect(t *testing.T, g *Gold) {
	t.Helper()
	r := Score(g.AsDocument(), g)
	for name, c := range map[string]Counts{"pillars": r.Pillars, "points": r.Points, "tasks": r.Tasks, "slogans": r.Slogans} {
		if c.Precision() != 1 || c.Recall() != 1 || c.F1() != 1 || c.FP+c.FN != 0 {
			t.Errorf("%s: self-score %s = %+v", g.Document, name, c)
		}
	}
	for name, q := range map[string]Ratio{"pillar accuracy": r.PillarAccuracy, "point accuracy": r.PointAccuracy,
		"actor recall": r.ActorRecall, "timing recall": r.TimingRecall} {
		if v, ok := q.Value(); ok && v != 1 {
			t.Errorf("%s: self-score %s = %+v", g.Document, name, q)
		}
	}
	if len(r.Findings) != 0 {
		t.Errorf("%s: self-score has findings %+v", g.Document, r.Findings)
	}
}

func TestSeedSelfScore(t *testing.T) {
	g, err := LoadGold(filepath.Join(corpus(t), "zugong-xuhui-2022.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Tasks) < 20 || len(g.Pillars) != 4 {
		t.Fatalf("seed gold read as %d pillars, %d tasks", len(g.Pillars), len(g.Tasks))
	}
	assertPerfect(t, g)
	r := Score(g.AsDocument(), g)
	// Every attribute of the seed is exercised, so both recalls are defined.
	if r.ActorRecall.Total == 0 || r.TimingRecall.Total == 0 || r.Tasks.SetAside != 2 || r.Slogans.SetAside != 1 {
		t.Errorf("seed self-score = %+v", r)
	}
}

func TestCorpusGoldLoads(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(corpus(t), "*.gold.json"))
	if len(paths) == 0 {
		t.Fatal("no gold files in the corpus")
	}
	for _, p := range paths {
		g, err := LoadGold(p)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		assertPerfect(t, g)
	}
}

func TestEmptyPrediction(t *testing.T) {
	g := handGold()
	r := Score(&doc.Document{}, g)
	if r.Tasks != (Counts{FN: 4}) || r.Pillars != (Counts{FN: 2}) || r.Points != (Counts{FN: 3}) || r.Tasks.F1() != 0 {
		t.Errorf("empty prediction = %+v", r)
	}
	if _, ok := r.PillarAccuracy.Value(); ok {
		t.Error("pillar accuracy defined with no matched task")
	}
}

// A predicted task pointing at a pillar index that does not exist must
// count as a wrong pillar, not crash.
func TestBadPillarIndex(t *testing.T) {
	g := handGold()
	d := g.AsDocument()
	d.Tasks[0].Pillar = 9
	d.Tasks[1].Pillar = -1
	r := Score(d, g)
	if r.PillarAccuracy != (Ratio{Hit: 2, Total: 4}) {
		t.Errorf("pillar accuracy = %+v", r.PillarAccuracy)
	}
}

func TestTableGolden(t *testing.T) {
	a := Score(handPred(), handGold())
	b := Score(handGold().AsDocument(), handGold())
	b.Document = "手工样例-自评.txt"
	var buf bytes.Buffer
	if err := WriteTable(&buf, []*Report{a, b}, Merge("合计（微平均）", a, b)); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("\n")
	if err := WriteFindings(&buf, a); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.golden", buf.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update to accept):\n%s", path, got)
	}
}

// TestReportJSONGolden pins the JSON field names of a report, which
// `luoshi eval --json` prints for scripts.
func TestReportJSONGolden(t *testing.T) {
	r := Score(handPred(), handGold())
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json.golden", append(b, '\n'))
}

// Missed and spurious tasks carry the sentence number `luoshi explain
// --sentence` takes, counted over the whole text.
func TestFindingSentenceNumbers(t *testing.T) {
	g := handGold()
	d := g.AsDocument()
	d.Paragraphs = doc.Build([]string{
		"一、加强理论武装。要抓好理论学习。",
		"开展党性教育活动。今年工作成绩显著。",
		"二、狠抓工作落实。建立重点工作督查台账。落实首问负责制。",
	}, nil)
	d.Tasks = d.Tasks[:3] // drop the borderline one and 落实首问负责制 (sentence 7)
	d.Tasks = append(d.Tasks, doc.Task{Text: "今年工作成绩显著", Location: d.Paragraphs[1].Sentences[1].Loc})
	r := Score(d, g)
	got := map[string]int{}
	for _, f := range r.Findings {
		got[f.Problem+" "+f.Text] = f.Sentence
	}
	want := map[string]int{"missed 落实首问负责制": 7, "spurious 今年工作成绩显著": 4}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: sentence %d, want %d (findings %v)", k, got[k], n, got)
		}
	}
}
