package review

import (
	"slices"
	"strings"
)

// Records are the rows of one sheet read by their header: each row maps a
// header to its raw cell value (a date is its serial number).
type Records struct {
	Sheets []string // every sheet of the workbook, hidden ones too
	Rows   []map[string]string
	// RowNumbers are the rows' numbers in the sheet, as people see them.
	RowNumbers []int
}

// ReadRecords reads the sheet named sheet of the workbook at path (or, if
// there is none, the first sheet whose header names every one of names):
// the header is the first of its first rows that names them all, each row
// below it a record (none under the header is no error). It reads with the bounds every workbook from outside
// is read with, and fails with an *Error naming the file and the reason.
func ReadRecords(path, sheet string, names []string) (rec *Records, err error) {
	b, reason := readBounded(path)
	if reason != "" {
		return nil, &Error{path, reason}
	}
	defer func() {
		if r := recover(); r != nil {
			rec, err = nil, &Error{path, reasonDamaged}
		}
	}()
	f, reason := open(b)
	if reason != "" {
		return nil, &Error{path, reason}
	}
	defer f.Close()
	rec = &Records{Sheets: f.GetSheetList()}
	order := append([]string{sheet}, rec.Sheets...)
	for k, s := range order {
		if k > 0 && s == sheet {
			continue
		}
		if k == 0 && !slices.Contains(rec.Sheets, s) {
			continue
		}
		rows, reason := readSheet(f, s)
		if reason != "" {
			return nil, &Error{path, reason}
		}
		for i := 0; i < len(rows) && i < headerSearchRows; i++ {
			cols := headerColumns(rows[i].cells, names)
			all := true
			for _, n := range names {
				if _, ok := cols[n]; !ok {
					all = false
					break
				}
			}
			if !all {
				continue
			}
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
			return rec, nil
		}
	}
	return nil, &Error{path, "找不到含“" + strings.Join(names, "”“") + "”各列的表头"}
}
