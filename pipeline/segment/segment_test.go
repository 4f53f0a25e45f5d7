package segment

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

func TestDomainWordsWin(t *testing.T) {
	s := New(dict.MustDefault())
	tests := []struct{ text, word string }{
		{"各级支部书记、组工干部要带头落实", "组工干部"},
		{"要带头落实“三会一课”、主题党日", "三会一课"},
		{"经常性地“咬耳扯袖”，促进组工干部", "咬耳扯袖"},
		{"沿用党史学习教育好的做法", "党史学习教育"},
		{"依托学习强国APP、公众号、微博等平台", "学习强国APP"},
		{"在“七一”、国庆等重大节日", "七一"},
		{"推动党史学习教育常态化长效化", "常态化"},
	}
	for _, tt := range tests {
		words := s.Words(tt.text)
		if !slices.Contains(words, tt.word) {
			t.Errorf("Words(%q) = %q, want %q whole", tt.text, strings.Join(words, "/"), tt.word)
		}
		if strings.Join(words, "") != tt.text {
			t.Errorf("Words(%q) lost text: %q", tt.text, words)
		}
	}
}

func TestPos(t *testing.T) {
	s := New(dict.MustDefault())
	toks := s.Cut("组工干部要开展活动")
	if len(toks) == 0 || toks[0].Text != "组工干部" || toks[0].Pos != "n" {
		t.Errorf("Cut = %+v", toks)
	}
}

func TestForCaches(t *testing.T) {
	r := dict.MustDefault()
	if first, second := ForRules(r), ForRules(r); first != second {
		t.Error("For built two segmenters for one Rules")
	}
}

func seed(b *testing.B) string {
	data, err := os.ReadFile("../../samples/zugong-xuhui-2022.txt")
	if err != nil {
		b.Skip(err)
	}
	return string(data)
}

func BenchmarkNew(b *testing.B) {
	r := dict.MustDefault()
	for b.Loop() {
		New(r)
	}
}

// BenchmarkCutSeed: a document's own segmenter built and the seed cut.
func BenchmarkCutSeed(b *testing.B) {
	s := New(dict.MustDefault())
	text := seed(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Words(text)
	}
}

// fullCutter is gse loaded with the domain words and then the whole
// dictionary, the way the subset segmenter must cut.
func fullCutter(t testing.TB, s *Segmenter) *Cutter {
	t.Helper()
	lex := loadLexicon()
	entries := make([]map[string]string, 0, len(s.domain)+600_000)
	for _, e := range s.domain {
		entries = append(entries, map[string]string{"text": e.text, "freq": strconv.FormatFloat(e.freq, 'f', -1, 64), "pos": e.pos})
	}
	for i := 0; i < len(lex.data); i = lex.nextLine(i) {
		w, f, pos := lex.entry(i)
		if !s.seen[w] {
			entries = append(entries, map[string]string{"text": w, "freq": f, "pos": pos})
		}
	}
	c := &Cutter{}
	c.seg.NotLoadHMM = true
	c.seg.SkipLog = true
	c.seg.LoadDictMap(entries)
	return c
}

// TestSubsetCutsLikeFullDictionary: loading only the dictionary words a
// document contains, plus the balancing entry, cuts it exactly as the full
// dictionary does.
func TestSubsetCutsLikeFullDictionary(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full dictionary")
	}
	s := New(dict.MustDefault())
	full := fullCutter(t, s)
	var texts []string
	for _, p := range []string{"../../samples/zugong-xuhui-2022.txt", "../../samples/sample-gov-report.txt", "../../samples/sample-work-plan.txt", "../../samples/sample-speech-yishi.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	sub := s.For(texts...)
	diff := 0
	for _, tx := range texts {
		a, b := sub.Cut(tx), full.Cut(tx)
		if !slices.Equal(a, b) {
			diff++
			if diff <= 3 {
				t.Errorf("cut differs:\n subset %v\n   full %v", a, b)
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d paragraphs cut differently", diff, len(texts))
	}
}

// TestConcurrentCuts: one Segmenter serves several documents at once (a
// batch), each with its own cutter, and a cutter is read-only after it is
// built. Run under -race (CI does), this proves no cut writes shared state;
// without -race it still checks every goroutine cuts as one alone does.
func TestConcurrentCuts(t *testing.T) {
	s := New(dict.MustDefault())
	texts := []string{
		"各级支部书记、组工干部要带头落实“三会一课”。",
		"要紧紧围绕中心工作，大力弘扬实干精神。",
		"培训评价组织应对接职业标准，与国际先进标准接轨。",
		"强化要素保障，推动应用场景落地。",
	}
	want := make([]string, len(texts))
	for i, x := range texts {
		want[i] = strings.Join(s.Words(x), "/")
	}
	shared := s.For(texts...)
	errs := make(chan string, 64)
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func(g int) {
			defer func() { done <- true }()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				var got []string
				c := shared
				if g%2 == 0 {
					c = s.For(texts[i]) // a document's own cutter
				}
				for _, tok := range c.Cut(texts[i]) {
					got = append(got, tok.Text)
				}
				if j := strings.Join(got, "/"); j != want[i] {
					errs <- j + " ≠ " + want[i]
					return
				}
			}
		}(g)
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// BenchmarkWordsIn1MB: finding the dictionary words of a megabyte of text
// (the seed repeated), the first step of cutting a long document.
func BenchmarkWordsIn1MB(b *testing.B) {
	text := strings.Repeat(seed(b), 1<<20/len(seed(b))+1)
	lex := loadLexicon()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		lex.wordsIn(text, make([]bool, len(lex.lines)), map[string][2]uint32{})
	}
}

// TestAnnotateParallel: a long document, cut on every core, gets the
// tokens a paragraph-by-paragraph cut gives (and -race, in CI, sees the
// cutter shared).
func TestAnnotateParallel(t *testing.T) {
	text := strings.TrimSpace(string(must(os.ReadFile("../../samples/zugong-xuhui-2022.txt"))))
	var lines []string
	for len(lines) < 3*parallelMin {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	r := dict.MustDefault()
	d := &doc.Document{Paragraphs: doc.Build(lines, nil)}
	Annotate(d, r)
	want := &doc.Document{Paragraphs: doc.Build(lines, nil)}
	c := ForRules(r).For(lines...)
	for i := range want.Paragraphs {
		cutParagraph(c, &want.Paragraphs[i])
	}
	for i := range d.Paragraphs {
		for j, s := range d.Paragraphs[i].Sentences {
			if fmt.Sprint(s.Tokens) != fmt.Sprint(want.Paragraphs[i].Sentences[j].Tokens) {
				t.Fatalf("paragraph %d sentence %d cut differently", i, j)
			}
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestFreq: gse's frequencies tell the words every policy text uses from
// a field's terms, and a word the dictionary lacks has none.
func TestFreq(t *testing.T) {
	for _, tc := range []struct{ common, term string }{
		{"产业", "量子"}, {"市场", "低空"}, {"平台", "原子钟"},
	} {
		if c, f := Freq(tc.common), Freq(tc.term); c <= f || f <= 0 {
			t.Errorf("Freq(%s) = %d, Freq(%s) = %d", tc.common, c, tc.term, f)
		}
	}
	if f := Freq("鸿蒙生态伙伴"); f != 0 {
		t.Errorf("a word the dictionary lacks: %d", f)
	}
}
