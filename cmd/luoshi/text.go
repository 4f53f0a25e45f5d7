package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/ingest"
)

var textCmd = &cobra.Command{
	Use:   "text 文件…",
	Short: "显示文件读取并整理后的正文（每段一行），用于检查读取是否正确",
	Long: "读取 .docx、.doc、.wps、.pdf、.ofd、.txt 文件，按段落逐行输出整理后的正文。\n" +
		"多个文件时，每个文件前输出一行“==> 文件名 <==”。\n" +
		"无法读取的文件在标准错误输出一行“文件名：原因”，其余文件照常输出。",
	Args: cobra.MinimumNArgs(1),
	RunE: runText,
}

func init() {
	root.AddCommand(textCmd)
}

// ingestOptions builds the reader limits from the configuration; every
// command that reads documents uses it, most through loadPipeline.
func ingestOptions() (ingest.Options, error) {
	timeout, err := duration("pdf_timeout")
	if err != nil {
		return ingest.Options{}, err
	}
	size, mem := cfg.GetInt("max_size_mb"), cfg.GetInt("pdf_memory_mb")
	if size <= 0 {
		return ingest.Options{}, fmt.Errorf("配置项 max_size_mb 必须是正整数，现在是 %d", size)
	}
	if mem <= 0 {
		return ingest.Options{}, fmt.Errorf("配置项 pdf_memory_mb 必须是正整数，现在是 %d", mem)
	}
	return ingest.Options{
		MaxBytes:   int64(size) << 20,
		PDFTimeout: timeout,
		PDFMemory:  int64(mem) << 20,
	}, nil
}

func runText(cmd *cobra.Command, args []string) error {
	opt, err := ingestOptions()
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	failed, printed := 0, 0
	for _, path := range args {
		d, err := ingest.ReadFile(path, opt)
		if err != nil {
			failed++
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		if len(args) > 1 {
			if printed > 0 {
				fmt.Fprintln(out)
			}
			fmt.Fprintf(out, "==> %s <==\n", path)
		}
		printed++
		fmt.Fprintln(out, d.Text())
	}
	if failed > 0 {
		// Each refused file already has its one line on stderr; a summary
		// line would only repeat it, so exit without one.
		os.Exit(1)
	}
	return nil
}

// loadPipeline loads the rules and the reader limits that every command
// processing documents needs. The rules come first: a broken dictionary
// stops the command with its full error list before any file is touched.
func loadPipeline() (*dict.Rules, ingest.Options, error) {
	rules, err := dict.Load(cfg.GetString("dict"))
	if err != nil {
		return nil, ingest.Options{}, err
	}
	opt, err := ingestOptions()
	if err != nil {
		return nil, ingest.Options{}, err
	}
	return rules, opt, nil
}
