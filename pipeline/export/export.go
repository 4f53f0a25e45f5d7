// Package export writes an annotated document in the three forms a
// department uses: the task workbook (任务分解表, .xlsx) that reviewers fill
// in, the JSON extraction contract, and a CSV of the tasks for other tools.
// All three are written from the same doc.Document, so they never disagree.
package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// Suffix ends every output name: 讲话 一.docx → 讲话 一-任务分解.xlsx.
const Suffix = "-任务分解"

// Stem is the name outputs of src are built from: its base name without
// extension, cut to MaxStem bytes.
func Stem(src string) string {
	base := filepath.Base(src)
	return FitStem(strings.TrimSuffix(base, filepath.Ext(base)))
}

// MaxStem bounds the bytes of a stem, so that its longest output name (a
// kept version: STEM-任务分解-20261130-153000 (12).xlsx, 40 bytes more)
// stays within the 255 bytes a file name may have. A source name of 80
// Chinese characters is legal; its outputs' names would not be.
const MaxStem = 255 - 45

// FitStem cuts s to MaxStem bytes at a character boundary.
func FitStem(s string) string {
	if len(s) <= MaxStem {
		return s
	}
	cut := MaxStem
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// Names are the file names (no directory) of one document's outputs.
type Names struct {
	Workbook, JSON, CSV string
	// Docx is the 任务分解表 as a Word table, to attach to a notice. The
	// ledger writes it, from the workbook as people filled it, so it is
	// not among the outputs a document's processing writes (All).
	Docx string
}

// NamesFor returns the output names built from stem.
func NamesFor(stem string) Names {
	n := stem + Suffix
	return Names{Workbook: n + ".xlsx", JSON: n + ".json", CSV: n + ".csv", Docx: n + ".docx"}
}

// All lists the names a document's processing writes, in that order.
func (n Names) All() []string { return []string{n.Workbook, n.JSON, n.CSV} }

// Where renders a location the way a clerk cites a text: 第3段第2句.
func Where(l doc.Location) string {
	switch {
	case l.Paragraph == 0:
		return ""
	case l.Sentence == 0:
		return fmt.Sprintf("第%d段", l.Paragraph)
	}
	return fmt.Sprintf("第%d段第%d句", l.Paragraph, l.Sentence)
}

// OCRNote follows the place of a task read by OCR from a scanned page.
const OCRNote = "（OCR识别，请核对原件）"

// where is the 原文位置 of t: Where, and OCRNote for a scanned page's.
func where(t *doc.Task) string {
	if t.OCR {
		return Where(t.Location) + OCRNote
	}
	return Where(t.Location)
}

// pillarLabel is how a pillar is named in every sheet: "一、标题".
func pillarLabel(d *doc.Document, i int) string {
	if i < 1 || i > len(d.Pillars) {
		return ""
	}
	p := d.Pillars[i-1]
	switch {
	case p.Number == "":
		return p.Title
	case p.Title == "":
		return p.Number
	}
	return p.Number + "、" + p.Title
}

// PillarLabel is the label the task sheet gives pillar i of d (0 for the
// tasks under none): 一、标题, or OutsideLabel.
func PillarLabel(d *doc.Document, i int) string {
	if i == 0 {
		return OutsideLabel
	}
	return pillarLabel(d, i)
}

// TaskID is the id a task's row carries in the workbook (任务编号).
func TaskID(t *doc.Task) string { return taskID(t) }

// OutsideLabel names the group of tasks that stand under no pillar
// (opening and closing remarks).
const OutsideLabel = "（未归入一级部署）"

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// keyAction is what the 关键动作 column shows: the directive verb with its
// object when the extraction found one.
func keyAction(t *doc.Task) string {
	if t.Object == "" {
		return t.Action
	}
	return t.Action + t.Object
}

// taskID is the stable id reviewers' input is carried over by. A task
// without one (an extraction that does not assign ids) still needs a key
// that survives a rerun, so its text stands in.
func taskID(t *doc.Task) string {
	if t.ID != "" {
		return t.ID
	}
	sum := sha256.Sum256([]byte(t.Text))
	return "T" + hex.EncodeToString(sum[:5])
}

// compactRules shortens a task's rule list for a cell while keeping every
// rule traceable: dict/a.txt:要, dict/a.txt:持续, dict/b.txt:各级 becomes
// "dict/a.txt:要、持续" and "dict/b.txt:各级", one file a line (joined by
// sep). The entry follows the first colon: file names have none, entries
// (a regular expression, a sentence) may.
func compactRules(rules []string, sep string) string {
	var files []string
	lines := map[string][]string{}
	for _, r := range rules {
		i := strings.IndexByte(r, ':')
		if i < 0 || !strings.HasPrefix(r, "dict/") {
			files = append(files, r) // a named pattern stands alone
			continue
		}
		f, n := r[:i], r[i+1:]
		if _, ok := lines[f]; !ok {
			files = append(files, f)
		}
		lines[f] = append(lines[f], n)
	}
	out := make([]string, len(files))
	for i, f := range files {
		if ns, ok := lines[f]; ok {
			out[i] = f + ":" + strings.Join(ns, "、")
		} else {
			out[i] = f
		}
	}
	return strings.Join(out, sep)
}
