package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// Gold is a hand-made annotation in the format of GUIDELINE.md.
type Gold struct {
	Document         string       `json:"document"`
	Source           string       `json:"source"`
	AnnouncedPillars *int         `json:"announced_pillars"`
	Pillars          []GoldPillar `json:"pillars"`
	Tasks            []GoldTask   `json:"tasks"`
	Slogans          []GoldSlogan `json:"slogans"`
	Notes            string       `json:"notes"`
}

// GoldPillar is a top-level section.
type GoldPillar struct {
	Number     string      `json:"number"`
	Title      string      `json:"title"`
	Points     []GoldPoint `json:"points"`
	Borderline bool        `json:"borderline,omitempty"`
}

// GoldPoint is a second-level heading. The guideline writes points as plain
// strings; an object {"title", "borderline"} is accepted too, so that an
// annotator can mark a doubtful point without changing the format.
type GoldPoint struct {
	Title      string `json:"title"`
	Borderline bool   `json:"borderline,omitempty"`
}

// UnmarshalJSON accepts "title" or {"title": …, "borderline": …}.
func (p *GoldPoint) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*p = GoldPoint{}
		return json.Unmarshal(b, &p.Title)
	}
	if len(b) == 0 || b[0] != '{' {
		return errPointShape
	}
	type plain GoldPoint // no methods: no recursion
	var q plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&q); err != nil {
		return err
	}
	*p = GoldPoint(q)
	return nil
}

var errPointShape = errors.New("points 的每一项应为字符串，或 {\"title\": …, \"borderline\": true} 这样的对象")

// MarshalJSON writes a plain string unless the point is borderline, so that
// gold files keep the guideline's shape.
func (p GoldPoint) MarshalJSON() ([]byte, error) {
	if !p.Borderline {
		return json.Marshal(p.Title)
	}
	type plain GoldPoint
	return json.Marshal(plain(p))
}

// GoldTask is a sentence that directs someone to act.
type GoldTask struct {
	Text       string   `json:"text"`
	Pillar     int      `json:"pillar"`
	Point      *string  `json:"point"`
	Actors     []string `json:"actors,omitempty"`
	Timing     []string `json:"timing,omitempty"`
	Borderline bool     `json:"borderline,omitempty"`
}

// GoldSlogan is a 提法 or 口号.
type GoldSlogan struct {
	Text       string `json:"text"`
	Borderline bool   `json:"borderline,omitempty"`
}

// GoldError is a gold file that cannot be used, with its reason in Chinese.
type GoldError struct {
	Path   string
	Reason string
}

func (e *GoldError) Error() string {
	return "标注文件 " + filepath.Base(e.Path) + "：" + e.Reason
}

// LoadGold reads and checks a gold file.
func LoadGold(path string) (*Gold, error) {
	b, err := readGold(path)
	if err != nil {
		return nil, err
	}
	return ParseGold(path, b)
}

// readGold reads a gold file, its failure said in Chinese.
func readGold(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		reason := "无法读取文件"
		if errors.Is(err, os.ErrNotExist) {
			reason = "文件不存在"
		}
		return nil, &GoldError{path, reason}
	}
	return b, nil
}

// ParseGold parses gold JSON; path only names the file in errors.
func ParseGold(path string, b []byte) (*Gold, error) {
	fail := func(format string, args ...any) error {
		return &GoldError{path, fmt.Sprintf(format, args...)}
	}
	// Editors on Windows save JSON with a byte-order mark.
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	dec := json.NewDecoder(bytes.NewReader(b))
	// A misspelled key ("borderlin") would otherwise drop an annotation
	// without a word.
	dec.DisallowUnknownFields()
	var g Gold
	if err := dec.Decode(&g); err != nil {
		return nil, fail("%s", jsonReason(b, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fail("JSON 对象结束之后还有多余的内容")
	}
	if err := g.check(); err != nil {
		return nil, fail("%s", err)
	}
	return &g, nil
}

// jsonReason turns a decoding error into Chinese with a line and column,
// which is what someone fixing the file by hand in an editor needs.
func jsonReason(b []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(b, syn.Offset)
		return fmt.Sprintf("第 %d 行第 %d 列附近 JSON 格式有误（常见原因：多了或少了逗号、引号或括号不配对）", line, col)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "整个文件"
		} else {
			field = "字段 " + field + " "
		}
		want := "其他类型"
		if typ.Type != nil {
			want = kindName(typ.Type.Kind().String())
		}
		line, _ := lineCol(b, typ.Offset)
		return fmt.Sprintf("第 %d 行附近%s的类型不对：应为%s，实际是%s", line, field, want, kindName(typ.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "内容为空或不完整"
	case errors.Is(err, errPointShape):
		return errPointShape.Error()
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "有不认识的字段 " + strings.TrimPrefix(err.Error(), "json: unknown field ") + "（拼写错误？）"
	}
	return "内容不符合标注文件的格式"
}

// kindName names a Go kind or a JSON value kind in Chinese.
func kindName(k string) string {
	switch {
	case k == "string":
		return "字符串"
	case k == "bool":
		return "true 或 false"
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"):
		return "整数"
	case strings.HasPrefix(k, "float"), k == "number":
		return "数字"
	case k == "slice", k == "array":
		return "数组"
	case k == "struct", k == "ptr", k == "object", k == "map":
		return "对象"
	case strings.HasPrefix(k, "number "):
		return "数字 " + strings.TrimPrefix(k, "number ")
	}
	return k
}

func lineCol(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:])))
	return line, max(col, 1)
}

// check enforces what scoring relies on: every item has content, and every
// task stands under a pillar and a point that exist.
func (g *Gold) check() error {
	if g.AnnouncedPillars != nil && *g.AnnouncedPillars < 0 {
		return errors.New("announced_pillars 不能是负数")
	}
	for i, p := range g.Pillars {
		if Normalize(p.Title) == "" {
			return fmt.Errorf("第 %d 个一级部署（pillars）的标题为空", i+1)
		}
		for j, pt := range p.Points {
			if Normalize(pt.Title) == "" {
				return fmt.Errorf("第 %d 个一级部署的第 %d 个要点标题为空", i+1, j+1)
			}
		}
	}
	for i, t := range g.Tasks {
		where := fmt.Sprintf("第 %d 项任务（tasks）", i+1)
		if Normalize(t.Text) == "" {
			return fmt.Errorf("%s的 text 为空", where)
		}
		if t.Pillar < 0 || t.Pillar > len(g.Pillars) {
			return fmt.Errorf("%s的 pillar 为 %d，应在 0 到 %d 之间（0 表示不在任何一级部署之下）", where, t.Pillar, len(g.Pillars))
		}
		if t.Point != nil {
			if t.Pillar == 0 {
				return fmt.Errorf("%s不在任何一级部署之下（pillar 为 0），point 应为 null", where)
			}
			if !hasPoint(g.Pillars[t.Pillar-1], *t.Point) {
				return fmt.Errorf("%s的 point “%s” 不是第 %d 个一级部署的要点之一", where, *t.Point, t.Pillar)
			}
		}
		for _, a := range t.Actors {
			if Normalize(a) == "" {
				return fmt.Errorf("%s有空的责任主体（actors）", where)
			}
		}
		for _, a := range t.Timing {
			if Normalize(a) == "" {
				return fmt.Errorf("%s有空的时间要求（timing）", where)
			}
		}
	}
	for i, s := range g.Slogans {
		if Normalize(s.Text) == "" {
			return fmt.Errorf("第 %d 个提法（slogans）为空", i+1)
		}
	}
	return nil
}

// hasPoint compares titles as written (white space aside): a task's point
// is a reference to a heading of the same file, not a fuzzy match.
func hasPoint(p GoldPillar, title string) bool {
	for _, pt := range p.Points {
		if strings.TrimSpace(pt.Title) == strings.TrimSpace(title) {
			return true
		}
	}
	return false
}

// AsDocument renders the gold as a prediction, as if the extractor were
// perfect; borderline items are included.
func (g *Gold) AsDocument() *doc.Document {
	d := &doc.Document{Info: doc.Info{Name: g.Document, AnnouncedPillars: g.AnnouncedPillars}}
	for _, p := range g.Pillars {
		dp := doc.Pillar{Number: p.Number, Title: p.Title, Rules: []string{"gold"}}
		for _, pt := range p.Points {
			dp.Points = append(dp.Points, doc.Point{Title: pt.Title, Rules: []string{"gold"}})
		}
		d.Pillars = append(d.Pillars, dp)
	}
	for i, t := range g.Tasks {
		var pt *string
		if t.Point != nil {
			s := *t.Point
			pt = &s
		}
		d.Tasks = append(d.Tasks, doc.Task{
			ID: fmt.Sprintf("T%03d", i+1), Text: t.Text, Pillar: t.Pillar, Point: pt,
			Actors: append([]string(nil), t.Actors...), Timing: append([]string(nil), t.Timing...),
			ActionAt: -1, Rules: []string{"gold"}, Confidence: 1,
		})
	}
	for _, s := range g.Slogans {
		d.Slogans = append(d.Slogans, doc.Slogan{Text: s.Text, Kind: "quoted", Count: 1, Rules: []string{"gold"}})
	}
	d.Normalize()
	return d
}
