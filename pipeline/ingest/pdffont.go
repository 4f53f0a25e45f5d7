package ingest

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/font/sfnt"
)

// maxFontFile bounds the embedded font read to decode a CID font.
const maxFontFile = 32 << 20

// cidTrueType decodes the text of a Type 0 font with Identity-H encoding,
// a TrueType descendant (CIDFontType2) and no ToUnicode map, which the
// library reads as garbage: each two-byte code is a CID, the CID a glyph
// (through CIDToGIDMap), and the glyph the character the embedded font's
// own cmap gives it. Nil for any other font, or when the font has no
// usable cmap; the caller then uses the library's encoder.
func cidTrueType(font pdf.Value) (enc pdf.TextEncoding) {
	defer func() {
		if recover() != nil {
			enc = nil
		}
	}()
	if font.Key("Subtype").Name() != "Type0" || font.Key("Encoding").Name() != "Identity-H" || font.Key("ToUnicode").Kind() == pdf.Stream {
		return nil
	}
	desc := font.Key("DescendantFonts").Index(0)
	if desc.Key("Subtype").Name() != "CIDFontType2" {
		return nil
	}
	file := desc.Key("FontDescriptor").Key("FontFile2")
	if file.Kind() != pdf.Stream {
		return nil
	}
	rd := file.Reader()
	data, err := io.ReadAll(io.LimitReader(rd, maxFontFile+1))
	rd.Close()
	if err != nil || len(data) > maxFontFile {
		return nil
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil
	}
	// The glyph of each character the font maps, read backwards: a
	// glyph keeps the first character that names it.
	var buf sfnt.Buffer
	glyphs := map[sfnt.GlyphIndex]rune{}
	for _, rg := range [][2]rune{{0x20, 0x7E}, {0xA0, 0x2FFF}, {0x3000, 0x9FFF}, {0xF900, 0xFAFF}, {0xFE30, 0xFFEF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
				if _, seen := glyphs[g]; !seen {
					glyphs[g] = r
				}
			}
		}
	}
	if len(glyphs) == 0 {
		return nil
	}
	e := &cidEncoding{glyphs: glyphs}
	if m := desc.Key("CIDToGIDMap"); m.Kind() == pdf.Stream {
		mr := m.Reader()
		b, err := io.ReadAll(io.LimitReader(mr, 2<<16+2))
		mr.Close()
		if err != nil {
			return nil
		}
		e.gid = b
	}
	return e
}

// cidEncoding maps two-byte CIDs to characters by glyph.
type cidEncoding struct {
	gid    []byte // CIDToGIDMap, two bytes a CID; nil for Identity
	glyphs map[sfnt.GlyphIndex]rune
}

func (e *cidEncoding) Decode(raw string) string {
	var b strings.Builder
	for i := 0; i+1 < len(raw); i += 2 {
		cid := int(raw[i])<<8 | int(raw[i+1])
		g := cid
		if e.gid != nil {
			if 2*cid+1 >= len(e.gid) {
				b.WriteRune(utf8.RuneError)
				continue
			}
			g = int(e.gid[2*cid])<<8 | int(e.gid[2*cid+1])
		}
		if r, ok := e.glyphs[sfnt.GlyphIndex(g)]; ok {
			b.WriteRune(r)
		} else {
			// A glyph no character names: garbage to the text check,
			// which refuses a document made of it.
			b.WriteRune(utf8.RuneError)
		}
	}
	return b.String()
}
