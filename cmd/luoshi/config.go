package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/luoshi/luoshi/pipeline/ingest"
)

// defaults are what the binary uses with no config.yaml anywhere. Every key
// here is documented in config.yaml at the repository root.
var defaults = map[string]any{
	"inbox":           "samples",
	"outbox":          "out",
	"archive":         "",
	"dict":            "",
	"workers":         0,
	"max_size_mb":     int(readerDefaults.MaxBytes >> 20),
	"pdf_timeout":     readerDefaults.PDFTimeout.String(),
	"pdf_memory_mb":   int(readerDefaults.PDFMemory >> 20),
	"rescan_interval": "10s",
	"settle":          "2s",
	"lock_wait":       "10m",
	"file_timeout":    "10m",
}

// readerDefaults are the ingest package's own limits, so that the binary
// without a config file and a library caller read files alike.
var readerDefaults = ingest.DefaultOptions()

func init() {
	root.PersistentFlags().String("config", "", "配置文件路径（默认依次查找 ./config.yaml、~/.config/luoshi/config.yaml）")
	root.PersistentFlags().String("dict", "", "规则词典目录（默认使用内置词典）")
	root.PersistentFlags().Int("max-size-mb", defaults["max_size_mb"].(int), "单个文件的大小上限（MB）")
	root.PersistentFlags().String("pdf-timeout", defaults["pdf_timeout"].(string), "读取一个 PDF 的最长时间")
	root.PersistentFlags().Int("pdf-memory-mb", defaults["pdf_memory_mb"].(int), "读取一个 PDF（或识别一页扫描件）时允许使用的最大内存（MB）")
}

func loadConfig(cmd *cobra.Command) error {
	for k, v := range defaults {
		cfg.SetDefault(k, v)
	}
	cfg.SetEnvPrefix("LUOSHI")
	cfg.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	cfg.AutomaticEnv()
	flag, _ := cmd.Flags().GetString("config")
	path, warnings, err := readConfigFile(flag)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, "提示："+w)
	}
	if path != "" {
		cfg.SetConfigFile(path)
		cfg.SetConfigType("yaml")
		if err := cfg.ReadInConfig(); err != nil {
			return fmt.Errorf("读取配置文件 %s 失败：%s", path, strings.ToValidUTF8(err.Error(), "?"))
		}
	}
	// Flags named like config keys override them ("in" and "out" are the
	// short names of inbox and outbox).
	alias := map[string]string{"in": "inbox", "out": "outbox"}
	var bindErr error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		key := f.Name
		if a, ok := alias[key]; ok {
			key = a
		}
		key = strings.ReplaceAll(key, "-", "_")
		if _, ok := defaults[key]; ok {
			if err := cfg.BindPFlag(key, f); err != nil {
				bindErr = err
			}
		}
	})
	return bindErr
}

// duration reads a duration key, reporting a bad value in Chinese.
func duration(key string) (time.Duration, error) {
	d, err := time.ParseDuration(cfg.GetString(key))
	if err != nil {
		return 0, fmt.Errorf("配置项 %s 的值 %q 不是有效的时长（例如 30s、2m）", key, cfg.GetString(key))
	}
	return d, nil
}
