// Command luoshi turns Chinese policy speeches and work plans into a task
// breakdown workbook (任务分解表).
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// root is the top command; each subcommand lives in its own file and adds
// itself in an init function, so that commands can grow independently.
var root = &cobra.Command{
	Use:           "luoshi",
	Short:         "落实：把讲话稿、工作报告变成任务分解表",
	SilenceUsage:  true,
	SilenceErrors: true,
	PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
		return loadConfig(cmd)
	},
}

// version is stamped by the dist command (-X main.version=…); a plain
// build reports its VCS revision, when the build recorded one.
var version = ""

func init() {
	if version == "" {
		version = "dev"
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 7 {
					version = s.Value[:7]
				}
			}
		}
	}
	root.Version = version
	root.SetVersionTemplate("luoshi {{.Version}}\n")
}

// memoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT sets
// one: the collector works harder near it, so that a large document is
// read within it instead of the heap doubling past what an office PC has.
// Every reader bounds what one file may build (doc.MaxParagraphs,
// doc.MaxSentences, the unzip and PDF child limits), and this keeps the
// garbage of many files from adding up.
const memoryLimit = 1 << 30

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	// The PDF reader runs in a child process of this same binary, so that a
	// hang or runaway allocation in the PDF library can be killed; the
	// ingest package turns the process into that child in its init.
	if err := root.Execute(); err != nil {
		var e *exitError
		switch {
		case errors.As(err, &e) && e.code == exitInterrupted:
			if e.msg != "" {
				fmt.Fprintln(os.Stderr, e.msg)
			}
		default:
			fmt.Fprintln(os.Stderr, "错误：", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitError carries a specific exit code (for example 1 when some files of a
// batch failed) without printing anything more.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func exitCode(err error) int {
	if e, ok := err.(*exitError); ok {
		return e.code
	}
	return 1
}

// cfg is the merged configuration: built-in defaults < config.yaml <
// LUOSHI_* environment < flags.
var cfg = viper.New()
