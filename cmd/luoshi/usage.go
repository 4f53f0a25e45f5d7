package main

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

// usageTemplate is cobra's default usage template with its headings in
// Chinese: the people who run luoshi read Chinese, and a help page half in
// English looks like an error to them.
const usageTemplate = `用法：{{if .Runnable}}
  {{.UseLine | zh}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if gt (len .Aliases) 0}}

别名：
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{.LocalFlags.FlagUsages | zh | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

通用选项：
{{.InheritedFlags.FlagUsages | zh | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

用“{{.CommandPath}} [命令] --help”查看某个命令的说明。{{end}}
`

// flagDefault is how pflag shows a default value, at the end of a line.
var flagDefault = regexp.MustCompile(`(?m) \(default (.*)\)$`)

// zh translates the two English phrases cobra and pflag put into the
// generated parts of the usage text.
func zh(s string) string {
	s = strings.ReplaceAll(s, "[flags]", "[选项]")
	return flagDefault.ReplaceAllString(s, "（默认 $1）")
}

func init() {
	cobra.AddTemplateFunc("zh", zh)
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [命令]",
		Short: "显示某个命令的说明",
		Run: func(c *cobra.Command, args []string) {
			cmd, _, err := c.Root().Find(args)
			if cmd == nil || err != nil {
				c.Printf("没有这个命令：%v\n", args)
				cmd = c.Root()
			}
			cmd.InitDefaultHelpFlag()
			cmd.Help()
		},
	})
	root.PersistentFlags().BoolP("help", "h", false, "显示本说明")
	root.CompletionOptions.DisableDefaultCmd = true
}
