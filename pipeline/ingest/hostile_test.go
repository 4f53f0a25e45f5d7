package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/luoshi/luoshi/pipeline/doc"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// hostileDir holds small inputs that broke luoshi (../shared/hostile).
const hostileDir = "../../../shared/hostile"

// TestHostileNumbering: list numbering that would build labels of millions
// of characters (a huge w:start, a w:lvlText of %1 repeated) gives a
// bounded document, read quickly and in little memory.
func TestHostileNumbering(t *testing.T) {
	repeat := strings.Repeat("%1", 200_000)
	tests := []struct {
		name      string
		data      []byte
		wantLabel string // a label the first paragraph starts with, "" for none
	}{
		{"lowerLetter start 1e8", buildDOCX(p(num(1, 0), "加强学习"),
			`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="100000000"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`, ""), "100000000."},
		{"upperLetter start 2e9", buildDOCX(p(num(1, 0), "加强学习"),
			`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="2000000000"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`, ""), "2000000000."},
		{"lowerLetter in Word's range", buildDOCX(p(num(1, 0), "加强学习"),
			`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="28"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`, ""), "bb."},
		{"lvlText %1 x 200000", buildDOCX(p(num(1, 0), "加强学习"),
			`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="`+repeat+`"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`, ""), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read("a.docx", tc.data, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			first := d.Paragraphs[0].Text
			if len(first) > 1000 {
				t.Fatalf("first paragraph is %d bytes: an unbounded label", len(first))
			}
			if !strings.HasPrefix(first, tc.wantLabel) || !strings.HasSuffix(first, "加强学习") {
				t.Errorf("first paragraph %q, want label %q and the text", first, tc.wantLabel)
			}
		})
	}
}

// TestHostileFiles reads every file of ../shared/hostile: each gives a
// document or a refusal in Chinese, never a panic or a runaway allocation.
func TestHostileFiles(t *testing.T) {
	ents, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Skip("../shared/hostile is absent")
	}
	for _, e := range ents {
		if e.Name() == "README.md" {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			d, err := ReadFile(filepath.Join(hostileDir, e.Name()), DefaultOptions())
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			var ie *Error
			switch {
			case err == nil && d.Text() == "":
				t.Error("no error and no text")
			case err != nil && !errors.As(err, &ie):
				t.Errorf("error %v is not a refusal for the user", err)
			case err == nil && len(d.Text()) > 4<<20:
				t.Errorf("%d bytes of text from a small file", len(d.Text()))
			}
		})
	}
}

// numbered repeats format n times with a counter, so that the zip does not
// compress like a bomb.
func numbered(format string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// TestParagraphLimit: one limit on paragraphs for every reader, however
// the lines are made (.txt lines, .docx paragraphs or manual line breaks).
func TestParagraphLimit(t *testing.T) {
	over := doc.MaxParagraphs + 10
	tests := []struct {
		name string
		file string
		data []byte
	}{
		{"txt short lines", "a.txt", bytes.Repeat([]byte("要\n"), over)},
		{"docx paragraphs", "a.docx", buildDOCX(numbered(`<w:p><w:r><w:t>要%d</w:t></w:r></w:p>`, over), "", "")},
		{"docx line breaks", "a.docx", buildDOCX(`<w:p><w:r><w:t>要</w:t>`+numbered(`<w:br/><w:t>要%d</w:t>`, over)+`</w:r></w:p>`, "", "")},
		{"sentences", "a.txt", []byte(strings.Repeat(strings.Repeat("要做好。", 20)+"\n", doc.MaxSentences/20+10))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.file, tc.data, DefaultOptions())
			var ie *Error
			if !errors.As(err, &ie) || !strings.Contains(ie.Reason, "太多") {
				t.Fatalf("err %v, want a refusal saying too many", err)
			}
		})
	}
	// Just under the limit is a document.
	under := bytes.Repeat([]byte("要\n"), doc.MaxParagraphs-1)
	if _, err := Read("a.txt", under, DefaultOptions()); err != nil {
		t.Errorf("%d lines: %v", doc.MaxParagraphs-1, err)
	}
}

// TestTextEncodings: UTF-16 without a mark is read even when 一 (U+4E00)
// puts zero bytes on the other side; Big5 and Shift-JIS, which decode as
// GB18030 without an error, are refused instead of read as garbage.
func TestTextEncodings(t *testing.T) {
	speech := "一、加强学习\r\n一是要统一思想，一以贯之。\r\n二是要抓好落实，确保各项工作任务按期完成。\r\n"
	enc := func(e encoding.Encoding, s string) []byte {
		b, err := e.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	traditional := "一、加強學習\r\n一是要統一思想，一以貫之。\r\n二是要抓好落實，確保各項工作任務按期完成。\r\n"
	japaneseText := "一、学習の強化\r\nまず、思想を統一し、一貫して取り組むこと。\r\n次に、各項目の仕事を期限通りに完成させること。\r\n"
	for _, tc := range []struct {
		name   string
		data   []byte
		enc    string // the encoding read, "" for a refusal
		refuse string
	}{
		{"UTF-16LE no BOM", enc(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), speech), "UTF-16LE", ""},
		{"UTF-16BE no BOM", enc(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), speech), "UTF-16BE", ""},
		{"GBK", enc(simplifiedchinese.GBK, speech), "GB18030", ""},
		{"Big5", enc(traditionalchinese.Big5, traditional), "", "Big5"},
		{"Shift-JIS", enc(japanese.ShiftJIS, japaneseText), "", "Shift-JIS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read("讲话.txt", tc.data, DefaultOptions())
			if tc.enc == "" {
				var ie *Error
				if !errors.As(err, &ie) || !strings.Contains(ie.Reason, tc.refuse) || !strings.Contains(ie.Reason, "UTF-8") {
					t.Fatalf("err %v, want a refusal naming %s", err, tc.refuse)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Info.Encoding != tc.enc || !strings.Contains(d.Text(), "一是要统一思想") {
				t.Errorf("read as %s: %q", d.Info.Encoding, d.Text())
			}
		})
	}
}

// TestPDFToUnicode: a font's ToUnicode CMap says what its codes are, before
// any Encoding (Chrome prints Type 3 fonts whose Differences name glyphs
// /g1 /g2…), and a bfrange maps a code by its whole distance from the
// range's start (ranges past 256 codes and crossing a byte boundary).
func TestPDFToUnicode(t *testing.T) {
	cmap := func(body string) string {
		return stream("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
			"/CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + body +
			"\nendcmap CMapName currentdict /CMap defineresource pop end end")
	}
	page := func(content, font, tounicode string) []byte {
		return buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			stream(content), font, tounicode)
	}
	oneByte := func(body string) string {
		return stream("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
			"1 begincodespacerange <00> <FF> endcodespacerange\n" + body +
			"\nendcmap CMapName currentdict /CMap defineresource pop end end")
	}
	for _, tc := range []struct {
		name string
		pdf  []byte
		want string
	}{
		{"Type 3 with Differences and ToUnicode", page("BT /F1 12 Tf 72 700 Td <010203> Tj ET",
			"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << >> "+
				"/Encoding << /Type /Encoding /Differences [1 /g1 /g2 /g3] >> /FirstChar 1 /LastChar 3 /Widths [1000 1000 1000] /ToUnicode 6 0 R >>",
			oneByte("3 beginbfchar <01> <8981> <02> <52A0> <03> <5F3A> endbfchar")), "要加强"},
		{"bfrange across a byte boundary", page("BT /F1 12 Tf 72 700 Td <0000010102FF> Tj ET",
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [] /ToUnicode 6 0 R >>",
			cmap("1 beginbfrange <0000> <0FFF> <4E00> endbfrange")), "\u4E00\u4F01\u50FF"},
		// A typesetter's mark set thousands of points off the page (书书书
		// on a provincial government's PDF) is never printed, so not read.
		{"text outside the page", page("BT /F1 1 Tf 2.2 0 0 2.2 0 -0.9 Tm 2361 -1977 TD <0001> Tj ET BT /F1 12 Tf 72 700 Td <0002> Tj ET",
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [] /ToUnicode 6 0 R >>",
			cmap("2 beginbfchar <0001> <4E66> <0002> <8981> endbfchar")), "要"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := DefaultOptions()
			opt.PDFInProcess = true
			d, err := Read("a.pdf", tc.pdf, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Text(); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPDFStartxrefOnOneLine: "startxref 1234" on one line, as some
// producers write it, is read like every other reader reads it.
func TestPDFStartxrefOnOneLine(t *testing.T) {
	pdf := buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	pdf = bytes.Replace(pdf, []byte("startxref\n"), []byte("startxref "), 1)
	opt := DefaultOptions()
	opt.PDFInProcess = true
	d, err := Read("a.pdf", pdf, opt)
	if err != nil {
		t.Fatal(err)
	}
	if d.Text() != "Hello" {
		t.Errorf("text %q", d.Text())
	}
}

// TestPDFGarbageRefused: text that a font without a usable encoding turns
// into Latin-1 letters or rare ideographs is refused, not passed on as a
// workbook of mojibake; real Chinese and English text passes.
func TestPDFGarbageRefused(t *testing.T) {
	line := func(s string) []Page { return []Page{{Lines: []Line{{Text: s}}}} }
	for _, tc := range []struct {
		name, text string
		garbled    bool
	}{
		{"Latin-1 garbage", strings.Repeat("à O \"ôÝ OÈØ ëõÅãþþÌ }þoMÕ¿< ", 4), true},
		{"rare ideographs", strings.Repeat("欗毌氶汿沀泘洂浧", 6), true},
		{"Chinese", strings.Repeat("各级政府要切实加强营商环境优化工作，年底前完成。", 3), false},
		{"Chinese with radicals", strings.Repeat("⼯业和信息化部印发《实施意⻅》的通知。", 4), false},
		{"English", strings.Repeat("The State Council issued the plan (No. 10). ", 3), false},
		{"short", "欗毌氶", false},
	} {
		err := checkText(line(tc.text))
		if got := err != nil; got != tc.garbled {
			t.Errorf("%s: refused=%v, want %v (%v)", tc.name, got, tc.garbled, err)
		}
	}
}

// TestPDFRepair: a cross-reference table that points nowhere, a wrong
// startxref or no table at all is mended and the file read, as pdftotext
// reads it; a file cut short stays refused (it would read as a whole
// document that is not).
func TestPDFRepair(t *testing.T) {
	good := buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	sx := bytes.LastIndex(good, []byte("startxref"))
	xr := bytes.LastIndex(good, []byte("xref\n0 "))
	shifted := regexp.MustCompile(`(\d{10}) 00000 n`).ReplaceAllFunc(good[xr:sx], func(m []byte) []byte {
		n, _ := strconv.Atoi(string(m[:10]))
		return []byte(fmt.Sprintf("%010d 00000 n", n+7))
	})
	for _, tc := range []struct {
		name string
		pdf  []byte
		want string // text, or "" for a refusal
	}{
		{"wrong startxref", append(append([]byte{}, good[:sx]...), "startxref\n12345\n%%EOF\n"...), "Hello"},
		{"offsets point nowhere", append(append(append([]byte{}, good[:xr]...), shifted...), good[sx:]...), "Hello"},
		{"no table", append(append([]byte{}, good[:xr]...), "startxref\n0\n%%EOF\n"...), "Hello"},
		{"cut short", good[:len(good)*2/3], ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := DefaultOptions()
			opt.PDFInProcess = true
			d, err := Read("a.pdf", tc.pdf, opt)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("read %q from a file cut short", d.Text())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text() != tc.want {
				t.Errorf("text %q", d.Text())
			}
		})
	}
}

// TestPDFParentCycle: a page whose Parent is itself is read (or refused)
// well within a timeout; it used to burn the whole of it.
func TestPDFParentCycle(t *testing.T) {
	pdf := buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>", stream("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"))
	opt := DefaultOptions()
	opt.PDFTimeout = 5 * time.Second
	_, err := Read("a.pdf", pdf, opt)
	if err != nil && strings.Contains(err.Error(), "超时") {
		t.Fatalf("the Parent cycle ran into the timeout: %v", err)
	}
}

// TestOOXMLByContent: a .wps or .doc that is OOXML inside (WPS saves .wps
// so, people rename files) is read as the .docx it is; the binary formats
// are still refused with what to do.
func TestOOXMLByContent(t *testing.T) {
	docx := mustRead(t, "testdata/seed-numbered.docx")
	for _, name := range []string{"讲话.wps", "讲话.doc"} {
		d, err := Read(name, docx, DefaultOptions())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.HasPrefix(d.Text(), "2021年") || d.Info.Format != "docx" {
			t.Errorf("%s: format %s, text %q", name, d.Info.Format, d.Text()[:min(60, len(d.Text()))])
		}
	}
	ole := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 512))
	if _, err := Read("旧.wps", ole, DefaultOptions()); err == nil || !strings.Contains(err.Error(), "另存为") {
		t.Errorf("binary .wps: %v", err)
	}
}

// TestDOCRevisionsFieldsTables: the Word 97 reader keeps what Word shows
// of the body: list numbers rendered, deleted revisions dropped and
// insertions kept, a field's result without its code, manual line breaks
// as lines, table cells as paragraphs (revisions.doc, made by LibreOffice
// from make_revisions_docx.py).
func TestDOCRevisionsFieldsTables(t *testing.T) {
	d, err := ReadFile("testdata/revisions.doc", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"一、总体要求", "（一）指导思想", "要坚持新增的问题导向。", "见第1页。", "第一行", "第二行",
		"牵头单位", "省发展改革委", "二、重点任务", "（一）加强学习"}
	var got []string
	for _, p := range d.Paragraphs {
		got = append(got, p.Text)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs\n got %q\nwant %q", got, want)
	}
	if d.Info.Format != "doc" {
		t.Errorf("format %q", d.Info.Format)
	}
	if d.Paragraphs[6].Style != "TableCell" {
		t.Errorf("table cell style %q", d.Paragraphs[6].Style)
	}
}

// TestPublishedPDFs: the plans of ../shared/corpus/assign as their
// governments published them (one printed from a website, one with its
// glyphs drawn smaller than their font's size and marks set off the page)
// read as pdftotext reads them: its lines are found in our text, and the
// two share their character pairs. The measures ignore order because
// pdftotext reads a table's columns into each other's lines (在工业、科技…
// 委、省经信), which our rows do not; they also ignore the folios and a
// website's menus we drop. Skipped without the corpus or pdftotext.
func TestPublishedPDFs(t *testing.T) {
	pdfs, _ := filepath.Glob("../../../shared/corpus/assign/*.pdf")
	if len(pdfs) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	folio := regexp.MustCompile(`[—–-]\s*[0-9]+\s*[—–-]`)
	plain := func(s string) string {
		return strings.Join(strings.Fields(folio.ReplaceAllString(norm.NFKC.String(s), "")), "")
	}
	pairs := func(s string) map[string]int {
		m := map[string]int{}
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i++ {
			m[string(rs[i:i+2])]++
		}
		return m
	}
	for _, path := range pdfs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Read(filepath.Base(path), b, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			ours, theirs := plain(d.Text()), plain(string(out))
			total, found := 0, 0
			for _, l := range strings.Split(string(out), "\n") {
				if l = plain(l); l != "" {
					total += len(l)
					if strings.Contains(ours, l) {
						found += len(l)
					}
				}
			}
			pa, pb := pairs(ours), pairs(theirs)
			common, all := 0, 0
			for k, n := range pa {
				common += min(n, pb[k])
				all += n
			}
			for _, n := range pb {
				all += n
			}
			lines, dice := float64(found)/float64(total), 2*float64(common)/float64(all)
			t.Logf("pdftotext's lines found %.4f, character pairs shared %.4f", lines, dice)
			if lines < 0.94 || dice < 0.96 {
				t.Errorf("reads unlike pdftotext: lines found %.4f (want ≥ 0.94), pairs shared %.4f (want ≥ 0.96)", lines, dice)
			}
		})
	}
}

// TestPDFGlyphsSmallerThanTheirFont: a font whose glyphs are drawn at half
// its size (a CFF FontMatrix) and set one by one is measured by their
// advance, so its lines are the size of the body's and join it, instead
// of standing apart like a heading's.
func TestPDFGlyphsSmallerThanTheirFont(t *testing.T) {
	cmap := stream("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"1 beginbfrange <0001> <0010> <4E00> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end")
	var body strings.Builder
	body.WriteString("BT /F1 12 Tf 72 700 Td <0001000200030004000500060007000800090001000200030004000500060007000800090001> Tj ET\n")
	// The next line, in a font said to be 24 pt, drawn 12 pt a glyph.
	body.WriteString("BT /F2 24 Tf 72 685 Td")
	for i := range 10 {
		fmt.Fprintf(&body, " <%04X> Tj 12 0 Td", i+1)
	}
	body.WriteString(" ET")
	pdf := buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
		stream(body.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Y /Encoding /Identity-H /DescendantFonts [] /ToUnicode 7 0 R >>",
		cmap)
	pages, err := extractPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if ls := pages[0].Lines; len(ls) != 2 || ls[1].Size < 11 || ls[1].Size > 13 {
		t.Fatalf("lines %+v: the second should be about 12 pt", ls)
	}
}

// TestOCRScan: a scanned page (the seed's first, 150 dpi, black and white:
// testdata/seed-scan.pdf, made by make_fixtures.sh) is read by tesseract
// when it is installed, as the text PDF of the same page reads (similarity
// ≥ 0.95), its paragraphs marked as OCR's; without it, the refusal says
// what to install.
func TestOCRScan(t *testing.T) {
	scan, err := os.ReadFile("testdata/seed-scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("without tesseract", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := Read("扫描件.pdf", scan, DefaultOptions())
		if err == nil || !strings.Contains(err.Error(), "tesseract-ocr-chi-sim") {
			t.Fatalf("error %v, want the refusal saying what to install", err)
		}
	})
	t.Run("with tesseract", func(t *testing.T) {
		if _, _, ok := ocrTools(); !ok {
			t.Skip("tesseract with chi_sim, or pdftoppm, is not installed")
		}
		d, err := Read("扫描件.pdf", scan, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile("testdata/seed.pdf")
		if err != nil {
			t.Fatal(err)
		}
		pages, err := extractPDF(text)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Join(Paragraphs(pages[:1]), "")
		if s := similarity(norm.NFKC.String(d.Text()), norm.NFKC.String(want)); s < 0.95 {
			t.Errorf("OCR similarity %.4f to the page's text\n got %s\nwant %s", s, d.Text(), want)
		} else {
			t.Logf("OCR similarity %.4f to the page's text", s)
		}
		if d.Info.OCRPages != 1 || len(d.Warnings) == 0 {
			t.Errorf("OCR pages %d, warnings %q", d.Info.OCRPages, d.Warnings)
		}
		for i, p := range d.Paragraphs {
			if p.Style != doc.StyleOCR {
				t.Errorf("paragraph %d not marked as read by OCR", i+1)
			}
		}
	})
}

// TestPDFCIDTrueTypeWithoutToUnicode: a Type 0 font with Identity-H, a
// TrueType descendant and no ToUnicode (glyph ids in the text, as some
// government PDFs have) reads through the embedded font's own cmap, with
// an identity CIDToGIDMap or a stream one; before, it read as garbage and
// was refused.
func TestPDFCIDTrueTypeWithoutToUnicode(t *testing.T) {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	const text = "Hello luoshi 2026"
	var buf sfnt.Buffer
	var codes strings.Builder
	for _, r := range text {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			t.Fatalf("no glyph for %q", r)
		}
		fmt.Fprintf(&codes, "%04X", uint16(g))
	}
	// The stream map sends CID k to the glyph of the k-th character.
	var mapped strings.Builder
	gidmap := make([]byte, 2*(len(text)+1))
	for i, r := range text {
		g, _ := f.GlyphIndex(&buf, r)
		gidmap[2*(i+1)], gidmap[2*(i+1)+1] = byte(g>>8), byte(g)
		fmt.Fprintf(&mapped, "%04X", i+1)
	}
	fontFile := fmt.Sprintf("<< /Length %d /Length1 %d >>\nstream\n%s\nendstream", len(goregular.TTF), len(goregular.TTF), goregular.TTF)
	mk := func(codes, cidToGID string, extra ...string) []byte {
		objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			stream("BT /F1 12 Tf 72 700 Td <" + codes + "> Tj ET"),
			"<< /Type /Font /Subtype /Type0 /BaseFont /Go /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
			"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Go /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap " + cidToGID + " >>",
			"<< /Type /FontDescriptor /FontName /Go /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>",
			fontFile}
		return buildPDF(append(objs, extra...)...)
	}
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{
		{"identity", mk(codes.String(), "/Identity")},
		{"stream map", mk(mapped.String(), "9 0 R", fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(gidmap), gidmap))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages, err := extractPDF(tc.pdf)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(Paragraphs(pages), ""); got != text {
				t.Errorf("text %q, want %q", got, text)
			}
		})
	}
}

// TestOCRMemoryBound: tesseract runs under the memory cap, as the PDF
// child does: with 16 MB it cannot read a page, and says so.
func TestOCRMemoryBound(t *testing.T) {
	tesseract, pdftoppm, ok := ocrTools()
	if !ok || !canExecLimited {
		t.Skip("tesseract with chi_sim, pdftoppm or RLIMIT_AS is not available")
	}
	scan, err := os.ReadFile("testdata/seed-scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ocrPages(scan, []int{0}, tesseract, pdftoppm, 16<<20); err == nil {
		t.Fatal("tesseract read a page within 16 MB: the cap does not apply")
	}
	got, err := ocrPages(scan, []int{0}, tesseract, pdftoppm, 1<<30)
	if err != nil || len(got[0].Lines) == 0 {
		t.Fatalf("within 1 GiB: %v, %d lines", err, len(got[0].Lines))
	}
}
