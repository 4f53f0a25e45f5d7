package eval

import (
	"math"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"要抓实“理论学习”。", "要抓实理论学习"},
		{"  抓实\t理论 学习\u3000", "抓实理论学习"},
		{"（一）ＡＢＣ１２３", "一ABC123"}, // NFKC folds full-width forms
		{"人工智能+行动", "人工智能行动"},    // + is a symbol
		{"增长5.5%左右", "增长55左右"},
		{"「三会一课」『两学一做』\"双拥\"", "三会一课两学一做双拥"},
		{"《政府工作报告》", "政府工作报告"},
		{"零\u200b宽\ufeff字符", "零宽字符"},
		{"。，、；：！？……——", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMatch(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
		why  string
	}{
		{"抓实理论学习", "抓实理论学习。", true, "equal after normalization"},
		{"理论学", "抓理论学习", true, "containment at exactly 60% (3 of 5)"},
		{"抓理论学习", "理论学", true, "containment is symmetric"},
		{"理论学", "抓实理论学习", false, "containment at 50%, Dice 0.57"},
		{"甲乙丙丁戊", "子丑甲乙丙丁戊寅卯", false, "containment at 5/9 < 60%, Dice 8/12"},
		{"甲乙丙丁戊己", "甲乙丙丁戊庚", true, "Dice exactly 0.8 (4 shared of 5+5 bigrams)"},
		{"一二三四五六七八九十", "一二三四五六七八甲乙", false, "Dice 14/18 = 0.78"},
		{"甲乙丙丁戊", "甲乙丙x丙丁戊", true, "Dice 8/10 = 0.8 across unequal lengths (4 and 6 bigrams)"},
		{"甲乙丙丁戊", "甲乙丙x丙丁戊y", false, "Dice at most 8/11"},
		{"一二三四五六七八九十", "一二三四五六七八九甲", true, "Dice 16/18 = 0.89"},
		{"好", "好", true, "single runes match by equality"},
		{"好", "好的", false, "one rune in two is 50%, and no Dice below two runes"},
		{"。。", "！", false, "punctuation-only strings match nothing"},
		{"“”", "“”", false, "even themselves"},
		{"。", "三会一课", false, "nor anything else"},
		{"", "", false, "empty strings match nothing"},
		{"“三会一课”", "三会一课", true, "quotes dropped"},
		{"七一", "国庆", false, "different short strings"},
	}
	for _, c := range cases {
		if got := Match(c.a, c.b); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v (%s)", c.a, c.b, got, c.want, c.why)
		}
	}
}

func TestDice(t *testing.T) {
	cases := []struct {
		a, b string
		want float64
	}{
		{"甲乙丙丁戊己", "甲乙丙丁戊庚", 0.8},
		{"哈哈哈", "哈哈", 2.0 / 3}, // multiset: 哈哈 twice against once
		{"哈哈", "哈哈", 1},
		{"好", "好", 0}, // no bigrams
		{"", "抓实", 0},
		{"抓实。", "抓实", 1},
	}
	for _, c := range cases {
		if got := Dice(c.a, c.b); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Dice(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestPairUp(t *testing.T) {
	cases := []struct {
		name       string
		pred, gold []string
		wantPred   []int
		wantGold   []int
	}{
		{"one to one: a duplicate prediction stays unpaired",
			[]string{"开展党性教育", "开展党性教育"}, []string{"开展党性教育"}, []int{0, -1}, []int{0}},
		{"first free gold item in document order",
			[]string{"开展党性教育"}, []string{"开展党性教育", "开展党性教育"}, []int{0}, []int{0, -1}},
		{"greedy: an earlier prediction takes the first gold item it matches, even if a later one needed it",
			[]string{"甲乙丙丁戊己", "甲乙丙丁戊庚"}, []string{"甲乙丙丁戊庚", "甲乙丙丁戊己"}, []int{0, 1}, []int{0, 1}},
		{"greedy can strand a prediction",
			[]string{"理论学", "抓理论学"}, []string{"抓理论学", "理论学x"}, []int{0, -1}, []int{0, -1}},
		{"nothing matches", []string{"甲乙"}, []string{"丙丁"}, []int{-1}, []int{-1}},
		{"empty sides", nil, []string{"丙丁"}, []int{}, []int{-1}},
	}
	for _, c := range cases {
		gotP, gotG := pairUp(prepareAll(c.pred), prepareAll(c.gold))
		if !equalInts(gotP, c.wantPred) || !equalInts(gotG, c.wantGold) {
			t.Errorf("%s: pairUp = %v, %v; want %v, %v", c.name, gotP, gotG, c.wantPred, c.wantGold)
		}
	}
}

func TestCountBorderline(t *testing.T) {
	// gold: 0 normal, 1 borderline (matched), 2 borderline (unmatched), 3 normal (unmatched)
	predTo := []int{0, 1, -1}
	goldTo := []int{0, 1, -1, -1}
	border := []bool{false, true, true, false}
	got := count(predTo, goldTo, func(j int) bool { return border[j] })
	want := Counts{TP: 1, FP: 1, FN: 1, SetAside: 1}
	if got != want {
		t.Errorf("count = %+v, want %+v", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
