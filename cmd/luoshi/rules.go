package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline"
	"github.com/luoshi/luoshi/pipeline/compare"
	"github.com/luoshi/luoshi/pipeline/eval"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ingest"
	"github.com/luoshi/luoshi/pipeline/review"
)

var rulesCmd = &cobra.Command{
	Use:   "rules",
	Short: "规则词典：导出默认词典、检查、比较修改前后的效果",
	Long: "规则词典是一组纯文本文件（每类规则一个文件），每个文件开头的注释说明写法。\n" +
		"用 rules init 导出一份默认词典，修改后用 rules check 检查，\n" +
		"再用 rules diff 看修改对具体文件的影响，满意后在 config.yaml 的 dict 项填上目录。",
	Args: cobra.NoArgs,
}

var rulesInitCmd = &cobra.Command{
	Use:   "init 目录",
	Short: "把内置的默认词典导出到目录，供修改",
	Long: "把内置的默认规则词典写到指定目录，每类规则一个文件，文件开头有中文说明和示例。\n" +
		"目录中已有词典文件时不覆盖，除非加 --force（会丢失对这些文件的修改）。",
	Example: "  luoshi rules init 我的词典",
	Args:    exactArgs(1, "请给出要导出到的目录，例如：luoshi rules init 我的词典"),
	RunE:    runRulesInit,
}

var rulesCheckCmd = &cobra.Command{
	Use:   "check [目录]",
	Short: "检查词典中的每个文件，逐条列出错误",
	Long: "检查规则词典（目录由参数、--dict 或配置项 dict 给出，都没有时检查内置词典）。\n" +
		"每个问题一行：文件:行号：原因。有错误时退出码为 1，没有错误时列出各文件的条目数。",
	Example: "  luoshi rules check --dict 我的词典\n  luoshi rules check 我的词典",
	Args:    cobra.MaximumNArgs(1),
	RunE:    runRulesCheck,
}

var rulesDiffCmd = &cobra.Command{
	Use:   "diff --dict 目录 文件…",
	Short: "比较修改后的词典与当前词典在这些文件上的结果",
	Long: "用修改后的词典（--dict）和当前词典（--base，默认为内置词典）分别处理每个文件，\n" +
		"列出新增和减少的任务（附原文）、归属或关键动作变化的任务、新增和减少的提法、\n" +
		"一级部署和重点任务。文件旁边（或词典目录的 gold 子目录中）有 NAME.gold.json 时，\n" +
		"同时给出修改前后的评分。",
	Example: "  luoshi rules diff --dict 我的词典 samples/讲话.txt",
	Args:    minArgs(1, "请给出要比较的文件，例如：luoshi rules diff --dict 我的词典 讲话.docx"),
	RunE:    runRulesDiff,
}

func init() {
	rulesInitCmd.Flags().Bool("force", false, "覆盖目录中已有的词典文件")
	rulesDiffCmd.Flags().String("base", "", "作为比较基准的词典目录（默认为内置词典）")
	rulesCmd.AddCommand(rulesInitCmd, rulesCheckCmd, rulesDiffCmd)
	root.AddCommand(rulesCmd)
}

// exactArgs and minArgs say in Chinese what is missing, where cobra's own
// validators would answer in English.
func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return errors.New(msg)
		}
		return nil
	}
}

func minArgs(n int, msg string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return errors.New(msg)
		}
		return nil
	}
}

func runRulesInit(cmd *cobra.Command, args []string) error {
	dir := args[0]
	force, _ := cmd.Flags().GetBool("force")
	out := cmd.OutOrStdout()
	var existing []string
	for _, name := range dict.Files {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			existing = append(existing, name)
		}
	}
	if len(existing) > 0 && !force {
		return fmt.Errorf("%s 中已有词典文件（%s），为免丢失修改未覆盖；确需恢复默认词典请加 --force", dir, strings.Join(existing, "、"))
	}
	if len(existing) == 0 {
		if err := dict.WriteDefaults(dir); err != nil {
			return err
		}
	} else {
		// WriteDefaults never overwrites; --force is this command's
		// promise, so the embedded files are copied here.
		for _, name := range dict.Files {
			b, err := dict.Default.ReadFile(name)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				return fmt.Errorf("无法写入 %s：%v", filepath.Join(dir, name), err)
			}
		}
	}
	fmt.Fprintf(out, "已把默认词典写到 %s（%d 个文件）：\n", dir, len(dict.Files))
	for _, name := range dict.Files {
		fmt.Fprintf(out, "  %s\n", filepath.Join(dir, name))
	}
	fmt.Fprintf(out, "修改后用 luoshi rules check --dict %s 检查，再在 config.yaml 中设置 dict: %s\n", dir, dir)
	return nil
}

func runRulesCheck(cmd *cobra.Command, args []string) error {
	dir := cfg.GetString("dict")
	if len(args) == 1 {
		dir = args[0]
	}
	out := cmd.OutOrStdout()
	name := dir
	if dir == "" {
		name = "内置词典"
	}
	if errs := dict.Check(dir); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(out, e.Error())
		}
		return &exitError{code: 1, msg: fmt.Sprintf("%s 有 %d 处错误，请按上面的文件和行号修改", name, len(errs))}
	}
	r, err := dict.Load(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "词典检查通过：%s\n", name)
	for _, c := range ruleCounts(r) {
		fmt.Fprintf(out, "  %-16s %5d 条\n", c.file, c.n)
	}
	writeConflicts(out, dir, dict.Conflicts(r))
	return nil
}

// maxConflictLines bounds the conflicts listed; the count says the rest.
const maxConflictLines = 30

// writeConflicts warns of words whose roles in different files contradict
// each other, each place as FILE:LINE, with the precedence that applies.
func writeConflicts(w io.Writer, dir string, cs []dict.Conflict) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(w, "提示：有 %d 个词在不同词典里的作用互相矛盾，请确认（%s）：\n", len(cs), dict.Precedence)
	for i, c := range cs {
		if i == maxConflictLines {
			fmt.Fprintf(w, "  ……还有 %d 个\n", len(cs)-i)
			break
		}
		var parts []string
		for _, r := range c.Roles {
			file := filepath.Join(dir, r.Src.File)
			if dir == "" {
				file = "dict/" + r.Src.File
			}
			parts = append(parts, fmt.Sprintf("%s:%d %s", file, r.Src.Line, r.What))
		}
		fmt.Fprintf(w, "  “%s”：%s\n", c.Text, strings.Join(parts, "；"))
	}
}

type ruleCount struct {
	file string
	n    int
}

// ruleCounts lists the entries of each dictionary file, in dict.Files order.
func ruleCounts(r *dict.Rules) []ruleCount {
	n := map[string]int{
		"words.txt": len(r.Words), "directives.txt": len(r.Directives),
		"exclusions.txt": len(r.Exclusions), "actors.txt": len(r.Actors),
		"timing.txt": len(r.Timing), "slogans.txt": len(r.Slogans),
		"units.txt": len(r.UnitList), "structure.txt": len(r.Structure), "grammar.txt": len(r.GrammarWords), "duties.txt": len(r.Duties),
	}
	var out []ruleCount
	for _, f := range dict.Files {
		out = append(out, ruleCount{f, n[f]})
	}
	return out
}

func runRulesDiff(cmd *cobra.Command, args []string) error {
	dir := cfg.GetString("dict")
	if dir == "" {
		return errors.New("请用 --dict 指定修改后的词典目录，例如：luoshi rules diff --dict 我的词典 讲话.docx")
	}
	baseDir, _ := cmd.Flags().GetString("base")
	// Both sets of rules load before any file, each with its full error
	// list: a diff against a broken dictionary means nothing.
	edited, err := dict.Load(dir)
	if err != nil {
		return fmt.Errorf("修改后的词典 %s 有错误：\n%w", dir, err)
	}
	base, err := dict.Load(baseDir)
	if err != nil {
		return fmt.Errorf("作为基准的词典有错误：\n%w", err)
	}
	opt, err := ingestOptions()
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	baseName := "内置词典"
	if baseDir != "" {
		baseName = baseDir
	}
	fmt.Fprintf(out, "比较：修改后 %s  对比  当前 %s\n", dir, baseName)
	failed := 0
	for _, path := range args {
		fmt.Fprintf(out, "\n== %s ==\n", filepath.Base(path))
		if err := diffFile(out, path, base, edited, dir, opt); err != nil {
			failed++
			fmt.Fprintln(out, "错误：", err)
		}
	}
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d 个文件无法比较（原因见上）", failed)}
	}
	return nil
}

func diffFile(w io.Writer, path string, base, edited *dict.Rules, dictDir string, opt ingest.Options) error {
	before, err := pipeline.Process(path, base, opt)
	if err != nil {
		return err
	}
	after, err := pipeline.Process(path, edited, opt)
	if err != nil {
		return err
	}
	compare.Documents(before, after).Write(w)

	gold, goldPath, err := findGold(path, dictDir)
	if err != nil {
		fmt.Fprintln(w, "评分：", err)
		return nil
	}
	if gold == nil {
		fmt.Fprintf(w, "评分：没有找到 %s.gold.json（文件旁边或 %s），不评分\n", export.Stem(path), filepath.Join(dictDir, "gold"))
		return nil
	}
	writeScores(w, goldPath, eval.Score(before, gold), eval.Score(after, gold))
	return nil
}

// findGold looks for NAME.gold.json beside the file, then in the dict
// folder's gold/ subfolder where `review import` writes it.
func findGold(path, dictDir string) (*eval.Gold, string, error) {
	name := export.Stem(path) + ".gold.json"
	for _, p := range []string{filepath.Join(filepath.Dir(path), name), filepath.Join(dictDir, "gold", name)} {
		g, err := review.LoadGold(p)
		if err != nil {
			return nil, p, err
		}
		if g != nil {
			return g, p, nil
		}
	}
	return nil, "", nil
}

func writeScores(w io.Writer, goldPath string, before, after *eval.Report) {
	fmt.Fprintf(w, "评分（对照 %s）：          修改前 → 修改后\n", goldPath)
	row := func(name string, b, a eval.Counts) {
		fmt.Fprintf(w, "  %-6s P %.3f → %.3f   R %.3f → %.3f   F1 %.3f → %.3f\n", name,
			b.Precision(), a.Precision(), b.Recall(), a.Recall(), b.F1(), a.F1())
	}
	row("一级部署", before.Pillars, after.Pillars)
	row("重点任务", before.Points, after.Points)
	row("具体措施", before.Tasks, after.Tasks)
	row("提法口号", before.Slogans, after.Slogans)
}
