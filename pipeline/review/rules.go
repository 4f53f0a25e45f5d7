package review

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/luoshi/luoshi/dict"
)

// ExclusionsFile is the dictionary file false positives are appended to.
const ExclusionsFile = "exclusions.txt"

// Exclusion is a rule to add for a row marked 误报.
type Exclusion struct {
	Workbook string // base name
	Row      int
	Text     string // the task's sentence as the workbook shows it
	Line     string // the line for exclusions.txt, comment included
}

// Exclusions returns the rules the 误报 rows of wb call for, leaving out
// sentences already excluded by rules (the dictionary as it stands) or
// listed in have (rules of workbooks imported earlier in the same run), so
// that importing a workbook twice adds nothing. have is updated.
//
// Each rule excludes the exact sentence and nothing else: a reviewer's
// verdict is about that sentence, not about its verb everywhere. reviewed
// is the date the verdict is credited to.
func Exclusions(wb *Workbook, rules *dict.Rules, have map[string]bool, reviewed time.Time) []Exclusion {
	if have == nil {
		have = map[string]bool{}
	}
	for _, x := range rules.Exclusions {
		if x.Form == dict.ExcludeSentence {
			have[x.Sentence] = true
		}
	}
	name := filepath.Base(wb.Path)
	var out []Exclusion
	for _, r := range wb.Rows {
		if r.Verdict != FalsePositive {
			continue
		}
		key := dict.Normalize(r.Text)
		if key == "" || have[key] {
			continue
		}
		if n := utf8.RuneCountInString(strings.Join(strings.Fields(r.Text), "")); n > dict.MaxSentence {
			// One such row must not stop the rules of the others.
			wb.Warnings = append(wb.Warnings, fmt.Sprintf("第%d行：句子长 %d 字，超过排除规则的上限 %d 字，无法写成排除规则，已跳过（其余行照常导入）", r.Row, n, dict.MaxSentence))
			continue
		}
		have[key] = true
		note := fmt.Sprintf("来自 %s 第%d行 误报，审核于 %s", name, r.Row, reviewed.Format("2006-01-02"))
		out = append(out, Exclusion{Workbook: name, Row: r.Row, Text: r.Text, Line: dict.ExclusionLine(r.Text, note)})
	}
	return out
}

// AppendExclusions adds lines to dir's exclusions file. The dictionary is
// checked with the lines in place before anything in dir changes: a copy
// of the folder is validated, then the new file is renamed over the old
// one, so dir is never left broken or half-written.
func AppendExclusions(dir string, lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	path := filepath.Join(dir, ExclusionsFile)
	old, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("无法读取 %s：%v", path, err)
	}
	var b strings.Builder
	b.Write(old)
	if len(old) > 0 && !strings.HasSuffix(string(old), "\n") {
		b.WriteByte('\n')
	}
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	next := []byte(b.String())

	if err := checkWith(dir, ExclusionsFile, next); err != nil {
		return err
	}
	return writeAtomic(path, next)
}

// checkWith validates dir as it would be with file replaced by data, in a
// scratch copy, and reports problems against the real folder's names.
func checkWith(dir, file string, data []byte) error {
	scratch, err := os.MkdirTemp("", "luoshi-dict-*")
	if err != nil {
		return fmt.Errorf("无法创建临时文件夹：%v", err)
	}
	defer os.RemoveAll(scratch)
	for _, name := range dict.Files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // Check reports it
		}
		if err != nil {
			return fmt.Errorf("无法读取 %s：%v", filepath.Join(dir, name), err)
		}
		if name == file {
			b = data
		}
		if err := os.WriteFile(filepath.Join(scratch, name), b, 0o644); err != nil {
			return fmt.Errorf("无法写入临时文件夹：%v", err)
		}
	}
	errs := dict.Check(scratch)
	if len(errs) == 0 {
		return nil
	}
	for _, e := range errs {
		if rel, err := filepath.Rel(scratch, e.File); err == nil && !strings.HasPrefix(rel, "..") {
			e.File = filepath.Join(dir, rel)
		}
	}
	return fmt.Errorf("写入后词典将无法使用，已放弃修改：%w", errs)
}
