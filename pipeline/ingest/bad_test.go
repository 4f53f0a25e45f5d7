package ingest

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func zipBomb(t *testing.T, size int) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0"?><w:document ` + wNS + `><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte("落"), 1<<16)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	z.Close()
	return b.Bytes()
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<w:document ` + wNS + `><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`

// TestBadInputs: every bad file is refused with one line that names it,
// quickly, and without a panic.
func TestBadInputs(t *testing.T) {
	seedPDF, err := os.ReadFile("testdata/seed.pdf")
	if err != nil {
		t.Fatal(err)
	}
	page := func(contents string) []string {
		return []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			stream(contents),
		}
	}
	tests := []struct {
		name string
		data []byte
		opt  func(*Options)
		want string // part of the reason
	}{
		{"empty.txt", nil, nil, "空"},
		{"blank.txt", []byte(" \r\n\u3000\n"), nil, "没有文字"},
		{"junk.txt", func() []byte {
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(i*7919 + i*i*31)
			}
			return b
		}(), nil, "不是文本文件"},
		{"picture.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), nil, "不是文本文件"},
		{"picture.docx", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), nil, "图片"},
		{"old.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 512)), nil, "另存为"},
		{"renamed-doc.docx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 512)), nil, "另存为"},
		{"locked.docx", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), utf16le("EncryptedPackage")...), nil, "需要密码"},
		{"notes.md", []byte("# 标题"), nil, "不支持的文件类型"},
		{"noext", []byte("文字"), nil, "扩展名"},
		{"text.docx", []byte("这是一段文字"), nil, ".txt"},
		{"notzip.docx", []byte("PK\x03\x04 broken zip"), nil, "已损坏"},
		{"sheet.docx", buildZip("xl/workbook.xml", "<workbook/>"), nil, "Excel"},
		{"bomb.docx", zipBomb(t, 80<<20), nil, "压缩炸弹"},
		{"ratio.docx", zipBomb(t, 4<<20), nil, "压缩炸弹"},
		{"entities.docx", buildZip("word/document.xml", billionLaughs), nil, "DTD"},
		{"badxml.docx", buildZip("word/document.xml", "<w:document><w:body><w:p>"), nil, "XML"},
		{"deep.docx", buildZip("word/document.xml", strings.Repeat("<a>", 10000)), nil, "嵌套过深"},
		{"big.txt", bytes.Repeat([]byte("字"), 1<<20), func(o *Options) { o.MaxBytes = 1 << 20 }, "文件太大"},
		{"truncated.pdf", seedPDF[:len(seedPDF)/2], nil, "损坏"},
		{"garbage.pdf", []byte("%PDF-1.4\n" + strings.Repeat("garbage ", 100) + "\n%%EOF\n"), nil, "损坏"},
		{"scan.pdf", buildPDF(page("q 100 0 0 100 50 50 cm 0 0 m 1 1 l S Q")...), nil, "OCR"},
		{"nopages.pdf", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"), nil, "页面"},
		{"count.pdf", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 2000000000 >>"), nil, "页"},
		{"cycle.pdf", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 3 >>"), nil, "循环"},
		{"wide.pdf", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 3 >>"), nil, "PDF"},
		{"slow.pdf", slowPDF(), func(o *Options) { o.PDFTimeout = 2 * time.Second }, "超时"},
		{"badstream.pdf", buildPDF(page("BT /F1 12 Tf (abc) Tj ET")[:3]...), nil, "PDF"},
		{"userpw.pdf", mustRead(t, "testdata/short-userpw.pdf"), nil, "需要密码"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			opt := DefaultOptions()
			if tt.opt != nil {
				tt.opt(&opt)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			done := make(chan error, 1)
			go func() {
				_, err := ReadFile(path, opt)
				done <- err
			}()
			select {
			case <-ctx.Done():
				t.Fatal("no answer within 10s")
			case err := <-done:
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %v (%T), want *Error", err, err)
				}
				msg := err.Error()
				t.Log(msg)
				if !strings.HasPrefix(msg, tt.name+"：") || strings.Contains(msg, "\n") {
					t.Errorf("message %q is not one line starting with %q", msg, tt.name+"：")
				}
				if !strings.Contains(msg, tt.want) {
					t.Errorf("message %q does not say %q", msg, tt.want)
				}
			}
		})
	}
}

// slowPDF has one page whose content is a 1 MB stream of no-ops listed
// 4000 times: gigabytes of work in a few kilobytes, the kind of file only
// the timeout stops.
func slowPDF() []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(bytes.Repeat([]byte("q Q "), 1<<18))
	w.Close()
	return buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ["+strings.Repeat("4 0 R ", 4000)+"] >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOwnerPasswordPDF: restricting copying does not stop reading.
func TestOwnerPasswordPDF(t *testing.T) {
	// pdfcpu may write a configuration folder into the home; it must not.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	for _, f := range []string{"short-owner-aes128.pdf", "seed-owner128.pdf", "short-owner-rc4-40.pdf", "short-owner-aes256.pdf"} {
		d, err := ReadFile(filepath.Join("testdata", f), DefaultOptions())
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if !strings.HasPrefix(d.Text(), "一、打造一支对党忠诚") && !strings.HasPrefix(d.Text(), "2021年") {
			t.Errorf("%s: text starts %q", f, d.Text()[:min(len(d.Text()), 60)])
		}
	}
	d, err := ReadFile("testdata/short-owner-aes128.pdf", DefaultOptions())
	if err == nil && len(d.Paragraphs) != 2 {
		t.Errorf("short PDF has %d paragraphs, want 2: %q", len(d.Paragraphs), d.Text())
	}
	if ents, _ := os.ReadDir(home); len(ents) > 0 {
		t.Errorf("reading PDFs wrote into the home folder: %v", ents)
	}
}

// TestMissingFile and a directory get the same kind of one-line refusal.
func TestMissingFile(t *testing.T) {
	for _, p := range []string{filepath.Join(t.TempDir(), "nothing.txt"), t.TempDir()} {
		_, err := ReadFile(p, DefaultOptions())
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), filepath.Base(p)+"：") {
			t.Errorf("%s: %v", p, err)
		}
	}
}
