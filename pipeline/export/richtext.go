package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// Rich text, linearly. excelize's SetCellRichText compares each new rich
// text with every shared string before it (reflect.DeepEqual in a loop), so
// a workbook of n tasks took O(n²): 8,000 tasks 54 s, a large plan more
// than a day. The builder writes task texts as plain shared strings
// (SetCellStr dedupes through a map) and records how each is highlighted;
// once the workbook is written, highlight rewrites those entries of
// xl/sharedStrings.xml as rich text in one pass. Every other part of the
// package is copied as it is, compressed bytes and all.

// richRun is one run of a highlighted text.
type richRun struct {
	text string
	bold bool // the directive verb, bold red
}

// sharedStringsPart is where excelize writes the shared string table.
const sharedStringsPart = "xl/sharedStrings.xml"

// highlight copies the workbook package src to w, with the shared strings
// that rich names replaced by their runs.
func highlight(w io.Writer, src []byte, rich map[string][]richRun) error {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if f.Name != sharedStringsPart || len(rich) == 0 {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		sst, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		hdr := f.FileHeader
		out, err := zw.CreateHeader(&zip.FileHeader{Name: hdr.Name, Method: zip.Deflate, Modified: hdr.Modified})
		if err != nil {
			return err
		}
		if err := rewriteSST(out, sst, rich); err != nil {
			return fmt.Errorf("%s: %w", sharedStringsPart, err)
		}
	}
	return zw.Close()
}

// rewriteSST writes sst with each <si> whose plain text rich names
// replaced by rich runs. Plain entries are <si><t>…</t></si>; their text
// is escaped, so "<si>" and "</si>" occur only as tags.
func rewriteSST(w io.Writer, sst []byte, rich map[string][]richRun) error {
	open, end := []byte("<si>"), []byte("</si>")
	var b bytes.Buffer
	for {
		i := bytes.Index(sst, open)
		if i < 0 {
			_, err := w.Write(sst)
			return err
		}
		j := bytes.Index(sst[i:], end)
		if j < 0 {
			return fmt.Errorf("unterminated <si>")
		}
		j += i + len(end)
		if _, err := w.Write(sst[:i]); err != nil {
			return err
		}
		si := sst[i:j]
		var plain struct {
			T *string    `xml:"t"`
			R []struct{} `xml:"r"`
		}
		if err := xml.Unmarshal(si, &plain); err != nil {
			return err
		}
		if runs, ok := rich[deref(plain.T)]; ok && plain.T != nil && len(plain.R) == 0 {
			b.Reset()
			writeRich(&b, runs)
			si = b.Bytes()
		}
		if _, err := w.Write(si); err != nil {
			return err
		}
		sst = sst[j:]
	}
}

// writeRich writes runs as an <si> of rich text in the font of the sheet.
func writeRich(b *bytes.Buffer, runs []richRun) {
	b.WriteString("<si>")
	for _, r := range runs {
		b.WriteString("<r><rPr>")
		if r.bold {
			b.WriteString(`<b/><sz val="11"/><color rgb="FFC00000"/>`)
		} else {
			b.WriteString(`<sz val="11"/>`)
		}
		b.WriteString(`<rFont val="` + fontName + `"/></rPr><t xml:space="preserve">`)
		xml.EscapeText(b, []byte(r.text))
		b.WriteString("</t></r>")
	}
	b.WriteString("</si>")
}
