// Package docx writes the 任务分解表 as a Word table in the manner of an
// official document's attachment: A4 landscape, 序号 / 重点任务 / 具体措施 /
// 牵头单位 / 配合单位 / 完成时限, 黑体 headings and 仿宋 body (with the
// fonts a machine without them falls back to named), the header row
// repeated on every page, page numbers in the footer.
//
// It writes the WordprocessingML by hand: the few parts a table needs are
// short, and the Go libraries for .docx are either unmaintained
// (baliance/gooxml) or under a commercial licence (unidoc/unioffice).
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"
)

// Table is what the attachment shows.
type Table struct {
	Title    string // 某某文件任务分解表
	Subtitle string // 文号, date: a line under the title, may be empty
	Rows     []Row
}

// Row is one line of the table: a task, or, with Group set, the title of
// the pillar the tasks below stand under, across the whole width.
type Row struct {
	Group                            string
	Seq                              int
	Point, Text, Lead, Partners, Due string
	// LeadSuggested, PartnersSuggested and DueSuggested mark the program's
	// suggestions, which the table shows in grey italics, as the workbook
	// does, and explains under the table.
	LeadSuggested, PartnersSuggested, DueSuggested bool
}

// SuggestedNote explains the grey cells under a table that has any.
const SuggestedNote = "注：灰色斜体的牵头单位、配合单位和完成时限是程序按职责和文件年度给出的建议，尚未经人确认，印发前请核定。"

// Columns of the table and their widths in twentieths of a point: the
// width of A4 landscape inside its margins, the measure widest.
var columns = []struct {
	title string
	width int
}{
	{"序号", 760}, {"重点任务", 2000}, {"具体措施", 5498}, {"牵头单位", 1800}, {"配合单位", 1800}, {"完成时限", 2100},
}

// Page geometry, in twentieths of a point: A4 landscape, 2.54 cm margins.
const (
	pageW, pageH = 16838, 11906
	margin       = 1440
)

// Fonts: the 公文 fonts first; Word and LibreOffice fall back to the
// altName and then to a font of the same family when a machine lacks them.
const (
	fontBody  = "仿宋_GB2312"
	fontHead  = "黑体"
	fontLatin = "Times New Roman"
)

// zipTime stamps every part, so the same table writes the same bytes and
// a rerun can tell it has nothing to change.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes t as a .docx.
func Write(w io.Writer, t Table) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", core(t.Title)},
		{"docProps/app.xml", app},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", document(t)},
		{"word/styles.xml", stylesXML},
		{"word/fontTable.xml", fontTable},
		{"word/settings.xml", settings},
		{"word/footer1.xml", footer},
	}
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// para is a paragraph of text in one run; style names a paragraph style
// of stylesXML.
func para(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + run(text) + `</w:p>`
}

// run writes text, its line breaks as breaks.
func run(text string) string {
	var b strings.Builder
	b.WriteString(`<w:r>`)
	for i, ln := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		b.WriteString(`<w:t xml:space="preserve">` + esc(ln) + `</w:t>`)
	}
	b.WriteString(`</w:r>`)
	return b.String()
}

func cell(width int, style, text, extra string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/>` + extra + `<w:vAlign w:val="center"/></w:tcPr>` +
		para(style, text) + `</w:tc>`
}

func document(t Table) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	b.WriteString(para("LuoshiTitle", t.Title))
	if t.Subtitle != "" {
		b.WriteString(para("LuoshiSubtitle", t.Subtitle))
	}
	total := 0
	for _, c := range columns {
		total += c.width
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders>` + borders("single", 4) + `</w:tblBorders><w:tblLayout w:type="fixed"/>` +
		`<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, c := range columns {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(c.width) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	// The header row repeats at the top of every page and is never split.
	b.WriteString(`<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
	for _, c := range columns {
		b.WriteString(cell(c.width, "LuoshiHead", c.title, `<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`))
	}
	b.WriteString(`</w:tr>`)
	suggested := false
	for _, r := range t.Rows {
		if r.Group != "" {
			b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
			b.WriteString(cell(total, "LuoshiGroup", r.Group, `<w:gridSpan w:val="`+strconv.Itoa(len(columns))+`"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>`))
			b.WriteString(`</w:tr>`)
			continue
		}
		vals := []string{strconv.Itoa(r.Seq), r.Point, r.Text, r.Lead, r.Partners, r.Due}
		styles := []string{"LuoshiCenter", "LuoshiCell", "LuoshiCell", "LuoshiCenter", "LuoshiCenter", "LuoshiCenter"}
		for i, sg := range []bool{r.LeadSuggested, r.PartnersSuggested, r.DueSuggested} {
			if sg {
				styles[3+i] = "LuoshiSuggested"
				suggested = true
			}
		}
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i, c := range columns {
			b.WriteString(cell(c.width, styles[i], vals[i], ""))
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	if suggested {
		b.WriteString(para("LuoshiNote", SuggestedNote))
	}
	b.WriteString(`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>` +
		`<w:pgSz w:w="` + strconv.Itoa(pageW) + `" w:h="` + strconv.Itoa(pageH) + `" w:orient="landscape"/>` +
		`<w:pgMar w:top="` + strconv.Itoa(margin) + `" w:right="` + strconv.Itoa(margin) + `" w:bottom="` + strconv.Itoa(margin) + `" w:left="` + strconv.Itoa(margin) +
		`" w:header="851" w:footer="851" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func borders(kind string, size int) string {
	var b strings.Builder
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="` + kind + `" w:sz="` + strconv.Itoa(size) + `" w:space="0" w:color="000000"/>`)
	}
	return b.String()
}

func core(title string) string {
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(title) + `</dc:title><dc:creator>luoshi</dc:creator></cp:coreProperties>`
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const app = `<?xml version="1.0" encoding="UTF-8"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>luoshi</Application></Properties>`

const documentRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`</Relationships>`

const settings = `<?xml version="1.0" encoding="UTF-8"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// fonts names each font's fallback (altName) and family, which Word and
// LibreOffice use on a machine without it: 仿宋 or FangSong, else a serif
// CJK face (Noto Serif CJK SC); 黑体 or SimHei, else a sans one.
func fonts() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	for _, f := range []struct{ name, alt, family, pitch string }{
		{fontBody, "仿宋", "modern", "fixed"},
		{"仿宋", "FangSong", "modern", "fixed"},
		{fontHead, "SimHei", "modern", "fixed"},
		{"宋体", "SimSun", "auto", "variable"},
		{fontLatin, "", "roman", "variable"},
	} {
		b.WriteString(`<w:font w:name="` + f.name + `">`)
		if f.alt != "" {
			b.WriteString(`<w:altName w:val="` + f.alt + `"/>`)
		}
		b.WriteString(`<w:charset w:val="86"/><w:family w:val="` + f.family + `"/><w:pitch w:val="` + f.pitch + `"/></w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

var fontTable = fonts()

// rFonts sets a run's fonts: Latin and the East Asian face.
func rFonts(east string) string {
	return `<w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + east + `" w:cs="` + fontLatin + `" w:hint="eastAsia"/>`
}

// Sizes in half-points: 二号 22 pt for the title, 小四 12 pt in the table
// (三号 16 pt, the body size of a 公文, leaves a table of 200 rows
// unreadably long), 四号 14 pt for page numbers.
var stylesXML = `<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(fontBody) + `<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiTitle"><w:name w:val="任务分解表标题"/><w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="240"/></w:pPr><w:rPr>` + rFonts(fontHead) + `<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiSubtitle"><w:name w:val="任务分解表副标题"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr>` + rFonts(fontBody) + `<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiHead"><w:name w:val="表头"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr>` + rFonts(fontHead) + `<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiGroup"><w:name w:val="一级部署"/><w:rPr>` + rFonts(fontHead) + `<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiCell"><w:name w:val="表格正文"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiCenter"><w:name w:val="表格居中"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiSuggested"><w:name w:val="建议"/><w:basedOn w:val="LuoshiCenter"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val="767676"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiNote"><w:name w:val="表注"/><w:pPr><w:spacing w:before="120"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LuoshiFooter"><w:name w:val="页码"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr>` + rFonts("宋体") + `<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`</w:styles>`

// footer numbers pages the 公文 way: — 1 —.
const footer = `<?xml version="1.0" encoding="UTF-8"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="LuoshiFooter"/></w:pPr>` +
	`<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
