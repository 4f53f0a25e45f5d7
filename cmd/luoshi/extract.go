package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/luoshi/luoshi/pipeline"
	"github.com/luoshi/luoshi/pipeline/export"
)

var extractCmd = &cobra.Command{
	Use:   "extract 文件…",
	Short: "抽取一级部署、二级要点、具体措施和提法，输出 JSON",
	Long: "读取讲话稿、工作报告（.docx、.doc、.wps、.pdf、.ofd、.txt），识别层次结构、具体措施、责任主体、\n" +
		"时间要求和提法口号，按文件依次输出一个 JSON 对象（格式即导出的数据约定）。\n" +
		"规则词典有错误时列出全部错误并停止，不处理任何文件；\n" +
		"无法读取的文件在标准错误输出一行“文件名：原因”，其余文件照常处理。",
	Example: "  luoshi extract samples/zugong-xuhui-2022.txt\n  luoshi extract --dict 我的词典 讲话.docx 报告.pdf",
	Args:    cobra.MinimumNArgs(1),
	RunE:    runExtract,
}

func init() {
	extractCmd.Flags().String("format", "json", "输出格式（目前只支持 json）")
	root.AddCommand(extractCmd)
}

func runExtract(cmd *cobra.Command, args []string) error {
	if f, _ := cmd.Flags().GetString("format"); f != "json" {
		return fmt.Errorf("不支持的输出格式 %q（目前只支持 json）", f)
	}
	rules, opt, err := loadPipeline()
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	failed := 0
	for _, path := range args {
		d, err := pipeline.Process(path, rules, opt)
		if err != nil {
			failed++
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		if err := export.WriteJSON(out, d); err != nil {
			return err
		}
	}
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d 个文件无法处理", failed)}
	}
	return nil
}
