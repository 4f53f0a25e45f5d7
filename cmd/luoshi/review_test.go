package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/eval"
)

// cli runs the luoshi binary the way a user does: its own process, so the
// global configuration and flags of one command cannot leak into the next.
type cli struct {
	t   *testing.T
	bin string
	dir string // working directory: a temp folder with no config.yaml
}

// newCLI builds the binary once for the calling test.
func newCLI(t *testing.T) *cli {
	t.Helper()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "luoshi")
	b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	work := filepath.Join(tmp, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	return &cli{t: t, bin: bin, dir: work}
}

// run returns stdout, stderr and the exit code.
func (c *cli) run(args ...string) (string, string, int) {
	c.t.Helper()
	cmd := exec.Command(c.bin, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "HOME="+c.dir)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		c.t.Fatalf("luoshi %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run(args...)
	if code != 0 {
		c.t.Fatalf("luoshi %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (c *cli) path(p ...string) string { return filepath.Join(append([]string{c.dir}, p...)...) }

func seedPath(t *testing.T) string {
	p := filepath.Join("..", "..", "samples", "zugong-xuhui-2022.txt")
	if _, err := os.Stat(p); err != nil {
		t.Skip("seed speech missing:", err)
	}
	return p
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReviewCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c := newCLI(t)
	t.Run("rules init and check", func(t *testing.T) { testRulesInitCheck(t, c) })
	t.Run("broken dict stops run and extract", func(t *testing.T) { testBrokenDict(t, c) })
	t.Run("seed review round trip", func(t *testing.T) { testSeedRoundTrip(t, c) })
	t.Run("rules check finds each kind of problem", func(t *testing.T) { testRulesCheckKinds(t, c) })
	t.Run("review import of every verdict", func(t *testing.T) { testImportVerdicts(t, c) })
	t.Run("explain", func(t *testing.T) { testExplain(t, c) })
}

func testRulesCheckKinds(t *testing.T, c *cli) {
	for i, tc := range []struct {
		file, line, reason string
	}{
		{"words.txt", "组工干部 colour=red", "未知字段"},
		{"timing.txt", "regex=([a", "正则表达式有误"},
		{"directives.txt", "必须 kind=aux", "重复条目"},
		{"exclusions.txt", "regex=.*", "能匹配空文本"},
		{"exclusions.txt", "trigger=不存在的词 context=不存在的词语", "不在 directives.txt 中"},
		{"words.txt", "。。。", "永远不会匹配"},
	} {
		dir := "检查" + strconv.Itoa(i)
		c.ok("rules", "init", dir)
		p := c.path(dir, tc.file)
		b, _ := os.ReadFile(p)
		n := strings.Count(string(b), "\n") + 1
		if err := os.WriteFile(p, append(b, []byte(tc.line+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _, code := c.run("rules", "check", "--dict", dir)
		want := filepath.Join(dir, tc.file) + ":" + strconv.Itoa(n) + "："
		if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, tc.reason) {
			t.Errorf("%s += %q: exit %d, want %q and %q in:\n%s", tc.file, tc.line, code, want, tc.reason, out)
		}
	}
}

// testImportVerdicts marks three rows 确认, 需修改 and 误报 and imports the
// workbook together with a damaged one: the damaged one is named and
// skipped, the good one lands, and the gold says what the reviewer said.
func testImportVerdicts(t *testing.T, c *cli) {
	seed := seedPath(t)
	copyFile(t, seed, c.path("收件箱2", "讲话.txt"))
	c.ok("rules", "init", "词典2")
	c.ok("run", "--dict", "词典2", "--in", "收件箱2", "--out", "输出2")
	wbPath := c.path("输出2", "讲话-任务分解.xlsx")
	f, err := excelize.OpenFile(wbPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := taskSheet(t, f)
	var taskRows []int
	for i := 1; i < len(rows); i++ {
		if cell(rows[i], cols["任务编号"]) != "" {
			taskRows = append(taskRows, i+1)
		}
	}
	if len(taskRows) < 3 {
		t.Fatalf("%d task rows", len(taskRows))
	}
	set := func(col string, row int, v string) {
		name, _ := excelize.CoordinatesToCellName(cols[col]+1, row)
		if err := f.SetCellStr("任务分解", name, v); err != nil {
			t.Fatal(err)
		}
	}
	text := func(row int) string { return cell(rows[row-1], cols["任务内容"]) }
	set("审核意见", taskRows[0], "确认")
	set("审核意见", taskRows[1], "需修改")
	set("备注", taskRows[1], "审核人改正后的任务内容")
	set("审核意见", taskRows[2], "误报")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.WriteFile(c.path("坏表.xlsx"), []byte("PK\x03\x04 这不是工作簿"), 0o644); err != nil {
		t.Fatal(err)
	}

	out, errOut, code := c.run("review", "import", "--dict", "词典2", "--gold-dir", "标注", "坏表.xlsx", wbPath)
	if code != 1 || !strings.Contains(errOut, "坏表.xlsx：") {
		t.Errorf("a damaged workbook: exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "确认 1 行，误报 1 行，需修改 1 行") || !strings.Contains(out, "新增 1 条排除规则") {
		t.Errorf("review import said:\n%s", out)
	}
	g, err := eval.LoadGold(c.path("标注", "讲话.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]eval.GoldTask{}
	for _, gt := range g.Tasks {
		byText[gt.Text] = gt
	}
	if gt, ok := byText[text(taskRows[0])]; !ok || gt.Borderline {
		t.Errorf("confirmed row: %+v, %v", gt, ok)
	}
	if gt, ok := byText["审核人改正后的任务内容"]; !ok || gt.Borderline {
		t.Errorf("corrected row: %+v, %v", gt, ok)
	}
	if _, ok := byText[text(taskRows[1])]; ok {
		t.Error("the uncorrected text of the 需修改 row stayed in the gold")
	}
	if _, ok := byText[text(taskRows[2])]; ok {
		t.Error("the false positive is in the gold")
	}
	if gt := byText[text(taskRows[3])]; !gt.Borderline {
		t.Errorf("an unreviewed row is not borderline: %+v", gt)
	}

	// Nor is hand-made gold overwritten in a folder named by --gold-dir.
	hand := []byte(`{"document": "讲话.txt", "source": "人工标注", "announced_pillars": null, "pillars": [], "tasks": [], "slogans": []}`)
	if err := os.WriteFile(c.path("标注", "讲话.gold.json"), hand, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = c.run("review", "import", "--dict", "词典2", "--gold-dir", "标注", wbPath)
	if b, _ := os.ReadFile(c.path("标注", "讲话.gold.json")); code != 1 || !bytes.Equal(b, hand) || !strings.Contains(errOut, "人工标注") {
		t.Errorf("hand-made gold in --gold-dir: exit %d, %s", code, errOut)
	}

	// Without a dict folder nothing is written anywhere.
	if _, errOut, code := c.run("review", "import", wbPath); code == 0 || !strings.Contains(errOut, "--dict") {
		t.Errorf("no --dict: exit %d, %s", code, errOut)
	}
	if _, errOut, code := c.run("review", "import", "--dict", "没有的目录", wbPath); code == 0 || !strings.Contains(errOut, "rules init") {
		t.Errorf("missing dict folder: exit %d, %s", code, errOut)
	}
}

func testRulesInitCheck(t *testing.T, c *cli) {
	out := c.ok("rules", "init", "词典")
	if !strings.Contains(out, "已把默认词典写到 词典") {
		t.Errorf("rules init said:\n%s", out)
	}
	for _, name := range dict.Files {
		b, err := os.ReadFile(c.path("词典", name))
		if err != nil {
			t.Fatal(err)
		}
		// Each file opens with a Chinese comment block with an example,
		// which is all the documentation a reviewer editing it has.
		head := string(b[:min(len(b), 1500)])
		if !strings.HasPrefix(head, "# ") || !strings.Contains(head, "例") {
			t.Errorf("%s does not open with a comment block with an example:\n%s", name, head)
		}
	}
	out = c.ok("rules", "check", "--dict", "词典")
	if !strings.Contains(out, "词典检查通过") || !strings.Contains(out, "exclusions.txt") {
		t.Errorf("rules check said:\n%s", out)
	}

	// A second init refuses to clobber the edited folder; --force does.
	if _, errOut, code := c.run("rules", "init", "词典"); code == 0 || !strings.Contains(errOut, "--force") {
		t.Errorf("second init: exit %d, %s", code, errOut)
	}
	c.ok("rules", "init", "--force", "词典")

	// A garbage line is reported with its file and line number.
	words := c.path("词典", "words.txt")
	b, _ := os.ReadFile(words)
	lines := strings.Count(string(b), "\n")
	if err := os.WriteFile(words, append(b, []byte("乱写 一通 bogus=1\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := c.run("rules", "check", "--dict", "词典")
	want := filepath.Join("词典", "words.txt") + ":" + strconv.Itoa(lines+1) + "："
	if code == 0 || !strings.Contains(out, want) {
		t.Errorf("check of a broken dict: exit %d, want a line %q:\n%s%s", code, want, out, errOut)
	}
	c.ok("rules", "init", "--force", "词典")
	c.ok("rules", "check", "词典")

	// Unchanged rules change nothing.
	seed := seedPath(t)
	copyFile(t, seed, c.path("比较", "讲话.txt"))
	out = c.ok("rules", "diff", "--dict", "词典", filepath.Join("比较", "讲话.txt"))
	if !strings.Contains(out, "== 讲话.txt ==") || !strings.Contains(out, "没有变化") || !strings.Contains(out, "不评分") {
		t.Errorf("rules diff of the defaults said:\n%s", out)
	}
}

func testBrokenDict(t *testing.T, c *cli) {
	seed := seedPath(t)
	c.ok("rules", "init", "坏词典")
	copyFile(t, seed, c.path("坏收件箱", "讲话.txt"))
	ex := c.path("坏词典", "exclusions.txt")
	b, _ := os.ReadFile(ex)
	n := strings.Count(string(b), "\n") + 1
	if err := os.WriteFile(ex, append(b, []byte("regex=([\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	loc := filepath.Join("坏词典", "exclusions.txt") + ":" + strconv.Itoa(n)
	// A second problem in another file: the commands must list both, not
	// stop at the first.
	wp := c.path("坏词典", "words.txt")
	wb, _ := os.ReadFile(wp)
	if err := os.WriteFile(wp, append(wb, []byte("组工干部 freq=一\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	loc2 := filepath.Join("坏词典", "words.txt") + ":" + strconv.Itoa(strings.Count(string(wb), "\n")+1)

	out, errOut, code := c.run("extract", "--dict", "坏词典", filepath.Join("坏收件箱", "讲话.txt"))
	if code == 0 || out != "" || !strings.Contains(errOut, loc) || !strings.Contains(errOut, loc2) {
		t.Errorf("extract with a broken dict: exit %d, stdout %d bytes, stderr:\n%s", code, len(out), errOut)
	}
	_, errOut, code = c.run("run", "--dict", "坏词典", "--in", "坏收件箱", "--out", "坏输出")
	if code == 0 || !strings.Contains(errOut, loc) || !strings.Contains(errOut, loc2) {
		t.Errorf("run with a broken dict: exit %d, stderr:\n%s", code, errOut)
	}
	if m, _ := filepath.Glob(c.path("坏输出", "*.xlsx")); len(m) > 0 {
		t.Errorf("run wrote %v with a broken dict", m)
	}
	// Nor does review import add to a broken dict.
	if _, errOut, code := c.run("review", "import", "--dict", "坏词典", "无.xlsx"); code == 0 || !strings.Contains(errOut, loc) {
		t.Errorf("review import into a broken dict: exit %d, %s", code, errOut)
	}
}

// taskSheet finds the columns of the 任务分解 sheet by their header.
func taskSheet(t *testing.T, f *excelize.File) ([][]string, map[string]int) {
	t.Helper()
	rows, err := f.GetRows("任务分解")
	if err != nil || len(rows) < 2 {
		t.Fatalf("任务分解 sheet: %v, %d rows", err, len(rows))
	}
	cols := map[string]int{}
	for i, h := range rows[0] {
		cols[h] = i
	}
	for _, need := range []string{"任务编号", "任务内容", "审核意见"} {
		if _, ok := cols[need]; !ok {
			t.Fatalf("no column %s in %q", need, rows[0])
		}
	}
	return rows, cols
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func extractJSON(t *testing.T, c *cli, dictDir, file string) *doc.Document {
	t.Helper()
	out := c.ok("extract", "--dict", dictDir, file)
	var d doc.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("extract output is no document: %v", err)
	}
	return &d
}

func testSeedRoundTrip(t *testing.T, c *cli) {
	seed := seedPath(t)
	src := filepath.Join("收件箱", "zugong-xuhui-2022.txt")
	copyFile(t, seed, c.path(src))
	c.ok("rules", "init", "审核词典")
	c.ok("run", "--dict", "审核词典", "--in", "收件箱", "--out", "输出")
	before := extractJSON(t, c, "审核词典", src)

	// Mark row 2 as a false positive: the seed's first task, which stands
	// under no pillar and so has no title row above it.
	wbPath := c.path("输出", "zugong-xuhui-2022-任务分解.xlsx")
	f, err := excelize.OpenFile(wbPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := taskSheet(t, f)
	const row = 2
	if len(rows) < row || cell(rows[row-1], cols["任务编号"]) == "" {
		t.Fatalf("row 2 of the task sheet holds no task: %q", rows[min(row, len(rows))-1])
	}
	id, text := cell(rows[row-1], cols["任务编号"]), cell(rows[row-1], cols["任务内容"])
	verdict, _ := excelize.CoordinatesToCellName(cols["审核意见"]+1, row)
	if err := f.SetCellStr("任务分解", verdict, "误报"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out := c.ok("review", "import", "--dict", "审核词典", wbPath)
	if !strings.Contains(out, "新增 1 条排除规则") || !strings.Contains(out, text) {
		t.Errorf("review import said:\n%s", out)
	}
	exPath := c.path("审核词典", "exclusions.txt")
	ex, _ := os.ReadFile(exPath)
	lastLine := strings.TrimSpace(string(ex))
	lastLine = lastLine[strings.LastIndex(lastLine, "\n")+1:]
	wantNote := "# 来自 zugong-xuhui-2022-任务分解.xlsx 第" + strconv.Itoa(row) + "行 误报，审核于 "
	if !strings.HasPrefix(lastLine, "sentence=") || !strings.Contains(lastLine, wantNote) {
		t.Errorf("last exclusion line %q, want a sentence rule citing %q", lastLine, wantNote)
	}

	// Exactly that task is gone; everything else is as it was.
	after := extractJSON(t, c, "审核词典", src)
	var want []doc.Task
	for _, tk := range before.Tasks {
		if tk.ID != id {
			want = append(want, tk)
		}
	}
	if len(want) != len(before.Tasks)-1 {
		t.Fatalf("task %s of row %d is not in the extraction", id, row)
	}
	if !reflect.DeepEqual(after.Tasks, want) {
		t.Errorf("tasks after the import differ beyond task %s:\nbefore %d tasks, after %d", id, len(before.Tasks), len(after.Tasks))
	}
	if !reflect.DeepEqual(after.Pillars, before.Pillars) || !reflect.DeepEqual(after.Slogans, before.Slogans) ||
		!reflect.DeepEqual(after.Warnings, before.Warnings) {
		t.Error("pillars, points, slogans or warnings changed with one exclusion")
	}

	// Importing the same workbook again changes nothing.
	out = c.ok("review", "import", "--dict", "审核词典", wbPath)
	if ex2, _ := os.ReadFile(exPath); !bytes.Equal(ex, ex2) || !strings.Contains(out, "没有新增排除规则") {
		t.Errorf("second import changed the exclusions:\n%s", out)
	}

	// The gold keeps every other row (unreviewed, so borderline) and not
	// the false positive.
	g, err := eval.LoadGold(c.path("审核词典", "gold", "zugong-xuhui-2022.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Tasks) != len(before.Tasks)-1 || g.Document != "zugong-xuhui-2022.txt" || len(g.Pillars) != len(before.Pillars) {
		t.Errorf("gold: %d tasks (want %d), document %q, %d pillars", len(g.Tasks), len(before.Tasks)-1, g.Document, len(g.Pillars))
	}
	for _, gt := range g.Tasks {
		if gt.Text == text {
			t.Errorf("the false positive %q is in the gold", text)
		}
	}

	// rules diff shows the lost task with its text, and scores against the
	// gold the import wrote.
	out = c.ok("rules", "diff", "--dict", "审核词典", src)
	if !strings.Contains(out, "减少的任务（1）") || !strings.Contains(out, text) || !strings.Contains(out, "具体措施") {
		t.Errorf("rules diff said:\n%s", out)
	}

	// Told where the inbox is, the import puts the gold beside the source,
	// where eval finds it.
	c.ok("review", "import", "--dict", "审核词典", "--in", "收件箱", wbPath)
	beside := c.path("收件箱", "zugong-xuhui-2022.gold.json")
	if g, err := eval.LoadGold(beside); err != nil || len(g.Tasks) != len(before.Tasks)-1 {
		t.Fatalf("gold beside the source: %v", err)
	}
	if out := c.ok("eval", "--dict", "审核词典", "收件箱"); !strings.Contains(out, "zugong-xuhui-2022") {
		t.Errorf("eval of the inbox said:\n%s", out)
	}
	// A hand-made gold there is left alone.
	hand := []byte(`{"document": "zugong-xuhui-2022.txt", "source": "人工标注", "announced_pillars": 4,
 "pillars": [], "tasks": [], "slogans": []}`)
	if err := os.WriteFile(beside, hand, 0o644); err != nil {
		t.Fatal(err)
	}
	out = c.ok("review", "import", "--dict", "审核词典", "--in", "收件箱", wbPath)
	if b, _ := os.ReadFile(beside); !bytes.Equal(b, hand) || !strings.Contains(out, "是人工标注，不覆盖") {
		t.Errorf("a hand-made gold was overwritten or not mentioned:\n%s", out)
	}
}

func testExplain(t *testing.T, c *cli) {
	seed := seedPath(t)
	copyFile(t, seed, c.path("讲解", "讲话.txt"))
	all := c.ok("explain", filepath.Join("讲解", "讲话.txt"))
	if !strings.Contains(all, "第 1 句") || !strings.Contains(all, "结论：是任务") || !strings.Contains(all, "结论：不是任务") {
		t.Errorf("explain said:\n%.2000s", all)
	}
	// One sentence alone reads exactly as it does in the whole listing.
	one := c.ok("explain", "--sentence", "5", filepath.Join("讲解", "讲话.txt"))
	if !strings.Contains(one, "第 5 句") || !strings.Contains(all, strings.TrimSpace(one)) || !strings.Contains(one, "分词：") {
		t.Errorf("explain --sentence 5 said:\n%s", one)
	}
	if _, errOut, code := c.run("explain", "--sentence", "100000", filepath.Join("讲解", "讲话.txt")); code == 0 || !strings.Contains(errOut, "没有第 100000 句") {
		t.Errorf("out of range: exit %d, %s", code, errOut)
	}
	if _, errOut, code := c.run("explain", "无此文件.txt"); code == 0 || !strings.Contains(errOut, "无此文件.txt") {
		t.Errorf("missing file: exit %d, %s", code, errOut)
	}
}
