package dict

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one bad line of a dictionary file. Line is 0 when the problem is
// the file as a whole (missing, unreadable).
type Error struct {
	File string // path as the user gave it, or dict/NAME for the defaults
	Line int
	Msg  string // in Chinese, for the person editing the file
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + "：" + e.Msg
	}
	return fmt.Sprintf("%s:%d：%s", e.File, e.Line, e.Msg)
}

// ErrorList is every problem found in a dictionary folder, in the manner of
// go/scanner.ErrorList: an editor fixes them all in one pass instead of
// meeting them one at a time.
type ErrorList []*Error

func (l *ErrorList) add(file string, line int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, then line.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "没有错误"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "规则词典有 %d 处错误：", len(l))
	for _, e := range l {
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list, so callers can write `if err := l.Err()`.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
