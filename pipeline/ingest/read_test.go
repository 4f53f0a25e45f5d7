package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoshi/luoshi/pipeline/doc"
)

const seedPath = "../../samples/zugong-xuhui-2022.txt"

func seedParagraphs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file missing (run go test -update): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s: text differs from %s (run go test -update after checking)", name, path)
	}
}

// TestSeedVariants is the must-show: every format and encoding of
// the seed speech reads back as the seed's paragraphs.
func TestSeedVariants(t *testing.T) {
	want := seedParagraphs(t)
	tests := []struct {
		file, format, encoding string
	}{
		{"../../samples/zugong-xuhui-2022.txt", "txt", "UTF-8"},
		{"seed-utf8bom.txt", "txt", "UTF-8-BOM"},
		{"seed-gb18030.txt", "txt", "GB18030"},
		{"seed-utf16le.txt", "txt", "UTF-16LE"},
		{"seed-utf16be.txt", "txt", "UTF-16BE"},
		{"seed-mixed-eol.txt", "txt", "UTF-8"},
		{"seed-plain.docx", "docx", ""},
		{"seed-numbered.docx", "docx", ""},
		{"seed-numbered-lo.docx", "docx", ""},
		{"seed-numbered.doc", "doc", ""},
		{"seed-style-numbered.doc", "doc", ""}, // numbered by the headings' style alone
		{"seed.pdf", "pdf", ""},
		{"seed-owner128.pdf", "pdf", ""},
		{"seed-numbered.pdf", "pdf", ""},
	}
	for _, tt := range tests {
		name := filepath.Base(tt.file)
		t.Run(name, func(t *testing.T) {
			path := tt.file
			if !strings.Contains(path, "/") {
				path = filepath.Join("testdata", path)
			}
			d, err := ReadFile(path, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if d.Info.Format != tt.format || d.Info.Encoding != tt.encoding {
				t.Errorf("format %q encoding %q, want %q %q", d.Info.Format, d.Info.Encoding, tt.format, tt.encoding)
			}
			if len(d.Info.SHA256) != 64 {
				t.Errorf("sha256 %q", d.Info.SHA256)
			}
			if len(d.Paragraphs) != len(want) {
				t.Fatalf("%d paragraphs, want %d:\n%s", len(d.Paragraphs), len(want), d.Text())
			}
			for i, p := range d.Paragraphs {
				if s := similarity(p.Text, want[i]); s < 0.99 {
					t.Errorf("paragraph %d similarity %.4f:\n got %s\nwant %s", i+1, s, p.Text, want[i])
				}
			}
			if s := similarity(d.Text(), strings.Join(want, "\n")); s < 0.99 {
				t.Errorf("document similarity %.4f", s)
			} else {
				t.Logf("document similarity %.4f", s)
			}
			if !strings.HasPrefix(d.Paragraphs[2].Text, "一、打造") {
				t.Errorf("third paragraph starts %q, want 一、打造", string([]rune(d.Paragraphs[2].Text)[:8]))
			}
			golden(t, name, d.Text())
		})
	}
}

func TestNumberedHeadingStyle(t *testing.T) {
	d, err := ReadFile("testdata/seed-numbered.docx", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Paragraphs {
		if p.Style == "Heading1" {
			got = append(got, string([]rune(p.Text)[:4]))
		}
	}
	want := []string{"一、打造", "二、磨炼", "三、建设", "四、培塑"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Heading1 paragraphs start %v, want %v", got, want)
	}
}

// TestLocations checks that ingest builds the model as doc.Build does:
// offsets count runes of d.Text().
func TestLocations(t *testing.T) {
	d, err := Read("a.txt", []byte("\ufeff  第一段。第二句！\r\n\r\n\u3000\u3000第二段"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	text := []rune(d.Text())
	for _, p := range d.Paragraphs {
		if got := string(text[p.Loc.Start:p.Loc.End]); got != p.Text {
			t.Errorf("paragraph %d at [%d,%d) is %q, want %q", p.Loc.Paragraph, p.Loc.Start, p.Loc.End, got, p.Text)
		}
	}
	want := []doc.Location{{Paragraph: 1, Sentence: 1, Start: 0, End: 4}, {Paragraph: 1, Sentence: 2, Start: 4, End: 8}}
	for i, s := range d.Paragraphs[0].Sentences {
		if s.Loc != want[i] {
			t.Errorf("sentence %d at %+v, want %+v", i+1, s.Loc, want[i])
		}
	}
	if d.Text() != "第一段。第二句！\n第二段" {
		t.Errorf("text %q", d.Text())
	}
}

// TestCorpusDOCX reads the real government reports: each must give a
// substantial text with its 一、 pillars.
func TestCorpusDOCX(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/gov-2025-*.docx")
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, err := ReadFile(f, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Paragraphs) < 50 {
				t.Errorf("%d paragraphs", len(d.Paragraphs))
			}
			if !strings.Contains(d.Text(), "政府工作报告") {
				t.Errorf("no title 政府工作报告 in text")
			}
			for _, p := range d.Paragraphs {
				if strings.ContainsAny(p.Text, "\u200b\ufeff\t") {
					t.Errorf("paragraph %d keeps invisible characters: %q", p.Loc.Paragraph, p.Text)
				}
			}
		})
	}
}

func TestCorpusTXT(t *testing.T) {
	tests := []struct{ file, encoding string }{
		{"gov-2020-national-gbk.txt", "GB18030"},
		{"opinions-2018-rural-revitalization.txt", "UTF-8-BOM"},
		{"notice-2012-xinjiang-publicity.txt", "UTF-8"},
		{"plan-2019-vocational-education.txt", "UTF-8"},
	}
	for _, tt := range tests {
		path := filepath.Join("../../../shared/corpus", tt.file)
		if _, err := os.Stat(path); err != nil {
			t.Skip("corpus not present")
		}
		d, err := ReadFile(path, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if d.Info.Encoding != tt.encoding {
			t.Errorf("%s: encoding %s, want %s", tt.file, d.Info.Encoding, tt.encoding)
		}
		if strings.ContainsAny(d.Text(), "\r\ufffd") {
			t.Errorf("%s: carriage return or replacement character left in text", tt.file)
		}
	}
}

func TestTXTEncodings(t *testing.T) {
	tests := []struct {
		name string
		data string
		enc  string
		want string
	}{
		{"utf8", "一、总体要求\n", "UTF-8", "一、总体要求"},
		{"utf8 cut mid-character", "一、总体要求。加强学习\xe5\xad", "UTF-8", "一、总体要求。加强学习\uFFFD"},
		{"gbk", "\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xd2\xaa\xc7\xf3", "GB18030", "一、总体要求"},
		{"utf16le without mark", "\x32\x75\x0a\x00\x59\x4e\x0a\x00", "UTF-16LE", "甲\n乙"},
		{"cr only", "甲\r乙\r\n丙\n\r丁", "UTF-8", "甲\n乙\n丙\n丁"},
	}
	for _, tt := range tests {
		d, err := Read("a.txt", []byte(tt.data), DefaultOptions())
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if d.Info.Encoding != tt.enc || d.Text() != tt.want {
			t.Errorf("%s: %s %q, want %s %q", tt.name, d.Info.Encoding, d.Text(), tt.enc, tt.want)
		}
	}
}
