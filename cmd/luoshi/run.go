package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/luoshi/luoshi/pipeline/batch"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ledger"
)

var runCmd = &cobra.Command{
	Use:   "run",
	Short: "处理收件箱里的全部文件，生成任务分解表",
	Long: "处理收件箱里的每个 .docx、.doc、.wps、.pdf、.ofd、.txt 文件，在输出文件夹为每个文件生成\n" +
		"“文件名-任务分解.xlsx”，以及同名的 .json 和 .csv，并写出“批处理报告.csv”。\n\n" +
		"已经处理过、内容和规则都没变的文件会跳过，不改动任何输出（--force 全部重做）。\n" +
		"重新生成任务分解表时，表中已填写的牵头单位、配合单位、责任领导、完成时限、\n" +
		"进展状态、审核意见、备注按任务编号带到新表；被人改过的旧表另存在“历史版本”文件夹。\n" +
		"某个文件处理失败时写明原因，其余文件照常处理；有失败时退出码为 1。",
	Example: "  luoshi run\n  luoshi run --in 收件箱 --out 输出 --archive 已处理\n  luoshi run --force",
	Args:    cobra.NoArgs,
	RunE:    runRun,
}

func init() {
	batchFlags(runCmd)
	runCmd.Flags().Bool("force", false, "已处理过的文件也全部重新处理（已填写的内容照样保留）")
	root.AddCommand(runCmd)
}

// batchFlags declares the flags run and watch share; named like the
// configuration keys, they override them (see loadConfig).
func batchFlags(c *cobra.Command) {
	f := c.Flags()
	f.String("in", defaults["inbox"].(string), "收件箱：放待处理文件的文件夹")
	f.String("out", defaults["outbox"].(string), "输出文件夹")
	f.String("archive", defaults["archive"].(string), "归档文件夹：输出写好后把源文件移到这里（默认不移动）")
	f.Int("workers", defaults["workers"].(int), "同时处理的文件数（0 表示按 CPU 核数）")
}

// newProcessor builds the one-file processor run and watch share from the
// configuration.
func newProcessor(ctx context.Context, force bool) (*batch.Processor, error) {
	rules, opt, err := loadPipeline()
	if err != nil {
		return nil, err
	}
	wait, err := duration("lock_wait")
	if err != nil {
		return nil, err
	}
	budget, err := duration("file_timeout")
	if err != nil {
		return nil, err
	}
	out := cfg.GetString("outbox")
	p, err := batch.New(batch.Config{
		Out:         out,
		Archive:     cfg.GetString("archive"),
		Rules:       rules,
		Ingest:      opt,
		Force:       force,
		LockWait:    wait,
		Context:     ctx,
		FileTimeout: budget,
		OnLockWait: func() {
			log.Printf("另一个 luoshi 正在使用输出文件夹 %s，等它结束后再开始（最多等 %s，配置项 lock_wait；按 Ctrl-C 放弃）……", out, wait)
		},
	})
	if err != nil {
		return nil, err
	}
	if p.Warning != "" {
		log.Print(p.Warning)
	}
	return p, nil
}

func workers() int {
	if n := cfg.GetInt("workers"); n > 0 {
		return n
	}
	return runtime.NumCPU()
}

func runRun(cmd *cobra.Command, args []string) error {
	log.SetFlags(0)
	force, _ := cmd.Flags().GetBool("force")
	// Ctrl-C starts no new file; the files in hand finish and are written
	// whole, the rest wait for the next run. A second Ctrl-C exits at once.
	ctx, stop := interrupts(cmd.Context(), "收到中断信号：不再开始新的文件，正在处理的文件写完后退出（再按一次 Ctrl-C 立即退出）。")
	defer stop()
	p, err := newProcessor(ctx, force)
	if err != nil {
		return err
	}
	defer p.Close()
	in, out := cfg.GetString("inbox"), cfg.GetString("outbox")
	paths, err := batch.Scan(in)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fmt.Fprintf(cmd.OutOrStdout(), "收件箱 %s 里没有文件。\n", in)
		ledgerSummary(cmd.OutOrStdout(), out, p.Ledger())
		return nil
	}
	each := logResult(len(paths))
	if term.IsTerminal(int(os.Stderr.Fd())) {
		bar := progressbar.NewOptions(len(paths),
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("处理中"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
		)
		each = func(batch.Result) { bar.Add(1) }
		defer bar.Finish()
	}
	results := p.RunAll(ctx, paths, workers(), each)
	wrote, err := batch.WriteReport(out, results)
	if err != nil {
		log.Printf("批处理报告无法写入：%v", err)
	}
	report := ""
	if wrote {
		report = filepath.Join(out, batch.ReportFile)
	}
	err = summary(cmd.OutOrStdout(), results, report)
	ledgerSummary(cmd.OutOrStdout(), out, p.Ledger())
	if ctx.Err() != nil && cmd.Context().Err() == nil {
		return &exitError{code: exitInterrupted, msg: "处理被中断：没处理的文件下次运行时处理"}
	}
	return err
}

// ledgerSummary says where the 总台账 and the units' shares are.
func ledgerSummary(w io.Writer, out string, rep ledger.Report) {
	if rep.Documents > 0 {
		fmt.Fprintf(w, "总台账：%s（%d 个文件，%d 项任务）", filepath.Join(out, ledger.File), rep.Documents, rep.Tasks)
		if rep.Shares > 0 {
			fmt.Fprintf(w, "；%d 个单位的任务清单在 %s", rep.Shares, filepath.Join(out, ledger.ShareDir))
		}
		if rep.Tables > 0 {
			fmt.Fprintf(w, "；更新了 %d 份可打印的 Word 任务分解表", rep.Tables)
		}
		fmt.Fprintln(w, "。")
	}
	for _, pr := range rep.Problems {
		fmt.Fprintln(w, "  注意："+pr)
	}
}

// logResult returns the plain progress lines used when stderr is not a
// terminal (a log file, a scheduled task).
func logResult(total int) func(batch.Result) {
	n := 0
	return func(r batch.Result) {
		n++
		line := fmt.Sprintf("[%d/%d] %s %s", n, total, r.Status, r.Source)
		switch {
		case r.Share:
			line += "：" + r.Reason
		case r.Status == batch.Done:
			line += fmt.Sprintf("：%d 项任务", r.Tasks)
		case r.Reason != "":
			line += "：" + r.Reason
		}
		log.Print(line)
	}
}

// summary prints the end of a batch in Chinese and turns failures into the
// exit code.
func summary(w io.Writer, results []batch.Result, report string) error {
	var done, skipped, tasks int
	var failed, shares []batch.Result
	for _, r := range results {
		switch {
		case r.Share && r.Status == batch.Done:
			shares = append(shares, r)
			continue
		}
		switch r.Status {
		case batch.Done:
			done++
			tasks += r.Tasks
		case batch.Skipped:
			skipped++
		case batch.Failed:
			failed = append(failed, r)
		}
	}
	fmt.Fprintf(w, "共 %d 个文件：完成 %d 个（找到 %d 项任务），跳过 %d 个，失败 %d 个。\n",
		len(results)-len(shares), done, tasks, skipped, len(failed))
	for _, r := range shares {
		fmt.Fprintf(w, "收回 %s：%s\n", r.Source, r.Reason)
	}
	for _, r := range results {
		if r.Kept != "" {
			fmt.Fprintf(w, "  %s：任务分解表被人改过，旧表另存为 %s。\n", r.Source, r.Kept)
		}
		if line := carryLine(r.Carry); line != "" {
			fmt.Fprintf(w, "  %s：%s\n", r.Source, line)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintln(w, "处理失败的文件：")
		for _, r := range failed {
			fmt.Fprintf(w, "  %s：%s\n", r.Source, r.Reason)
		}
	}
	if report != "" {
		fmt.Fprintf(w, "批处理报告：%s\n", report)
	}
	if len(failed) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d 个文件处理失败", len(failed))}
	}
	return nil
}

// carryLine says truthfully where the input typed into a replaced
// workbook went, "" when there was none.
func carryLine(c export.CarryReport) string {
	var parts []string
	if c.ByID > 0 {
		parts = append(parts, fmt.Sprintf("%d 行已填写的内容按任务编号带到新表", c.ByID))
	}
	if c.Reworded > 0 {
		parts = append(parts, fmt.Sprintf("%d 行的原句有改动，已按最相近的句子带入（见“%s”一栏，请核对）", c.Reworded, export.ColChanged))
	}
	if c.Removed > 0 {
		parts = append(parts, fmt.Sprintf("%d 行在新的原文中找不到对应的任务，填写的内容放在“%s”工作表", c.Removed, export.SheetRemoved))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "；") + "。"
}
