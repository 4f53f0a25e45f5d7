package deadline

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// fullDate is a date written out: 2025年4月17日, 二〇二五年四月十七日.
var fullDate = regexp.MustCompile(`([0-9]{4}|[〇○零一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日`)

// titleYear is the year a title names (2025年政府工作报告, 2026年基层党建
// 工作要点).
var titleYear = regexp.MustCompile(`((?:19|20)[0-9]{2})年`)

// nameYear is a year standing alone in a file name.
var nameYear = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)

// dateLineMax bounds the paragraph a document's date stands on alone (the
// 成文日期 under the signature, a speech's （2022年1月10日）).
const dateLineMax = 40

// DocumentDate finds the date of d: the 成文日期 or date line among its
// last paragraphs, else a date line among its first, else the year of its
// title, else a year in its file's name. The zero Ref when none says.
func DocumentDate(d *doc.Document) Ref {
	ps := d.Paragraphs
	try := func(i int) (Ref, bool) {
		t := norm.NFKC.String(ps[i].Text)
		if utf8.RuneCountInString(t) > dateLineMax {
			return Ref{}, false
		}
		m := fullDate.FindStringSubmatch(t)
		if m == nil {
			return Ref{}, false
		}
		y, mo, da := number(m[1]), number(m[2]), number(m[3])
		if y < 1949 || y > 2100 || mo < 1 || mo > 12 || da < 1 || da > lastDay(y, mo) {
			return Ref{}, false
		}
		return Ref{y, mo, da}, true
	}
	for i := len(ps) - 1; i >= 0 && i >= len(ps)-15; i-- {
		if r, ok := try(i); ok {
			return r
		}
	}
	for i := 0; i < len(ps) && i < 8; i++ {
		if r, ok := try(i); ok {
			return r
		}
	}
	for _, t := range []string{d.Info.Title, d.Info.Name} {
		if m := titleYear.FindStringSubmatch(norm.NFKC.String(t)); m != nil {
			y, _ := strconv.Atoi(m[1])
			return Ref{Year: y}
		}
	}
	// The year in the file's name (讲话-2022.docx), the file's last word.
	if m := nameYear.FindStringSubmatch(d.Info.Name); m != nil {
		y, _ := strconv.Atoi(m[1])
		return Ref{Year: y}
	}
	return Ref{}
}

// number reads Arabic digits or a Chinese numeral: 2025, 二〇二五, 十七.
func number(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range s {
			n = 10*n + digits[r]
		}
		return n
	}
	tens, ones, _ := strings.Cut(s, "十")
	t := 1
	if tens != "" {
		t = digits[[]rune(tens)[0]]
	}
	o := 0
	if ones != "" {
		o = digits[[]rune(ones)[0]]
	}
	return 10*t + o
}

// annualTitle is the title of a document that plans one year's work:
// 2026年基层党建工作要点, 2025年政府工作报告, 2026年度重点任务清单.
var annualTitle = regexp.MustCompile(`(?:19|20)[0-9]{2}年(?:度)?.*(?:工作要点|工作计划|工作安排|工作报告|重点任务|任务清单|工作任务)`)

// Annual is the year an annual document plans (its title's year), 0 for
// any other document: a speech or a multi-year plan has no year-end that
// all its tasks are due by.
func Annual(d *doc.Document) int {
	t := norm.NFKC.String(d.Info.Title)
	if !annualTitle.MatchString(t) {
		return 0
	}
	m := titleYear.FindStringSubmatch(t)
	y, _ := strconv.Atoi(m[1])
	return y
}

// yearFrames name the whole year a task falls in: its deadline only when
// the task gives no closer one (今年6月底前 is due in June, 今年每月 monthly).
var yearFrames = map[string]bool{"今年": true, "明年": true, "新的一年": true, "新一年": true}

// Annotate sets the document's date and each task's deadline: the first
// of its timing phrases that gives a date, else the first recurrence or
// phrase as its label, else the year it names (今年, 明年). In an annual document a task that names no time
// gets the year's end as a suggested deadline (DeadlineSource
// "suggestion"): the year's work is due by the year's end.
func Annotate(d *doc.Document) {
	ref := DocumentDate(d)
	d.Info.Date = ref.String()
	year := Annual(d)
	for i := range d.Tasks {
		t := &d.Tasks[i]
		t.Deadline, t.DeadlineText, t.DeadlineSource = "", "", ""
		var frame Result // 今年, 明年: the year the task falls in
		for _, p := range t.Timing {
			r := Resolve(p, t.Text, ref)
			if yearFrames[p] {
				frame = r
				continue
			}
			if r.Date != "" {
				t.Deadline, t.DeadlineText = r.Date, r.Label
				break
			}
			if t.DeadlineText == "" {
				t.DeadlineText = r.Label
			}
		}
		if t.Deadline == "" && t.DeadlineText == "" {
			t.Deadline, t.DeadlineText = frame.Date, frame.Label
		}
		switch {
		case t.Deadline != "" || t.DeadlineText != "":
			t.DeadlineSource = "text"
		case year > 0:
			t.Deadline, t.DeadlineText, t.DeadlineSource = date(year, 12, 31), "年底前（建议）", "suggestion"
		}
	}
}
