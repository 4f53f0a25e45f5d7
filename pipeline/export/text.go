package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// WriteJSON writes the extraction contract: the document normalized, with a
// two-space indent, text verbatim (no HTML escaping of < > &). The output is
// byte for byte what one json.Encoder with that indent would write, but it
// is written a field and a list element at a time: encoding a large
// document in one piece builds, then re-indents, a buffer of the whole
// output, which took longer than the extraction itself.
func WriteJSON(w io.Writer, d *doc.Document) error {
	d.Normalize()
	bw := bufio.NewWriterSize(w, 64<<10)
	v := reflect.ValueOf(d).Elem()
	first := true
	bw.WriteString("{")
	for i := range v.NumField() {
		f := v.Type().Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		key, _ := json.Marshal(name)
		bw.WriteString("\n  ")
		bw.Write(key)
		bw.WriteString(": ")
		if err := writeValue(bw, v.Field(i)); err != nil {
			return err
		}
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// ReadJSON reads back a document WriteJSON wrote: everything the workbook
// is made from (its paragraphs are not part of the contract), so that a
// workbook can be written again without the source, which may have been
// archived.
func ReadJSON(r io.Reader) (*doc.Document, error) {
	var d doc.Document
	if err := json.NewDecoder(r).Decode(&d); err != nil {
		return nil, err
	}
	return &d, nil
}

// ReadJSONFile is ReadJSON of the file at path.
func ReadJSONFile(path string) (*doc.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadJSON(f)
}

// writeValue writes one top-level field, indented one level; a non-empty
// list element by element.
func writeValue(w *bufio.Writer, v reflect.Value) error {
	if v.Kind() != reflect.Slice || v.Len() == 0 {
		return encodeIndented(w, v.Interface(), "  ")
	}
	w.WriteString("[")
	for i := range v.Len() {
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n    ")
		if err := encodeIndented(w, v.Index(i).Interface(), "    "); err != nil {
			return err
		}
	}
	w.WriteString("\n  ]")
	return nil
}

func encodeIndented(w *bufio.Writer, x any, prefix string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(x); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}

// csvColumns are the sheet's columns minus those the department fills in:
// the CSV is the extraction, the workbook is where people work.
var csvColumns = []int{colSeq, colPillar, colPoint, colText, colAction, colActors, colTiming, colWhere, colConfidence, colRules, colID}

// bom makes Excel read the file as UTF-8 rather than the ANSI code page.
const bom = "\uFEFF"

// WriteCSV writes one row per task, UTF-8 with a BOM and CRLF line ends, as
// Excel on Windows expects.
func WriteCSV(w io.Writer, d *doc.Document) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		head[i] = columns[c].title
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, l := range lines(d) {
		if l.task == nil {
			continue
		}
		t := l.task
		pillar := pillarLabel(d, l.pillar)
		if l.pillar == 0 {
			pillar = OutsideLabel
		}
		vals := map[int]string{
			colSeq:        strconv.Itoa(l.seq),
			colPillar:     pillar,
			colPoint:      deref(t.Point),
			colText:       t.Text,
			colAction:     keyAction(t),
			colActors:     strings.Join(t.Actors, "、"),
			colTiming:     strings.Join(t.Timing, "、"),
			colWhere:      Where(t.Location),
			colRules:      compactRules(t.Rules, "；"),
			colID:         taskID(t),
			colConfidence: strconv.FormatFloat(t.Confidence, 'f', 2, 64),
		}
		rec := make([]string, len(csvColumns))
		for i, c := range csvColumns {
			rec[i] = CSVSafe(vals[c])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVSafe defuses a field a spreadsheet would run as a formula (CSV
// injection): one starting with = + - @, a tab or a carriage return gets a
// leading apostrophe, as OWASP advises. The apostrophe shows in Excel, which
// is the price of a file that cannot run anything; the JSON keeps the text
// verbatim for programs.
func CSVSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	// Full-width signs are converted to ASCII by some spreadsheets' input
	// handling, so they are defused too.
	switch r := []rune(s)[0]; r {
	case '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
