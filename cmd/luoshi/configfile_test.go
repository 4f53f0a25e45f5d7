package main

import (
	"strings"
	"testing"
)

func TestCheckConfig(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		err        []string // what the error must say; none for no error
		warn       string   // what a warning must say
	}{
		{"defaults", "inbox: 收件箱\noutbox: 输出\nworkers: 2\n", nil, ""},
		{"empty", "", nil, ""},
		{"comments only", "# 说明\n", nil, ""},
		{"BOM", "\xEF\xBB\xBFinbox: 收件箱\n", nil, ""},
		{"full-width colon", "# 收件箱\ninbox：收件箱\n", []string{"第 2 行", "全角冒号", "inbox: 收件箱"}, ""},
		{"full-width colon and space", "outbox ： 输出\n", []string{"第 1 行", "全角冒号"}, ""},
		{"backslash in double quotes", "inbox: \"D:\\公文\\收件箱\"\n", []string{"第 1 行", "反斜杠", "单引号"}, ""},
		{"backslash in single quotes", "inbox: 'D:\\公文\\收件箱'\n", nil, ""},
		{"backslash unquoted", "inbox: D:\\公文\\收件箱\n", nil, ""},
		{"tab indent", "inbox: a\n\toutbox: b\n", []string{"第 2 行"}, ""},
		{"unknown key", "inbox: a\ninbx: b\n", nil, "不认识的配置项“inbx”"},
		{"not a mapping", "收件箱\n", []string{"配置项: 值"}, ""},
		{"workers not a number", "workers: 两个\n", []string{"第 1 行", "整数"}, ""},
		{"list value", "inbox:\n  - a\n", []string{"第 2 行", "不是列表"}, ""},
		{"unclosed quote", "inbox: \"收件箱\n", []string{"config.yaml"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			warns, err := checkConfig("config.yaml", []byte(tc.yaml))
			if len(tc.err) == 0 && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if len(tc.err) > 0 {
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range tc.err {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				if strings.ContainsRune(err.Error(), '\uFFFD') {
					t.Errorf("garbled error %q", err)
				}
			}
			got := strings.Join(warns, "\n")
			if (tc.warn == "") != (got == "") || !strings.Contains(got, tc.warn) {
				t.Errorf("warnings %q, want %q", got, tc.warn)
			}
		})
	}
}
