package structure

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// title is the document's title: the formal title of an official
// document or a speech (…关于…的通知, 在…会议上的讲话) among its first
// paragraphs, which may wrap over two lines and stand below a red header
// (浙江省人民政府文件), its 发文字号 and, in a page saved from a website,
// the site's menus; else the first short line near the top.
func title(d *doc.Document) string {
	if t, ok := formalTitle(d); ok {
		return t
	}
	return shortTitle(d)
}

// Where a formal title is looked for: the first paragraphs, and, as far
// as titleFar, only a title in the official form (关于, 印发), which a
// website's menus and metadata may push down.
const (
	titleNear = 12
	titleFar  = 40
	titleMax  = 80 // runes of a title, both lines
)

// officialForm is how the title of an official document reads: an issuer
// 关于 a matter, or an issuer 印发 a document.
var officialForm = regexp.MustCompile(`关于|印发`)

func formalTitle(d *doc.Document) (string, bool) {
	ps := d.Paragraphs
	line := func(i int) string { return trimRule(strings.TrimSpace(ps[i].Text)) }
	for i := 0; i < len(ps) && i < titleFar; i++ {
		t := line(i)
		if !titleLine(t) || !formalEnd.MatchString(t) {
			continue
		}
		// A title wrapped over lines: the line before it is its start
		// when it is a title line that does not end as one; before a
		// subtitle (——在…会议上的讲话), the main title's two lines.
		starts := 1
		if strings.HasPrefix(t, "——") {
			starts = 2
		}
		for k := 1; k <= starts && i-k >= 0; k++ {
			prev := line(i - k)
			if !titleLine(prev) || formalEnd.MatchString(prev) || redHeader.MatchString(prev) ||
				utf8.RuneCountInString(prev+t) > titleMax {
				break
			}
			t = prev + t
		}
		if i >= titleNear && !officialForm.MatchString(t) {
			continue
		}
		return strings.Join(strings.Fields(t), ""), true
	}
	return "", false
}

// formalEnd is how a formal title ends: its genre (通知, 意见, 方案,
// 讲话…), and perhaps the years it covers (行动方案（2026-2027年）).
var formalEnd = regexp.MustCompile(`(?:` + genres + `)(?:[（(][^（）()]{1,20}[）)])?$`)

// trailingParen is a bracketed tail of a line.
var trailingParen = regexp.MustCompile(`[（(][^（）()]{1,20}[）)]$`)

// trimRule drops a red line drawn with one character repeated (欗欗欗…)
// that a text export glued to the line after it.
func trimRule(t string) string {
	rs := []rune(t)
	k := 0
	for k < len(rs) && rs[k] == rs[0] {
		k++
	}
	if k >= 8 {
		return strings.TrimSpace(string(rs[k:]))
	}
	return t
}

// redHeader is the issuing organ's name over the red line (浙江省人民政府
// 文件, 中共某某县委办公室文件): it heads the document, it is not its title.
var redHeader = regexp.MustCompile(`文件$`)

// titleLine reports whether t can be (part of) a title: short, mostly
// Chinese, with no sentence punctuation, no link, not a heading, not one
// character repeated (a red line drawn in text).
func titleLine(t string) bool {
	n := utf8.RuneCountInString(t)
	if n < 2 || n > titleMax || strings.ContainsAny(t, "。！？；：:!?;") || strings.Contains(t, "http") {
		return false
	}
	if st, _, _, _ := marker(t); st != stNone {
		return false
	}
	// The years a plan covers (（2026-2027年）) are no part of the test.
	if loc := trailingParen.FindStringIndex(t); loc != nil && loc[0] > 0 {
		t = t[:loc[0]]
		n = utf8.RuneCountInString(t)
	}
	han := 0
	first, _ := utf8.DecodeRuneInString(t)
	same := true
	for _, r := range t {
		if unicode.Is(unicode.Han, r) {
			han++
		}
		same = same && r == first
	}
	return han*2 >= n && !(same && n > 3)
}

// docNumber is a 发文字号 standing on its own line: an issuer's short
// name, the year in 〔〕 (or [] and （）), the serial and 号.
var docNumber = regexp.MustCompile(`^[（(]?(\p{Han}{1,12}[〔\[［(（](?:19|20)[0-9]{2}[〕\]］)）][0-9]{1,5}号)[）)]?$`)

// number is the document's 发文字号 from a line of its own among the first
// paragraphs (国发〔2018〕39号, （新质监办发〔2012〕24号）, 浙政发〔２０２５〕
// １０ 号 as printed), "" when none: a number cited inside a sentence is
// another document's.
func number(d *doc.Document) string {
	for i, p := range d.Paragraphs {
		if i >= titleFar {
			break
		}
		t := strings.Join(strings.Fields(norm.NFKC.String(p.Text)), "")
		// A PDF may set the closing 号 on a line of its own.
		if i+1 < len(d.Paragraphs) && strings.TrimSpace(d.Paragraphs[i+1].Text) == "号" {
			t += "号"
		}
		if m := docNumber.FindStringSubmatch(t); m != nil {
			return m[1] // its digits as ASCII, as NFKC wrote them

		}
	}
	return ""
}

// shortTitle is the first short paragraph of the first three without
// terminal punctuation that is not a heading or file metadata (a speech's
// title: “内因+外因”激发干劲); else the file name.
func shortTitle(d *doc.Document) string {
	for i, p := range d.Paragraphs {
		if i >= 3 {
			break
		}
		t := strings.TrimSpace(p.Text)
		n := utf8.RuneCountInString(t)
		if n < 4 || n > 50 || strings.ContainsAny(t, "。！？；：:!?;【】") || strings.Contains(t, "http") {
			continue
		}
		if st, _, _, _ := marker(t); st != stNone {
			continue
		}
		han := 0
		for _, r := range t {
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
		if han*2 < n {
			continue
		}
		// A long title may wrap onto a second line (国务院关于印发国家
		// 职业教育改革 / 实施方案的通知).
		if !titleEnd.MatchString(t) && i+1 < len(d.Paragraphs) {
			next := strings.TrimSpace(d.Paragraphs[i+1].Text)
			if titleEnd.MatchString(next) && utf8.RuneCountInString(next) <= 30 && !strings.ContainsAny(next, "。！？；：:!?;") {
				t += next
			}
		}
		return t
	}
	return d.Info.Name
}
