package ingest

import (
	"fmt"
	"strings"
	"testing"
)

func p(props, text string) string {
	return `<w:p><w:pPr>` + props + `</w:pPr><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func num(numID, ilvl int) string {
	return fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, ilvl, numID)
}

func lvl(i int, format, text string, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>%s</w:lvl>`, i, format, text, extra)
}

func TestDOCXNumbering(t *testing.T) {
	numbering := `<w:abstractNum w:abstractNumId="0">` +
		lvl(0, "chineseCounting", "%1、", "") +
		lvl(1, "chineseCounting", "（%2）", "") +
		lvl(2, "decimal", "%3.", "") +
		lvl(3, "decimalEnclosedCircle", "%4", `<w:suff w:val="nothing"/>`) +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1">` +
		lvl(0, "chineseCountingThousand", "第%1条", `<w:suff w:val="space"/>`) +
		lvl(1, "lowerLetter", "%2)", "") +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2">` + lvl(0, "ideographTraditional", "%1、", "") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="3">` + lvl(0, "bullet", "\uf0b7", "") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="4">` + lvl(0, "decimal", "%1.", "") + lvl(1, "decimal", "%1.%2", `<w:lvlRestart w:val="0"/>`) + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>` +
		`<w:num w:numId="5"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="6"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num>`
	styles := `<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr>` + num(1, 0) + `<w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>`
	body := p(`<w:pStyle w:val="Title"/>`, "工作方案") +
		p(`<w:pStyle w:val="1"/>`, "总体要求") + // numbered by its style
		p(num(1, 1), "指导思想") +
		p(num(1, 2), "坚持党的领导") +
		p(num(1, 2), "坚持问题导向") +
		p(num(1, 3), "第一") +
		p(num(1, 3), "第二") +
		p(num(1, 1), "工作目标") + // level 3 restarts below
		p(num(1, 2), "到年底") +
		p(num(1, 0), "重点任务") +
		p(num(1, 1), "加强学习") + // restarts at （一）
		p(num(6, 0), "保障措施") + // another num of the same list continues: 三、
		p(num(5, 0), "附则") + // a startOverride restarts its own count
		p(num(2, 0), "适用范围") +
		p(num(2, 1), "机关") +
		p(num(2, 1), "事业单位") +
		p(num(2, 0), "施行日期") +
		p(num(3, 0), "天干") + p(num(3, 0), "天干") +
		p(num(4, 0), "要点") +
		p(num(7, 0), "甲") + p(num(7, 1), "乙") + p(num(7, 0), "丙") + p(num(7, 1), "丁") +
		p(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`, "无编号") +
		p(num(99, 0), "未定义的编号") +
		p(`<w:pStyle w:val="a3"/>`, "样式二级") +
		p(`<w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="1"/></w:numPr>`, "段落只设级别")
	want := []string{
		"工作方案 Title",
		"一、总体要求 Heading1",
		"（一）指导思想 ",
		"1.坚持党的领导 ",
		"2.坚持问题导向 ",
		"①第一 ",
		"②第二 ",
		"（二）工作目标 ",
		"1.到年底 ",
		"二、重点任务 ",
		"（一）加强学习 ",
		"三、保障措施 ",
		"一、附则 ",
		"第一条适用范围 ",
		"a)机关 ",
		"b)事业单位 ",
		"第二条施行日期 ",
		"甲、天干 ", "乙、天干 ",
		"要点 ",
		"1.甲 ", "1.1乙 ", "2.丙 ", "2.2丁 ",
		"无编号 ",
		"未定义的编号 ",
		"（一）样式二级 Heading2",
		"（二）段落只设级别 Heading1",
	}
	d, err := Read("numbered.docx", buildDOCX(body, numbering, styles), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Paragraphs {
		got = append(got, p.Text+" "+p.Style)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDOCXBody: what Word shows in the body and nothing else.
func TestDOCXBody(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"runs", `<w:p><w:r><w:t>落实</w:t></w:r><w:r><w:t>工作</w:t></w:r></w:p>`, "落实工作"},
		{"table", `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>责任单位</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, "任务|责任单位"},
		{"deleted revision", `<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>`, "保留插入"},
		{"field code", `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`, "3"},
		{"hidden text", `<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>`, "可见"},
		{"footnote reference", `<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`, "正文"},
		{"line break", `<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br w:type="page"/><w:t>续</w:t></w:r></w:p>`, "第一行|第二行续"},
		{"tab", `<w:p><w:r><w:t>一、</w:t><w:tab/><w:t>总体要求</w:t></w:r></w:p>`, "一、总体要求"},
		{"text box once", `<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>外</w:t></w:r></w:p>`, "框|外"},
		{"full-width and zero-width", "<w:p><w:r><w:t>２０２５年\u200b推进ＡＩ＋行动，</w:t></w:r></w:p>", "2025年推进AI＋行动，"},
		{"empty paragraphs dropped", `<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p><w:p><w:r><w:t>有</w:t></w:r></w:p>`, "有"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read("t.docx", buildDOCX(tt.body, "", ""), DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(d.Text(), "\n", "|"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"}, {21, "chineseCounting", "二十一"}, {99, "chineseCounting", "九十九"},
		{105, "chineseCountingThousand", "一百零五"}, {110, "chineseCountingThousand", "一百一十"},
		{1001, "chineseCountingThousand", "一千零一"}, {2020, "chineseCountingThousand", "二千零二十"},
		{100, "chineseCounting", "一百"}, {1010, "chineseCounting", "一千零一十"},
		{3, "chineseLegalSimplified", "叁"}, {12, "chineseLegalSimplified", "壹拾贰"}, {105, "chineseLegalSimplified", "壹佰零伍"},
		{1, "ideographTraditional", "甲"}, {10, "ideographTraditional", "癸"}, {11, "ideographTraditional", "11"},
		{1, "decimalEnclosedCircle", "①"}, {20, "decimalEnclosedCircle", "⑳"}, {21, "decimalEnclosedCircle", "㉑"},
		{1, "decimalEnclosedParen", "⑴"}, {3, "decimalZero", "03"},
		{1, "lowerLetter", "a"}, {27, "lowerLetter", "aa"}, {2, "upperLetter", "B"},
		{4, "lowerRoman", "iv"}, {14, "upperRoman", "XIV"},
		{7, "decimal", "7"}, {7, "someFutureFormat", "7"}, {7, "none", ""},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.v, tt.format, got, tt.want)
		}
	}
}
