package ingest

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// readTXT decodes a plain text file and splits it into lines, which are the
// paragraphs of a .txt speech. Encodings are tried in the order a Chinese
// office produces them: a byte-order mark is decisive; else valid UTF-8;
// else UTF-16 without a mark (rare, but zero bytes give it away); else
// GB18030, the superset of the GBK that Chinese Windows Notepad saves.
func readTXT(data []byte) (paras []string, enc string, err error) {
	var dec *encoding.Decoder
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data, enc = data[3:], "UTF-8-BOM"
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		enc, dec = "UTF-16LE", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		enc, dec = "UTF-16BE", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	case utf16Guess(data) != "":
		enc = utf16Guess(data)
		order := unicode.LittleEndian
		if enc == "UTF-16BE" {
			order = unicode.BigEndian
		}
		dec = unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
	case utf8.Valid(data):
		enc = "UTF-8"
	case mostlyUTF8(data):
		// A UTF-8 file cut mid-character or with one bad byte is still
		// UTF-8; decoding it as GB18030 would garble every line.
		enc = "UTF-8"
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	default:
		if bad := gb18030Invalid(data); bad*200 > len(data) {
			return nil, "", refuse("不是文本文件（无法识别文字编码，既不是 UTF-8 也不是 GBK/GB18030）")
		}
		enc, dec = "GB18030", simplifiedchinese.GB18030.NewDecoder()
	}
	if dec != nil {
		if data, err = dec.Bytes(data); err != nil {
			return nil, "", refuse("文字编码（%s）有误，无法解码", enc)
		}
	}
	if !looksText(data) {
		return nil, "", refuse("不是文本文件（含有大量二进制内容）")
	}
	return splitLines(string(data)), enc, nil
}

// splitLines splits at CRLF, LF, CR and form feed, in any mixture: files
// pasted together from Windows and old Mac sources have all of them.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\f' || r == '\u2028' || r == '\u2029' })
}

// looksText reports whether decoded (or raw ASCII-compatible) bytes read as
// text: few control characters and no NUL.
func looksText(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return false
	}
	ctl := 0
	for _, c := range data {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*100 <= len(data)
}

// mostlyUTF8 reports UTF-8 with a few stray invalid bytes: GBK text read
// as UTF-8 is invalid at nearly every Chinese character instead.
func mostlyUTF8(b []byte) bool {
	bad, multi := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			multi++
		}
		b = b[n:]
	}
	return multi > 0 && (bad*100 < multi || bad <= 2 && multi >= 8)
}

// utf16Guess recognizes UTF-16 without a byte-order mark from the zero
// high bytes of ASCII characters (line ends at least).
func utf16Guess(data []byte) string {
	if len(data) < 4 || len(data)%2 != 0 {
		return ""
	}
	var even, odd int
	for i := 0; i+1 < len(data); i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	n := len(data) / 2
	switch {
	case odd*20 >= n && even == 0:
		return "UTF-16LE"
	case even*20 >= n && odd == 0:
		return "UTF-16BE"
	}
	return ""
}

// gb18030Invalid counts byte sequences that are not GB18030, so that junk
// is refused instead of being decoded into a page of rare characters.
func gb18030Invalid(b []byte) int {
	bad := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c == 0x80 || c == 0xFF:
			bad++
			i++
		case i+1 < len(b) && (b[i+1] >= 0x40 && b[i+1] <= 0x7E || b[i+1] >= 0x80 && b[i+1] <= 0xFE):
			i += 2
		case i+3 < len(b) && b[i+1] >= 0x30 && b[i+1] <= 0x39 && b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39:
			i += 4
		default:
			bad++
			i++
		}
	}
	return bad
}
