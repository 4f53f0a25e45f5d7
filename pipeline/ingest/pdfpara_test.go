package ingest

import (
	"strings"
	"testing"
)

// lines lays text out as a PDF would: 12pt characters from x=72, a line
// every 17pt, "|" marks the right margin the text was wrapped at.
func layoutPage(y float64, rows ...string) Page {
	p := Page{Width: 576} // margins of 72pt each side of 36 characters
	for _, r := range rows {
		x0 := 72.0
		if strings.HasPrefix(r, ">") { // indented first line
			r, x0 = r[1:], 96
		}
		p.Lines = append(p.Lines, Line{Text: r, X0: x0, X1: x0 + ems(r)*12, Y: y, Size: 12})
		y -= 17
	}
	return p
}

func TestParagraphs(t *testing.T) {
	full := strings.Repeat("字", 36)
	tests := []struct {
		name  string
		pages []Page
		want  []string
	}{
		{"short last line ends a paragraph",
			[]Page{layoutPage(800, full, full, "完。", full, "末")},
			[]string{full + full + "完。", full + "末"}},
		{"full line ending with 。 continues",
			[]Page{layoutPage(800, full[:len(full)-3]+"。", full, "尾", full, full)},
			[]string{full[:len(full)-3] + "。" + full + "尾", full + full}},
		{"indented line starts a paragraph",
			[]Page{layoutPage(800, full, full, full, ">"+full[:len(full)-6], full, full)},
			[]string{full + full + full, full[:len(full)-6] + full + full}},
		{"heading marker after a sentence end",
			[]Page{layoutPage(800, full, full, full[:len(full)-3]+"：", "一、总体要求", full, full)},
			[]string{full + full + full[:len(full)-3] + "：", "一、总体要求", full + full}},
		{"page numbers and running headers dropped, paragraph continues across pages",
			[]Page{
				layoutPage(800, "某某区委组织部文件", full, full, full, full, "- 1 -"),
				layoutPage(800, "某某区委组织部文件", full, "完。", full, full, "- 2 -"),
			},
			[]string{full + full + full + full + full + "完。", full + full}},
		{"ideographic-space indent starts a paragraph after a full line",
			[]Page{layoutPage(800, full, full[:len(full)-3]+"。", "\u3000\u3000"+full[:len(full)-6], full, "完")},
			[]string{full + full[:len(full)-3] + "。", full[:len(full)-6] + full + "完"}},
		{"Latin words across a line end get a space",
			[]Page{layoutPage(800, strings.Repeat("word ", 14)+"end", "next line.", full, full, full)},
			[]string{strings.Repeat("word ", 14) + "end next line.", full + full + full}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Paragraphs(tt.pages)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFirstUnit(t *testing.T) {
	tests := []struct {
		s    string
		want float64
	}{
		{"字", 1}, {"字，", 2}, {"“文化墙”", 2}, {"APP、公众号", 0.65*3 + 1}, {"2022年", 2}, {"", 0},
	}
	for _, tt := range tests {
		if got := firstUnit(tt.s); got != tt.want {
			t.Errorf("firstUnit(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestRuleLine(t *testing.T) {
	for _, tc := range []struct {
		s    string
		rule bool
	}{
		{"欗欗欗欗欗欗欗欗欗欗欗欗", true},
		{"————————————————", true},
		{"＿＿＿＿＿＿＿＿＿", true},
		{"字字字字字字字字字字字字", false}, // a common character
		{"欗欗欗", false},          // too short to be a rule
		{"一、总体要求", false},
		{"", false},
	} {
		if got := ruleLine(tc.s); got != tc.rule {
			t.Errorf("ruleLine(%q) = %v, want %v", tc.s, got, tc.rule)
		}
	}
}

// TestFolios: a 公文 page number (— ２ —, full-width digits too) is
// furniture at a page's foot, on a line of its own amid the body, or
// inside a line where the reader put it; no text is lost around it.
func TestFolios(t *testing.T) {
	full := strings.Repeat("字", 36)
	pages := []Page{
		layoutPage(800, full, full, "完。", "—２—"),
		layoutPage(800, "续"+full[:len(full)-3], "中间—３—继续。", "— 4 —"),
	}
	got := strings.Join(Paragraphs(pages), "")
	if strings.ContainsAny(got, "—２３4") {
		t.Errorf("a folio is left: %q", got)
	}
	if want := full + full + "完。" + "续" + full[:len(full)-3] + "中间继续。"; got != want {
		t.Errorf("text around the folios changed:\n got %q\nwant %q", got, want)
	}
}
