package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/luoshi/luoshi/pipeline"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/extract"
)

var explainCmd = &cobra.Command{
	Use:   "explain 文件",
	Short: "逐句说明为什么是（或不是）任务",
	Long: "逐句列出原文、位置、分词结果、命中或差一点命中的每条规则，以及结论\n" +
		"（是否任务、置信度、所属一级部署和重点任务）。句子按全文从 1 开始编号，\n" +
		"用 --sentence 只看其中一句；编号与本命令的输出一致。",
	Example: "  luoshi explain samples/zugong-xuhui-2022.txt\n  luoshi explain --sentence 12 --dict 我的词典 讲话.docx",
	Args:    exactArgs(1, "请给出一个文件，例如：luoshi explain 讲话.docx"),
	RunE:    runExplain,
}

func init() {
	explainCmd.Flags().Int("sentence", 0, "只说明第 N 句（全文从 1 开始编号，0 表示全部）")
	root.AddCommand(explainCmd)
}

func runExplain(cmd *cobra.Command, args []string) error {
	n, _ := cmd.Flags().GetInt("sentence")
	if n < 0 {
		return fmt.Errorf("--sentence 应为正整数，现在是 %d", n)
	}
	rules, opt, err := loadPipeline()
	if err != nil {
		return err
	}
	d, err := pipeline.Process(args[0], rules, opt)
	if err != nil {
		return err
	}
	total := 0
	for _, p := range d.Paragraphs {
		total += len(p.Sentences)
	}
	if n > total {
		return fmt.Errorf("%s 共 %d 句，没有第 %d 句", d.Info.Name, total, n)
	}
	out := cmd.OutOrStdout()
	first, last := 1, total
	if n > 0 {
		first, last = n, n
	} else {
		fmt.Fprintf(out, "%s：共 %d 句，%d 项任务，规则版本 %s\n", d.Info.Name, total, len(d.Tasks), rules.Version())
	}
	for i := first; i <= last; i++ {
		e, err := extract.Explain(d, rules, i)
		if err != nil {
			return err
		}
		writeExplanation(out, d, i, e)
	}
	return nil
}

func writeExplanation(w io.Writer, d *doc.Document, n int, e *extract.Explanation) {
	fmt.Fprintf(w, "\n第 %d 句　%s（字符 %d–%d）\n", n, export.Where(e.Location), e.Location.Start, e.Location.End)
	fmt.Fprintf(w, "  原文：%s\n", e.Text)
	fmt.Fprintf(w, "  分词：%s\n", strings.Join(e.Segments, " / "))
	if len(e.Evidence) == 0 {
		fmt.Fprintln(w, "  规则：没有规则命中")
	} else {
		fmt.Fprintln(w, "  规则：")
		for _, ev := range e.Evidence {
			mark := "命中"
			if !ev.Fired {
				mark = "未采用"
			}
			fmt.Fprintf(w, "    [%s] %s　「%s」　%s\n", mark, ev.Rule, ev.Matched, ev.Effect)
		}
	}
	where := "一级部署：" + pillarTitle(d, e.Pillar)
	if e.Pillar > 0 && e.Point > 0 && e.Point <= len(d.Pillars[e.Pillar-1].Points) {
		where += "；重点任务：" + d.Pillars[e.Pillar-1].Points[e.Point-1].Title
	}
	if e.Task == nil {
		fmt.Fprintf(w, "  结论：不是任务（%s）\n", where)
		return
	}
	t := e.Task
	fmt.Fprintf(w, "  结论：是任务，置信度 %.2f，任务编号 %s（%s）\n", t.Confidence, t.ID, where)
	if t.Action != "" {
		fmt.Fprintf(w, "        关键动作：%s\n", t.Action+t.Object)
	}
	if len(t.Actors) > 0 {
		fmt.Fprintf(w, "        责任主体：%s\n", strings.Join(t.Actors, "、"))
	}
	if len(t.Timing) > 0 {
		fmt.Fprintf(w, "        时间要求：%s\n", strings.Join(t.Timing, "、"))
	}
}

// pillarTitle names pillar i (1-based) of d as the workbook does.
func pillarTitle(d *doc.Document, i int) string {
	if i < 1 || i > len(d.Pillars) {
		return "（未归入一级部署）"
	}
	p := d.Pillars[i-1]
	if p.Number == "" {
		return p.Title
	}
	return p.Number + "、" + p.Title
}
