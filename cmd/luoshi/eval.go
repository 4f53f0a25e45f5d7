package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline"
	"github.com/luoshi/luoshi/pipeline/assign"
	"github.com/luoshi/luoshi/pipeline/eval"
	"github.com/luoshi/luoshi/pipeline/ingest"
)

var evalCmd = &cobra.Command{
	Use:   "eval [目录或文件…]",
	Short: "对照人工标注（NAME.gold.json）给抽取结果打分",
	Long: `对照人工标注给抽取结果打分，评分方法见语料目录中的 GUIDELINE.md。

在给出的目录（默认是配置的收件箱）中，每个 NAME.gold.json 标注文件与旁边的
NAME.txt / NAME.docx / NAME.pdf 配成一对：程序用当前规则词典处理源文件，
再与标注逐项比对，按文档列出一级部署、二级要点、具体措施、提法口号的
准确率（P）、召回率（R）和 F1，以及命中措施的归属准确率和责任主体、
时间要求的召回率；最后一行是所有文档合计的微平均。

目录里的 NAME.assign.json 是分工标注（原文写明的责任单位）：程序处理旁边的
NAME.txt / NAME.pdf 等，另列一张表：牵头单位、配合单位对的比例，括号被误当成任务的条数，
以及不看原文括号、按职责表建议的牵头单位对的比例。

也可以直接给出标注文件或源文件的路径。`,
	Example: `  luoshi eval samples
  luoshi eval samples --verbose
  luoshi eval samples --min-task-f1 0.6
  luoshi eval samples --json > 评分.json`,
	RunE: runEval,
}

func init() {
	f := evalCmd.Flags()
	f.Float64("min-task-f1", 0, "具体措施 F1（微平均）的最低要求，低于它时以非零状态退出（0 表示不检查）")
	f.Float64("min-actor-recall", 0, "责任主体召回率（微平均）的最低要求，低于它时以非零状态退出（0 表示不检查）")
	f.Float64("min-timing-recall", 0, "时间要求召回率（微平均）的最低要求，低于它时以非零状态退出（0 表示不检查）")
	f.Bool("json", false, "以 JSON 输出评分结果")
	f.BoolP("verbose", "v", false, "逐个文档列出漏掉的和多出的条目，供改进规则时参考")
	root.AddCommand(evalCmd)
}

// evalPair is a gold file and the source file it annotates.
type evalPair struct {
	gold   string
	source string // empty until resolved
}

// evalFailure is one file of the batch that could not be scored.
type evalFailure struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func runEval(cmd *cobra.Command, args []string) error {
	minF1, _ := cmd.Flags().GetFloat64("min-task-f1")
	minActor, _ := cmd.Flags().GetFloat64("min-actor-recall")
	minTiming, _ := cmd.Flags().GetFloat64("min-timing-recall")
	asJSON, _ := cmd.Flags().GetBool("json")
	verbose, _ := cmd.Flags().GetBool("verbose")
	for flag, v := range map[string]float64{"--min-task-f1": minF1, "--min-actor-recall": minActor, "--min-timing-recall": minTiming} {
		if v < 0 || v > 1 {
			return fmt.Errorf("%s 应在 0 到 1 之间，现在是 %g", flag, v)
		}
	}
	if len(args) == 0 {
		args = []string{cfg.GetString("inbox")}
	}
	rules, opts, err := loadPipeline()
	if err != nil {
		return err
	}

	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	pairs, failures := findEvalPairs(args)
	if !asJSON {
		for _, f := range failures {
			fmt.Fprintln(errOut, "错误：", f.Error)
		}
	}
	var reports []*eval.Report
	for _, p := range pairs {
		r, err := scoreFile(p, rules, opts)
		if err != nil {
			failures = append(failures, evalFailure{File: p.gold, Error: err.Error()})
			if !asJSON {
				fmt.Fprintln(errOut, "错误：", err)
			}
			continue
		}
		reports = append(reports, r)
	}
	var assigned []*eval.AssignReport
	for _, a := range findAssignGolds(args) {
		rs, errs := scoreAssignFile(a, rules, opts)
		assigned = append(assigned, rs...)
		for _, err := range errs {
			failures = append(failures, evalFailure{File: a, Error: err.Error()})
			if !asJSON {
				fmt.Fprintln(errOut, "错误：", err)
			}
		}
	}
	if len(pairs) == 0 && len(assigned) == 0 && len(failures) == 0 {
		return fmt.Errorf("在 %s 中没有找到标注文件（NAME.gold.json 或 NAME.assign.json）", strings.Join(args, "、"))
	}
	total := eval.Merge("合计（微平均）", reports...)

	if asJSON {
		if err := writeEvalJSON(out, reports, total, assigned, failures); err != nil {
			return err
		}
	} else {
		if verbose && len(reports) > 0 {
			fmt.Fprintln(out, "句子编号与 luoshi explain 一致：用 luoshi explain --sentence 编号 文件 查看某一句命中或差一点命中的规则。")
			fmt.Fprintln(out)
			for _, r := range reports {
				if err := eval.WriteFindings(out, r); err != nil {
					return err
				}
			}
		}
		if len(reports) > 0 {
			if err := eval.WriteTable(out, reports, total); err != nil {
				return err
			}
		}
		if len(assigned) > 0 {
			if len(reports) > 0 {
				fmt.Fprintln(out)
			}
			if verbose {
				for _, r := range assigned {
					if err := eval.WriteSuggestMisses(out, r); err != nil {
						return err
					}
				}
			}
			if err := eval.WriteAssignTable(out, assigned, eval.MergeAssign("合计", assigned...)); err != nil {
				return err
			}
		}
	}

	if len(failures) > 0 {
		where := "原因见上"
		if asJSON {
			where = "原因见输出的 failed 部分"
		}
		return &exitError{code: 1, msg: fmt.Sprintf("%d 个标注文件未能评分（%s）", len(failures), where)}
	}
	if minF1 > 0 && total.Tasks.F1() < minF1 {
		return &exitError{code: 1, msg: fmt.Sprintf("具体措施 F1（微平均）为 %.3f，低于要求的 %.3f", total.Tasks.F1(), minF1)}
	}
	// Actors and timing have gates of their own: an edit of actors.txt
	// or timing.txt leaves the tasks as they were.
	for _, g := range []struct {
		name string
		r    eval.Ratio
		min  float64
	}{{"责任主体召回率", total.ActorRecall, minActor}, {"时间要求召回率", total.TimingRecall, minTiming}} {
		if v, ok := g.r.Value(); ok && g.min > 0 && v < g.min {
			return &exitError{code: 1, msg: fmt.Sprintf("%s（微平均）为 %.3f，低于要求的 %.3f", g.name, v, g.min)}
		}
	}
	return nil
}

// findEvalPairs lists the gold files named by args: every NAME.gold.json in
// a directory, a gold file given directly, or the gold file beside a
// source file given directly. Arguments that name nothing usable are
// reported and skipped, so that one typo does not stop the batch.
func findEvalPairs(args []string) ([]evalPair, []evalFailure) {
	var pairs []evalPair
	var failures []evalFailure
	seen := map[string]bool{}
	add := func(p evalPair) {
		if k, err := filepath.Abs(p.gold); err == nil && !seen[k] {
			seen[k] = true
			pairs = append(pairs, p)
		}
	}
	for _, a := range args {
		st, err := os.Stat(a)
		switch {
		case err != nil:
			failures = append(failures, evalFailure{File: a, Error: a + "：找不到这个文件或目录"})
		case st.IsDir():
			golds, _ := filepath.Glob(filepath.Join(a, "*.gold.json"))
			for _, g := range golds {
				add(evalPair{gold: g})
			}
		case strings.HasSuffix(a, ".gold.json"):
			add(evalPair{gold: a})
		case isSource(a):
			g := strings.TrimSuffix(a, filepath.Ext(a)) + ".gold.json"
			if _, err := os.Stat(g); err != nil {
				failures = append(failures, evalFailure{File: a, Error: filepath.Base(a) + "：旁边没有标注文件 " + filepath.Base(g)})
				continue
			}
			add(evalPair{gold: g, source: a})
		default:
			failures = append(failures, evalFailure{File: a, Error: filepath.Base(a) + "：不是标注文件（.gold.json）也不是 .txt / .docx / .pdf"})
		}
	}
	return pairs, failures
}

var sourceExts = []string{".txt", ".docx", ".pdf", ".ofd"}

// findAssignGolds lists the NAME.assign.json files in the directories of
// args and those given directly.
func findAssignGolds(args []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range args {
		var found []string
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			found, _ = filepath.Glob(filepath.Join(a, "*.assign.json"))
		} else if strings.HasSuffix(a, ".assign.json") {
			found = []string{a}
		}
		for _, f := range found {
			if k, err := filepath.Abs(f); err == nil && !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// scoreAssignFile scores every source beside an assignment gold (the text
// and the PDF as published, when both are there).
func scoreAssignFile(path string, rules *dict.Rules, opts ingest.Options) (reports []*eval.AssignReport, errs []error) {
	g, err := eval.LoadAssignGold(path)
	if err != nil {
		return nil, []error{err}
	}
	name := strings.TrimSuffix(filepath.Base(path), ".assign.json")
	for _, e := range sourceExts {
		src := filepath.Join(filepath.Dir(path), name+e)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		d, err := pipeline.Process(src, rules, opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r := eval.ScoreAssign(d, g)
		r.Document = filepath.Base(src)
		// The suggestions, as if the text stated nothing and the office's
		// unit list were the units the gold names.
		for i := range d.Tasks {
			t := &d.Tasks[i]
			t.LeadUnits, t.PartnerUnits, t.AssignmentSource, t.AssignmentBasis = nil, nil, "", ""
		}
		assign.Suggest(d, rules, g.Units())
		eval.ScoreSuggestions(r, d, g)
		reports = append(reports, r)
	}
	if len(reports) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("分工标注 %s：旁边找不到它标注的源文件（%s.txt / .docx / .pdf）", filepath.Base(path), name))
	}
	return reports, errs
}

func isSource(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range sourceExts {
		if ext == e {
			return true
		}
	}
	return false
}

// sourceOf finds the file a gold annotates: the file its "document" field
// names, else NAME.txt, NAME.docx or NAME.pdf beside it.
func sourceOf(goldPath string, g *eval.Gold) (string, error) {
	dir := filepath.Dir(goldPath)
	if g.Document != "" && filepath.Base(g.Document) == g.Document {
		p := filepath.Join(dir, g.Document)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	name := strings.TrimSuffix(filepath.Base(goldPath), ".gold.json")
	for _, e := range sourceExts {
		p := filepath.Join(dir, name+e)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("标注文件 %s：旁边找不到它标注的源文件（%s.txt / .docx / .pdf）", filepath.Base(goldPath), name)
}

// scoreFile processes one source file and scores it. A panic in a stage is
// turned into an error for this file only: the batch goes on.
func scoreFile(p evalPair, rules *dict.Rules, opts ingest.Options) (r *eval.Report, err error) {
	defer func() {
		if v := recover(); v != nil {
			name := p.source
			if name == "" {
				name = p.gold
			}
			err = fmt.Errorf("%s：处理时发生内部错误（%v），请把这个文件反馈给开发人员", filepath.Base(name), v)
		}
	}()
	g, err := eval.LoadGold(p.gold)
	if err != nil {
		return nil, err
	}
	if p.source == "" {
		if p.source, err = sourceOf(p.gold, g); err != nil {
			return nil, err
		}
	}
	d, err := pipeline.Process(p.source, rules, opts)
	if err != nil {
		var ie *ingest.Error
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, fmt.Errorf("%s：%v", filepath.Base(p.source), err)
	}
	r = eval.Score(d, g)
	r.Document = filepath.Base(p.source)
	return r, nil
}

func writeEvalJSON(w io.Writer, reports []*eval.Report, total *eval.Report, assigned []*eval.AssignReport, failures []evalFailure) error {
	if assigned == nil {
		assigned = []*eval.AssignReport{}
	}
	if reports == nil {
		reports = []*eval.Report{}
	}
	if failures == nil {
		failures = []evalFailure{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Documents   []*eval.Report       `json:"documents"`
		Micro       *eval.Report         `json:"micro"`
		Assignments []*eval.AssignReport `json:"assignments"`
		Failed      []evalFailure        `json:"failed"`
	}{reports, total, assigned, failures})
}
