package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A config.yaml is written by clerks with a Chinese input method and
// Windows paths. viper's own errors are English, name neither file nor
// line, and cut multi-byte text mid-character; checkConfig reads the file
// first and explains the usual mistakes in Chinese, with the line.

// configCandidates are the files viper looks for when no --config is
// given, in its order.
func configCandidates() []string {
	var out []string
	dirs := []string{"."}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".config", "luoshi"))
	}
	for _, d := range dirs {
		for _, ext := range []string{"yaml", "yml"} {
			out = append(out, filepath.Join(d, "config."+ext))
		}
	}
	return out
}

// configFile is the file the configuration is read from, "" when none.
func configFile(flag string) string {
	if flag != "" {
		return flag
	}
	for _, c := range configCandidates() {
		if fi, err := os.Stat(c); err == nil && fi.Mode().IsRegular() {
			return c
		}
	}
	return ""
}

// fullWidthKey is a key followed by a full-width colon, the most likely
// typo with a Chinese input method.
var fullWidthKey = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9_\-]*)\s*：`)

// yamlLine picks the line and reason out of a yaml.v3 error.
var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// intKeys are the keys whose values are whole numbers.
var intKeys = map[string]bool{"workers": true, "max_size_mb": true, "pdf_memory_mb": true}

// checkConfig checks the config file named path holding data. It returns
// warnings (unknown keys) and, for a file that cannot be used, an error
// naming the file and line in Chinese.
func checkConfig(path string, data []byte) (warnings []string, err error) {
	name := filepath.Base(path)
	at := func(line int, format string, args ...any) error {
		return fmt.Errorf("配置文件 %s 第 %d 行："+format, append([]any{path, line}, args...)...)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")) // Notepad's BOM
	for i, line := range strings.Split(string(data), "\n") {
		if m := fullWidthKey.FindStringSubmatch(line); m != nil {
			return nil, at(i+1, "“%s”后面用了中文全角冒号“：”，请改成英文半角冒号“:”，冒号后加一个空格，例如 %s: 收件箱", m[1], m[1])
		}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, explainYAML(path, data, err)
	}
	if len(root.Content) == 0 {
		return nil, nil // an empty file: the defaults
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, at(top.Line, "配置文件应由“配置项: 值”这样的行组成（英文冒号后加空格），例如 inbox: 收件箱")
	}
	known := make([]string, 0, len(defaults))
	for k := range defaults {
		known = append(known, k)
	}
	sort.Strings(known)
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		key := k.Value
		if _, ok := defaults[key]; !ok {
			warnings = append(warnings, fmt.Sprintf("配置文件 %s 第 %d 行：不认识的配置项“%s”，已忽略（可用的配置项：%s）", name, k.Line, key, strings.Join(known, "、")))
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return nil, at(v.Line, "配置项 %s 的值应是一个值，不是列表或分组", key)
		}
		if intKeys[key] {
			if _, err := strconv.Atoi(strings.TrimSpace(v.Value)); err != nil {
				return nil, at(v.Line, "配置项 %s 的值“%s”应是整数，例如 %v", key, v.Value, defaults[key])
			}
		}
	}
	return warnings, nil
}

// explainYAML turns a YAML syntax error into Chinese with its line.
func explainYAML(path string, data []byte, err error) error {
	msg := err.Error()
	line, reason := 0, msg
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		reason = m[2]
	} else if strings.Contains(msg, "escape character") {
		// yaml.v3 leaves the line out when it is the first one; find the
		// quoted backslash.
		for i, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, `"`) && strings.Contains(l, `\`) {
				line = i + 1
				break
			}
		}
	}
	var why string
	switch {
	case strings.Contains(reason, "unknown escape character"):
		why = `双引号里的反斜杠“\”是转义符，Windows 路径不能这样写：请改用单引号，例如 inbox: 'D:\公文\收件箱'，或者不加引号，或者把“\”写成“/”`
	case strings.Contains(reason, "cannot start any token") && strings.Contains(reason, "\t"):
		why = "行首用了 Tab 键缩进，请改用空格"
	case strings.Contains(reason, "mapping values are not allowed"):
		why = "值里含有“: ”，请把整个值用单引号括起来"
	case strings.Contains(reason, "could not find expected ':'"), strings.Contains(reason, "did not find expected key"):
		why = "这一行不是“配置项: 值”的格式（英文冒号后加空格）"
	case strings.Contains(reason, "found unexpected end of stream"), strings.Contains(reason, "did not find expected"):
		why = "引号没有配对，请检查这一行的引号"
	default:
		why = "格式有误（" + reason + "）"
	}
	if line > 0 {
		return fmt.Errorf("配置文件 %s 第 %d 行：%s", path, line, why)
	}
	return fmt.Errorf("配置文件 %s：%s", path, why)
}

// readConfigFile checks the config file, if any, before viper reads it.
func readConfigFile(flag string) (path string, warnings []string, err error) {
	path = configFile(flag)
	if path == "" {
		return "", nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", nil, fmt.Errorf("找不到配置文件 %s", path)
		}
		return "", nil, fmt.Errorf("无法读取配置文件 %s", path)
	}
	warnings, err = checkConfig(path, data)
	return path, warnings, err
}
