package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"
)

// checkResult is what every reader promises: a document or one *Error
// naming the file on one line; valid UTF-8 text without empty paragraphs.
func checkResult(t *testing.T, name string, data []byte) {
	// The fuzzer has no per-input deadline: a hang would only show as a
	// stalled exec count. Crash instead, so that the input is saved.
	watchdog := time.AfterFunc(20*time.Second, func() { panic("Read did not return within 20s") })
	defer watchdog.Stop()
	// FUZZLOG=file records every call: the engine's exec count stalls
	// for inputs of several KB although the workers keep running.
	if os.Getenv("FUZZLOG") != "" {
		start := time.Now()
		defer func() {
			f, _ := os.OpenFile(os.Getenv("FUZZLOG"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			fmt.Fprintf(f, "%d %v\n", len(data), time.Since(start))
			f.Close()
		}()
	}
	d, err := Read(name, data, fuzzOptions)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v is %T, want *Error", err, err)
		}
		if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), name+"：") {
			t.Fatalf("message %q is not one line naming the file", err.Error())
		}
		return
	}
	for _, p := range d.Paragraphs {
		if p.Text == "" || !utf8.ValidString(p.Text) || strings.ContainsAny(p.Text, "\n\r") {
			t.Fatalf("bad paragraph %q", p.Text)
		}
	}
}

var fuzzOptions = Options{MaxBytes: 1 << 20, PDFTimeout: 5 * time.Second, PDFMemory: 512 << 20, NoOCR: true}

func addFiles(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzTXT(f *testing.F) {
	addFiles(f, "seed-utf8bom.txt", "seed-gb18030.txt", "seed-utf16le.txt", "seed-utf16be.txt", "seed-mixed-eol.txt")
	f.Add([]byte("一、\r总体\r\n要求\n"))
	f.Add([]byte{0xFF, 0xFE, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkResult(t, "f.txt", data)
	})
}

func FuzzDOCX(f *testing.F) {
	addFiles(f, "seed-plain.docx", "seed-numbered.docx", "seed-numbered-lo.docx")
	f.Add(buildDOCX(`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>`,
		`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）%1%9"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
		`<w:style w:styleId="a"><w:basedOn w:val="a"/></w:style>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkResult(t, "f.docx", data)
	})
}

// FuzzPDF runs the whole PDF path, child process included, so a hang in
// the library costs one timeout and not the fuzzer.
func FuzzPDF(f *testing.F) {
	addFiles(f, "short-owner-aes128.pdf", "short-userpw.pdf")
	f.Add(buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream("BT /F1 12 Tf 72 700 Td (Hello) Tj 0 -14 Td [(Wor) -20 (ld)] TJ T* (x) ' ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkResult(t, "f.pdf", data)
	})
}

// FuzzPDFParagraphs feeds the paragraph reconstruction arbitrary line
// geometry: it must never panic nor lose or invent text.
func FuzzPDFParagraphs(f *testing.F) {
	f.Add([]byte("\x00\x10\x20\x30一、总体要求\x01\x10\x20\x30字字字字"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, npages uint8) {
		var pages []Page
		n := int(npages%4) + 1
		for i := 0; i < n; i++ {
			pages = append(pages, Page{Width: float64(i * 300)})
		}
		var all strings.Builder
		for k := 0; len(data) >= 8; k++ {
			x0 := float64(binary.LittleEndian.Uint16(data)) / 64
			y := float64(binary.LittleEndian.Uint16(data[2:])) / 64
			size := float64(data[4]%40) + 1
			l := int(data[5]) % 40
			data = data[8:]
			l = min(l, len(data))
			text := strings.ToValidUTF8(string(data[:l]), "")
			data = data[l:]
			if math.IsNaN(x0) {
				continue
			}
			pages[k%n].Lines = append(pages[k%n].Lines, Line{Text: text, X0: x0, X1: x0 + ems(text)*size, Y: y, Size: size})
		}
		for _, p := range pages {
			for _, l := range p.Lines {
				all.WriteString(l.Text)
			}
		}
		got := strings.Join(Paragraphs(pages), "")
		if !subsequence(strip(got), strip(all.String())) {
			t.Fatalf("paragraphs %q are not the lines' text %q in order", got, all.String())
		}
	})
}

// subsequence reports whether a's runes appear in b in order.
func subsequence(a, b string) bool {
	rb := []rune(b)
	j := 0
	for _, r := range a {
		for j < len(rb) && rb[j] != r {
			j++
		}
		if j == len(rb) {
			return false
		}
		j++
	}
	return true
}

func strip(s string) string { return strings.Join(strings.Fields(s), "") }

// docxParts reads the three XML parts of a fixture .docx, as seeds for
// FuzzDOCXParts.
func docxParts(f *testing.F, name string) (document, numbering, styles string) {
	f.Helper()
	z, err := zip.OpenReader("testdata/" + name)
	if err != nil {
		f.Fatal(err)
	}
	defer z.Close()
	part := func(n string) string {
		for _, zf := range z.File {
			if zf.Name == n {
				rc, err := zf.Open()
				if err != nil {
					f.Fatal(err)
				}
				defer rc.Close()
				b, _ := io.ReadAll(rc)
				return string(b)
			}
		}
		return ""
	}
	return part("word/document.xml"), part("word/numbering.xml"), part("word/styles.xml")
}

// FuzzDOCXParts mutates the XML of the document, numbering and styles parts
// and packs them into a valid zip each time, so that every input reaches
// the body, numbering and style readers instead of dying at the zip layer
// (where four in five inputs of FuzzDOCX end).
func FuzzDOCXParts(f *testing.F) {
	for _, n := range []string{"seed-plain.docx", "seed-numbered.docx", "seed-numbered-lo.docx"} {
		d, nb, st := docxParts(f, n)
		f.Add(d, nb, st)
	}
	num := `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="27"/></w:lvlOverride></w:num></w:numbering>`
	f.Add(`<w:document `+wNS+`><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>要</w:t><w:br/><w:t>抓</w:t></w:r></w:p></w:body></w:document>`, num, "")
	f.Fuzz(func(t *testing.T, document, numbering, styles string) {
		parts := []string{
			"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
			"word/document.xml", document,
		}
		if numbering != "" {
			parts = append(parts, "word/numbering.xml", numbering)
		}
		if styles != "" {
			parts = append(parts, "word/styles.xml", styles)
		}
		checkResult(t, "f.docx", buildZip(parts...))
	})
}

// FuzzPDFContent mutates a page's content stream and font inside a valid
// PDF, so that the content-stream interpreter and the text decoding see
// every input, not the cross-reference parser only. It reads through the
// bounded child process, as luoshi does: some streams make the library
// loop, and the child's timeout is what stops them.
func FuzzPDFContent(f *testing.F) {
	f.Add("BT /F1 12 Tf 72 700 Td (Hello) Tj 0 -14 Td [(Wor) -20 (ld)] TJ T* (x) ' ET", "/Type /Font /Subtype /Type1 /BaseFont /Helvetica")
	f.Add("BT /F1 10.5 Tf 1 0 0 1 90 760 Tm <4E004E8C> Tj ET", "/Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H")
	f.Add("q 1 0 0 1 0 0 cm BT /F1 12 Tf 3 Tr 72 72 Td (a\\(b\\)c) Tj ET Q", "/Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126")
	f.Fuzz(func(t *testing.T, content, font string) {
		if len(content) > 1<<16 || len(font) > 1<<12 {
			return
		}
		checkResult(t, "f.pdf", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			stream(content), "<< "+font+" >>"))
	})
}

// docStreams reads the WordDocument and table streams of a fixture .doc.
func docStreams(f *testing.F, name string) (word, table []byte) {
	f.Helper()
	cf, err := mscfb.New(bytes.NewReader(mustRead(f, "testdata/"+name)))
	if err != nil {
		f.Fatal(err)
	}
	for e, err := cf.Next(); err == nil; e, err = cf.Next() {
		b, _ := io.ReadAll(e)
		switch e.Name {
		case "WordDocument":
			word = b
		case "0Table", "1Table":
			table = b
		}
	}
	return word, table
}

// FuzzDOC mutates the WordDocument and table streams of real .doc files,
// so that the FIB, piece table, property pages and list readers see every
// input (the compound-file container would stop most mutated files).
func FuzzDOC(f *testing.F) {
	for _, n := range []string{"seed-numbered.doc", "seed-style-numbered.doc", "revisions.doc"} {
		w, tb := docStreams(f, n)
		f.Add(w, tb)
	}
	f.Fuzz(func(t *testing.T, word, table []byte) {
		for _, name := range []string{"0Table", "1Table"} {
			paras, _, err := readDOCStreams(word, map[string][]byte{name: table})
			if err != nil {
				var r refusal
				if !errors.As(err, &r) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("error %q is not a refusal for the user", err)
				}
				continue
			}
			for _, p := range paras {
				if !utf8.ValidString(p) {
					t.Fatalf("invalid UTF-8 %q", p)
				}
			}
		}
	})
}

// FuzzParseTSV: whatever tesseract prints, its TSV is read without a
// panic into lines of valid text at finite places.
func FuzzParseTSV(f *testing.F) {
	f.Add([]byte("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t1241\t1754\t-1\t\n5\t1\t1\t1\t1\t1\t120\t124\t40\t20\t96\t要加强\n5\t1\t1\t1\t1\t2\t160\t124\t40\t20\t96\tAPP\n"))
	f.Add([]byte("5\t1\t1\t1\t1\t1\tNaN\t-1e308\t1e308\t0\t0\t\xff\n"))
	f.Fuzz(func(t *testing.T, tsv []byte) {
		p := parseTSV(tsv, 72.0/ocrDPI)
		for _, l := range p.Lines {
			if !utf8.ValidString(l.Text) || l.Text == "" {
				t.Fatalf("line %q", l.Text)
			}
		}
	})
}
