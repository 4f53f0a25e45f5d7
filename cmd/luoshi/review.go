package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/batch"
	"github.com/luoshi/luoshi/pipeline/eval"
	"github.com/luoshi/luoshi/pipeline/ledger"
	"github.com/luoshi/luoshi/pipeline/review"
)

var reviewCmd = &cobra.Command{
	Use:   "review",
	Short: "导入审核过的任务分解表",
	Args:  cobra.NoArgs,
}

var reviewImportCmd = &cobra.Command{
	Use:   "import --dict 目录 工作簿…",
	Short: "把任务分解表中的审核意见变成排除规则和标注（金标准）",
	Long: `读取审核过的任务分解表（“任务分解”工作表的“审核意见”列）：

  误报    把这一句作为排除规则追加到词典目录的 exclusions.txt（只排除这一整句，
          不影响同一个词在别处的用法），行尾注释写明来自哪个工作簿的第几行；
  需修改  把“备注”中改正后的文字作为这项任务的标准答案；
  确认    这项任务作为标准答案。

所有行一起写成标注文件 NAME.gold.json（格式见语料目录的 GUIDELINE.md），
供 luoshi eval 和 luoshi rules diff 评分；没有审核意见的行记为存疑（borderline），
不计分。标注文件默认写在收件箱（或归档文件夹）中源文件的旁边，但不覆盖人工标注；
找不到源文件时写到词典目录的 gold 子目录；--gold-dir 可另指定。
同一个工作簿导入两次不会重复添加规则。写入前先检查词典，检查不通过则不做任何修改。
词典目录须已存在（先用 luoshi rules init 目录 创建）。

也可以给出各单位交回的任务清单（输出文件夹“按单位”里的“单位-任务清单.xlsx”，单位填好后交回的）：
其中的进展状态、进展情况、实际完成时间、延期原因写进各文件的任务分解表（--out 输出文件夹），
并重新生成总台账。督查部门已经填写的内容不会被覆盖，不一致的地方列在“按单位/反馈冲突.csv”。
只导入任务清单时不需要 --dict。`,
	Example: "  luoshi review import --dict 我的词典 输出/讲话-任务分解.xlsx\n  luoshi review import 交回/省发展改革委-任务清单.xlsx",
	Args:    minArgs(1, "请给出审核过的任务分解表，例如：luoshi review import --dict 我的词典 讲话-任务分解.xlsx"),
	RunE:    runReviewImport,
}

func init() {
	f := reviewImportCmd.Flags()
	f.String("gold-dir", "", "标注文件（NAME.gold.json）的存放目录（默认写在收件箱或归档文件夹中的源文件旁边，找不到源文件时写到词典目录下的 gold）")
	f.String("in", "samples", "收件箱：在这里（或归档文件夹中）找到源文件时，标注文件写在源文件旁边")
	f.String("archive", "", "归档文件夹")
	f.String("out", defaults["outbox"].(string), "输出文件夹：交回的任务清单写进这里的任务分解表和总台账")
	reviewCmd.AddCommand(reviewImportCmd)
	root.AddCommand(reviewCmd)
}

func runReviewImport(cmd *cobra.Command, args []string) error {
	// Units' returned shares go to the outbox's workbooks; the rest are
	// reviewed workbooks, for the dictionary.
	var shares []*ledger.Returned
	var names []string
	var rest []string
	for _, path := range args {
		if ret, ok, err := ledger.ReadReturned(path); err == nil && ok {
			shares, names = append(shares, ret), append(names, path)
			continue
		}
		rest = append(rest, path)
	}
	if len(shares) > 0 {
		if err := importShares(cmd, names, shares); err != nil {
			return err
		}
		if len(rest) == 0 {
			return nil
		}
		args = rest
	}
	dir := cfg.GetString("dict")
	if dir == "" {
		return errors.New("请用 --dict 指定要写入的词典目录（先用 luoshi rules init 目录 创建）")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("词典目录 %s 不存在，请先用 luoshi rules init %s 创建", dir, dir)
	}
	// The rules are loaded first: adding to a dictionary that is already
	// broken would bury the real error under new lines.
	rules, err := dict.Load(dir)
	if err != nil {
		return fmt.Errorf("词典目录 %s 有错误，请先修正：\n%w", dir, err)
	}
	goldDir, _ := cmd.Flags().GetString("gold-dir")
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()

	type goldFile struct {
		path string
		gold *eval.Gold
	}
	var golds []goldFile
	var added []review.Exclusion
	var lessons []review.Lesson
	have := map[string]bool{}
	failed := 0
	for _, path := range args {
		wb, err := review.ReadFile(path)
		if err != nil {
			failed++
			fmt.Fprintln(errOut, "错误：", err)
			continue
		}
		var counts [4]int // 确认, 误报, 需修改, 未审核
		for _, r := range wb.Rows {
			switch r.Verdict {
			case review.Confirmed:
				counts[0]++
			case review.FalsePositive:
				counts[1]++
			case review.NeedsEdit:
				counts[2]++
			default:
				counts[3]++
			}
		}
		name := filepath.Base(path)
		fmt.Fprintf(out, "%s：确认 %d 行，误报 %d 行，需修改 %d 行，未审核 %d 行\n", name, counts[0], counts[1], counts[2], counts[3])
		reviewed := reviewDate(path)
		before := len(wb.Warnings)
		xs := review.Exclusions(wb, rules, have, reviewed)
		tooLong := len(wb.Warnings) - before // rows Exclusions skipped, each with a warning
		for _, w := range wb.Warnings {
			fmt.Fprintf(out, "  注意：%s\n", w)
		}
		if skipped := counts[1] - len(xs) - tooLong; skipped > 0 {
			fmt.Fprintf(out, "  %d 行误报已有相同的排除规则，不再重复添加\n", skipped)
		}
		added = append(added, xs...)
		if rv, err := review.ReadInputFile(path); err == nil {
			lessons = append(lessons, review.Learn(rv.Rows, rules)...)
		}

		gp, note := goldPath(wb, goldDir, dir)
		if note != "" {
			fmt.Fprintf(out, "  注意：%s\n", note)
		}
		base, err := review.LoadGold(gp)
		if err == nil && base != nil && !review.FromReview(base) {
			failed++
			fmt.Fprintf(errOut, "错误： %s 是人工标注，不覆盖；请用 --gold-dir 另选目录\n", gp)
			continue
		}
		if err != nil {
			// A gold file that no longer parses is replaced rather than
			// merged; its slogans are lost, which the message says.
			fmt.Fprintf(out, "  注意：原有标注文件无法读取（%v），将重新生成\n", err)
			base = nil
		}
		golds = append(golds, goldFile{gp, review.BuildGold(wb, base)})
	}

	if err := review.WriteLessons(dir, lessons, "审核于 "+time.Now().Format("2006-01-02")); err != nil {
		return err
	}
	if len(lessons) > 0 {
		n := 0
		for _, l := range lessons {
			n += len(l.Words)
		}
		fmt.Fprintf(out, "%s：从审核人填写的牵头单位学到 %d 类单位的 %d 个职责用语（learned= 字段，可以修改）\n",
			filepath.Join(dir, review.DutiesFile), len(lessons), n)
	}

	lines := make([]string, len(added))
	for i, x := range added {
		lines[i] = x.Line
	}
	if err := review.AppendExclusions(dir, lines); err != nil {
		return err
	}
	exPath := filepath.Join(dir, review.ExclusionsFile)
	if len(added) == 0 {
		fmt.Fprintf(out, "%s：没有新增排除规则\n", exPath)
	} else {
		fmt.Fprintf(out, "%s：新增 %d 条排除规则（词典检查通过）：\n", exPath, len(added))
		for _, x := range added {
			fmt.Fprintf(out, "  + %s 第%d行：%s\n", x.Workbook, x.Row, x.Text)
		}
	}
	for _, g := range golds {
		if err := review.WriteGold(g.path, g.gold); err != nil {
			failed++
			fmt.Fprintln(errOut, "错误：", err)
			continue
		}
		fmt.Fprintf(out, "标注文件：%s（%d 项任务，其中存疑 %d 项）\n", g.path, len(g.gold.Tasks), borderline(g.gold))
	}
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d 个文件未能导入（原因见上）", failed)}
	}
	return nil
}

// goldPath decides where the gold of wb goes, and says why when it is not
// where the user might expect. An explicit --gold-dir wins. Otherwise the
// gold goes beside the source document when it is found in the inbox or
// the archive, where luoshi eval and rules diff look for it; a hand-made
// gold there is never overwritten. Failing both, the dict folder's gold/.
func goldPath(wb *review.Workbook, goldDir, dictDir string) (path, note string) {
	name := wb.Stem() + ".gold.json"
	if goldDir != "" {
		return filepath.Join(goldDir, name), ""
	}
	fallback := filepath.Join(dictDir, "gold", name)
	for _, key := range []string{"inbox", "archive"} {
		d := cfg.GetString(key)
		if d == "" {
			continue
		}
		if st, err := os.Stat(filepath.Join(d, wb.DocumentName())); err != nil || st.IsDir() {
			continue
		}
		beside := filepath.Join(d, name)
		g, err := review.LoadGold(beside)
		if err == nil && g != nil && !review.FromReview(g) {
			return fallback, fmt.Sprintf("%s 是人工标注，不覆盖；审核结果写到 %s", beside, fallback)
		}
		return beside, ""
	}
	return fallback, ""
}

// reviewDate is when the reviewer last saved the workbook: the date the
// verdicts in it were given.
func reviewDate(path string) time.Time {
	if st, err := os.Stat(path); err == nil {
		return st.ModTime()
	}
	return time.Now()
}

func borderline(g *eval.Gold) int {
	n := 0
	for _, t := range g.Tasks {
		if t.Borderline {
			n++
		}
	}
	return n
}

// importShares takes units' returned shares into the outbox's workbooks
// and rebuilds the ledger.
func importShares(cmd *cobra.Command, paths []string, shares []*ledger.Returned) error {
	log.SetFlags(0)
	p, err := newProcessor(cmd.Context(), false)
	if err != nil {
		return err
	}
	defer p.Close()
	out := cmd.OutOrStdout()
	failed := 0
	for i, ret := range shares {
		fb := p.ApplyReturned(ret)
		fmt.Fprintf(out, "%s：%s交回的任务清单，%d 项任务，更新了 %d 个任务分解表", filepath.Base(paths[i]), ret.Unit, len(ret.Rows), len(fb.Updated))
		if len(fb.Conflicts) > 0 {
			fmt.Fprintf(out, "；%d 处与督查部门已填写的内容不同，保留了督查部门的内容，单位填报的列在 %s", len(fb.Conflicts),
				filepath.Join(cfg.GetString("outbox"), ledger.ShareDir, batch.ConflictFile))
		}
		fmt.Fprintln(out, "。")
		for _, pr := range fb.Problems {
			failed++
			fmt.Fprintln(out, "  错误："+pr)
		}
	}
	ledgerSummary(out, cfg.GetString("outbox"), p.Ledger())
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d 处进展没有写入，原因见上", failed)}
	}
	return nil
}
