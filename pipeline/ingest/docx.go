package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Limits on a .docx, far above any real speech (a 200-page report has a
// document.xml of a few MB) and far below what would hurt the machine.
const (
	maxPartBytes = 64 << 20 // one XML part, decompressed
	maxRatio     = 200      // decompressed/compressed size of a large part
	ratioFloor   = 1 << 20  // parts smaller than this may compress as they like
	maxXMLDepth  = 256      // element nesting
	maxEntries   = 10_000   // files in the package (images included)
)

var errBomb = refusal("文件解压后过大，疑似“压缩炸弹”，已拒绝")

// readDOCX returns the body paragraphs of a WordprocessingML package, with
// their automatic numbering rendered as text and their style names. Only
// the main document part is read: footnotes, comments, headers and footers
// live in other parts and so never mix into the body.
func readDOCX(data []byte) (paras, styles []string, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, refuse("文件已损坏：不是有效的 .docx 文件（ZIP 结构错误）")
	}
	if len(zr.File) > maxEntries {
		return nil, nil, refuse("文件结构异常：压缩包里有 %d 个文件，正常的 Word 文档不会这么多", len(zr.File))
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := "word/document.xml"
	if t := relTarget(files, "_rels/.rels", "", "/officeDocument"); t != "" {
		main = t
	}
	mf := files[main]
	if mf == nil {
		if files["xl/workbook.xml"] != nil {
			return nil, nil, refuse("这是 Excel 表格，不是 Word 文档")
		}
		if files["ppt/presentation.xml"] != nil {
			return nil, nil, refuse("这是 PowerPoint 演示文稿，不是 Word 文档")
		}
		if files["content.xml"] != nil {
			return nil, nil, refuse("这是 OpenDocument（.odt）文档：请用 WPS 或 LibreOffice 另存为 .docx")
		}
		return nil, nil, refuse("不是 Word 文档：压缩包里没有正文（word/document.xml）")
	}
	dir := path.Dir(main)
	rels := path.Join(dir, "_rels", path.Base(main)+".rels")
	st := &styleSheet{}
	if f := files[pick(relTarget(files, rels, dir, "/styles"), path.Join(dir, "styles.xml"))]; f != nil {
		// A broken style sheet costs the style names, not the text.
		if err := parsePart(f, st.parse); errors.Is(err, errBomb) || errors.Is(err, errDTD) {
			return nil, nil, err
		}
	}
	nb := newNumbering()
	if f := files[pick(relTarget(files, rels, dir, "/numbering"), path.Join(dir, "numbering.xml"))]; f != nil {
		if err := parsePart(f, nb.parse); errors.Is(err, errBomb) || errors.Is(err, errDTD) {
			return nil, nil, err
		}
	}
	b := &bodyReader{styles: st, num: nb}
	if err := parsePart(mf, b.parse); err != nil {
		var r refusal
		if errors.As(err, &r) {
			return nil, nil, err
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, nil, refuse("文件已损坏：正文 XML 格式错误（第 %d 行）", se.Line)
		}
		return nil, nil, refuse("文件已损坏：正文无法读取")
	}
	return b.paras, b.styleOut, nil
}

func pick(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var errDTD = refusal("文档中含有 DTD 声明（DOCTYPE），正常的 Word 文档不会有，可能是恶意构造的文件，已拒绝")

// openPart returns a reader of a zip entry that refuses to inflate beyond
// maxPartBytes, whatever the entry claims about its size.
func openPart(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > maxPartBytes ||
		(f.UncompressedSize64 > ratioFloor && f.UncompressedSize64 > maxRatio*max(f.CompressedSize64, 1)) {
		return nil, errBomb
	}
	rc, err := f.Open()
	if err != nil {
		return nil, refuse("文件已损坏：无法解压 %s", strconv.QuoteToGraphic(f.Name))
	}
	return &limitedPart{rc: rc, r: io.LimitReader(rc, maxPartBytes+1)}, nil
}

type limitedPart struct {
	rc io.ReadCloser
	r  io.Reader
	n  int64
}

func (p *limitedPart) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if p.n > maxPartBytes {
		return n, errBomb
	}
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }

// parsePart streams one XML part's tokens to fn. Go's decoder never expands
// entities beyond the five predefined ones, but a DOCTYPE has no business
// in a Word document, so it is refused outright.
func parsePart(f *zip.File, fn func(*xml.Decoder) error) error {
	rc, err := openPart(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		// The label is the file's bytes: quoted and cut, so that a
		// crafted one can neither break the message's line nor flood it.
		if r := []rune(label); len(r) > 20 {
			label = string(r[:20]) + "…"
		}
		return nil, refuse("正文 XML 使用了不支持的编码 %s", strconv.QuoteToGraphic(label))
	}
	err = fn(d)
	var r refusal
	if errors.As(err, &r) {
		return err
	}
	if err != nil && errors.Is(err, errBomb) {
		return errBomb
	}
	return err
}

// token wraps Decoder.Token with the checks every part needs.
func token(d *xml.Decoder) (xml.Token, error) {
	t, err := d.Token()
	if err != nil {
		if errors.Is(err, errBomb) {
			return nil, errBomb
		}
		return nil, err
	}
	if dir, ok := t.(xml.Directive); ok && bytes.HasPrefix(bytes.TrimSpace(dir), []byte("DOCTYPE")) {
		return nil, errDTD
	}
	return t, nil
}

func attr(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// relTarget finds the target of the first relationship whose type ends in
// typ, resolved against dir.
func relTarget(files map[string]*zip.File, rels, dir, typ string) string {
	f := files[rels]
	if f == nil {
		return ""
	}
	var target string
	_ = parsePart(f, func(d *xml.Decoder) error {
		for {
			t, err := token(d)
			if err != nil {
				return err
			}
			if e, ok := t.(xml.StartElement); ok && e.Name.Local == "Relationship" {
				ty, _ := attr(e, "Type")
				if strings.HasSuffix(ty, typ) {
					target, _ = attr(e, "Target")
					return nil
				}
			}
		}
	})
	if target == "" {
		return ""
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(dir, target)
}

// styleSheet maps style ids to what the body needs: a display name and the
// numbering a style carries (heading styles linked to a list are how most
// government templates number 一、 二、).
type styleSheet struct {
	byID map[string]*style
}

type style struct {
	name    string
	basedOn string
	numID   string
	ilvl    int
	hasNum  bool
	hasIlvl bool
	outline int // -1 when none
}

func (s *styleSheet) parse(d *xml.Decoder) error {
	s.byID = map[string]*style{}
	var cur *style
	for {
		t, err := token(d)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "style":
				id, _ := attr(e, "styleId")
				cur = &style{outline: -1}
				s.byID[id] = cur
			case "name":
				if cur != nil {
					cur.name, _ = attr(e, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn, _ = attr(e, "val")
				}
			case "numId":
				if cur != nil {
					cur.numID, _ = attr(e, "val")
					cur.hasNum = true
				}
			case "ilvl":
				if cur != nil {
					v, _ := attr(e, "val")
					cur.ilvl, _ = strconv.Atoi(v)
					cur.hasIlvl = true
				}
			case "outlineLvl":
				if cur != nil {
					v, _ := attr(e, "val")
					if n, err := strconv.Atoi(v); err == nil {
						cur.outline = n
					}
				}
			}
		case xml.EndElement:
			if e.Name.Local == "style" {
				cur = nil
			}
		}
	}
}

// lookup follows basedOn for the numbering and outline level, guarding
// against cycles in a hostile file.
func (s *styleSheet) lookup(id string) (name string, numID string, ilvl int, hasNum bool, outline int) {
	outline = -1
	hasIlvl := false
	first := true
	for i := 0; i < 16 && id != ""; i++ {
		st := s.byID[id]
		if st == nil {
			if first {
				name = id
			}
			break
		}
		if first {
			name = st.name
			if name == "" {
				name = id
			}
			first = false
		}
		// The nearest style that names a list wins, and separately the
		// nearest that names a level: "标题 2" based on a numbered
		// "标题 1" often sets only the level.
		if !hasNum && st.hasNum {
			numID, hasNum = st.numID, true
		}
		if !hasIlvl && st.hasIlvl {
			ilvl, hasIlvl = st.ilvl, true
		}
		if outline < 0 && st.outline >= 0 {
			outline = st.outline
		}
		id = st.basedOn
	}
	return
}

var headingName = regexp.MustCompile(`^(?i:heading|标题)\s*([1-9])$`)

// styleLabel gives the stable name recorded in Paragraph.Style: headings
// become "Heading1"… whatever the language of the template ("标题 1",
// "heading 1", a numeric id in a Chinese Word), so that later stages need
// one test.
func styleLabel(name string, outline int) string {
	n := strings.TrimSpace(name)
	if m := headingName.FindStringSubmatch(n); m != nil {
		return "Heading" + m[1]
	}
	switch strings.ToLower(n) {
	case "title", "标题":
		return "Title"
	case "subtitle", "副标题":
		return "Subtitle"
	case "normal", "正文", "":
		if outline >= 0 && outline < 9 {
			return fmt.Sprintf("Heading%d", outline+1)
		}
		return ""
	}
	if outline >= 0 && outline < 9 {
		return fmt.Sprintf("Heading%d", outline+1)
	}
	return n
}
