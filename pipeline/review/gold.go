package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/eval"
)

// pillarNumber splits a numbered pillar heading such as "一、打造…" or
// "第一，…" into its number and title.
var pillarNumber = regexp.MustCompile(`^(?:第)?([一二三四五六七八九十百零〇]+|[0-9]+)(?:[、，,.．]|部分\s*|是)\s*`)

// taskCount is the count the export appends to a pillar title row.
var taskCount = regexp.MustCompile(`\s*[（(]\s*\d+\s*项任务\s*[）)]\s*$`)

// splitPillar returns the number and title of a 一级部署 cell.
func splitPillar(s string) (number, title string) {
	s = strings.TrimSpace(s)
	if m := pillarNumber.FindStringSubmatch(s); m != nil {
		number, s = m[1], s[len(m[0]):]
	}
	return number, strings.TrimRight(s, "。！？；;!?.：:")
}

// goldBuilder collects pillars and points in the order first met.
type goldBuilder struct {
	g      *eval.Gold
	pillar map[string]int // title → 1-based index
}

func (b *goldBuilder) addPillar(number, title string) int {
	if title == "" || strings.Contains(title, outside) {
		return 0
	}
	if i, ok := b.pillar[title]; ok {
		return i
	}
	b.g.Pillars = append(b.g.Pillars, eval.GoldPillar{Number: number, Title: title, Points: []eval.GoldPoint{}})
	b.pillar[title] = len(b.g.Pillars)
	return len(b.g.Pillars)
}

func (b *goldBuilder) addPoint(pillar int, title string) {
	if pillar == 0 || title == "" {
		return
	}
	p := &b.g.Pillars[pillar-1]
	for _, pt := range p.Points {
		if pt.Title == title {
			return
		}
	}
	p.Points = append(p.Points, eval.GoldPoint{Title: title})
}

// BuildGold turns a reviewed workbook into gold in the format of the
// corpus's GUIDELINE.md, so that eval scores a reviewed document like a
// hand-annotated one.
//
// Confirmed rows are gold tasks, false positives are left out, rows to
// correct carry the reviewer's text from 备注. Rows nobody reviewed become
// borderline tasks: nobody vouched for them, and a borderline item neither
// rewards nor punishes a prediction, so an unfinished review still scores
// fairly. Slogans follow the same rule where the 提法口号 sheet has a
// 审核意见 column; without one they are all borderline.
//
// base is the document's gold so far, or nil: its slogans and announced
// count are kept, since the review does not speak about them.
func BuildGold(wb *Workbook, base *eval.Gold) *eval.Gold {
	g := &eval.Gold{
		Document: wb.DocumentName(),
		Source:   sourcePrefix + filepath.Base(wb.Path),
		Pillars:  []eval.GoldPillar{},
		Tasks:    []eval.GoldTask{},
		Slogans:  []eval.GoldSlogan{},
	}
	if wb.Announced >= 0 {
		n := wb.Announced
		g.AnnouncedPillars = &n
	}
	b := &goldBuilder{g: g, pillar: map[string]int{}}

	// The outline sheet first: it lists pillars and points that have no
	// task, which the task rows cannot show.
	cur := 0
	for _, it := range wb.Outline {
		if it.Level == LevelPillar {
			cur = b.addPillar(it.Number, it.Title)
		} else {
			b.addPoint(cur, it.Title)
		}
	}
	if len(wb.Outline) == 0 {
		for _, h := range wb.Headings {
			if n, t := splitPillar(taskCount.ReplaceAllString(h.Text, "")); n != "" {
				b.addPillar(n, t)
			}
		}
	}

	var notes []string
	for _, r := range wb.Rows {
		p := b.addPillar(splitPillar(r.Pillar))
		var point *string
		if r.Point != "" && p > 0 {
			pt := r.Point
			point = &pt
			b.addPoint(p, pt)
		}
		t := eval.GoldTask{Text: r.Text, Pillar: p, Point: point, Actors: splitList(r.Actors), Timing: splitList(r.Timing)}
		switch r.Verdict {
		case FalsePositive:
			continue
		case NeedsEdit:
			if r.Note == "" {
				t.Borderline = true
				notes = append(notes, fmt.Sprintf("第%d行标为需修改但备注中没有改正后的文字，暂记为存疑任务", r.Row))
			} else {
				t.Text = r.Note
				notes = append(notes, fmt.Sprintf("第%d行按审核意见改为：%s", r.Row, r.Note))
			}
		case "":
			t.Borderline = true
		}
		g.Tasks = append(g.Tasks, t)
	}

	if base != nil {
		g.Slogans = append(g.Slogans, base.Slogans...)
		if g.AnnouncedPillars == nil {
			g.AnnouncedPillars = base.AnnouncedPillars
		}
	} else {
		for _, s := range wb.Slogans {
			gs := eval.GoldSlogan{Text: s.Text}
			switch s.Verdict {
			case FalsePositive:
				continue
			case NeedsEdit:
				if s.Note != "" {
					gs.Text = s.Note
				} else {
					gs.Borderline = true
				}
			case "":
				gs.Borderline = true
			}
			g.Slogans = append(g.Slogans, gs)
		}
	}
	g.Notes = strings.Join(notes, "；")
	return g
}

// splitList reads a cell listing several items, as the export joins them.
func splitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == '，' || r == ',' || r == '；' || r == ';' || r == '\n' || r == ' ' || r == '\u3000'
	})
	if len(f) == 0 {
		return nil
	}
	return f
}

// sourcePrefix opens the source field of gold that BuildGold wrote.
const sourcePrefix = "审核后的任务分解表 "

// FromReview reports whether g was written by a review import, as opposed
// to annotated by hand: hand-made gold is never overwritten.
func FromReview(g *eval.Gold) bool { return strings.HasPrefix(g.Source, sourcePrefix) }

// LoadGold reads the gold file at path if there is one: (nil, nil) when
// it does not exist.
func LoadGold(path string) (*eval.Gold, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, nil
	}
	return eval.LoadGold(path)
}

// WriteGold writes g to path through a temporary file and a rename, so a
// crash never leaves half a gold file for eval to choke on. It refuses
// gold that eval would refuse.
func WriteGold(path string, g *eval.Gold) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(g); err != nil {
		return err
	}
	if _, err := eval.ParseGold(path, buf.Bytes()); err != nil {
		return err
	}
	return writeAtomic(path, buf.Bytes())
}

// writeAtomic replaces path with b, creating its folder.
func writeAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("无法创建文件夹 %s：%s", dir, atomicfile.Reason(err))
	}
	if err := atomicfile.WriteBytes(path, b); err != nil {
		return fmt.Errorf("写入 %s 失败：%s", filepath.Base(path), atomicfile.Reason(err))
	}
	return nil
}
