package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestZH(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"luoshi run [flags]", "luoshi run [选项]"},
		{"      --in string   收件箱 (default \"samples\")\n      --force   重做\n",
			"      --in string   收件箱（默认 \"samples\"）\n      --force   重做\n"},
		{"说明 (default 50)", "说明（默认 50）"},
		{"no default here (defaults vary)", "no default here (defaults vary)"},
	} {
		if got := zh(tc.in); got != tc.want {
			t.Errorf("zh(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHelpInChinese renders the help of every command and looks for the
// English headings cobra would print by default.
func TestHelpInChinese(t *testing.T) {
	cmds := append(root.Commands(), root)
	for _, c := range cmds {
		var buf bytes.Buffer
		c.SetOut(&buf)
		err := c.Usage()
		c.SetOut(nil)
		if err != nil {
			t.Fatalf("%s: %v", c.Name(), err)
		}
		out := buf.String()
		for _, en := range []string{"Usage:", "Flags:", "Available Commands", "[flags]", "(default "} {
			if strings.Contains(out, en) {
				t.Errorf("help of %q contains %q:\n%s", c.Name(), en, out)
			}
		}
		if !strings.Contains(out, "用法：") {
			t.Errorf("help of %q has no 用法 heading:\n%s", c.Name(), out)
		}
	}
}
