package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"２０２２年", "2022年"},
		{"ＡＰＰ和ａｐｐ", "APP和app"},
		{"全角标点，（）：；！？“”保留。", "全角标点，（）：；！？“”保留。"},
		{"零\u200b宽\u200c字\u200d符\ufeff去\u2060掉", "零宽字符去掉"},
		{"中 文 之 间", "中文之间"},
		{"中文 ， 标点", "中文，标点"},
		{"2021 年是", "2021年是"},
		{"1. 加强学习", "1.加强学习"},
		{"Latin words  stay   apart", "Latin words stay apart"},
		{"学习 APP 平台", "学习 APP 平台"},
		{"APP 、公众号", "APP、公众号"},
		{"\u3000\u3000首行缩进", "首行缩进"},
		{"\u00a0\u00a0 不间断空格", "不间断空格"},
		{"末尾空格\u3000 ", "末尾空格"},
		{"控制\x0b字符\x07", "控制字符"},
		{"制表\t分隔", "制表分隔"},
		{"⼯业和信息化部，浙江省⼈⺠政府，七部⻔印发《实施意⻅》", "工业和信息化部，浙江省人民政府，七部门印发《实施意见》"},
		{"⺡⺘⺾偏旁", "⺡⺘⺾偏旁"}, // components stand for no character
		{"   ", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Paragraph(tt.in); got != tt.want {
			t.Errorf("Paragraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"２０２２年 中 文", "APP 、公众号", "\u3000\u3000首行", "a  b", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Paragraph(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from valid input %q", s)
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Fatalf("untrimmed or double space in %q", got)
		}
		if Paragraph(got) != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, Paragraph(got))
		}
		if strings.ContainsAny(got, "\u200b\u200c\u200d\ufeff\u2060\u3000\u00a0\t\n\r") {
			t.Fatalf("invisible or line characters left in %q", got)
		}
	})
}
