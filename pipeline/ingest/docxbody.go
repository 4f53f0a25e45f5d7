package ingest

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// skipped elements hold text a Word user does not see in the body: deleted
// revisions, field codes, the legacy fallback copy of a text box, and the
// old properties recorded by change tracking.
var skipped = map[string]bool{
	"del": true, "moveFrom": true, "delText": true, "instrText": true, "delInstrText": true,
	"Fallback": true, "pPrChange": true, "rPrChange": true, "sectPrChange": true,
	"tblPrChange": true, "trPrChange": true, "tcPrChange": true, "numberingChange": true,
}

// bodyReader collects the paragraphs of document.xml from its token stream.
type bodyReader struct {
	styles *styleSheet
	num    *numbering

	paras    []string
	styleOut []string

	stack  []string // local names of the open elements
	skip   int      // depth at which skipping began, 0 when not skipping
	open   []*openPara
	vanish bool // the current run is hidden text
	tables int  // depth of table nesting
}

type openPara struct {
	text    strings.Builder
	styleID string
	numID   string
	ilvl    int
	hasIlvl bool
	hasNum  bool
	outline int
	inTable bool
	breaks  int // manual line breaks, each a paragraph of its own
}

func (b *bodyReader) parent(up int) string {
	if i := len(b.stack) - 1 - up; i >= 0 {
		return b.stack[i]
	}
	return ""
}

func (b *bodyReader) parse(d *xml.Decoder) error {
	for {
		t, err := token(d)
		if err == io.EOF {
			for len(b.open) > 0 {
				b.endPara()
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch e := t.(type) {
		case xml.StartElement:
			b.stack = append(b.stack, e.Name.Local)
			if len(b.stack) > maxXMLDepth {
				return refuse("文件结构异常：XML 嵌套过深")
			}
			if b.skip > 0 {
				continue
			}
			if skipped[e.Name.Local] {
				b.skip = len(b.stack)
				continue
			}
			if err := b.start(e); err != nil {
				return err
			}
		case xml.EndElement:
			if len(b.stack) == 0 {
				continue
			}
			depth := len(b.stack)
			b.stack = b.stack[:depth-1]
			if b.skip > 0 {
				if depth == b.skip {
					b.skip = 0
				}
				continue
			}
			switch e.Name.Local {
			case "p":
				b.endPara()
			case "r":
				b.vanish = false
			case "tbl":
				b.tables--
			}
		case xml.CharData:
			if b.skip == 0 && !b.vanish && len(b.open) > 0 && b.parent(0) == "t" {
				b.open[len(b.open)-1].text.Write(e)
			}
		}
	}
}

func (b *bodyReader) start(e xml.StartElement) error {
	var p *openPara
	if len(b.open) > 0 {
		p = b.open[len(b.open)-1]
	}
	v, _ := attr(e, "val")
	switch e.Name.Local {
	case "p":
		if len(b.paras) >= doc.MaxParagraphs {
			return errTooManyParas
		}
		b.open = append(b.open, &openPara{outline: -1, inTable: b.tables > 0})
	case "tbl":
		b.tables++
	case "pStyle":
		if p != nil && b.parent(1) == "pPr" {
			p.styleID = v
		}
	case "numId":
		if p != nil && b.parent(2) == "pPr" {
			p.numID, p.hasNum = v, true
		}
	case "ilvl":
		if p != nil && b.parent(2) == "pPr" {
			p.ilvl, _ = strconv.Atoi(v)
			p.hasIlvl = true
		}
	case "outlineLvl":
		if p != nil && b.parent(1) == "pPr" {
			if n, err := strconv.Atoi(v); err == nil {
				p.outline = n
			}
		}
	case "vanish":
		if b.parent(1) == "rPr" && b.parent(2) == "r" && v != "0" && v != "false" {
			b.vanish = true
		}
	case "tab", "ptab":
		if p != nil && b.parent(1) == "r" && !b.vanish {
			p.text.WriteByte('\t')
		}
	case "br", "cr":
		ty, _ := attr(e, "type")
		if p != nil && b.parent(1) == "r" && ty != "page" && ty != "column" {
			// A manual line break shows a new line; Word users use it
			// as a cheap paragraph break, so it counts as one.
			if p.breaks++; len(b.paras)+p.breaks >= doc.MaxParagraphs {
				return errTooManyParas
			}
			p.text.WriteByte('\n')
		}
	case "noBreakHyphen":
		if p != nil && b.parent(1) == "r" {
			p.text.WriteByte('-')
		}
	}
	return nil
}

// endPara closes the innermost paragraph: its numbering label is rendered
// now, in document order, so counters advance as Word's do.
func (b *bodyReader) endPara() {
	if len(b.open) == 0 {
		return
	}
	p := b.open[len(b.open)-1]
	b.open = b.open[:len(b.open)-1]
	name, numID, ilvl, hasNum, outline := b.styles.lookup(p.styleID)
	// The paragraph's own numPr overrides its style's, each part alone:
	// a style-numbered heading may set only its level.
	if p.hasNum {
		numID, hasNum = p.numID, true
	}
	if p.hasIlvl {
		ilvl = p.ilvl
	}
	if p.outline >= 0 {
		outline = p.outline
	}
	label := ""
	if hasNum {
		label = b.num.next(numID, ilvl)
	}
	st := styleLabel(name, outline)
	if st == "" && p.inTable {
		st = "TableCell"
	}
	for i, line := range strings.Split(p.text.String(), "\n") {
		if i == 0 {
			line = label + line
		}
		b.paras = append(b.paras, line)
		b.styleOut = append(b.styleOut, st)
	}
}
