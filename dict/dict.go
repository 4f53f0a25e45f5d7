// Package dict holds luoshi's rule dictionaries: plain UTF-8 text files a
// reviewer can edit, embedded as defaults, overridden by a folder on disk
// (--dict DIR, config key dict).
//
// Every file has the same line syntax (see parse.go): one entry a line,
// optional key=value attributes after it, # comments (whole-line or
// trailing, after white space). Each file opens with a Chinese comment
// block describing its entries. Loading is strict: every bad line is an
// Error naming FILE:LINE, Load returns all of them and never a partly
// loaded Rules.
package dict

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:embed *.txt
var Default embed.FS

// Files are the dictionary files, in the order they are loaded and hashed.
var Files = []string{
	"words.txt", "directives.txt", "exclusions.txt", "actors.txt",
	"timing.txt", "slogans.txt", "units.txt", "structure.txt", "grammar.txt", "duties.txt",
}

// optional are files added after the first release: a rules folder made
// before them (luoshi rules init) lacks them and gets the embedded copy.
var optional = map[string]bool{"grammar.txt": true, "duties.txt": true}

// Word is a domain word that segmentation must keep whole.
type Word struct {
	Text string
	Freq int    // gse frequency, ≥ 2
	Pos  string // part of speech, optional
	Src  Source
}

// Directive kinds.
const (
	// Auxiliaries (要、必须、应当…) make a sentence directive wherever they
	// stand; the action is the verb after them.
	Aux = "aux"
	// Modal verbs (坚持、着力、切实…) make a sentence directive wherever
	// they stand and are the action when no directive verb follows.
	Modal = "modal"
	// Verbs (开展、建立、推动…) make a sentence directive when a clause
	// opens with them inside a deployment section.
	Verb = "verb"
	// Adverbs (进一步、逐步、定期…) may stand before the verb that opens a
	// clause.
	Adverb = "adverb"
	// Prepositions (在、对、按照…) open a clause whose verb comes later
	// (按照规定落实…): the clause is searched for a directive verb.
	Prep = "prep"
)

// Directive is a marker of directive mood.
type Directive struct {
	Text   string
	Kind   string // Aux, Modal, Verb, Adverb or Prep
	Weight float64
	// Noun marks a word that is a noun too (要求, 希望): after 的, or
	// with 的, 是, a conjunction or the clause's end after it, it is the
	// noun and directs nothing.
	Noun bool
	// NeedsAction marks a word that directs only with an action after it
	// (需要加强…), not a thing (需要这样的员工).
	NeedsAction bool
	// Epistemic marks an adverb of inference (迟早, 最终): a modal after
	// it says what will happen (迟早要出事), not what is to be done.
	Epistemic bool
	// Manner marks a clause-opening word that says how (大力, 积极): with
	// a verb right after it, that verb is the action.
	Manner bool
	Src    Source
}

// Exclusion forms.
const (
	ExcludeSentence = "sentence" // this exact sentence is never a task
	ExcludeTrigger  = "trigger"  // this directive word does not count inside Context
	ExcludeRegex    = "regex"    // sentences matching Re are never tasks
)

// Exclusion removes task candidates.
type Exclusion struct {
	Form     string
	Sentence string // normalized (see Normalize), for ExcludeSentence
	Trigger  string // for ExcludeTrigger
	Context  string // contains Trigger
	Re       *Regexp
	Src      Source
}

// Actor is a party that can be told to act. Prefixes (各级、每个…) extend a
// noun found right after them; pivots (支持、推动…) name the parties written
// right after them (支持郑州、洛阳建设… → 郑州、洛阳).
//
// Places (kind=place) and stop words (kind=stop, kind=verb) are never
// parties by themselves: they only check the names the structural rules
// read. A place is a known locality (郑州, 河南), accepted as a party; a
// stop word names a sector or a zone (教育, 经开区) and no party ends
// with it; a verb (助力, 上调) opens no party's name.
type Actor struct {
	Text   string
	Prefix bool
	Pivot  bool
	Place  bool
	Stop   bool
	Verb   bool
	Src    Source
}

// Timing is a deadline, date, festival or frequency: a literal Text or a
// regular expression Re.
type Timing struct {
	Text string
	Re   *Regexp
	Kind string // informational: festival, frequency, deadline, date
	Src  Source
}

// SloganRule is a known formula (三会一课) found even unquoted, or a stop
// phrase that is never a slogan even when quoted (七一).
type SloganRule struct {
	Text string
	Stop bool
	Src  Source
}

// Structure rule kinds.
const (
	Announce = "announce" // the speaker announces a count; group 1 is the numeral
	Review   = "review"   // a pillar heading of past results: no tasks in it
	Closing  = "closing"  // a paragraph that closes the last pillar (最后，…)
	Meta     = "meta"     // talk about the speech itself: never a task
	EndPoint = "endpoint" // a paragraph that ends the current point (各位代表！)
	Appendix = "appendix" // a paragraph that starts the attachments (附件1)
	Targets  = "targets"  // a pillar or point title naming expected targets
)

// StructureRule is a pattern the structure recognizer uses beside its
// built-in numbering styles.
type StructureRule struct {
	Kind string
	Re   *Regexp
	Src  Source
}

// Unit is one of the department's units for the workbook's drop-down lists.
type Unit struct {
	Text string
	Src  Source
}

// Rules is a loaded, validated set of dictionaries. It is read-only after
// Load and safe for concurrent use.
type Rules struct {
	Words      []Word
	Directives []Directive
	Exclusions []Exclusion
	Actors     []Actor
	Timing     []Timing
	Slogans    []SloganRule
	Structure  []StructureRule
	UnitList   []Unit
	// GrammarWords are grammar.txt's function words, by class.
	GrammarWords []GrammarWord
	// Duties are duties.txt's organ types, for suggesting units.
	Duties []Duty

	version string
}

// Version identifies the rules' content, so a run can tell whether a file
// was processed with the same rules: a hash of every file's bytes.
func (r *Rules) Version() string { return r.version }

// Units returns the department's unit names for the workbook's 牵头单位 and
// 配合单位 drop-down lists (dict/units.txt).
func (r *Rules) Units() []string {
	out := make([]string, len(r.UnitList))
	for i, u := range r.UnitList {
		out[i] = u.Text
	}
	return out
}

// Load reads the dictionaries in dir, or the embedded defaults when dir is
// "". On any problem it returns nil and an ErrorList of all of them.
func Load(dir string) (*Rules, error) {
	r, errs := load(dir)
	if len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

// Check reports every problem in the dictionaries in dir ("" for the
// defaults), sorted by file and line; empty when they load.
func Check(dir string) ErrorList {
	_, errs := load(dir)
	return errs
}

// MustDefault returns the embedded rules. The defaults are tested to load,
// so failure is a build defect.
func MustDefault() *Rules {
	r, err := Load("")
	if err != nil {
		panic("dict: embedded defaults do not load: " + err.Error())
	}
	return r
}

// WriteDefaults writes the embedded dictionary files into dir (created if
// needed) as a starting point for editing. It refuses to overwrite a file
// that exists, so an edited folder is never clobbered.
func WriteDefaults(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errors.New("无法创建目录 " + dir + "：" + err.Error())
	}
	for _, name := range Files {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return errors.New(p + " 已存在，未覆盖（请换一个空目录）")
		}
	}
	for _, name := range Files {
		b, err := Default.ReadFile(name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return errors.New("无法写入 " + filepath.Join(dir, name) + "：" + err.Error())
		}
	}
	return nil
}

// ExclusionLine formats the line `review import` appends to exclusions.txt
// when a reviewer marks a task as a false positive: an exact-sentence
// exclusion with a comment saying where the verdict came from.
func ExclusionLine(sentence, note string) string {
	// The sentence stays as the reviewer saw it, punctuation included, so
	// the rule reads back like the workbook row it came from; only white
	// space goes, since it separates fields. Matching ignores both anyway.
	s := strings.Join(strings.Fields(sentence), "")
	note = strings.Join(strings.Fields(note), " ")
	if note == "" {
		return "sentence=" + s
	}
	return "sentence=" + s + "  # " + note
}

func load(dir string) (*Rules, ErrorList) {
	var fsys fs.FS = Default
	display := func(name string) string { return "dict/" + name }
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() {
			return nil, ErrorList{{File: dir, Msg: "词典目录不存在或不是目录"}}
		}
		fsys = os.DirFS(dir)
		display = func(name string) string { return filepath.Join(dir, name) }
	}
	var errs ErrorList
	r := &Rules{}
	h := sha256.New()
	for _, name := range Files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil && dir != "" && optional[name] {
			if _, missing := os.Stat(filepath.Join(dir, name)); errors.Is(missing, fs.ErrNotExist) {
				data, err = Default.ReadFile(name) // the folder predates the file
			}
		}
		if err != nil {
			errs.add(display(name), 0, "缺少词典文件或无法读取（可用 luoshi rules init 导出默认词典）")
			continue
		}
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(data)
		h.Write([]byte{0})
		p := &fileParser{name: name, display: display(name), errs: &errs, r: r}
		p.parse(parseLines(display(name), data, &errs))
	}
	crossCheck(r, &errs, display)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	r.version = hex.EncodeToString(h.Sum(nil))[:16]
	return r, nil
}

// Length bounds: an entry beyond them can never match a sentence of a real
// document (GUIDELINE sentences rarely pass 300 characters).
const (
	maxWord = 30
	// MaxSentence bounds the sentence of an exclusion; review import skips
	// a longer 误报 row rather than write a rule the check refuses.
	MaxSentence = 1000
)

type fileParser struct {
	name, display string
	errs          *ErrorList
	r             *Rules
	seen          map[string]int // entry → first line, for duplicates
}

func (p *fileParser) errf(l line, format string, args ...any) {
	p.errs.add(p.display, l.num, format, args...)
}

// allow reports fields outside keys as unknown.
func (p *fileParser) allow(l line, keys ...string) bool {
	ok := true
	for _, k := range l.order {
		found := false
		for _, a := range keys {
			if k == a {
				found = true
			}
		}
		if !found {
			if len(keys) == 0 {
				p.errf(l, "未知字段 %s（本文件的条目不带字段）", k)
			} else {
				p.errf(l, "未知字段 %s（本文件可用：%s）", k, strings.Join(keys, "、"))
			}
			ok = false
		}
	}
	return ok
}

// unique reports a repeated key (entry or pattern) of this file.
func (p *fileParser) unique(l line, key string) bool {
	if p.seen == nil {
		p.seen = map[string]int{}
	}
	if first, dup := p.seen[key]; dup {
		p.errf(l, "重复条目「%s」（第 %d 行已有）", key, first)
		return false
	}
	p.seen[key] = l.num
	return true
}

// word validates a plain entry: present, not empty after normalization,
// not longer than max.
func (p *fileParser) word(l line, max int) bool {
	if l.entry == "" {
		p.errf(l, "缺少条目（只有字段没有词语）")
		return false
	}
	if Normalize(l.entry) == "" {
		p.errf(l, "条目「%s」去掉空白和标点后为空，永远不会匹配", l.entry)
		return false
	}
	if n := utf8.RuneCountInString(l.entry); n > max {
		p.errf(l, "条目长 %d 字，超过上限 %d 字，不会匹配任何句子", n, max)
		return false
	}
	return true
}

func (p *fileParser) regex(l line, expr string) *Regexp {
	if expr == "" {
		p.errf(l, "正则表达式为空")
		return nil
	}
	re, err := compileRegexp(expr)
	if err != nil {
		p.errf(l, "正则表达式有误：%s", reasonOf(err))
		return nil
	}
	if re.MatchString("") {
		p.errf(l, "正则表达式「%s」能匹配空文本，会匹配所有句子", expr)
		return nil
	}
	return re
}

// reasonOf shortens a regexp error to its reason; the user already sees
// the expression in the file.
func reasonOf(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		return se.Code.String() + "：" + se.Expr
	}
	return err.Error()
}

func (p *fileParser) src(l line) Source { return Source{File: p.name, Line: l.num, Entry: l.name()} }

func (p *fileParser) parse(lines []line) {
	switch p.name {
	case "words.txt":
		p.words(lines)
	case "directives.txt":
		p.directives(lines)
	case "exclusions.txt":
		p.exclusions(lines)
	case "actors.txt":
		p.actors(lines)
	case "timing.txt":
		p.timing(lines)
	case "slogans.txt":
		p.slogans(lines)
	case "units.txt":
		p.units(lines)
	case "structure.txt":
		p.structure(lines)
	case "grammar.txt":
		p.grammar(lines)
	case "duties.txt":
		p.duties(lines)
	}
}

func (p *fileParser) words(lines []line) {
	for _, l := range lines {
		if !p.allow(l, "freq", "pos") || !p.word(l, maxWord) || !p.unique(l, l.entry) {
			continue
		}
		w := Word{Text: l.entry, Freq: 1000, Pos: l.fields["pos"], Src: p.src(l)}
		if f, ok := l.fields["freq"]; ok {
			n, err := strconv.Atoi(f)
			if err != nil || n < 2 {
				p.errf(l, "freq=%s 不是不小于 2 的整数（分词器会丢弃频次小于 2 的词）", f)
				continue
			}
			w.Freq = n
		}
		if pos, ok := l.fields["pos"]; ok && !isKey(pos) {
			p.errf(l, "pos=%s 应为小写英文字母的词性标记（如 n、v、nz）", pos)
			continue
		}
		p.r.Words = append(p.r.Words, w)
	}
}

func (p *fileParser) directives(lines []line) {
	for _, l := range lines {
		if !p.allow(l, "kind", "weight", "noun", "mood", "needs", "manner") || !p.word(l, maxWord) || !p.unique(l, l.entry) {
			continue
		}
		d := Directive{Text: l.entry, Kind: Verb, Src: p.src(l)}
		var bad bool
		for _, f := range []struct {
			key, value string
			set        *bool
		}{{"noun", "yes", &d.Noun}, {"needs", "action", &d.NeedsAction}, {"manner", "yes", &d.Manner}, {"mood", "epistemic", &d.Epistemic}} {
			v, ok := l.fields[f.key]
			if !ok {
				continue
			}
			if v != f.value {
				p.errf(l, "%s=%s 无效（只能写 %s=%s）", f.key, v, f.key, f.value)
				bad = true
				break
			}
			*f.set = true
		}
		if bad {
			continue
		}
		if k, ok := l.fields["kind"]; ok {
			if k != Aux && k != Modal && k != Verb && k != Adverb && k != Prep {
				p.errf(l, "kind=%s 无效（只能是 aux、modal、verb、adverb 或 prep）", k)
				continue
			}
			d.Kind = k
		}
		if d.Epistemic && d.Kind != Adverb {
			p.errf(l, "mood=epistemic 只能用于副词（kind=adverb）")
			continue
		}
		d.Weight = 0.7
		switch d.Kind {
		case Aux, Modal:
			d.Weight = 0.9
		case Adverb, Prep:
			d.Weight = 0.6
		}
		if w, ok := l.fields["weight"]; ok {
			f, err := strconv.ParseFloat(w, 64)
			if err != nil || f <= 0 || f > 1 {
				p.errf(l, "weight=%s 无效（应为 0 到 1 之间的小数，如 0.8）", w)
				continue
			}
			d.Weight = f
		}
		p.r.Directives = append(p.r.Directives, d)
	}
}

func (p *fileParser) exclusions(lines []line) {
	for _, l := range lines {
		if l.entry != "" {
			p.errf(l, "条目「%s」缺少形式（应写成 sentence=… 或 trigger=… context=… 或 regex=…）", l.entry)
			continue
		}
		if !p.allow(l, "sentence", "trigger", "context", "regex") {
			continue
		}
		forms := 0
		for _, k := range []string{"sentence", "trigger", "regex"} {
			if _, ok := l.fields[k]; ok {
				forms++
			}
		}
		if forms != 1 {
			p.errf(l, "每行只能用 sentence=、trigger=、regex= 中的一种")
			continue
		}
		x := Exclusion{Src: p.src(l)}
		switch {
		case hasKey(l, "sentence"):
			s := Normalize(l.fields["sentence"])
			if s == "" {
				p.errf(l, "sentence= 去掉空白和标点后为空，永远不会匹配")
				continue
			}
			if utf8.RuneCountInString(s) > MaxSentence {
				p.errf(l, "句子超过 %d 字，不会匹配任何句子", MaxSentence)
				continue
			}
			if hasKey(l, "context") {
				p.errf(l, "context= 只能与 trigger= 一起用")
				continue
			}
			if !p.unique(l, "sentence="+s) {
				continue
			}
			x.Form, x.Sentence = ExcludeSentence, s
		case hasKey(l, "trigger"):
			t, c := l.fields["trigger"], l.fields["context"]
			if t == "" || Normalize(t) == "" {
				p.errf(l, "trigger= 为空")
				continue
			}
			if !hasKey(l, "context") || c == "" {
				p.errf(l, "trigger= 需要同时写 context=（触发词所在的上下文，如 trigger=要 context=重要）")
				continue
			}
			if !strings.Contains(c, t) {
				p.errf(l, "context=%s 不包含触发词 %s，永远不会起作用", c, t)
				continue
			}
			if !p.unique(l, "trigger="+t+" context="+c) {
				continue
			}
			x.Form, x.Trigger, x.Context = ExcludeTrigger, t, c
		default:
			if hasKey(l, "context") {
				p.errf(l, "context= 只能与 trigger= 一起用")
				continue
			}
			re := p.regex(l, l.fields["regex"])
			if re == nil || !p.unique(l, "regex="+l.fields["regex"]) {
				continue
			}
			x.Form, x.Re = ExcludeRegex, re
		}
		p.r.Exclusions = append(p.r.Exclusions, x)
	}
}

func hasKey(l line, k string) bool { _, ok := l.fields[k]; return ok }

func (p *fileParser) actors(lines []line) {
	for _, l := range lines {
		if !p.allow(l, "kind") || !p.word(l, maxWord) || !p.unique(l, l.entry) {
			continue
		}
		a := Actor{Text: l.entry, Src: p.src(l)}
		switch l.fields["kind"] {
		case "", "noun":
		case "prefix":
			a.Prefix = true
		case "pivot":
			a.Pivot = true
		case "place":
			a.Place = true
		case "stop":
			a.Stop = true
		case "verb":
			a.Verb = true
		default:
			p.errf(l, "kind=%s 无效（只能是 noun、prefix、pivot、place、stop 或 verb）", l.fields["kind"])
			continue
		}
		p.r.Actors = append(p.r.Actors, a)
	}
}

func (p *fileParser) timing(lines []line) {
	for _, l := range lines {
		if !p.allow(l, "kind", "regex") {
			continue
		}
		t := Timing{Kind: l.fields["kind"], Src: p.src(l)}
		switch t.Kind {
		case "", "festival", "frequency", "deadline", "date":
		default:
			p.errf(l, "kind=%s 无效（只能是 festival、frequency、deadline 或 date）", t.Kind)
			continue
		}
		if hasKey(l, "regex") {
			if l.entry != "" {
				p.errf(l, "一行不能同时有条目「%s」和 regex=", l.entry)
				continue
			}
			t.Re = p.regex(l, l.fields["regex"])
			if t.Re == nil || !p.unique(l, "regex="+l.fields["regex"]) {
				continue
			}
		} else {
			if !p.word(l, maxWord) || !p.unique(l, l.entry) {
				continue
			}
			t.Text = l.entry
		}
		p.r.Timing = append(p.r.Timing, t)
	}
}

func (p *fileParser) slogans(lines []line) {
	for _, l := range lines {
		if !p.allow(l, "kind") || !p.word(l, maxWord) || !p.unique(l, l.entry) {
			continue
		}
		s := SloganRule{Text: l.entry, Src: p.src(l)}
		switch l.fields["kind"] {
		case "", "formula":
		case "stop":
			s.Stop = true
		default:
			p.errf(l, "kind=%s 无效（只能是 formula 或 stop）", l.fields["kind"])
			continue
		}
		if !s.Stop && utf8.RuneCountInString(l.entry) < 2 {
			p.errf(l, "提法「%s」只有一个字，提法至少两个字", l.entry)
			continue
		}
		p.r.Slogans = append(p.r.Slogans, s)
	}
}

func (p *fileParser) units(lines []line) {
	for _, l := range lines {
		if !p.allow(l) || !p.word(l, maxWord) || !p.unique(l, l.entry) {
			continue
		}
		p.r.UnitList = append(p.r.UnitList, Unit{Text: l.entry, Src: p.src(l)})
	}
}

func (p *fileParser) structure(lines []line) {
	for _, l := range lines {
		if l.entry != "" {
			p.errf(l, "条目「%s」缺少种类（应写成 announce=…、review=…、closing=…、endpoint=…、appendix=…、targets=… 或 meta=…）", l.entry)
			continue
		}
		if !p.allow(l, Announce, Review, Closing, Meta, EndPoint, Appendix, Targets) {
			continue
		}
		if len(l.order) != 1 {
			p.errf(l, "每行只能写一个规则")
			continue
		}
		k := l.order[0]
		re := p.regex(l, l.fields[k])
		if re == nil || !p.unique(l, k+"="+l.fields[k]) {
			continue
		}
		if k == Announce && re.NumSubexp() < 1 {
			p.errf(l, "announce= 需要一个括号分组来取出数字，如 提以下([一二三四五六七八九十]+)点意见")
			continue
		}
		p.r.Structure = append(p.r.Structure, StructureRule{Kind: k, Re: re, Src: p.src(l)})
	}
}

// crossCheck finds conflicts between files: an exclusion trigger that is no
// directive word (it could never do anything), and a trigger excluded in
// every context (context equal to the trigger), which silently disables a
// directive.
func crossCheck(r *Rules, errs *ErrorList, display func(string) string) {
	dirs := map[string]bool{}
	for _, d := range r.Directives {
		dirs[d.Text] = true
	}
	for _, x := range r.Exclusions {
		if x.Form != ExcludeTrigger {
			continue
		}
		if !dirs[x.Trigger] {
			errs.add(display(x.Src.File), x.Src.Line, "触发词「%s」不在 directives.txt 中，这条排除不会起作用", x.Trigger)
			continue
		}
		if x.Context == x.Trigger {
			errs.add(display(x.Src.File), x.Src.Line, "context 与触发词「%s」相同，等于删除了 directives.txt 中的这个词；请直接在 directives.txt 中删除它", x.Trigger)
		}
	}
}
