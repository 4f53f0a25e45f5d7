package eval

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// WriteTable prints one row per report and, when total is not nil, a last
// row for it (the micro-average). Columns are aligned by display width, so
// that Chinese file names line up in a terminal.
func WriteTable(w io.Writer, reports []*Report, total *Report) error {
	rows := append([]*Report(nil), reports...)
	if total != nil {
		rows = append(rows, total)
	}
	nameW := displayWidth("文档")
	for _, r := range rows {
		nameW = max(nameW, displayWidth(r.Document))
	}
	const group = 14 // "1.00 1.00 1.00"
	const cell = 8   // "部署归属"
	var b strings.Builder
	line := func(cells ...string) {
		b.WriteString(strings.TrimRight(strings.Join(cells, "  "), " "))
		b.WriteByte('\n')
	}
	line(pad("文档", nameW), pad("一级部署", group), pad("二级要点", group), pad("具体措施", group), pad("提法口号", group),
		pad("部署归属", cell), pad("要点归属", cell), pad("主体召回", cell), "时限召回")
	prf := pad("P    R    F1", group)
	line(pad("", nameW), prf, prf, prf, prf, pad("准确率", cell), pad("准确率", cell), pad("召回率", cell), "召回率")
	rule := strings.Repeat("-", nameW+4*(group+2)+4*(cell+2)-2)
	b.WriteString(rule + "\n")
	for i, r := range rows {
		if total != nil && i == len(rows)-1 {
			b.WriteString(rule + "\n")
		}
		line(pad(r.Document, nameW), prfCells(r.Pillars), prfCells(r.Points), prfCells(r.Tasks), prfCells(r.Slogans),
			pad(ratioCell(r.PillarAccuracy), cell), pad(ratioCell(r.PointAccuracy), cell),
			pad(ratioCell(r.ActorRecall), cell), ratioCell(r.TimingRecall))
	}
	if total != nil {
		fmt.Fprintf(&b, "置信度 ≥ %.1f 的任务准确率 %s（%d 条），< %.1f 的 %s（%d 条）\n",
			HighBand, ratioCell(total.HighConfidence), total.HighConfidence.Total,
			HighBand, ratioCell(total.LowConfidence), total.LowConfidence.Total)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func prfCells(c Counts) string {
	return fmt.Sprintf("%.2f %.2f %.2f", c.Precision(), c.Recall(), c.F1())
}

func ratioCell(r Ratio) string {
	v, ok := r.Value()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.2f", v)
}

func pad(s string, w int) string {
	if n := displayWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// displayWidth counts East Asian wide and fullwidth characters as two
// columns, as terminals draw them.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

var problemNames = map[string]string{
	"missed":        "漏掉",
	"spurious":      "多出",
	"wrong_pillar":  "一级部署归属错误",
	"wrong_point":   "要点归属错误",
	"actor_missed":  "漏掉责任主体",
	"timing_missed": "漏掉时间要求",
}

var kindNames = map[string]string{
	"pillar": "一级部署",
	"point":  "二级要点",
	"task":   "具体措施",
	"slogan": "提法口号",
}

// WriteFindings lists a report's errors for the rule developer: counts
// first, then every missed and spurious item grouped by kind, with the
// closest item on the other side (a near miss usually means a sentence was
// cut or merged differently), for predictions the rules that fired, and
// the sentence number that `luoshi explain --sentence` takes.
func WriteFindings(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s ==\n", r.Document)
	for _, k := range []struct {
		name string
		c    Counts
	}{{"一级部署", r.Pillars}, {"二级要点", r.Points}, {"具体措施", r.Tasks}, {"提法口号", r.Slogans}} {
		fmt.Fprintf(&b, "%s：命中 %d，漏掉 %d，多出 %d，存疑搁置 %d\n", k.name, k.c.TP, k.c.FN, k.c.FP, k.c.SetAside)
	}
	for _, kind := range []string{"pillar", "point", "task", "slogan"} {
		for _, problem := range []string{"missed", "spurious", "wrong_pillar", "wrong_point", "actor_missed", "timing_missed"} {
			var fs []Finding
			for _, f := range r.Findings {
				if f.Kind == kind && f.Problem == problem {
					fs = append(fs, f)
				}
			}
			if len(fs) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\n[%s] %s（%d）\n", kindNames[kind], problemNames[problem], len(fs))
			for _, f := range fs {
				writeFinding(&b, f)
			}
		}
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFinding(b *strings.Builder, f Finding) {
	head := "  - "
	switch {
	case f.Sentence > 0:
		head += fmt.Sprintf("第%d句（第%d段） ", f.Sentence, f.Location.Paragraph)
	case f.Location != nil:
		head += fmt.Sprintf("第%d段第%d句 ", f.Location.Paragraph, f.Location.Sentence)
	}
	fmt.Fprintf(b, "%s%s\n", head, f.Text)
	if f.Where != "" {
		fmt.Fprintf(b, "      位置：%s\n", f.Where)
	}
	if f.Want != "" || f.Got != "" {
		fmt.Fprintf(b, "      标注：%s\n      抽取：%s\n", f.Want, f.Got)
	}
	if f.Nearest != "" {
		side := "最接近的抽取结果"
		if f.Problem == "spurious" {
			side = "最接近的标注"
		}
		if f.Similarity > 0 {
			fmt.Fprintf(b, "      %s（相似度 %.2f）：%s\n", side, f.Similarity, f.Nearest)
		} else {
			fmt.Fprintf(b, "      %s：%s\n", side, f.Nearest)
		}
	}
	if len(f.Rules) > 0 {
		fmt.Fprintf(b, "      规则：%s\n", strings.Join(f.Rules, "，"))
	}
}

// WriteAssignTable prints the responsibility scores, one row a source
// file, and their total.
func WriteAssignTable(w io.Writer, reports []*AssignReport, total *AssignReport) error {
	rows := append(append([]*AssignReport(nil), reports...), total)
	nameW := displayWidth("文档")
	for _, r := range rows {
		nameW = max(nameW, displayWidth(r.Document))
	}
	const cell = 10
	var b strings.Builder
	line := func(cells ...string) {
		b.WriteString(strings.TrimRight(strings.Join(cells, "  "), " "))
		b.WriteByte('\n')
	}
	line(pad("文档（分工）", nameW), pad("原文分工", cell), pad("有任务的", cell), pad("范围内任务", cell),
		pad("牵头正确", cell), pad("配合正确", cell), pad("括号误作任务", cell), pad("建议牵头", cell), "建议在责任单位中")
	rule := strings.Repeat("-", nameW+8*(cell+2)+8)
	b.WriteString(rule + "\n")
	for i, r := range rows {
		if i == len(rows)-1 {
			b.WriteString(rule + "\n")
		}
		line(pad(r.Document, nameW), pad(strconv.Itoa(r.Scopes), cell), pad(strconv.Itoa(r.Covered), cell),
			pad(strconv.Itoa(r.Tasks), cell), pad(ratioCell(r.Lead), cell), pad(ratioCell(r.Partners), cell),
			pad(strconv.Itoa(r.Parentheticals), cell), pad(ratioCell(r.SuggestLead), cell), ratioCell(r.SuggestAny))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteSuggestMisses lists, for one document, the tasks whose suggested
// lead is not the gold's: what was suggested, on what basis, and what the
// plan states, for a reviewer working on duties.txt.
func WriteSuggestMisses(w io.Writer, r *AssignReport) error {
	if len(r.SuggestMisses) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "== %s：建议牵头与原文不同的 %d 条 ==\n", r.Document, len(r.SuggestMisses))
	for _, m := range r.SuggestMisses {
		text := []rune(m.Task)
		if len(text) > 40 {
			text = append(text[:40], '…')
		}
		suggested := m.Suggested
		if suggested == "" {
			suggested = "（无建议）"
		}
		fmt.Fprintf(&b, "  %s\n    建议 %s  原文 %s", string(text), suggested, strings.Join(m.Lead, "、"))
		if len(m.Partners) > 0 {
			fmt.Fprintf(&b, "（配合 %s）", strings.Join(m.Partners, "、"))
		}
		if m.Basis != "" {
			fmt.Fprintf(&b, "  依据 %s", m.Basis)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
