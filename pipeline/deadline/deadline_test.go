package deadline

import (
	"testing"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// TestResolve pins the conventions against two document dates: a work
// report of 10 March 2025 and a speech of 20 November 2025.
func TestResolve(t *testing.T) {
	march, november := Ref{2025, 3, 10}, Ref{2025, 11, 20}
	for _, tc := range []struct {
		phrase, sentence string
		march, november  string // Date, or "=label" for a label without a date
	}{
		{"年底前", "", "2025-12-31", "2025-12-31"},
		{"年内", "", "2025-12-31", "2025-12-31"},
		{"年底", "", "2025-12-31", "2025-12-31"},
		{"今年底前", "", "2025-12-31", "2025-12-31"},
		{"6月底前", "", "2025-06-30", "2026-06-30"},
		{"3月底前", "", "2025-03-31", "2026-03-31"},
		{"2月底前", "", "2026-02-28", "2026-02-28"},
		{"12月底前", "", "2025-12-31", "2025-12-31"},
		{"上半年", "", "2025-06-30", "2026-06-30"},
		{"年中", "", "2025-06-30", "2026-06-30"},
		{"下半年", "", "2025-12-31", "2025-12-31"},
		{"一季度", "", "2025-03-31", "2026-03-31"},
		{"二季度末", "", "2025-06-30", "2026-06-30"},
		{"三季度", "", "2025-09-30", "2026-09-30"},
		{"四季度", "", "2025-12-31", "2025-12-31"},
		{"七一", "", "2025-07-01", "2026-07-01"},
		{"七一前", "", "2025-07-01", "2026-07-01"},
		{"国庆", "", "2025-10-01", "2026-10-01"},
		{"元旦", "", "2026-01-01", "2026-01-01"},
		{"五一", "", "2025-05-01", "2026-05-01"},
		{"3月15日前", "", "2025-03-15", "2026-03-15"},
		{"4月28前", "", "2025-04-28", "2026-04-28"},
		{"12月31日", "", "2025-12-31", "2025-12-31"},
		{"5月中旬", "", "2025-05-20", "2026-05-20"},
		{"8月份", "", "2025-08-31", "2026-08-31"},
		{"春节", "", "2026-02-17", "2026-02-17"}, // 2025's fell on 29 January, before both
		{"中秋", "", "2025-10-06", "2026-09-25"},
		{"6月底前", "2026年6月底前完成", "2026-06-30", "2026-06-30"},
		{"3月底前", "2025年3月底前完成", "2025-03-31", "2025-03-31"}, // an explicit year does not roll
		{"一季度", "明年一季度完成", "2026-03-31", "2026-03-31"},
		{"年底前", "今年年底前完成", "2025-12-31", "2025-12-31"},
		{"到2025年", "", "2025-12-31", "2025-12-31"},
		{"到2027年", "", "2027-12-31", "2027-12-31"},
		{"2027年底前", "", "2027-12-31", "2027-12-31"},
		{"至2020年", "", "2020-12-31", "2020-12-31"},
		{"从2019年起", "", "=从2019年起", "=从2019年起"},
		{"每月", "", "=每月", "=每月"},
		{"每季度", "", "=每季度", "=每季度"},
		{"按季度", "", "=每季度", "=每季度"},
		{"每年", "", "=每年", "=每年"},
		{"定期", "", "=定期", "=定期"},
		{"经常性", "", "=定期", "=定期"},
		{"常态化", "", "=长期", "=长期"},
		{"长期坚持", "", "=长期", "=长期"},
		{"持续推进", "", "=长期", "=长期"},
		{"每半年", "", "=每半年", "=每半年"},
		{"每3年", "", "=每3年", "=每3年"},
		{"3个工作日内", "", "=3个工作日内", "=3个工作日内"},
		{"今年", "今年要完成改造", "2025-12-31", "2025-12-31"},
		{"明年", "明年要全面推开", "2026-12-31", "2026-12-31"},
		{"新的一年", "在新的一年里，我们要提到日程上", "2025-12-31", "2026-12-31"},
		{"每个学期", "", "=每学期", "=每学期"},
		{"每学年", "", "=每学年", "=每学年"},
		{"每个月", "", "=每月", "=每月"},
		{"每个星期", "", "=每周", "=每周"},
		{"两个多月一次", "", "=两个多月一次", "=两个多月一次"},
		{"未来一、两年内", "", "=未来一、两年内", "=未来一、两年内"},
	} {
		for _, c := range []struct {
			ref  Ref
			want string
		}{{march, tc.march}, {november, tc.november}} {
			got := Resolve(tc.phrase, tc.sentence, c.ref)
			if c.want[0] == '=' {
				if got.Date != "" || got.Label != c.want[1:] {
					t.Errorf("%s (%s, ref %s) = %+v, want label %q", tc.phrase, tc.sentence, c.ref, got, c.want[1:])
				}
			} else if got.Date != c.want {
				t.Errorf("%s (%s, ref %s) = %+v, want %s", tc.phrase, tc.sentence, c.ref, got, c.want)
			}
		}
	}
}

// TestUnknownDate: without the document's date a relative phrase gives
// no date, an explicit year still does.
func TestUnknownDate(t *testing.T) {
	if got := Resolve("年底前", "", Ref{}); got.Date != "" {
		t.Errorf("年底前 without a date = %+v", got)
	}
	if got := Resolve("到2027年", "", Ref{}); got.Date != "2027-12-31" {
		t.Errorf("到2027年 without a date = %+v", got)
	}
}

// TestDocumentDate: the 成文日期 under the signature wins, then a date line
// near the top, then the title's year, then the file name's.
func TestDocumentDate(t *testing.T) {
	for _, tc := range []struct {
		name, title string
		paras       []string
		want        string
	}{
		{"方案.txt", "", []string{"关于印发某某方案的通知", "各区县：", "现将方案印发给你们。", "某某市人民政府", "2025年4月17日"}, "2025-04-17"},
		{"讲话.txt", "", []string{"在全县工作会议上的讲话", "（2024年1月10日）", "同志们：", "今年要抓好三件事。"}, "2024-01-10"},
		{"方案.txt", "", []string{"某某厅", "二〇二五年十一月二十日印发"}, "2025-11-20"},
		{"要点.txt", "江屿区2026年基层党建工作要点", []string{"江屿区2026年基层党建工作要点", "一、总体要求"}, "2026"},
		{"讲话-2022.txt", "在组织工作会议上的讲话", []string{"在组织工作会议上的讲话", "同志们："}, "2022"},
		{"讲话.txt", "在组织工作会议上的讲话", []string{"同志们：", "要把2025年的工作做好，确保各项任务在2025年12月31日前完成，这是全年工作的重中之重。"}, ""},
	} {
		d := &doc.Document{Info: doc.Info{Name: tc.name, Title: tc.title}, Paragraphs: doc.Build(tc.paras, nil)}
		if got := DocumentDate(d).String(); got != tc.want {
			t.Errorf("%s %q: date %q, want %q", tc.name, tc.paras, got, tc.want)
		}
	}
}

// TestAnnotateAnnual: an annual document's tasks without a timing phrase
// are suggested the year's end; a phrase wins; a speech or a multi-year
// plan gets no suggestion.
func TestAnnotateAnnual(t *testing.T) {
	for _, tc := range []struct {
		title              string
		timing             []string
		due, label, source string
	}{
		{"江屿区2026年基层党建工作要点", nil, "2026-12-31", "年底前（建议）", "suggestion"},
		{"2025年政府工作报告", nil, "2025-12-31", "年底前（建议）", "suggestion"},
		{"市教育局2026年度重点任务清单", nil, "2026-12-31", "年底前（建议）", "suggestion"},
		{"江屿区2026年基层党建工作要点", []string{"6月底前"}, "2026-06-30", "6月底前", "text"},
		{"江屿区2026年基层党建工作要点", []string{"每季度"}, "", "每季度", "text"},
		{"江屿区2026年基层党建工作要点", []string{"今年"}, "2026-12-31", "今年", "text"},
		{"江屿区2026年基层党建工作要点", []string{"今年", "6月底前"}, "2026-06-30", "6月底前", "text"}, // the closer deadline
		{"江屿区2026年基层党建工作要点", []string{"今年", "每季度"}, "", "每季度", "text"},             // the rhythm within the year
		{"江屿区2026年基层党建工作要点", []string{"明年"}, "2027-12-31", "明年", "text"},
		{"在全区2026年组织工作会议上的讲话", nil, "", "", ""},
		{"加快发展低空经济行动方案（2026—2028年）", nil, "", "", ""},
	} {
		d := &doc.Document{Info: doc.Info{Name: "x.txt", Title: tc.title}, Paragraphs: doc.Build([]string{tc.title}, nil),
			Tasks: []doc.Task{{Text: "抓好党员教育。", Timing: tc.timing}}}
		Annotate(d)
		got := d.Tasks[0]
		if got.Deadline != tc.due || got.DeadlineText != tc.label || got.DeadlineSource != tc.source {
			t.Errorf("%s %v: %q %q %q, want %q %q %q", tc.title, tc.timing, got.Deadline, got.DeadlineText, got.DeadlineSource, tc.due, tc.label, tc.source)
		}
	}
}

// FuzzResolve: any phrase in any sentence against any document date
// resolves without a panic to a valid date or none.
func FuzzResolve(f *testing.F) {
	f.Add("春节", "9999年春节前完成", 2025, 3, 10)
	f.Add("6月底前", "", 0, 0, 0)
	f.Add("13月底前", "明年13月底前", 2025, 12, 31)
	f.Fuzz(func(t *testing.T, phrase, sentence string, y, m, d int) {
		got := Resolve(phrase, sentence, Ref{Year: y % 3000, Month: m % 13, Day: d % 32})
		if got.Date != "" && len(got.Date) != 10 {
			t.Fatalf("Resolve(%q, %q) = %+v", phrase, sentence, got)
		}
	})
}
