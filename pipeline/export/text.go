package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// WriteJSON writes the extraction contract: the document normalized, with a
// two-space indent, text verbatim (no HTML escaping of < > &).
func WriteJSON(w io.Writer, d *doc.Document) error {
	d.Normalize()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// csvColumns are the sheet's columns minus those the department fills in:
// the CSV is the extraction, the workbook is where people work.
var csvColumns = []int{colSeq, colPillar, colPoint, colText, colAction, colActors, colTiming, colWhere, colRules, colID}

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
			colSeq:    strconv.Itoa(l.seq),
			colPillar: pillar,
			colPoint:  deref(t.Point),
			colText:   t.Text,
			colAction: keyAction(t),
			colActors: strings.Join(t.Actors, "、"),
			colTiming: strings.Join(t.Timing, "、"),
			colWhere:  Where(t.Location),
			colRules:  compactRules(t.Rules, "；"),
			colID:     taskID(t),
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
