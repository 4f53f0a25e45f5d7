package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// OFD (GB/T 33190, the format of 电子公文) is a zip of XML: OFD.xml names
// the document's root (Doc_0/Document.xml), which lists the pages
// (Pages/Page_0/Content.xml); a page's layers hold TextObjects, each with
// its boundary and TextCodes, the text at its place. The lines of a page
// go into the paragraph builder the PDF reader uses, so a page's running
// furniture and broken lines are handled the same way.

// ofdMaxPart bounds one decompressed XML part; a page of a long 公文 is a
// few hundred kilobytes.
const ofdMaxPart = 32 << 20

// mmToPt converts OFD's millimetres to the points the paragraph builder's
// thresholds were written for.
const mmToPt = 72 / 25.4

// isOFD reports a zip that holds OFD.xml at its root.
func isOFD(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "OFD.xml") {
			return true
		}
	}
	return false
}

func readOFD(data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refuse("OFD 文件已损坏（不是完整的压缩包）")
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(path.Clean("/"+f.Name), "/")] = f
	}
	part := func(name string) ([]byte, error) {
		f, ok := files[strings.TrimPrefix(path.Clean("/"+name), "/")]
		if !ok {
			return nil, refuse("OFD 文件不完整：缺少 %s", strconv.QuoteToGraphic(name))
		}
		if f.UncompressedSize64 > ofdMaxPart {
			return nil, refuse("OFD 文件中的 %s 太大，无法读取", strconv.QuoteToGraphic(name))
		}
		rc, err := f.Open()
		if err != nil {
			return nil, refuse("OFD 文件已损坏：无法解压 %s", strconv.QuoteToGraphic(name))
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, ofdMaxPart+1))
		if err != nil || len(b) > ofdMaxPart {
			return nil, refuse("OFD 文件已损坏：无法解压 %s", strconv.QuoteToGraphic(name))
		}
		return b, nil
	}
	root, err := part("OFD.xml")
	if err != nil {
		return nil, err
	}
	var ofd struct {
		Bodies []struct {
			Root string `xml:"DocRoot"`
		} `xml:"DocBody"`
	}
	if err := xml.Unmarshal(root, &ofd); err != nil || len(ofd.Bodies) == 0 || strings.TrimSpace(ofd.Bodies[0].Root) == "" {
		return nil, refuse("OFD 文件已损坏：OFD.xml 中找不到文档（DocRoot）")
	}
	docPath := strings.TrimSpace(ofd.Bodies[0].Root)
	docXML, err := part(docPath)
	if err != nil {
		return nil, err
	}
	var document struct {
		Box   string `xml:"CommonData>PageArea>PhysicalBox"`
		Pages []struct {
			BaseLoc string `xml:"BaseLoc,attr"`
		} `xml:"Pages>Page"`
	}
	if err := xml.Unmarshal(docXML, &document); err != nil {
		return nil, refuse("OFD 文件已损坏：%s 无法解析", strconv.QuoteToGraphic(docPath))
	}
	if len(document.Pages) == 0 {
		return nil, refuse("OFD 文件中没有页面")
	}
	dir := path.Dir(docPath)
	var pages []Page
	texts := 0
	for _, pg := range document.Pages {
		loc := pg.BaseLoc
		if !strings.HasPrefix(loc, "/") {
			loc = path.Join(dir, loc)
		}
		b, err := part(loc)
		if err != nil {
			return nil, err
		}
		p, n, err := ofdPage(b, document.Box)
		if err != nil {
			return nil, refuse("OFD 文件已损坏：%s 无法解析", strconv.QuoteToGraphic(loc))
		}
		texts += n
		pages = append(pages, p)
	}
	if texts == 0 {
		return nil, refuse("OFD 文件中没有可读取的文字（文字可能是以图形或图片绘制的）：请用原始文档，或先做文字识别（OCR）")
	}
	return Paragraphs(pages), nil
}

// ofdText is one TextCode at its place on the page, in millimetres from
// the page's top left.
type ofdText struct {
	x, y, size float64
	text       string
}

// ofdPage reads one page's text into lines: the TextCodes on one baseline
// joined left to right. def is the document's page box, used when the
// page has none of its own.
func ofdPage(b []byte, def string) (Page, int, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var (
		box           = def
		codes         []ofdText
		inBox         bool
		bx, by, bsize float64
		cur           *ofdText
		sb            strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Page{}, 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "PhysicalBox":
				inBox = true
				sb.Reset()
			case "TextObject":
				bx, by, bsize = 0, 0, 3.5
				if f := floats(ofdAttr(t, "Boundary")); len(f) >= 2 {
					bx, by = f[0], f[1]
				}
				if s, err := strconv.ParseFloat(ofdAttr(t, "Size"), 64); err == nil && s > 0 {
					bsize = s
				}
			case "TextCode":
				x, _ := strconv.ParseFloat(ofdAttr(t, "X"), 64)
				y, _ := strconv.ParseFloat(ofdAttr(t, "Y"), 64)
				cur = &ofdText{x: bx + x, y: by + y, size: bsize}
				sb.Reset()
			}
		case xml.CharData:
			if inBox || cur != nil {
				sb.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "PhysicalBox":
				if inBox {
					box = sb.String()
					inBox = false
				}
			case "TextCode":
				if cur != nil {
					cur.text = strings.Join(strings.Fields(sb.String()), " ")
					if cur.text != "" {
						codes = append(codes, *cur)
					}
					cur = nil
				}
			}
		}
	}
	w, h := 210.0, 297.0
	if f := floats(box); len(f) == 4 && f[2] > 0 && f[3] > 0 {
		w, h = f[2], f[3]
	}
	// One line per baseline: TextCodes within a fifth of their size of
	// each other, in reading order.
	sort.SliceStable(codes, func(i, j int) bool {
		if d := codes[i].y - codes[j].y; d < -codes[i].size/5 || d > codes[i].size/5 {
			return codes[i].y < codes[j].y
		}
		return codes[i].x < codes[j].x
	})
	p := Page{Width: w * mmToPt}
	for i := 0; i < len(codes); {
		j := i + 1
		text := codes[i].text
		for j < len(codes) && abs(codes[j].y-codes[i].y) <= codes[i].size/5 {
			text += codes[j].text
			j++
		}
		last := codes[j-1]
		x1 := last.x + last.size*float64(len([]rune(last.text)))
		p.Lines = append(p.Lines, Line{Text: text, X0: codes[i].x * mmToPt, X1: x1 * mmToPt,
			Y: (h - codes[i].y) * mmToPt, Size: codes[i].size * mmToPt})
		i = j
	}
	return p, len(codes), nil
}

func ofdAttr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// floats reads the numbers of an OFD box or list ("30 34.5 168 7").
func floats(s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
