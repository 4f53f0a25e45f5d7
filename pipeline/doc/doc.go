// Package doc holds the one document object that every pipeline stage
// annotates, in the manner of spaCy's Doc: ingest fills the text, structure
// adds pillars and points, extract adds tasks and slogans. Its JSON encoding
// is the public contract printed by `luoshi extract --format json`; field
// names here must stay stable.
package doc

import (
	"strings"
)

// Location says where an item stands in the text printed by `luoshi text`:
// paragraphs joined by "\n", offsets counted in runes (characters), end
// exclusive. Paragraph and Sentence are 1-based; Sentence counts within its
// paragraph. Zero values mean "not applicable".
type Location struct {
	Paragraph int `json:"paragraph"`
	Sentence  int `json:"sentence"`
	Start     int `json:"start"`
	End       int `json:"end"`
}

// Sentence is a unit of GUIDELINE.md: text ended by 。！？； or by the end of
// its paragraph.
type Sentence struct {
	Text string
	Loc  Location
	// Tokens are the sentence's words as the segment stage cut them, nil
	// before it ran.
	Tokens []Token
}

// Token is a word of a sentence: its text, its tag (gse's dictionary tag,
// or the kind of the dict/ entry that is the word: v for a directive, n
// for an actor, t for timing, nz for a formula), and its place in runes
// within the sentence, end exclusive.
type Token struct {
	Text       string
	Pos        string
	Start, End int
}

// Paragraph is one line of normalized text.
type Paragraph struct {
	Text      string
	Loc       Location // Sentence is 0
	Sentences []Sentence
	// Style is the source's paragraph style where the format has one
	// ("Heading1", "Title", "TableCell"…); empty for plain text;
	// StyleOCR for a paragraph read by OCR from a scanned page.
	Style string
}

// StyleOCR is the style of a paragraph read by OCR: its text may hold
// misread characters, and its tasks say so.
const StyleOCR = "OCR"

// Info describes the source file.
type Info struct {
	Name             string `json:"name"`
	Path             string `json:"path"`
	Format           string `json:"format"`   // txt, docx, pdf
	Encoding         string `json:"encoding"` // UTF-8, UTF-8-BOM, GB18030, UTF-16LE, UTF-16BE; "" for binary formats
	SHA256           string `json:"sha256"`
	Title            string `json:"title"`
	AnnouncedPillars *int   `json:"announced_pillars"`
	// OCRPages is how many of its pages were read from their image by
	// OCR (a scan); their text may hold misread characters.
	OCRPages int `json:"ocr_pages"`
	// Number is the document's 发文字号 (国发〔2018〕39号), "" when it shows
	// none.
	Number string `json:"doc_number"`
	// Date is the document's own date (its 成文日期 or date line),
	// YYYY-MM-DD, or YYYY when only its title's year says, "" when unknown:
	// every relative deadline (年底前) counts from it.
	Date string `json:"date"`
}

// Point is a second-level heading (重点任务) inside a pillar.
type Point struct {
	Title    string   `json:"title"`
	Location Location `json:"location"`
	Rules    []string `json:"rules"`
}

// Pillar is a top-level numbered section (一级部署).
type Pillar struct {
	Number   string   `json:"number"`
	Title    string   `json:"title"`
	Location Location `json:"location"`
	Rules    []string `json:"rules"`
	Points   []Point  `json:"points"`
}

// Task is a sentence that directs someone to act.
type Task struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// Pillar is a 1-based index into Document.Pillars, 0 outside any.
	Pillar int `json:"pillar"`
	// Point is the title of the point the task stands under, nil outside any.
	Point  *string `json:"point"`
	Action string  `json:"action"`
	// ActionAt is the rune offset of Action inside Text, -1 when the action
	// was not found verbatim (so the workbook knows what to highlight).
	ActionAt   int      `json:"action_at"`
	Object     string   `json:"object"`
	Actors     []string `json:"actors"`
	Timing     []string `json:"timing"`
	Slogans    []string `json:"slogans"`
	Rules      []string `json:"rules"`
	Confidence float64  `json:"confidence"`
	Location   Location `json:"location"`
	// LeadUnits and PartnerUnits are who leads the task and who helps, lead
	// first; AssignmentSource says where they come from: "text" stated in
	// the document (（…负责）), "suggestion" inferred, "" none.
	// AssignmentBasis is what the office reads as the reason: the
	// parenthetical as written, or the suggestion's grounds.
	LeadUnits        []string `json:"lead_units"`
	PartnerUnits     []string `json:"partner_units"`
	AssignmentSource string   `json:"assignment_source"`
	AssignmentBasis  string   `json:"assignment_basis"`
	// Deadline is the date the task is due (YYYY-MM-DD), "" when none;
	// DeadlineText is the phrase it comes from as written, or a
	// recurrence's label (每月, 长期) when there is no date.
	Deadline     string `json:"deadline"`
	DeadlineText string `json:"deadline_text"`
	// DeadlineSource is "text" when a timing phrase of the task gives
	// the deadline, "suggestion" when it is the year-end of an annual
	// document (工作要点, 政府工作报告) whose task names no time, "" none.
	DeadlineSource string `json:"deadline_source"`
	// OCR marks a task read by OCR from a scanned page.
	OCR bool `json:"ocr"`
}

// Slogan is a 提法 or 口号, listed once per document.
type Slogan struct {
	Text      string     `json:"text"`
	Kind      string     `json:"kind"` // quoted, formula
	Count     int        `json:"count"`
	Locations []Location `json:"locations"`
	Rules     []string   `json:"rules"`
}

// Document is the object each stage annotates. Its JSON form is the
// extraction contract; Paragraphs are not part of it.
type Document struct {
	Info       Info        `json:"document"`
	Paragraphs []Paragraph `json:"-"`
	Pillars    []Pillar    `json:"pillars"`
	Tasks      []Task      `json:"tasks"`
	Slogans    []Slogan    `json:"slogans"`
	Warnings   []string    `json:"warnings"`
}

// Text returns the document as `luoshi text` prints it: one paragraph a line.
func (d *Document) Text() string {
	var b strings.Builder
	for i, p := range d.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// Normalize fills nil slices so that JSON shows [] rather than null, which
// consumers of the contract expect.
func (d *Document) Normalize() {
	if d.Pillars == nil {
		d.Pillars = []Pillar{}
	}
	for i := range d.Pillars {
		if d.Pillars[i].Points == nil {
			d.Pillars[i].Points = []Point{}
		}
		if d.Pillars[i].Rules == nil {
			d.Pillars[i].Rules = []string{}
		}
		for j := range d.Pillars[i].Points {
			if d.Pillars[i].Points[j].Rules == nil {
				d.Pillars[i].Points[j].Rules = []string{}
			}
		}
	}
	if d.Tasks == nil {
		d.Tasks = []Task{}
	}
	for i := range d.Tasks {
		t := &d.Tasks[i]
		for _, s := range []*[]string{&t.Actors, &t.Timing, &t.Slogans, &t.Rules, &t.LeadUnits, &t.PartnerUnits} {
			if *s == nil {
				*s = []string{}
			}
		}
	}
	if d.Slogans == nil {
		d.Slogans = []Slogan{}
	}
	for i := range d.Slogans {
		if d.Slogans[i].Locations == nil {
			d.Slogans[i].Locations = []Location{}
		}
		if d.Slogans[i].Rules == nil {
			d.Slogans[i].Rules = []string{}
		}
	}
	if d.Warnings == nil {
		d.Warnings = []string{}
	}
}

// Limits every reader and writer of a document shares, so that what luoshi
// writes it can read back and no input can make a sheet past Excel's
// 1,048,576 rows. A work report has a few hundred paragraphs; the limits
// are far above any real document and far below what exhausts memory.
const (
	// MaxParagraphs bounds the paragraphs (lines) of one document.
	MaxParagraphs = 50_000
	// MaxSentences bounds the sentences of one document, and so its tasks.
	MaxSentences = 50_000
	// MaxSheetRows bounds the non-empty rows of a task sheet: its header,
	// one row a task and a title row a pillar.
	MaxSheetRows = 1 + MaxSentences + MaxParagraphs
)

// SentenceCount is the number of sentences of d's paragraphs.
func (d *Document) SentenceCount() int {
	n := 0
	for _, p := range d.Paragraphs {
		n += len(p.Sentences)
	}
	return n
}
