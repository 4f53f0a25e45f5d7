package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/pipeline/eval"
)

func TestFindEvalPairs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "a.gold.json", "b.docx", "b.gold.json", "c.txt", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name      string
		args      []string
		golds     []string
		failWords []string
	}{
		{"directory", []string{dir}, []string{"a.gold.json", "b.gold.json"}, nil},
		{"source file", []string{filepath.Join(dir, "a.txt")}, []string{"a.gold.json"}, nil},
		{"gold file and its directory, once", []string{filepath.Join(dir, "b.gold.json"), dir}, []string{"b.gold.json", "a.gold.json"}, nil},
		{"source without gold", []string{filepath.Join(dir, "c.txt")}, nil, []string{"旁边没有标注文件 c.gold.json"}},
		{"missing path", []string{filepath.Join(dir, "none")}, nil, []string{"找不到"}},
		{"other file", []string{filepath.Join(dir, "notes.md")}, nil, []string{"不是标注文件"}},
	}
	for _, c := range cases {
		pairs, fails := findEvalPairs(c.args)
		var got []string
		for _, p := range pairs {
			got = append(got, filepath.Base(p.gold))
		}
		if strings.Join(got, ",") != strings.Join(c.golds, ",") {
			t.Errorf("%s: golds %v, want %v", c.name, got, c.golds)
		}
		if len(fails) != len(c.failWords) {
			t.Errorf("%s: failures %+v, want %d", c.name, fails, len(c.failWords))
			continue
		}
		for i, w := range c.failWords {
			if !strings.Contains(fails[i].Error, w) {
				t.Errorf("%s: failure %q lacks %q", c.name, fails[i].Error, w)
			}
		}
	}
}

func TestSourceOf(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"x.docx", "x.txt", "other.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gold := filepath.Join(dir, "x.gold.json")
	cases := []struct{ document, want string }{
		{"", "x.txt"},        // NAME.txt first
		{"x.docx", "x.docx"}, // the document field wins
		{"other.pdf", "other.pdf"},
		{"../x.docx", "x.txt"}, // a path outside the folder is ignored
		{"missing.txt", "x.txt"},
	}
	for _, c := range cases {
		got, err := sourceOf(gold, &eval.Gold{Document: c.document})
		if err != nil || filepath.Base(got) != c.want {
			t.Errorf("sourceOf(document %q) = %q, %v; want %s", c.document, got, err, c.want)
		}
	}
	if _, err := sourceOf(filepath.Join(dir, "y.gold.json"), &eval.Gold{}); err == nil || !strings.Contains(err.Error(), "y.txt") {
		t.Errorf("sourceOf without a source: %v", err)
	}
}
