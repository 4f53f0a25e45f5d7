package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// defaults are what the binary uses with no config.yaml anywhere. Every key
// here is documented in config.yaml at the repository root.
var defaults = map[string]any{
	"inbox":           "samples",
	"outbox":          "out",
	"archive":         "",
	"dict":            "",
	"workers":         0,
	"max_size_mb":     50,
	"pdf_timeout":     "30s",
	"pdf_memory_mb":   1024,
	"rescan_interval": "10s",
	"settle":          "2s",
}

func init() {
	root.PersistentFlags().String("config", "", "配置文件路径（默认依次查找 ./config.yaml、~/.config/luoshi/config.yaml）")
	root.PersistentFlags().String("dict", "", "规则词典目录（默认使用内置词典）")
	root.PersistentFlags().Int("max-size-mb", 50, "单个文件的大小上限（MB）")
	root.PersistentFlags().String("pdf-timeout", "30s", "读取一个 PDF 的最长时间")
	root.PersistentFlags().Int("pdf-memory-mb", 1024, "读取一个 PDF 时允许使用的最大内存（MB）")
}

func loadConfig(cmd *cobra.Command) error {
	for k, v := range defaults {
		cfg.SetDefault(k, v)
	}
	cfg.SetEnvPrefix("LUOSHI")
	cfg.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	cfg.AutomaticEnv()
	if f, _ := cmd.Flags().GetString("config"); f != "" {
		cfg.SetConfigFile(f)
	} else {
		cfg.SetConfigName("config")
		cfg.SetConfigType("yaml")
		cfg.AddConfigPath(".")
		cfg.AddConfigPath("$HOME/.config/luoshi")
	}
	if err := cfg.ReadInConfig(); err != nil {
		var nf viper.ConfigFileNotFoundError
		if !errors.As(err, &nf) {
			return fmt.Errorf("读取配置文件失败：%v", err)
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
