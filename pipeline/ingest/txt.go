package ingest

import (
	"bytes"

	"strings"
	"unicode/utf8"

	"github.com/luoshi/luoshi/pipeline/doc"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
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
		if other := notGB(data); other != "" {
			return nil, "", refuse("文字编码无法识别：不像是简体中文的 GBK/GB18030 编码（%s）。请用记事本或 WPS 打开，另存为 UTF-8 编码的 .txt 后再处理", other)
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
	// Counted before the split, which would build a string a line.
	if nonBlankLines(data, doc.MaxParagraphs+1) > doc.MaxParagraphs {
		return nil, "", errTooManyParas
	}
	return splitLines(string(data)), enc, nil
}

// nonBlankLines counts the lines of data that hold more than white space,
// stopping at limit.
func nonBlankLines(data []byte, limit int) int {
	n := 0
	for len(data) > 0 && n < limit {
		i := bytes.IndexAny(data, "\n\r\f")
		line := data
		if i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			n++
		}
	}
	return n
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

// utf16Guess recognizes UTF-16 without a byte-order mark. Text in UTF-8 or
// GB18030 has no zero bytes; in UTF-16 every ASCII character (a line end
// at least) has one. Which side it falls on does not settle the order:
// characters such as 一 (U+4E00) put zeros on the other side. So both
// orders are decoded, and the one that reads as Chinese or Latin text
// (nearly all its characters plausible) wins.
func utf16Guess(data []byte) string {
	if len(data) < 4 || len(data)%2 != 0 {
		return ""
	}
	zeros := bytes.Count(data, []byte{0})
	if zeros*400 < len(data) {
		return ""
	}
	le, be := plausibleShare(data, unicode.LittleEndian), plausibleShare(data, unicode.BigEndian)
	switch {
	case le >= 0.9 && le >= be && utf16Text(data, unicode.LittleEndian):
		return "UTF-16LE"
	case be >= 0.9 && be > le && utf16Text(data, unicode.BigEndian):
		return "UTF-16BE"
	}
	return ""
}

// plausibleShare is the share of the UTF-16 code units of data, read in
// order, that a Chinese or Latin document is made of.
func plausibleShare(data []byte, order unicode.Endianness) float64 {
	ok, n := 0, 0
	for i := 0; i+1 < len(data) && n < 50000; i += 2 {
		u := rune(data[i])<<8 | rune(data[i+1])
		if order == unicode.LittleEndian {
			u = rune(data[i+1])<<8 | rune(data[i])
		}
		n++
		switch {
		case u >= 0x20 && u < 0x7F, u == '\n', u == '\r', u == '\t',
			u >= 0x4E00 && u <= 0x9FFF, u >= 0x3400 && u <= 0x4DBF, // Han
			u >= 0x3000 && u <= 0x303F, u >= 0xFF00 && u <= 0xFFEF, // CJK and full-width punctuation
			u >= 0x2000 && u <= 0x206F, u >= 0xA0 && u <= 0xFF, // general punctuation, Latin-1
			u >= 0xD800 && u <= 0xDFFF: // surrogates: checked by utf16Text
			ok++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

// utf16Text reports whether data decodes as UTF-16 in order into text:
// no unpaired surrogates, few control characters.
func utf16Text(data []byte, order unicode.Endianness) bool {
	ctl := 0
	for i := 0; i+1 < len(data); i += 2 {
		u := uint16(data[i])<<8 | uint16(data[i+1])
		if order == unicode.LittleEndian {
			u = uint16(data[i+1])<<8 | uint16(data[i])
		}
		switch {
		case u >= 0xD800 && u <= 0xDBFF:
			if i+3 >= len(data) {
				return false
			}
			v := uint16(data[i+2])<<8 | uint16(data[i+3])
			if order == unicode.LittleEndian {
				v = uint16(data[i+3])<<8 | uint16(data[i+2])
			}
			if v < 0xDC00 || v > 0xDFFF {
				return false
			}
			i += 2
		case u >= 0xDC00 && u <= 0xDFFF:
			return false
		case u == 0 || u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f':
			ctl++
		}
	}
	return ctl*100 <= len(data)/2
}

// notGB tells bytes that are valid GB18030 but are not simplified Chinese
// text: Big5 (traditional Chinese) and Shift-JIS (Japanese) decode as
// GB18030 without an error, into a page of rare characters. In real GBK
// text nearly every two-byte character lies in GB2312's rows (lead and
// trail bytes 0xA1–0xFE): its 6,763 common characters and punctuation.
// About 40% of Big5's characters have a trail byte below 0x7F, and
// Shift-JIS kana lead with 0x82/0x83, so their share is far lower. It
// returns what the bytes look like instead, "" for GBK text.
func notGB(b []byte) string {
	common, multi := 0, 0
	for i := 0; i < len(b) && multi < 20000; {
		c := b[i]
		switch {
		case c < 0x80:
			i++
			continue
		case i+3 < len(b) && b[i+1] >= 0x30 && b[i+1] <= 0x39:
			i += 4 // four-byte GB18030: rare in any text
		default:
			if c >= 0xA1 && c <= 0xF7 && i+1 < len(b) && b[i+1] >= 0xA1 && b[i+1] <= 0xFE {
				common++
			}
			i += 2
		}
		multi++
	}
	if multi < 20 || common*100 >= multi*85 {
		return ""
	}
	if cleanly(traditionalchinese.Big5, b) {
		return "可能是繁体中文的 Big5 编码"
	}
	if cleanly(japanese.ShiftJIS, b) {
		return "可能是日文的 Shift-JIS 编码"
	}
	return "可能是其他语言的编码"
}

// cleanly reports whether b decodes in e without a replaced byte (x/text
// decoders replace invalid input with U+FFFD rather than fail).
func cleanly(e encoding.Encoding, b []byte) bool {
	out, err := e.NewDecoder().Bytes(b)
	return err == nil && !bytes.ContainsRune(out, utf8.RuneError)
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
