package ingest

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// numbering renders Word's automatic list numbers as the text Word, WPS
// and LibreOffice display: the 一、 of a heading is often not in the
// document's text at all but in numbering.xml, and a pillar without its
// number is no pillar to the structure stage.
type numbering struct {
	abstracts map[string]map[int]*numLevel
	nums      map[string]*numInstance
	counters  map[string]*[9]counter
}

type numLevel struct {
	start   int
	format  string
	text    string
	restart int // -1: restart after any higher level; 0: never; n: after level n
	suffix  string
	legal   bool
}

type numInstance struct {
	abstract   string
	levels     map[int]*numLevel // lvlOverride/lvl
	starts     map[int]int       // lvlOverride/startOverride
	overridden bool
}

type counter struct {
	val int
	set bool
}

func newNumbering() *numbering {
	return &numbering{abstracts: map[string]map[int]*numLevel{}, nums: map[string]*numInstance{}, counters: map[string]*[9]counter{}}
}

func (nb *numbering) parse(d *xml.Decoder) error {
	var abs map[int]*numLevel // the abstractNum being read
	var inst *numInstance     // the num being read
	var lvl *numLevel         // the lvl being read
	overrideLvl := -1
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
			v, _ := attr(e, "val")
			switch e.Name.Local {
			case "abstractNum":
				id, _ := attr(e, "abstractNumId")
				abs = map[int]*numLevel{}
				nb.abstracts[id] = abs
			case "num":
				id, _ := attr(e, "numId")
				inst = &numInstance{levels: map[int]*numLevel{}, starts: map[int]int{}}
				nb.nums[id] = inst
			case "abstractNumId":
				if inst != nil {
					inst.abstract = v
				}
			case "lvlOverride":
				s, _ := attr(e, "ilvl")
				overrideLvl, _ = strconv.Atoi(s)
			case "startOverride":
				if inst != nil && overrideLvl >= 0 {
					n, _ := strconv.Atoi(v)
					inst.starts[overrideLvl] = n
					inst.overridden = true
				}
			case "lvl":
				s, _ := attr(e, "ilvl")
				i, err := strconv.Atoi(s)
				if err != nil || i < 0 || i > 8 {
					lvl = nil
					break
				}
				lvl = &numLevel{start: 1, format: "decimal", restart: -1, suffix: "tab"}
				if inst != nil && overrideLvl >= 0 {
					inst.levels[i] = lvl
					inst.overridden = true
				} else if abs != nil {
					abs[i] = lvl
				}
			case "start":
				if lvl != nil {
					lvl.start, _ = strconv.Atoi(v)
				}
			case "numFmt":
				if lvl != nil {
					lvl.format = v
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = v
				}
			case "lvlRestart":
				if lvl != nil {
					lvl.restart, _ = strconv.Atoi(v)
				}
			case "suff":
				if lvl != nil {
					lvl.suffix = v
				}
			case "isLgl":
				if lvl != nil {
					lvl.legal = v != "0" && v != "false"
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "abstractNum":
				abs = nil
			case "num":
				inst = nil
			case "lvlOverride":
				overrideLvl = -1
			case "lvl":
				lvl = nil
			}
		}
	}
}

// level returns the definition of level i of num n.
func (nb *numbering) level(n *numInstance, i int) *numLevel {
	if l := n.levels[i]; l != nil {
		return l
	}
	return nb.abstracts[n.abstract][i]
}

// next advances the counter of level ilvl of list numID and returns the
// rendered label with its separator, "" when there is none to show.
func (nb *numbering) next(numID string, ilvl int) string {
	n := nb.nums[numID]
	if n == nil || numID == "0" || ilvl < 0 || ilvl > 8 {
		return ""
	}
	lv := nb.level(n, ilvl)
	if lv == nil {
		return ""
	}
	// Lists sharing an abstract definition continue each other, as in
	// Word, unless the instance overrides a start: then it counts alone.
	key := "a" + n.abstract
	if n.overridden {
		key = "n" + numID
	}
	c := nb.counters[key]
	if c == nil {
		c = &[9]counter{}
		nb.counters[key] = c
	}
	if c[ilvl].set {
		c[ilvl].val++
	} else {
		c[ilvl] = counter{val: nb.start(n, ilvl), set: true}
	}
	for k := ilvl + 1; k < 9; k++ {
		r := -1
		if l := nb.level(n, k); l != nil {
			r = l.restart
		}
		if r < 0 || (r > 0 && ilvl < r) {
			c[k].set = false
		}
	}
	if lv.format == "bullet" {
		// Bullets are symbol-font glyphs, not words; a speech's text reads
		// the same without them.
		return ""
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		if b.Len() > maxLabel {
			// A label longer than any Word shows is a crafted file
			// (%1 repeated, a huge start): no label beats an unbounded one.
			return ""
		}
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			v := nb.start(n, k)
			if c[k].set {
				v = c[k].val
			}
			f := "decimal"
			if l := nb.level(n, k); l != nil {
				f = l.format
			}
			if lv.legal {
				f = "decimal"
			}
			b.WriteString(formatNumber(v, f))
			continue
		}
		b.WriteByte(text[i])
	}
	if b.Len() == 0 || b.Len() > maxLabel {
		return ""
	}
	if lv.suffix != "nothing" {
		// Word shows a tab or a space; normalization removes it again
		// between a Chinese label like 一、 and Chinese text.
		b.WriteByte(' ')
	}
	return b.String()
}

func (nb *numbering) start(n *numInstance, i int) int {
	if s, ok := n.starts[i]; ok {
		return s
	}
	if l := nb.level(n, i); l != nil {
		return l.start
	}
	return 1
}

// Bounds of a rendered label. Word repeats a letter once per 26 items
// (a…z, aa…zz) and shows lvlText of a few characters; a list numbered past
// the letters' bound falls back to decimal, a label past maxLabel bytes is
// dropped, so a 2 KB numbering.xml cannot build gigabytes of labels.
const (
	maxLabel        = 256
	maxLetterRepeat = 10
)

var (
	cnDigits   = []rune("〇一二三四五六七八九")
	cnLegal    = []rune("零壹贰叁肆伍陆柒捌玖")
	tiangan    = []rune("甲乙丙丁戊己庚辛壬癸")
	dizhi      = []rune("子丑寅卯辰巳午未申酉戌亥")
	lowerRoman = []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}
)

// formatNumber renders v in one of Word's ST_NumberFormat values; unknown
// formats fall back to decimal, which is what the reader at least expects.
func formatNumber(v int, f string) string {
	if v < 0 {
		v = 0
	}
	switch f {
	case "none":
		return ""
	case "decimalZero":
		if v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "chineseCounting", "taiwaneseCounting", "japaneseCounting", "chineseCountingThousand", "taiwaneseCountingThousand", "japaneseLegal", "koreanCounting":
		return chineseNumber(v, []rune("零一二三四五六七八九"), []rune("十百千"), true)
	case "chineseLegalSimplified":
		// Financial numerals never drop the 壹 of 壹拾: it guards the
		// amount against being altered.
		return chineseNumber(v, cnLegal, []rune("拾佰仟"), false)
	case "ideographDigital", "taiwaneseDigital":
		return digitByDigit(v, cnDigits)
	case "ideographTraditional":
		if v >= 1 && v <= 10 {
			return string(tiangan[v-1])
		}
	case "ideographZodiac":
		if v >= 1 && v <= 12 {
			return string(dizhi[v-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		switch {
		case v >= 1 && v <= 20:
			return string(rune('①' + v - 1))
		case v >= 21 && v <= 35:
			return string(rune(0x3251 + v - 21))
		case v >= 36 && v <= 50:
			return string(rune(0x32B1 + v - 36))
		}
	case "decimalEnclosedParen":
		if v >= 1 && v <= 20 {
			return string(rune('⑴' + v - 1))
		}
	case "decimalEnclosedFullstop":
		if v >= 1 && v <= 20 {
			return string(rune('⒈' + v - 1))
		}
	case "lowerLetter", "upperLetter":
		if v >= 1 && (v-1)/26 < maxLetterRepeat {
			// Word repeats the letter: a…z, aa…zz, aaa…
			s := strings.Repeat(string(rune('a'+(v-1)%26)), (v-1)/26+1)
			if f == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if v >= 1 && v < 4000 {
			var b strings.Builder
			for _, r := range lowerRoman {
				for ; v >= r.v; v -= r.v {
					b.WriteString(r.s)
				}
			}
			if f == "upperRoman" {
				return strings.ToUpper(b.String())
			}
			return b.String()
		}
	}
	return strconv.Itoa(v)
}

func digitByDigit(v int, digits []rune) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(v) {
		b.WriteRune(digits[c-'0'])
	}
	return b.String()
}

// chineseNumber writes v (below 10000) the way it is read: 十一, 二十,
// 一百零五; with shortTen, 10–19 drop the leading 一 as Word, WPS and
// LibreOffice show them.
func chineseNumber(v int, digits []rune, units []rune, shortTen bool) string {
	if v == 0 {
		return string(digits[0])
	}
	if v >= 10000 {
		return strconv.Itoa(v)
	}
	var b strings.Builder
	pos := []int{1000, 100, 10}
	zero := false
	started := false
	for i, p := range pos {
		d := v / p % 10
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteRune(digits[0])
			zero = false
		}
		if !(shortTen && p == 10 && d == 1 && !started) {
			b.WriteRune(digits[d])
		}
		b.WriteRune(units[2-i])
		started = true
	}
	if d := v % 10; d != 0 {
		if zero {
			b.WriteRune(digits[0])
		}
		b.WriteRune(digits[d])
	}
	return b.String()
}
