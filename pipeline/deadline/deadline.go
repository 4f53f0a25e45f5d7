// Package deadline turns the timing phrases of a task into the date a 督办
// system keys on, relative to the document's own date, or into the label
// of a recurrence. The conventions: a deadline is the last day of the
// period it names, in the document's year (年底前 → 12-31, 6月底前 → 06-30,
// 上半年 → 06-30, 三季度 → 09-30); a named day is that day (七一 → 07-01,
// 春节 by the lunar calendar); an explicit year wins (2026年6月底前, 到2025年
// → 2025-12-31, 明年一季度); a date without a year that would fall before
// the document's date rolls to the next year; recurrences are no dates
// (每月, 每季度, 定期 → that label; 常态化, 长期坚持 → 长期).
package deadline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// Ref is the document's date; Month and Day are 0 when only its year is
// known, Year is 0 when nothing is.
type Ref struct{ Year, Month, Day int }

// Known reports whether the document's year is known.
func (r Ref) Known() bool { return r.Year > 0 }

// String is the date as the JSON gives it: YYYY-MM-DD, YYYY when only the
// year is known, "" when nothing is.
func (r Ref) String() string {
	switch {
	case r.Year == 0:
		return ""
	case r.Month == 0:
		return strconv.Itoa(r.Year)
	}
	return fmt.Sprintf("%04d-%02d-%02d", r.Year, r.Month, r.Day)
}

// Result is a phrase resolved: Date is YYYY-MM-DD or ""; Label is the
// recurrence label (每月, 长期) or the phrase itself when it gives no date.
type Result struct{ Date, Label string }

// recurrences map frequency words to the label the workbook shows.
var recurrences = []struct {
	re    *regexp.Regexp
	label string
}{
	{regexp.MustCompile(`^(?:每天|每日)$`), "每天"},
	{regexp.MustCompile(`^每个?(?:星期|周)$`), "每周"},
	{regexp.MustCompile(`^双周$`), "每两周"},
	{regexp.MustCompile(`^(?:每个?月|按月度?)$`), "每月"},
	{regexp.MustCompile(`^(?:每个?季度|按季度)$`), "每季度"},
	{regexp.MustCompile(`^(?:每半年|按半年)$`), "每半年"},
	{regexp.MustCompile(`^(?:每年|每个?年度|按年度?)$`), "每年"},
	{regexp.MustCompile(`^每个?学期$`), "每学期"},
	{regexp.MustCompile(`^每个?学年$`), "每学年"},
	{regexp.MustCompile(`^(?:定期|经常性|适时|随时)$`), "定期"},
	{regexp.MustCompile(`^(?:常态化|长效化|长期|长期坚持|持续推进|持之以恒)$`), "长期"},
	{regexp.MustCompile(`^每[0-9一二两三四五六七八九十]+个?(?:年|月|周|天|日|小时)$`), ""},
	{regexp.MustCompile(`^[0-9一二两三四五六七八九十]+年一(?:周期|轮|次)$`), ""},
	{regexp.MustCompile(`^[0-9一二两三四五六七八九十半]+个?多?(?:年|月|季度|周|星期|天)多?一次$`), ""},
	{regexp.MustCompile(`^(?:未来|今后)`), ""}, // 未来两年内: a span, no one day
}

var (
	yearRe     = regexp.MustCompile(`^(?:到|至|于|在)?([0-9]{4})年(?:底前|底|末|前|以前|之前|内)?$`)
	startRe    = regexp.MustCompile(`^(?:从|自)?[0-9]{4}年(?:起|开始)$`)
	monthEnd   = regexp.MustCompile(`^([0-9]{1,2})月(?:底|末|份)(?:前|以前|之前)?$`)
	monthPart  = regexp.MustCompile(`^([0-9]{1,2})月(上旬|中旬|下旬)$`)
	dayRe      = regexp.MustCompile(`^([0-9]{1,2})月([0-9]{1,2})日?(?:前|以前|之前)?$`)
	quarterRe  = regexp.MustCompile(`^(?:第)?([一二三四1-4])季度(?:末|底)?(?:前)?$`)
	explicitRe = regexp.MustCompile(`([0-9]{4})年$`)
)

var periods = map[string][2]int{
	"年底": {12, 31}, "年底前": {12, 31}, "年末": {12, 31}, "年内": {12, 31}, "年前": {12, 31},
	"上半年": {6, 30}, "年中": {6, 30}, "下半年": {12, 31},
	"今年": {12, 31}, "今年底": {12, 31}, "今年底前": {12, 31}, "今年内": {12, 31}, "本年底": {12, 31}, "本年内": {12, 31}, "本年底前": {12, 31},
}

// festivals are the named days; lunar ones are computed.
var festivals = map[string][2]int{"元旦": {1, 1}, "五一": {5, 1}, "五四": {5, 4}, "七一": {7, 1}, "八一": {8, 1}, "国庆": {10, 1}, "清明": {4, 5}}

var lunarDays = map[string][2]int{"春节": {1, 1}, "中秋": {8, 15}, "重阳": {9, 9}, "端午": {5, 5}}

// Resolve reads one timing phrase as written, in the sentence it comes
// from (for a year just before it: 明年一季度, 2026年6月底前).
func Resolve(phrase, sentence string, ref Ref) Result {
	p := strings.TrimSpace(phrase)
	for _, r := range recurrences {
		if r.re.MatchString(p) {
			if r.label == "" {
				return Result{Label: p}
			}
			return Result{Label: r.label}
		}
	}
	year, explicit := ref.Year, false
	// A year written just before the phrase: 明年一季度, 2026年6月底前.
	if i := strings.Index(sentence, p); i > 0 {
		before := sentence[:i]
		switch {
		case strings.HasSuffix(before, "明年"):
			year, explicit = ref.Year+1, ref.Known()
		case strings.HasSuffix(before, "今年") || strings.HasSuffix(before, "本年"):
			explicit = ref.Known()
		default:
			if m := explicitRe.FindStringSubmatch(before); m != nil {
				year, _ = strconv.Atoi(m[1])
				explicit = true
			}
		}
	}
	if p == "新的一年" || p == "新一年" {
		// Said at a year's turn: a speech of October or later looks to
		// the next year, one of the first months to the year begun.
		if !ref.Known() {
			return Result{Label: phrase}
		}
		y := ref.Year
		if ref.Month >= 10 {
			y++
		}
		return Result{Date: date(y, 12, 31), Label: phrase}
	}
	if strings.HasPrefix(p, "明年") {
		year, explicit, p = ref.Year+1, ref.Known(), strings.TrimPrefix(p, "明年")
		if p == "" {
			p = "年底" // 明年 alone: by the end of next year
		}
	}
	if startRe.MatchString(p) {
		return Result{Label: phrase} // a start, not a deadline
	}
	if m := yearRe.FindStringSubmatch(p); m != nil {
		y, _ := strconv.Atoi(m[1])
		return Result{Date: date(y, 12, 31), Label: phrase}
	}
	if year == 0 {
		return Result{Label: phrase}
	}
	md, ok := monthDay(p, year)
	if !ok {
		return Result{Label: phrase}
	}
	y := year
	if !explicit && ref.Month > 0 && before(md[0], md[1], ref) {
		y++
		if l, ok := lunarDays[trimBefore(p)]; ok {
			md = lunar(y, l)
		}
	}
	return Result{Date: date(y, md[0], md[1]), Label: phrase}
}

// monthDay gives the month and day a phrase names in year.
func monthDay(p string, year int) ([2]int, bool) {
	if v, ok := periods[p]; ok {
		return v, true
	}
	if m := monthEnd.FindStringSubmatch(p); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if mo >= 1 && mo <= 12 {
			return [2]int{mo, lastDay(year, mo)}, true
		}
	}
	if m := monthPart.FindStringSubmatch(p); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if mo >= 1 && mo <= 12 {
			d := map[string]int{"上旬": 10, "中旬": 20, "下旬": lastDay(year, mo)}[m[2]]
			return [2]int{mo, d}, true
		}
	}
	if m := dayRe.FindStringSubmatch(p); m != nil {
		mo, _ := strconv.Atoi(m[1])
		d, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(year, mo) {
			return [2]int{mo, d}, true
		}
	}
	if m := quarterRe.FindStringSubmatch(p); m != nil {
		q := strings.IndexAny("一二三四", m[1]) / 3
		if n, err := strconv.Atoi(m[1]); err == nil {
			q = n - 1
		}
		mo := 3 * (q + 1)
		return [2]int{mo, lastDay(year, mo)}, true
	}
	name := trimBefore(p)
	if v, ok := festivals[name]; ok {
		return v, true
	}
	if l, ok := lunarDays[name]; ok {
		return lunar(year, l), true
	}
	return [2]int{}, false
}

// trimBefore drops the 前 of 七一前, 春节前.
func trimBefore(p string) string {
	for _, s := range []string{"以前", "之前", "前"} {
		if r, ok := strings.CutSuffix(p, s); ok {
			return r
		}
	}
	return p
}

// lunar returns the solar month and day of a lunar month and day in the
// lunar year that begins in the solar year y.
func lunar(y int, md [2]int) [2]int {
	s := calendar.NewLunarFromYmd(y, md[0], md[1]).GetSolar()
	return [2]int{s.GetMonth(), s.GetDay()}
}

func before(month, day int, ref Ref) bool {
	return month < ref.Month || month == ref.Month && day < ref.Day
}

func lastDay(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func date(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }
