package dict

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestDefaultsLoad(t *testing.T) {
	r, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Words) == 0 || len(r.Directives) == 0 || len(r.Exclusions) == 0 || len(r.Actors) == 0 ||
		len(r.Timing) == 0 || len(r.Slogans) == 0 || len(r.Structure) == 0 {
		t.Errorf("a default file loaded empty: %+v", r)
	}
	if n := len(r.Units()); n < 15 {
		t.Errorf("Units() = %d names, want a sensible default list", n)
	}
	if len(r.Version()) != 16 {
		t.Errorf("Version() = %q", r.Version())
	}
}

// writeDefaults copies the defaults into a temporary folder and lets the
// test edit one file.
func writeDefaults(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func appendTo(t *testing.T, dir, name, text string) int {
	t.Helper()
	p := filepath.Join(dir, name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n") + 1 // line number of the first appended line
}

func TestErrors(t *testing.T) {
	tests := []struct {
		file, text, want string
	}{
		{"words.txt", "组工干部 colour=red\n", "未知字段 colour"},
		{"words.txt", "新词 freq=1\n", "freq=1"},
		{"words.txt", "组工干部\n", "重复条目「组工干部」"},
		{"words.txt", "“”、\n", "去掉空白和标点后为空"},
		{"words.txt", strings.Repeat("长", 40) + "\n", "超过上限"},
		{"words.txt", "甲 乙\n", "一行只能有一个条目"},
		{"directives.txt", "部署 kind=noun\n", "kind=noun"},
		{"directives.txt", "部署 weight=2\n", "weight=2"},
		{"exclusions.txt", "regex=([\n", "正则表达式有误"},
		{"exclusions.txt", "regex=.*\n", "能匹配空文本"},
		{"exclusions.txt", "trigger=要 context=必须\n", "不包含触发词"},
		{"exclusions.txt", "trigger=要\n", "需要同时写 context="},
		{"exclusions.txt", "trigger=想要 context=想要的\n", "不在 directives.txt 中"},
		{"exclusions.txt", "trigger=要 context=要\n", "等于删除了"},
		{"exclusions.txt", "只写了一句话\n", "缺少形式"},
		{"exclusions.txt", "sentence=。。。\n", "为空"},
		{"structure.txt", "announce=提以下.点意见\n", "括号分组"},
		{"structure.txt", "unknown=x\n", "未知字段 unknown"},
		{"timing.txt", "每周 kind=weekly\n", "kind=weekly"},
		{"actors.txt", "某地 kind=town\n", "kind=town"},
		{"slogans.txt", "虚\n", "只有一个字"},
		{"units.txt", "办公室\n", "重复条目"},
		{"units.txt", "\xff\xfe\n", "UTF-8"},
		{"grammar.txt", "宣称 class=verb\n", "class=verb 无效"},
		{"grammar.txt", "宣称\n", "缺少 class="},
		{"grammar.txt", "指出 class=report-verb\n", "重复条目"},
		{"directives.txt", "部署 noun=no\n", "noun=no"},
		{"directives.txt", "部署 manner=maybe\n", "manner=maybe"},
		{"directives.txt", "部署 mood=epistemic\n", "只能用于副词"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.want, func(t *testing.T) {
			dir := writeDefaults(t)
			n := appendTo(t, dir, tt.file, tt.text)
			r, err := Load(dir)
			if r != nil || err == nil {
				t.Fatalf("Load succeeded on a bad line %q", tt.text)
			}
			list := err.(ErrorList)
			if len(list) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(list), err)
			}
			want := filepath.Join(dir, tt.file) + ":" + itoa(n) + "："
			if got := list[0].Error(); !strings.HasPrefix(got, want) || !strings.Contains(got, tt.want) {
				t.Errorf("error = %q, want prefix %q and %q", got, want, tt.want)
			}
		})
	}
}

func TestAllErrorsSorted(t *testing.T) {
	dir := writeDefaults(t)
	appendTo(t, dir, "words.txt", "a freq=x\nb freq=y\n")
	appendTo(t, dir, "actors.txt", "x kind=z\n")
	list := Check(dir)
	if len(list) != 3 {
		t.Fatalf("Check = %v, want 3 errors", list)
	}
	if !strings.Contains(list[0].File, "actors.txt") || list[1].Line >= list[2].Line {
		t.Errorf("not sorted by file and line: %v", list)
	}
}

func TestMissingFileAndDir(t *testing.T) {
	dir := writeDefaults(t)
	os.Remove(filepath.Join(dir, "timing.txt"))
	if list := Check(dir); len(list) != 1 || !strings.Contains(list[0].Error(), "timing.txt") {
		t.Errorf("Check = %v", list)
	}
	if _, err := Load(filepath.Join(dir, "nope")); err == nil {
		t.Error("Load of a missing folder succeeded")
	}
}

// TestOlderFolderGetsGrammar: a rules folder exported before grammar.txt
// existed still loads, with the embedded grammar; a folder's own
// grammar.txt is read.
func TestOlderFolderGetsGrammar(t *testing.T) {
	dir := writeDefaults(t)
	os.Remove(filepath.Join(dir, "grammar.txt"))
	r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(r.Grammar("report-verb"), "指出") {
		t.Errorf("report-verb = %q, want the embedded list", r.Grammar("report-verb"))
	}
	if err := os.WriteFile(filepath.Join(dir, "grammar.txt"), []byte("宣称 class=report-verb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err = Load(dir); err != nil {
		t.Fatal(err)
	}
	if got := r.Grammar("report-verb"); !slices.Equal(got, []string{"宣称"}) {
		t.Errorf("report-verb = %q, want the folder's own", got)
	}
}

func TestWriteDefaultsRefusesOverwrite(t *testing.T) {
	dir := writeDefaults(t)
	if err := WriteDefaults(dir); err == nil {
		t.Error("WriteDefaults overwrote an existing folder")
	}
}

func TestVersionFollowsContent(t *testing.T) {
	dir := writeDefaults(t)
	a, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := Load("")
	if a.Version() != def.Version() {
		t.Error("the same files give different versions")
	}
	appendTo(t, dir, "words.txt", "新词\n")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version() == b.Version() {
		t.Error("Version did not change with the content")
	}
}

func TestCommentsAndFields(t *testing.T) {
	var errs ErrorList
	lines := parseLines("x.txt", []byte("\uFEFF# 说明\n  C#语言  pos=n   # 注释\r\n\n七一\tkind=stop\n"), &errs)
	if len(errs) != 0 || len(lines) != 2 {
		t.Fatalf("lines=%v errs=%v", lines, errs)
	}
	if lines[0].entry != "C#语言" || lines[0].fields["pos"] != "n" || lines[0].num != 2 {
		t.Errorf("line 1 = %+v", lines[0])
	}
	if lines[1].entry != "七一" || lines[1].fields["kind"] != "stop" || lines[1].num != 4 {
		t.Errorf("line 2 = %+v", lines[1])
	}
}

func TestExclusionLineLoads(t *testing.T) {
	for _, tc := range []struct{ sentence, want string }{
		{"我提以下四点意见，与大家交流。", "我提以下四点意见与大家交流"},
		{"依托学习强国 APP、公众号等平台#1。", "依托学习强国APP公众号等平台1"},
		{"“书记领学”=首要形式。", "书记领学首要形式"},
	} {
		dir := writeDefaults(t)
		line := ExclusionLine(tc.sentence, "误报：讲话.xlsx 第 12 行")
		if !strings.Contains(line, "，") && strings.Contains(tc.sentence, "，") {
			t.Errorf("ExclusionLine(%q) = %q: the sentence should read as written", tc.sentence, line)
		}
		appendTo(t, dir, "exclusions.txt", line+"\n")
		r, err := Load(dir)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		last := r.Exclusions[len(r.Exclusions)-1]
		if last.Form != ExcludeSentence || last.Sentence != tc.want {
			t.Errorf("%q loads as %+v, want sentence %q", line, last, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"“三会一课”、主题党日。": "三会一课主题党日",
		"2024 年工作回顾":   "2024年工作回顾",
		"ＡＰＰ１２":        "APP12",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse feeds arbitrary bytes as each dictionary file: loading must
// never panic, and must either succeed or report errors that name a line.
func FuzzParse(f *testing.F) {
	for _, name := range Files {
		b, _ := Default.ReadFile(name)
		f.Add(name, b)
	}
	f.Add("exclusions.txt", []byte("trigger=要 context=\nregex=(\nsentence=\n"))
	f.Add("structure.txt", []byte("announce=(a)\nreview=\xff"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		known := false
		for _, n := range Files {
			known = known || n == name
		}
		if !known {
			return
		}
		var errs ErrorList
		r := &Rules{}
		p := &fileParser{name: name, display: name, errs: &errs, r: r}
		p.parse(parseLines(name, data, &errs))
		for _, e := range errs {
			if e.File != name || e.Line < 1 || e.Msg == "" {
				t.Fatalf("error without a line: %+v", e)
			}
		}
	})
}

func TestRegexpPretest(t *testing.T) {
	tests := []struct {
		expr, need string
	}{
		{"[0-9]{1,2}月底前", "月"},
		{"(?:到|至)[0-9]{4}年", "年"},
		{"(?:提|讲)([一二三]+)点", "点"},
		{"^让我们", ""},
		{".*x?", ""},
	}
	for _, tt := range tests {
		x, err := compileRegexp(tt.expr)
		if err != nil {
			t.Fatal(err)
		}
		if string(x.need) != tt.need {
			t.Errorf("need(%q) = %q, want %q", tt.expr, x.need, tt.need)
		}
	}
	x, _ := compileRegexp("[0-9]{1,2}月底前")
	if !x.MatchString("6月底前完成") || x.MatchString("年底前完成") {
		t.Error("pre-test changed the result")
	}
}

// TestActorKinds: places, sectors and verbs load as their own kinds and
// never as party nouns, which the extractor would find anywhere.
func TestActorKinds(t *testing.T) {
	r := MustDefault()
	tests := []struct {
		text              string
		place, stop, verb bool
	}{
		{"郑州", true, false, false},
		{"内蒙古", true, false, false},
		{"教育", false, true, false},
		{"经开区", false, true, false},
		{"助力", false, false, true},
		{"企业", false, false, false},
	}
	for _, tt := range tests {
		found := false
		for _, a := range r.Actors {
			if a.Text != tt.text {
				continue
			}
			found = true
			if a.Place != tt.place || a.Stop != tt.stop || a.Verb != tt.verb || a.Prefix || a.Pivot {
				t.Errorf("%s: place=%v stop=%v verb=%v, want %v %v %v", tt.text, a.Place, a.Stop, a.Verb, tt.place, tt.stop, tt.verb)
			}
		}
		if !found {
			t.Errorf("%s: not in actors.txt", tt.text)
		}
	}
}

// TestStableRuleNames: every rule of the default dictionaries is cited by
// its file and entry, never a line number, and no two rules of one file
// share a name, so that a citation names one rule and survives edits of
// the lines around it.
func TestStableRuleNames(t *testing.T) {
	r := MustDefault()
	var srcs []Source
	for _, x := range r.Words {
		srcs = append(srcs, x.Src)
	}
	for _, x := range r.Directives {
		srcs = append(srcs, x.Src)
	}
	for _, x := range r.Exclusions {
		srcs = append(srcs, x.Src)
	}
	for _, x := range r.Actors {
		srcs = append(srcs, x.Src)
	}
	for _, x := range r.Timing {
		srcs = append(srcs, x.Src)
	}
	for _, x := range r.Slogans {
		srcs = append(srcs, x.Src)
	}
	for _, x := range r.Structure {
		srcs = append(srcs, x.Src)
	}
	seen := map[string]int{}
	for _, s := range srcs {
		name := s.String()
		if s.Entry == "" || strings.HasSuffix(name, ":"+strconv.Itoa(s.Line)) && strconv.Itoa(s.Line) != s.Entry {
			t.Errorf("%s line %d is cited by its line number: %s", s.File, s.Line, name)
		}
		if prev, dup := seen[name]; dup {
			t.Errorf("%s: lines %d and %d are both cited as %s", s.File, prev, s.Line, name)
		}
		seen[name] = s.Line
	}
	if len(seen) < 500 {
		t.Errorf("only %d rules named", len(seen))
	}
}

// TestConflicts: a word given contradicting roles in two files (a party
// and a formula) is listed with both places; a directive verb that is
// also one of the actors' common verbs is no conflict, nor are the
// default dictionaries' words.
func TestConflicts(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDefaults(dir); err != nil {
		t.Fatal(err)
	}
	add := func(file, line string) {
		f, err := os.OpenFile(filepath.Join(dir, file), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\n" + line + "\n")
		f.Close()
	}
	add("actors.txt", "督办专员")
	add("slogans.txt", "督办专员")
	add("directives.txt", "会签")
	add("actors.txt", "会签        kind=verb")
	r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]Conflict{}
	for _, c := range Conflicts(r) {
		found[c.Text] = c
	}
	if n := len(Conflicts(MustDefault())); n != 0 {
		t.Errorf("the default dictionaries have %d conflicts", n)
	}
	c, ok := found["督办专员"]
	if !ok || len(c.Roles) != 2 || c.Roles[0].Src.File == c.Roles[1].Src.File {
		t.Errorf("督办专员: %+v", c)
	}
	if _, ok := found["会签"]; ok {
		t.Error("a directive verb that is a common verb of actors.txt was listed")
	}
}
