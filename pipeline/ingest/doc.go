package ingest

import (
	"bytes"
	"encoding/binary"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"

	"github.com/luoshi/luoshi/pipeline/doc"
	"golang.org/x/text/encoding/charmap"
)

// The Word 97–2003 binary format (.doc, and WPS's binary .wps), after
// [MS-DOC]: an OLE compound file whose WordDocument stream opens with the
// File Information Block (FIB). The FIB locates, in the table stream
// (0Table or 1Table), the piece table (Clx) that says where each run of
// the document's characters is stored, 8-bit or UTF-16; the character
// property pages (PlcBteChpx) that mark deleted revisions; the paragraph
// property pages (PlcBtePapx) that give each paragraph its list; and the
// list tables (PlfLst, PlfLfo) from which Word renders 一、（一）1. as the
// .docx reader does from numbering.xml.

// docHint ends every refusal of a damaged .doc with what the user can do:
// Word or WPS often opens what this reader cannot.
const docHint = "。如果 Word 或 WPS 能打开它，请另存为 .docx 后再处理"

// Bounds of a .doc, like those of a .docx (maxPartBytes for a stream).
const (
	docMaxPieces = 1 << 20
	docMaxLists  = 1 << 14
	docMaxStyles = 1 << 12 // istd is 12 bits
)

// Indexes of the (fc, lcb) pairs of FibRgFcLcb97 this reader uses.
const (
	fibStshf       = 1
	fibPlcfBteChpx = 12
	fibPlcfBtePapx = 13
	fibClx         = 33
	fibPlfLst      = 73
	fibPlfLfo      = 74
)

// docReader holds the streams of one document and what was read of them.
type docReader struct {
	word, table []byte
	fcLcb       []byte // FibRgFcLcb
	ccpText     int
	nb          *numbering
	styles      []docStyle // by istd
}

// docStyle is what a paragraph style of the stylesheet (STSH) gives the
// paragraphs of that style: the list its properties name, if any, and the
// style it is based on, whose list it inherits otherwise. Word numbers
// headings this way (标题 1 linked to 一、), the paragraphs carrying only
// their style.
type docStyle struct {
	base             int // istdBase; istdNil for none
	ilfo, ilvl       int
	hasIlfo, hasIlvl bool
}

// istdNil is the istd of no style.
const istdNil = 0x0FFF

// readDOC returns the body paragraphs of a Word 97–2003 document.
func readDOC(data []byte) (paras, styles []string, err error) {
	defer func() {
		// Offsets come from the file; a slice past its end is damage.
		if x := recover(); x != nil {
			paras, styles, err = nil, nil, refuse("文件已损坏：Word 文档结构错误"+docHint)
		}
	}()
	cf, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, nil, refuse("文件已损坏：不是有效的 Word 97–2003 文档" + docHint)
	}
	streams := map[string][]byte{}
	for f, err := cf.Next(); err == nil; f, err = cf.Next() {
		if len(f.Path) != 0 {
			continue // only top-level streams
		}
		switch f.Name {
		case "WordDocument", "0Table", "1Table":
		case "EncryptedPackage", "EncryptionInfo":
			return nil, nil, refuse("文档设置了打开密码（需要密码）：请在 Word/WPS 中取消密码后另存为 .docx 再处理")
		default:
			continue
		}
		if f.Size > maxPartBytes {
			return nil, nil, errBomb
		}
		b, err := io.ReadAll(io.LimitReader(f, maxPartBytes))
		if err != nil {
			return nil, nil, refuse("文件已损坏：Word 文档的数据流无法读取" + docHint)
		}
		streams[f.Name] = b
	}
	word, ok := streams["WordDocument"]
	if !ok {
		return nil, nil, refuse("这不是 Word 文档（可能是 Excel、PowerPoint 或其他 Office 旧格式文件）")
	}
	return readDOCStreams(word, streams)
}

// readDOCStreams reads the document from its streams, by name; split from
// readDOC so that the fuzzer reaches it without the container.
func readDOCStreams(word []byte, streams map[string][]byte) (paras, styles []string, err error) {
	defer func() {
		if x := recover(); x != nil {
			paras, styles, err = nil, nil, refuse("文件已损坏：Word 文档结构错误"+docHint)
		}
	}()
	if len(word) < 0x40 || binary.LittleEndian.Uint16(word) != 0xA5EC {
		return nil, nil, refuse("文件已损坏：Word 文档头无效" + docHint)
	}
	flags := binary.LittleEndian.Uint16(word[0x0A:])
	if flags&0x0100 != 0 { // fEncrypted
		return nil, nil, refuse("文档设置了打开密码（需要密码）：请在 Word/WPS 中取消密码后另存为 .docx 再处理")
	}
	tableName := "0Table"
	if flags&0x0200 != 0 { // fWhichTblStm
		tableName = "1Table"
	}
	r := &docReader{word: word, table: streams[tableName], nb: newNumbering()}
	if r.table == nil {
		return nil, nil, refuse("文件已损坏：Word 文档缺少表格数据流（%s）"+docHint, tableName)
	}
	if err := r.readFIB(); err != nil {
		return nil, nil, err
	}
	text, fcs, err := r.pieces()
	if err != nil {
		return nil, nil, err
	}
	deleted := r.deletedRuns()
	r.readLists()
	r.styles = r.readStyles()
	papx := r.paragraphProps()
	return r.paragraphs(text, fcs, deleted, papx)
}

// readFIB finds ccpText and the FibRgFcLcb in the FIB.
func (r *docReader) readFIB() error {
	w := r.word
	csw := int(binary.LittleEndian.Uint16(w[32:]))
	lw := 34 + 2*csw
	cslw := int(binary.LittleEndian.Uint16(w[lw:]))
	if cslw < 4 {
		return refuse("文件已损坏：Word 文档头无效" + docHint)
	}
	r.ccpText = int(int32(binary.LittleEndian.Uint32(w[lw+2+3*4:])))
	fc := lw + 2 + 4*cslw
	n := int(binary.LittleEndian.Uint16(w[fc:]))
	r.fcLcb = w[fc+2 : fc+2+8*n]
	// Each character of the main text takes a byte of the stream at least;
	// a larger count is a crafted piece table repeating one region.
	if r.ccpText < 0 || r.ccpText > len(w) {
		return refuse("文件已损坏：Word 文档头无效" + docHint)
	}
	return nil
}

// fcLcbPair returns the table-stream slice that pair i of FibRgFcLcb
// locates, nil when the FIB is too short or the pair empty or out of range.
func (r *docReader) fcLcbPair(i int) []byte {
	if 8*i+8 > len(r.fcLcb) {
		return nil
	}
	fc := int(binary.LittleEndian.Uint32(r.fcLcb[8*i:]))
	lcb := int(binary.LittleEndian.Uint32(r.fcLcb[8*i+4:]))
	if lcb <= 0 || fc < 0 || fc+lcb > len(r.table) || fc+lcb < fc {
		return nil
	}
	return r.table[fc : fc+lcb]
}

// pieces reads the main document's characters through the piece table,
// with the WordDocument offset (FC) of each, so that character properties
// (kept by FC) can be looked up.
func (r *docReader) pieces() ([]rune, []int, error) {
	clx := r.fcLcbPair(fibClx)
	if clx == nil {
		return nil, nil, refuse("文件已损坏：Word 文档没有文字表（Clx）" + docHint)
	}
	for len(clx) > 0 && clx[0] == 0x01 { // Prc: property modifiers, skipped
		n := int(binary.LittleEndian.Uint16(clx[1:]))
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return nil, nil, refuse("文件已损坏：Word 文档的文字表（Clx）无效" + docHint)
	}
	lcb := int(binary.LittleEndian.Uint32(clx[1:]))
	plc := clx[5 : 5+lcb]
	n := (lcb - 4) / 12
	if n <= 0 || n > docMaxPieces {
		return nil, nil, refuse("文件已损坏：Word 文档的文字表（Clx）无效" + docHint)
	}
	cp := func(i int) int { return int(binary.LittleEndian.Uint32(plc[4*i:])) }
	var text []rune
	var fcs []int
	cp1252 := charmap.Windows1252.NewDecoder()
	for i := 0; i < n && len(text) < r.ccpText; i++ {
		start, end := cp(i), cp(i+1)
		if end < start || end-start > maxPartBytes {
			return nil, nil, refuse("文件已损坏：Word 文档的文字表（Clx）无效" + docHint)
		}
		pcd := plc[4*(n+1)+8*i:]
		fcRaw := binary.LittleEndian.Uint32(pcd[2:])
		compressed := fcRaw&0x40000000 != 0
		fc := int(fcRaw & 0x3FFFFFFF)
		count := end - start
		if compressed {
			fc /= 2
			raw := r.word[fc : fc+count]
			dec, _ := cp1252.Bytes(raw)
			k := 0
			for _, c := range string(dec) {
				text = append(text, c)
				fcs = append(fcs, fc+k)
				k++
			}
			continue
		}
		raw := r.word[fc : fc+2*count]
		u := make([]uint16, count)
		for k := range u {
			u[k] = binary.LittleEndian.Uint16(raw[2*k:])
		}
		// Surrogate pairs decode to one rune; the FC of its first unit
		// stands for both.
		for k := 0; k < count; k++ {
			c := rune(u[k])
			if utf16.IsSurrogate(c) && k+1 < count {
				if d := utf16.DecodeRune(c, rune(u[k+1])); d != '\uFFFD' {
					text = append(text, d)
					fcs = append(fcs, fc+2*k)
					k++
					continue
				}
			}
			text = append(text, c)
			fcs = append(fcs, fc+2*k)
		}
	}
	if len(text) > r.ccpText {
		text, fcs = text[:r.ccpText], fcs[:r.ccpText]
	}
	return text, fcs, nil
}

// fkpRun is a run of FCs sharing the properties of one FKP entry.
type fkpRun struct {
	start, end int
	grpprl     []byte
	istd       int // a paragraph's style (PAPX entries only)
}

// fkpRuns reads the formatted disk pages a PlcBteChpx or PlcBtePapx points
// to; papx selects the paragraph layout of the entries.
func (r *docReader) fkpRuns(plc []byte, papx bool) []fkpRun {
	if len(plc) < 8 {
		return nil
	}
	n := (len(plc) - 4) / 8
	var runs []fkpRun
	for i := 0; i < n; i++ {
		pn := int(binary.LittleEndian.Uint32(plc[4*(n+1)+4*i:]) & 0x3FFFFF)
		off := pn * 512
		if off+512 > len(r.word) {
			continue
		}
		page := r.word[off : off+512]
		crun := int(page[511])
		if papx {
			if 4*(crun+1)+13*crun > 511 {
				continue
			}
		} else if 4*(crun+1)+crun > 511 {
			continue
		}
		for k := 0; k < crun; k++ {
			run := fkpRun{start: int(binary.LittleEndian.Uint32(page[4*k:])), end: int(binary.LittleEndian.Uint32(page[4*k+4:]))}
			if papx {
				b := int(page[4*(crun+1)+13*k]) * 2
				if b > 0 && b < 511 {
					cb := int(page[b])
					body := b + 1
					size := 2*cb - 1
					if cb == 0 && b+1 < 511 {
						size = 2 * int(page[b+1])
						body = b + 2
					}
					if body+size <= 511 && size >= 2 {
						run.istd = int(binary.LittleEndian.Uint16(page[body:]))
						run.grpprl = page[body+2 : body+size] // after the istd
					}
				}
			} else {
				b := int(page[4*(crun+1)+k]) * 2
				if b > 0 && b < 511 {
					cb := int(page[b])
					if b+1+cb <= 511 {
						run.grpprl = page[b+1 : b+1+cb]
					}
				}
			}
			runs = append(runs, run)
		}
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	return runs
}

// sprms calls fn with each property modifier of grpprl and its operand.
func sprms(grpprl []byte, fn func(sprm uint16, op []byte)) {
	for len(grpprl) >= 2 {
		sprm := binary.LittleEndian.Uint16(grpprl)
		grpprl = grpprl[2:]
		var n int
		switch sprm >> 13 { // spra: the operand's size
		case 0, 1:
			n = 1
		case 2, 4, 5:
			n = 2
		case 3:
			n = 4
		case 7:
			n = 3
		case 6:
			if len(grpprl) == 0 {
				return
			}
			n = 1 + int(grpprl[0])
			if sprm == 0xD608 && len(grpprl) >= 2 { // sprmTDefTable: a 2-byte size
				n = 2 + int(binary.LittleEndian.Uint16(grpprl))
			}
		}
		if n > len(grpprl) {
			return
		}
		fn(sprm, grpprl[:n])
		grpprl = grpprl[n:]
	}
}

// deletedRuns returns the FC ranges of deleted revisions (sprmCFRMarkDel):
// text a reviewer struck out, which Word shows struck or hides, and which
// is no part of the speech.
func (r *docReader) deletedRuns() []fkpRun {
	var out []fkpRun
	for _, run := range r.fkpRuns(r.fcLcbPair(fibPlcfBteChpx), false) {
		del := false
		sprms(run.grpprl, func(sprm uint16, op []byte) {
			if sprm == 0x0800 && op[0] != 0 {
				del = true
			}
		})
		if del {
			out = append(out, run)
		}
	}
	return out
}

// inRuns reports whether fc lies in one of the sorted runs.
func inRuns(runs []fkpRun, fc int) bool {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].end > fc })
	return i < len(runs) && runs[i].start <= fc
}

// parList is a paragraph's list membership: ilfo is 1-based, 0 for none.
type parList struct {
	start, end       int
	ilfo, ilvl       int
	hasIlfo, hasIlvl bool // set by the paragraph itself, not its style
	istd             int
}

// paragraphProps reads each paragraph run's style and list (sprmPIlfo,
// sprmPIlvl).
func (r *docReader) paragraphProps() []parList {
	var out []parList
	for _, run := range r.fkpRuns(r.fcLcbPair(fibPlcfBtePapx), true) {
		p := parList{start: run.start, end: run.end, istd: run.istd}
		p.ilfo, p.ilvl, p.hasIlfo, p.hasIlvl = listSprms(run.grpprl)
		out = append(out, p)
	}
	return out
}

// listSprms reads the list a grpprl names: sprmPIlfo (0 is no list, over
// the style's) and sprmPIlvl, each with whether it is there.
func listSprms(grpprl []byte) (ilfo, ilvl int, hasIlfo, hasIlvl bool) {
	sprms(grpprl, func(sprm uint16, op []byte) {
		switch sprm {
		case 0x460B: // sprmPIlfo
			ilfo, hasIlfo = int(int16(binary.LittleEndian.Uint16(op))), true
		case 0x260A: // sprmPIlvl
			ilvl, hasIlvl = int(op[0]), true
		}
	})
	return
}

// list resolves the list of paragraph p: its own sprmPIlfo, else its
// style's, inherited along istdBase; its level likewise. ilfo 0 is none.
func (r *docReader) list(p parList) (ilfo, ilvl int) {
	ilfo, ilvl = p.ilfo, p.ilvl
	gotIlfo, gotIlvl := p.hasIlfo, p.hasIlvl
	// A chain of bases is short; a longer one is a loop in a damaged file.
	for istd, hops := p.istd, 0; (!gotIlfo || !gotIlvl) && istd >= 0 && istd < len(r.styles) && hops < 16; hops++ {
		s := r.styles[istd]
		if !gotIlfo && s.hasIlfo {
			ilfo, gotIlfo = s.ilfo, true
		}
		if !gotIlvl && s.hasIlvl {
			ilvl, gotIlvl = s.ilvl, true
		}
		istd = s.base
	}
	return ilfo, ilvl
}

// readStyles reads the paragraph styles' lists from the stylesheet (STSH):
// after its header (cbStshi, then STSHI, whose first fields give the count
// of styles and the size of each style's base), one LPStd per istd (its
// size, then the STD: StdfBase, its name as an Xstz, and for a paragraph
// style first the UpxPapx: the style's istd and its grpprl). Damage costs
// the styles' numbers, not the text.
func (r *docReader) readStyles() (styles []docStyle) {
	defer func() {
		if recover() != nil {
			styles = nil
		}
	}()
	b := r.fcLcbPair(fibStshf)
	if len(b) < 2 {
		return nil
	}
	cbStshi := int(binary.LittleEndian.Uint16(b))
	if cbStshi < 4 || 2+cbStshi > len(b) {
		return nil
	}
	cstd := int(binary.LittleEndian.Uint16(b[2:]))
	cbBase := int(binary.LittleEndian.Uint16(b[4:]))
	if cstd > docMaxStyles || cbBase < 10 {
		return nil
	}
	styles = make([]docStyle, cstd)
	off := 2 + cbStshi
	for i := 0; i < cstd; i++ {
		styles[i].base = istdNil
		if off+2 > len(b) {
			break
		}
		cb := int(binary.LittleEndian.Uint16(b[off:]))
		off += 2
		if off+cb > len(b) {
			break
		}
		std := b[off : off+cb]
		off += cb
		if cb < cbBase {
			continue // an empty slot
		}
		w := binary.LittleEndian.Uint16(std[2:])
		stk, base := w&0x000F, int(w>>4)
		cupx := int(binary.LittleEndian.Uint16(std[4:]) & 0x000F)
		styles[i].base = base
		if stk != 1 || cupx < 1 { // a paragraph style has its PAPX first
			continue
		}
		p := cbBase
		cch := int(binary.LittleEndian.Uint16(std[p:]))
		p += 2 + 2*cch + 2 // the name and its terminating 0
		if p+2 > len(std) {
			continue
		}
		cbUpx := int(binary.LittleEndian.Uint16(std[p:]))
		p += 2
		if cbUpx < 2 || p+cbUpx > len(std) {
			continue
		}
		s := &styles[i]
		s.ilfo, s.ilvl, s.hasIlfo, s.hasIlvl = listSprms(std[p+2 : p+cbUpx])
	}
	return styles
}

// docFormats maps MS-DOC's number formats (MSONFC) to the ST_NumberFormat
// names formatNumber renders.
var docFormats = map[int]string{
	0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
	10: "japaneseCounting", 18: "decimalEnclosedCircle", 22: "decimalZero", 23: "bullet",
	26: "decimalEnclosedFullstop", 27: "decimalEnclosedParen", 28: "decimalEnclosedCircleChinese",
	30: "ideographTraditional", 31: "ideographZodiac", 33: "taiwaneseCounting",
	37: "chineseCounting", 38: "chineseLegalSimplified", 39: "chineseCountingThousand",
	255: "none",
}

// readLists turns PlfLst and PlfLfo into the numbering the .docx reader
// renders with: a list (LSTF and its levels) is an abstract numbering, keyed
// by its lsid; an LFO, which paragraphs name by 1-based index, a num.
// Damage costs the numbers, not the text.
func (r *docReader) readLists() {
	defer func() { recover() }()
	lst := r.fcLcbPair(fibPlfLst)
	if len(lst) < 2 {
		return
	}
	cLst := int(binary.LittleEndian.Uint16(lst))
	if cLst > docMaxLists {
		return
	}
	type lstf struct {
		lsid   string
		simple bool
	}
	var lists []lstf
	pos := 2
	for i := 0; i < cLst; i++ {
		b := lst[pos : pos+28]
		lists = append(lists, lstf{lsid: strconv.Itoa(int(int32(binary.LittleEndian.Uint32(b)))), simple: b[26]&0x01 != 0})
		pos += 28
	}
	// The levels of every list follow, in the lists' order, in the same
	// stream after the PlfLst (lcbPlfLst covers only the LSTFs).
	fc := int(binary.LittleEndian.Uint32(r.fcLcb[8*fibPlfLst:]))
	lvls := r.table[fc+pos:]
	at := 0
	for _, l := range lists {
		levels := map[int]*numLevel{}
		n := 9
		if l.simple {
			n = 1
		}
		for k := 0; k < n; k++ {
			lv, size := parseLVL(lvls[at:])
			at += size
			levels[k] = lv
		}
		r.nb.abstracts[l.lsid] = levels
	}
	lfo := r.fcLcbPair(fibPlfLfo)
	if len(lfo) < 4 {
		return
	}
	lfoMac := int(binary.LittleEndian.Uint32(lfo))
	if lfoMac > docMaxLists {
		return
	}
	type lfoHead struct {
		lsid string
		n    int
	}
	var heads []lfoHead
	pos = 4
	for i := 0; i < lfoMac; i++ {
		b := lfo[pos : pos+16]
		heads = append(heads, lfoHead{lsid: strconv.Itoa(int(int32(binary.LittleEndian.Uint32(b)))), n: int(b[12])})
		pos += 16
	}
	// LFOData (a cp and the level overrides) follows the LFOs.
	fcLfo := int(binary.LittleEndian.Uint32(r.fcLcb[8*fibPlfLfo:]))
	data := r.table[fcLfo+pos:]
	at = 0
	for i, h := range heads {
		inst := &numInstance{abstract: h.lsid, levels: map[int]*numLevel{}, starts: map[int]int{}}
		at += 4 // cp
		for k := 0; k < h.n; k++ {
			start := int(int32(binary.LittleEndian.Uint32(data[at:])))
			flags := binary.LittleEndian.Uint32(data[at+4:])
			at += 8
			ilvl := int(flags & 0x0F)
			if flags&0x10 != 0 { // fStartAt
				inst.starts[ilvl] = start
				inst.overridden = true
			}
			if flags&0x20 != 0 { // fFormatting: a whole LVL follows
				lv, size := parseLVL(data[at:])
				at += size
				inst.levels[ilvl] = lv
				inst.overridden = true
			}
		}
		r.nb.nums[strconv.Itoa(i+1)] = inst
	}
}

// parseLVL reads one LVL: its LVLF, the property modifiers it carries
// (skipped) and its number text, whose characters 0–8 stand for the level
// numbers (rendered as %1–%9, as in numbering.xml). It returns the level and
// the bytes it took.
func parseLVL(b []byte) (*numLevel, int) {
	start := int(int32(binary.LittleEndian.Uint32(b)))
	nfc := int(b[4])
	follow := b[15]
	cbChpx, cbPapx := int(b[24]), int(b[25])
	pos := 28 + cbPapx + cbChpx
	cch := int(binary.LittleEndian.Uint16(b[pos:]))
	pos += 2
	var text strings.Builder
	for k := 0; k < cch; k++ {
		c := rune(binary.LittleEndian.Uint16(b[pos+2*k:]))
		if c < 9 {
			text.WriteString("%" + strconv.Itoa(int(c)+1))
			continue
		}
		text.WriteRune(c)
	}
	pos += 2 * cch
	format, ok := docFormats[nfc]
	if !ok {
		format = "decimal"
	}
	suffix := "tab"
	switch follow {
	case 1:
		suffix = "space"
	case 2:
		suffix = "nothing"
	}
	legal := b[5]&0x04 != 0 // fLegal
	return &numLevel{start: start, format: format, text: text.String(), restart: -1, suffix: suffix, legal: legal}, pos
}

// paragraphs cuts the text at paragraph marks, cells and breaks, keeps the
// results of fields and drops their codes, deleted revisions and object
// anchors, and puts each paragraph's list number in front of it.
func (r *docReader) paragraphs(text []rune, fcs []int, deleted []fkpRun, props []parList) (paras, styles []string, err error) {
	var cur strings.Builder
	style := ""
	field := []bool{} // per open field: in its code (true) or its result
	inCode := func() bool {
		for _, c := range field {
			if c {
				return true
			}
		}
		return false
	}
	end := func(fc int) error {
		label := ""
		if i := sort.Search(len(props), func(i int) bool { return props[i].end > fc }); i < len(props) && props[i].start <= fc {
			if ilfo, ilvl := r.list(props[i]); ilfo > 0 {
				label = r.nb.next(strconv.Itoa(ilfo), ilvl)
			}
		}
		// A manual line break shows a new line, as in the .docx reader.
		for k, line := range strings.Split(cur.String(), "\n") {
			if k == 0 {
				line = label + line
			}
			paras = append(paras, line)
			styles = append(styles, style)
		}
		cur.Reset()
		style = ""
		if len(paras) > doc.MaxParagraphs {
			return errTooManyParas
		}
		return nil
	}
	for i, c := range text {
		fc := fcs[i]
		if len(deleted) > 0 && inRuns(deleted, fc) {
			continue
		}
		switch c {
		case 0x13: // field begin: its code follows
			field = append(field, true)
			continue
		case 0x14: // field separator: its result follows
			if len(field) > 0 {
				field[len(field)-1] = false
			}
			continue
		case 0x15: // field end
			if len(field) > 0 {
				field = field[:len(field)-1]
			}
			continue
		}
		if inCode() {
			continue
		}
		switch c {
		case '\r', 0x0C:
			if err := end(fc); err != nil {
				return nil, nil, err
			}
		case 0x07: // end of a table cell or row
			style = "TableCell"
			if err := end(fc); err != nil {
				return nil, nil, err
			}
		case 0x0B, 0x0E: // line and column breaks
			cur.WriteByte('\n')
		case '\t':
			cur.WriteByte('\t')
		case 0x1E: // non-breaking hyphen
			cur.WriteByte('-')
		default:
			if c >= 0x20 {
				cur.WriteRune(c)
			}
		}
	}
	if cur.Len() > 0 {
		if err := end(fcs[len(fcs)-1]); err != nil {
			return nil, nil, err
		}
	}
	return paras, styles, nil
}
