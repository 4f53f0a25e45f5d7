package ledger

import (
	"fmt"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/luoshi/luoshi/pipeline/doc"
)

// items makes n tasks over n/100 documents, with units, deadlines and
// progress, the shape of a year's ledger.
func items(n int) []*Item {
	var out []*Item
	var d *Document
	for i := range n {
		if i%100 == 0 {
			d = &Document{Source: Source{Name: fmt.Sprintf("文件%d.docx", i/100), Stem: fmt.Sprintf("文件%d", i/100)},
				Doc: &doc.Document{Info: doc.Info{Title: "关于印发某某工作方案的通知", Number: "某政发〔2026〕" + strconv.Itoa(i/100) + "号", Date: "2026-03-01"}}}
		}
		t := &doc.Task{ID: fmt.Sprintf("t%011d", i), Text: "加快推进重点项目建设，确保年底前完成年度投资任务，形成更多实物工作量。", Pillar: 1}
		out = append(out, &Item{Doc: d, Task: t, ID: t.ID, Pillar: "一、推进产业升级",
			Lead: fmt.Sprintf("市第%d局", i%40), Partners: "市发展改革委、市财政局", Due: strconv.Itoa(46100 + i%300),
			Status: []string{"", "推进中", "已完成"}[i%3], Progress: "已完成前期手续"})
	}
	return out
}

// BenchmarkWriteLedger: the 总台账 of a year, 2,000 and 10,000 tasks.
func BenchmarkWriteLedger(b *testing.B) {
	today := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{2000, 10000} {
		its := items(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteLedger(io.Discard, its, today, today); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteShare: one unit's share of 500 tasks.
func BenchmarkWriteShare(b *testing.B) {
	today := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	its := items(500)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteShare(io.Discard, "市第1局", its, today, today); err != nil {
			b.Fatal(err)
		}
	}
}
