package ledger

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/docx"
	"github.com/luoshi/luoshi/pipeline/export"
)

// Report says what Build wrote.
type Report struct {
	Documents, Tasks int
	Shares           int      // units with a share
	Tables           int      // .docx tables written anew
	Problems         []string // documents left out, files not written, in Chinese
}

// Build writes, into the outbox out, the 总台账 of sources' documents, a
// share for every unit they name (按单位/), and each document's table to
// attach (STEM-任务分解.docx), all from what the documents' workbooks hold
// now. today is the day deadlines are counted from, now the stamp. busy
// tells a file someone has open, which is left as it is (nil: none is).
func Build(out string, sources []Source, today, now time.Time, busy func(path string) bool) Report {
	if busy == nil {
		busy = func(string) bool { return false }
	}
	var rep Report
	docs, items, errs := Load(out, sources)
	for _, err := range errs {
		rep.Problems = append(rep.Problems, err.Error())
	}
	rep.Documents, rep.Tasks = len(docs), len(items)
	memo := LoadMemo(out)
	defer func() {
		if err := memo.Save(); err != nil {
			rep.Problems = append(rep.Problems, "无法保存"+MemoFile+"："+atomicfile.Reason(err))
		}
	}()
	// write writes the file rel from write unless it holds key already,
	// untouched, or someone has it open.
	write := func(rel, key string, write func(io.Writer) error) (bool, error) {
		path := filepath.Join(out, filepath.FromSlash(rel))
		if memo.Fresh(out, rel, key) || busy(path) {
			return false, nil
		}
		sum, err := atomicfile.Write(path, write)
		if err == nil {
			memo.put(rel, key, sum)
		}
		return err == nil, err
	}
	if path := filepath.Join(out, File); busy(path) {
		rep.Problems = append(rep.Problems, File+"正被人打开，本次没有更新它：请关闭后重新运行")
	} else if _, err := write(File, contentKey("ledger", today, items), func(w io.Writer) error {
		return WriteLedger(w, items, today, now)
	}); err != nil {
		rep.Problems = append(rep.Problems, "无法写入"+File+"："+atomicfile.Reason(err))
	}
	shares := Shares(items)
	units := make([]string, 0, len(shares))
	for u := range shares {
		units = append(units, u)
	}
	sort.Strings(units)
	if len(units) > 0 {
		if err := os.MkdirAll(filepath.Join(out, ShareDir), 0o755); err != nil {
			rep.Problems = append(rep.Problems, "无法创建文件夹"+ShareDir+"："+atomicfile.Reason(err))
			units = nil
		}
	}
	for _, u := range units {
		if _, err := write(ShareDir+"/"+ShareName(u), contentKey("share "+u, today, shares[u]), func(w io.Writer) error {
			return WriteShare(w, u, shares[u], today, now)
		}); err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("无法写入%s的任务清单：%s", u, atomicfile.Reason(err)))
			continue
		}
		rep.Shares++
	}
	byDoc := map[*Document][]*Item{}
	for _, it := range items {
		byDoc[it.Doc] = append(byDoc[it.Doc], it)
	}
	for _, d := range docs {
		var buf bytes.Buffer
		if err := docx.Write(&buf, Attachment(d, byDoc[d])); err != nil {
			rep.Problems = append(rep.Problems, d.Name+"：无法生成 Word 表格："+err.Error())
			continue
		}
		path := filepath.Join(out, export.NamesFor(d.Stem).Docx)
		// The same table is not written again: a rerun leaves the file,
		// and whoever has it open, alone.
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, buf.Bytes()) {
			continue
		}
		if busy(path) {
			rep.Problems = append(rep.Problems, export.NamesFor(d.Stem).Docx+"正被人打开，本次没有更新它")
			continue
		}
		if err := atomicfile.WriteBytes(path, buf.Bytes()); err != nil {
			rep.Problems = append(rep.Problems, d.Name+"：无法写入 Word 表格："+atomicfile.Reason(err))
			continue
		}
		rep.Tables++
	}
	return rep
}

// Attachment is the table of document d with its items as its workbook
// holds them: a title row for each pillar, then its tasks.
func Attachment(d *Document, items []*Item) docx.Table {
	t := docx.Table{Title: d.Title() + "任务分解表"}
	info := d.Doc.Info
	var sub []string
	if info.Number != "" {
		sub = append(sub, info.Number)
	}
	if dt, err := time.Parse("2006-01-02", info.Date); err == nil {
		sub = append(sub, dt.Format("2006年1月2日"))
	}
	if len(sub) > 0 {
		t.Subtitle = "（" + strings.Join(sub, "，") + "）"
	}
	group := ""
	for k, it := range items {
		if it.Pillar != group {
			group = it.Pillar
			t.Rows = append(t.Rows, docx.Row{Group: group})
		}
		due := it.Due
		if dt, ok := CellDate(due); ok {
			due = DueText(dt)
		}
		point := ""
		if it.Task.Point != nil {
			point = *it.Task.Point
		}
		t.Rows = append(t.Rows, docx.Row{Seq: k + 1, Point: point, Text: it.Task.Text, Lead: it.Lead, Partners: it.Partners, Due: due,
			LeadSuggested: it.LeadSuggested, PartnersSuggested: it.PartnersSuggested, DueSuggested: it.DueSuggested})
	}
	return t
}

// DueText writes a deadline as a 任务分解表 does: 2026年6月底前 for the
// last day of a month, 2026年7月1日前 otherwise.
func DueText(t time.Time) string {
	if t.AddDate(0, 0, 1).Month() != t.Month() {
		return t.Format("2006年1月") + "底前"
	}
	return t.Format("2006年1月2日") + "前"
}
