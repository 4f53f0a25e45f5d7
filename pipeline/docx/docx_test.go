package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var sample = Table{
	Title:    "某某方案任务分解表",
	Subtitle: "（某政发〔2026〕1号）",
	Rows: []Row{
		{Group: "一、推进产业升级"},
		{Seq: 1, Point: "壮大先进制造业", Text: "加快建设集群，年底前完成10个项目 <重点> & “一网通办”。", Lead: "市经信局", Partners: "市发展改革委、市财政局", Due: "2026年12月底前"},
		{Group: "二、优化营商环境"},
		{Seq: 2, Text: "深化改革。", Lead: "市数据局", Due: "长期"},
	},
}

func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(data)
		// Every part is well-formed XML.
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
	}
	return out
}

// TestWrite: the parts a Word table needs, A4 landscape, the header row
// repeated, a pillar's row across the table, text escaped, the same table
// the same bytes.
func TestWrite(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, sample); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, sample); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same table wrote different bytes")
	}
	p := parts(t, a.Bytes())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/footer1.xml", "word/fontTable.xml"} {
		if _, ok := p[name]; !ok {
			t.Errorf("no part %s", name)
		}
	}
	d := p["word/document.xml"]
	for _, want := range []string{
		`w:orient="landscape"`, `w:w="16838" w:h="11906"`, `<w:tblHeader/>`, `<w:gridSpan w:val="6"/>`,
		"加快建设集群，年底前完成10个项目 &lt;重点&gt; &amp; “一网通办”。", "二、优化营商环境", "2026年12月底前",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if n := strings.Count(d, "<w:gridCol "); n != 6 {
		t.Errorf("%d grid columns", n)
	}
	for _, h := range []string{"序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"} {
		if !strings.Contains(d, ">"+h+"<") {
			t.Errorf("no header %s", h)
		}
	}
	if !strings.Contains(p["word/footer1.xml"], "PAGE") || !strings.Contains(p["word/styles.xml"], fontBody) || !strings.Contains(p["word/styles.xml"], fontHead) {
		t.Error("no page number field, or the 仿宋 and 黑体 styles are missing")
	}
	width := 0
	for _, c := range columns {
		width += c.width
	}
	if width != pageW-2*margin {
		t.Errorf("columns %d twips wide, the page holds %d", width, pageW-2*margin)
	}
}

// TestSuggestedCells: the program's suggestions are grey italics and a
// note under the table says so; a table of confirmed units has neither.
func TestSuggestedCells(t *testing.T) {
	tb := sample
	tb.Rows = append([]Row(nil), sample.Rows...)
	tb.Rows[3].LeadSuggested, tb.Rows[3].DueSuggested = true, true
	var a, b bytes.Buffer
	if err := Write(&a, tb); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, sample); err != nil {
		t.Fatal(err)
	}
	d := parts(t, a.Bytes())["word/document.xml"]
	if n := strings.Count(d, `<w:pStyle w:val="LuoshiSuggested"/>`); n != 2 || !strings.Contains(d, SuggestedNote) {
		t.Errorf("%d suggested cells, note %v", n, strings.Contains(d, SuggestedNote))
	}
	if !strings.Contains(d, `<w:pStyle w:val="LuoshiSuggested"/></w:pPr><w:r><w:t xml:space="preserve">市数据局<`) {
		t.Error("the suggested lead is not in the grey style")
	}
	if styles := parts(t, a.Bytes())["word/styles.xml"]; !strings.Contains(styles, `w:styleId="LuoshiSuggested"`) || !strings.Contains(styles, "<w:i/>") {
		t.Error("no grey italic style")
	}
	if plain := parts(t, b.Bytes())["word/document.xml"]; strings.Contains(plain, "LuoshiSuggested") || strings.Contains(plain, SuggestedNote) {
		t.Error("a table without suggestions marks some")
	}
}

// TestLibreOfficeConverts: LibreOffice opens the table and prints it to
// a PDF of A4 landscape pages with the text in it. Skipped without soffice.
func TestLibreOfficeConverts(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := t.TempDir()
	tb := sample
	for i := 3; i <= 60; i++ { // enough rows for a second page and its repeated header
		tb.Rows = append(tb.Rows, Row{Seq: i, Text: strings.Repeat("推进重点项目建设。", 8), Lead: "市发展改革委", Due: "2026年12月底前"})
	}
	src := filepath.Join(dir, "表.docx")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(f, tb); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "表.pdf")
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	pages := strings.Split(text, "\f")
	if len(pages) < 3 { // two pages at least, and the text after the last form feed
		t.Fatalf("%d pages", len(pages)-1)
	}
	for i, pg := range pages[:len(pages)-1] {
		if !strings.Contains(pg, "具体措施") {
			t.Errorf("page %d has no header row", i+1)
		}
	}
	if !strings.Contains(text, "某某方案任务分解表") || !strings.Contains(text, "市经信局") {
		t.Error("the PDF lacks the title or the units")
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Skip("pdfinfo is not installed")
	}
	if !strings.Contains(string(info), "841.89 x 595.") {
		t.Errorf("not A4 landscape:\n%s", info)
	}
}
