package ingest

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"strings"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// buildPDF writes a minimal PDF from object bodies (object i+1 is objs[i],
// object 1 the catalog) with a correct cross-reference table.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

// buildZip packs name→content pairs, stored with deflate.
func buildZip(parts ...string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := z.Create(parts[i])
		if err != nil {
			panic(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	z.Close()
	return b.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// buildDOCX makes a .docx from the inner XML of w:body, a numbering part
// (inner XML of w:numbering, may be empty) and a styles part (inner XML of
// w:styles, may be empty).
func buildDOCX(body, numbering, styles string) []byte {
	parts := []string{
		"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	if numbering != "" {
		parts = append(parts, "word/numbering.xml", `<?xml version="1.0"?><w:numbering `+wNS+`>`+numbering+`</w:numbering>`)
	}
	if styles != "" {
		parts = append(parts, "word/styles.xml", `<?xml version="1.0"?><w:styles `+wNS+`>`+styles+`</w:styles>`)
	}
	return buildZip(parts...)
}

// levenshtein on runes, two rows.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// similarity is 1 - edit distance / longer length, white space ignored.
func similarity(a, b string) float64 {
	ra, rb := []rune(strings.Join(strings.Fields(a), "")), []rune(strings.Join(strings.Fields(b), ""))
	n := max(len(ra), len(rb))
	if n == 0 {
		return 1
	}
	return 1 - float64(levenshtein(ra, rb))/float64(n)
}
