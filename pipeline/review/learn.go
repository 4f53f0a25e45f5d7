package review

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/segment"
)

// DutiesFile is the dictionary file the units reviewers chose teach.
const DutiesFile = "duties.txt"

// Lesson is what the units reviewers gave tasks teach one organ type:
// words of those tasks that name no other type's duty.
type Lesson struct {
	Type  string // the type in duties.txt; a unit's own name when new
	Unit  string // the unit the reviewers chose, for a new type's names=
	Words []string
	New   bool
}

// learnMax bounds the words one import teaches a type.
const learnMax = 12

// learnMinTasks is how many of a unit's tasks must hold a word for it to
// be learned: a word of one task says what that task is about, not what
// the unit does.
const learnMinTasks = 2

// learnFreqMax bounds the general frequency (gse's dictionary) of a word
// learned: a field's terms (量子 617, 低空 369, 鸿蒙) are learned, the words
// every policy text uses (产业 8756, 平台 3601, 市场 26927) are not, for
// they would draw every later task to the unit that happened to have them.
const learnFreqMax = 1000

// Learn reads the leads reviewers gave the rows (牵头单位, wherever the
// text stated none) and returns, per organ type, the content words of
// those tasks (nouns of two characters or more, as the segmenter cuts
// them, and no common word of the language) that at least learnMinTasks
// of its tasks hold, that no other type's tasks of the import share and
// that are not already duty words: the words a clerk's choice shows to be
// that unit's work. A unit of no known type founds a type of its own.
func Learn(rows []export.Row, r *dict.Rules) []Lesson {
	known := map[string]bool{}
	for _, d := range r.Duties {
		for _, w := range append(append(append([]string(nil), d.Words...), d.Means...), d.Learned...) {
			known[w] = true
		}
	}
	seg := segment.ForRules(r)
	type acc struct {
		unit  string
		isNew bool
		count map[string]int
	}
	byType := map[string]*acc{}
	var order []string
	typesOf := map[string]map[string]bool{} // word → types whose tasks hold it
	for _, row := range rows {
		lead := strings.TrimSpace(strings.Split(strings.Split(row.In[export.ColLead], "、")[0], "，")[0])
		if lead == "" || row.Text == "" {
			continue
		}
		typ, isNew := lead, true
		if d, ok := r.DutyOf(lead); ok {
			typ, isNew = d.Type, false
		}
		a := byType[typ]
		if a == nil {
			a = &acc{unit: lead, isNew: isNew, count: map[string]int{}}
			byType[typ] = a
			order = append(order, typ)
		}
		seen := map[string]bool{}
		for _, t := range seg.Cut(row.Text) {
			w := t.Text
			if utf8.RuneCountInString(w) < 2 || !strings.HasPrefix(t.Pos, "n") || known[w] || seen[w] || segment.Freq(w) >= learnFreqMax {
				continue
			}
			seen[w] = true
			a.count[w]++
			if typesOf[w] == nil {
				typesOf[w] = map[string]bool{}
			}
			typesOf[w][typ] = true
		}
	}
	var out []Lesson
	for _, typ := range order {
		a := byType[typ]
		var ws []string
		for w := range a.count {
			if len(typesOf[w]) == 1 && a.count[w] >= learnMinTasks {
				ws = append(ws, w)
			}
		}
		sort.Slice(ws, func(i, j int) bool {
			if a.count[ws[i]] != a.count[ws[j]] {
				return a.count[ws[i]] > a.count[ws[j]]
			}
			return ws[i] < ws[j]
		})
		if len(ws) > learnMax {
			ws = ws[:learnMax]
		}
		if len(ws) > 0 {
			out = append(out, Lesson{Type: typ, Unit: a.unit, Words: ws, New: a.isNew})
		}
	}
	return out
}

// WriteLessons adds the lessons to dir's duties.txt: each word to the
// learned= field of its type's line, a new type as a line of its own, the
// folder checked with the change in place before it is written, as
// AppendExclusions does. A folder made before duties.txt existed gets the
// embedded one first.
func WriteLessons(dir string, ls []Lesson, note string) error {
	if len(ls) == 0 {
		return nil
	}
	path := filepath.Join(dir, DutiesFile)
	old, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		old, err = dict.Default.ReadFile(DutiesFile)
	}
	if err != nil {
		return fmt.Errorf("无法读取 %s：%v", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(old), "\n"), "\n")
	for _, l := range ls {
		done := false
		for i, line := range lines {
			f := strings.Fields(line)
			if len(f) == 0 || f[0] != l.Type || strings.HasPrefix(line, "#") {
				continue
			}
			lines[i] = addLearned(line, l.Words)
			done = true
			break
		}
		if !done {
			name := strings.TrimLeft(l.Unit, "省市县区国家")
			lines = append(lines, fmt.Sprintf("%s  names=%s  learned=%s  # 新类别：%s", l.Type, name, strings.Join(l.Words, "|"), note))
		}
	}
	next := []byte(strings.Join(lines, "\n") + "\n")
	if err := checkWith(dir, DutiesFile, next); err != nil {
		return err
	}
	return writeAtomic(path, next)
}

// addLearned merges words into the learned= field of a duties.txt line,
// keeping its other fields and its comment.
func addLearned(line string, words []string) string {
	body, comment, _ := strings.Cut(line, " #")
	fields := strings.Fields(body)
	have := map[string]bool{}
	at := -1
	for i, f := range fields {
		if v, ok := strings.CutPrefix(f, "learned="); ok {
			at = i
			for _, w := range strings.Split(v, "|") {
				have[w] = true
			}
		}
	}
	var all []string
	if at >= 0 {
		all = strings.Split(strings.TrimPrefix(fields[at], "learned="), "|")
	}
	for _, w := range words {
		if !have[w] {
			all = append(all, w)
			have[w] = true
		}
	}
	f := "learned=" + strings.Join(all, "|")
	if at >= 0 {
		fields[at] = f
	} else {
		fields = append(fields, f)
	}
	out := strings.Join(fields, "  ")
	if comment != "" {
		out += "  #" + comment
	}
	return out
}
