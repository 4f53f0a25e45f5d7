package review

import (
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Records are the rows of one sheet read by their header: each row maps a
// header to its raw cell value (a date is its serial number).
type Records struct {
	Sheets []string // every sheet of the workbook, hidden ones too
	Rows   []map[string]string
	// RowNumbers are the rows' numbers in the sheet, as people see them.
	RowNumbers []int
}

// Want names a sheet for ReadRecords: the sheet called Sheet or, if
// there is none, the first whose header names every one of Names.
type Want struct {
	Sheet string
	Names []string
}

// ReadRecords reads the workbook at path once, for the sheet first wants
// and for each of more: the header is the first of a sheet's first rows
// that names all of Names, each row below it a record (none under the
// header is no error). A sheet of more that cannot be found or read is
// nil; first must be found. It reads with the bounds every workbook from
// outside is read with, and fails with an *Error naming the file and the
// reason.
func ReadRecords(path string, first Want, more ...Want) (recs []*Records, err error) {
	b, reason := readBounded(path)
	if reason != "" {
		return nil, &Error{path, reason}
	}
	defer func() {
		if r := recover(); r != nil {
			recs, err = nil, &Error{path, reasonDamaged}
		}
	}()
	f, reason := open(b)
	if reason != "" {
		return nil, &Error{path, reason}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	for k, w := range append([]Want{first}, more...) {
		rec, reason := records(f, sheets, w)
		if k == 0 && reason != "" {
			return nil, &Error{path, reason}
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

// records reads the sheet w wants; reason says why it could not.
func records(f *excelize.File, sheets []string, w Want) (*Records, string) {
	order := append([]string{w.Sheet}, sheets...)
	for k, s := range order {
		if k > 0 && s == w.Sheet {
			continue
		}
		if k == 0 && !slices.Contains(sheets, s) {
			continue
		}
		rows, reason := readSheet(f, s)
		if reason != "" {
			return nil, reason
		}
		for i := 0; i < len(rows) && i < headerSearchRows; i++ {
			cols := headerColumns(rows[i].cells, w.Names)
			all := true
			for _, n := range w.Names {
				if _, ok := cols[n]; !ok {
					all = false
					break
				}
			}
			if !all {
				continue
			}
			rec := &Records{Sheets: sheets}
			head := rows[i].cells
			for _, r := range rows[i+1:] {
				m := map[string]string{}
				for j, h := range head {
					if h = strings.TrimSpace(h); h != "" && j < len(r.cells) {
						if _, dup := m[h]; !dup {
							m[h] = r.cells[j]
						}
					}
				}
				rec.Rows = append(rec.Rows, m)
				rec.RowNumbers = append(rec.RowNumbers, r.n)
			}
			return rec, ""
		}
	}
	return nil, "找不到含“" + strings.Join(w.Names, "”“") + "”各列的表头"
}
