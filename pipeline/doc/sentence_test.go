package doc

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"抓实理论学习。强化党性淬炼。", []string{"抓实理论学习。", "强化党性淬炼。"}},
		{"他说：“要落实。”然后走了", []string{"他说：“要落实。”", "然后走了"}},
		{"一是加强，二是落实；三是督查！", []string{"一是加强，二是落实；", "三是督查！"}},
		{"  无标点的段落  ", []string{"无标点的段落"}},
		{"真的吗？！是的。", []string{"真的吗？！", "是的。"}},
		{"", nil},
	}
	for _, c := range cases {
		rs := []rune(c.in)
		var got []string
		for _, r := range Split(c.in) {
			got = append(got, string(rs[r[0]:r[1]]))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Split(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBuildOffsets(t *testing.T) {
	d := &Document{Paragraphs: Build([]string{"第一段。第二句", "", "第三段"}, nil)}
	text := []rune(d.Text())
	if len(d.Paragraphs) != 2 {
		t.Fatalf("got %d paragraphs, want 2", len(d.Paragraphs))
	}
	for _, p := range d.Paragraphs {
		if got := string(text[p.Loc.Start:p.Loc.End]); got != p.Text {
			t.Errorf("paragraph %d offsets give %q, want %q", p.Loc.Paragraph, got, p.Text)
		}
		for _, s := range p.Sentences {
			if got := string(text[s.Loc.Start:s.Loc.End]); got != s.Text {
				t.Errorf("sentence %v offsets give %q, want %q", s.Loc, got, s.Text)
			}
		}
	}
	if d.Paragraphs[1].Loc.Paragraph != 2 || d.Paragraphs[1].Sentences[0].Text != "第三段" {
		t.Errorf("second paragraph = %+v", d.Paragraphs[1])
	}
}
