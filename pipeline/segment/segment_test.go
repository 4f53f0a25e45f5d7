package segment

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/dict"
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
	if first, second := For(r), For(r); first != second {
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

func BenchmarkCutSeed(b *testing.B) {
	s := New(dict.MustDefault())
	text := seed(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Words(text)
	}
}
