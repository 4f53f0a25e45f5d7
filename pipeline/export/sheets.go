package export

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// table writes a plain sheet: a styled header row, then rows of strings
// (numbers where a column holds counts), bordered and wrapped.
type table struct {
	sheet  string
	titles []string
	widths []float64
	// numeric marks columns holding counts, written as numbers.
	numeric map[int]bool
}

func (b *builder) table(t table, rows [][]string) error {
	f := b.f
	if _, err := f.NewSheet(t.sheet); err != nil {
		return err
	}
	for c, title := range t.titles {
		if err := b.str(t.sheet, c, 1, title); err != nil {
			return err
		}
		if err := f.SetColWidth(t.sheet, colName(c), colName(c), t.widths[c]); err != nil {
			return err
		}
	}
	lastCol := len(t.titles) - 1
	if err := f.SetCellStyle(t.sheet, "A1", cellName(lastCol, 1), b.head); err != nil {
		return err
	}
	for i, r := range rows {
		row := i + 2
		n := 1
		for c, v := range r {
			if v == "" {
				continue
			}
			if t.numeric[c] {
				if k, err := strconv.Atoi(v); err == nil {
					if err := f.SetCellInt(t.sheet, cellName(c, row), int64(k)); err != nil {
						return err
					}
					continue
				}
			}
			if err := b.str(t.sheet, c, row, v); err != nil {
				return err
			}
			n = max(n, linesNeeded(v, t.widths[c]))
		}
		if err := f.SetRowHeight(t.sheet, row, float64(min(n, 27))*15+4); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		if err := f.SetCellStyle(t.sheet, "A2", cellName(lastCol, len(rows)+1), b.body); err != nil {
			return err
		}
		for c := range t.numeric {
			if err := f.SetCellStyle(t.sheet, cellName(c, 2), cellName(c, len(rows)+1), b.bodyCenter); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(t.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	size, orient, one, zero := 9, "portrait", 1, 0
	total := 0.0
	for _, w := range t.widths {
		total += w
	}
	if total > 110 { // wider than an A4 portrait page holds at a legible size
		orient = "landscape"
	}
	fit := true
	if err := f.SetSheetProps(t.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(t.sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: t.sheet, RefersTo: "'" + t.sheet + "'!$1:$1"})
}

var sloganKinds = map[string]string{"quoted": "引号提法", "formula": "概括性提法"}

func (b *builder) slogans() error {
	var rows [][]string
	for i, s := range b.d.Slogans {
		kind := sloganKinds[s.Kind]
		if kind == "" {
			kind = s.Kind
		}
		var at []string
		for _, l := range s.Locations {
			if w := Where(l); w != "" {
				at = append(at, w)
			}
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), s.Text, kind, strconv.Itoa(s.Count),
			strings.Join(at, "、"), strings.Join(s.Rules, "\n")})
	}
	return b.table(table{
		sheet:   SheetSlogans,
		titles:  []string{"序号", ColSlogan, "类型", "出现次数", "出现位置", "命中规则"},
		widths:  []float64{6, 36, 12, 10, 40, 24},
		numeric: map[int]bool{0: true, 3: true},
	}, rows)
}

func (b *builder) structure() error {
	d := b.d
	perPillar := map[int]int{}
	perPoint := map[[2]string]int{}
	for i := range d.Tasks {
		t := &d.Tasks[i]
		perPillar[t.Pillar]++
		perPoint[[2]string{strconv.Itoa(t.Pillar), deref(t.Point)}]++
	}
	var rows [][]string
	var points []int // rows (1-based, sheet) of points, grouped under their pillar
	for i, p := range d.Pillars {
		rows = append(rows, []string{p.Number, p.Title, LevelPillar, strconv.Itoa(perPillar[i+1]), Where(p.Location)})
		for j, pt := range p.Points {
			rows = append(rows, []string{"（" + chineseNumber(j+1) + "）", pt.Title, LevelPoint,
				strconv.Itoa(perPoint[[2]string{strconv.Itoa(i + 1), pt.Title}]), Where(pt.Location)})
			points = append(points, len(rows)+1)
		}
	}
	if n := perPillar[0]; n > 0 {
		rows = append(rows, []string{"", OutsideLabel, "", strconv.Itoa(n), ""})
	}
	if err := b.table(table{
		sheet:   SheetStructure,
		titles:  []string{ColStructNumber, ColStructTitle, ColStructLevel, "任务数", "原文位置"},
		widths:  []float64{8, 52, 10, 8, 12},
		numeric: map[int]bool{3: true},
	}, rows); err != nil {
		return err
	}
	for i, r := range rows {
		if r[2] == LevelPillar {
			if err := b.f.SetCellStyle(SheetStructure, cellName(0, i+2), cellName(4, i+2), b.group); err != nil {
				return err
			}
		}
	}
	below := false
	if err := b.f.SetSheetProps(SheetStructure, &excelize.SheetPropsOptions{OutlineSummaryBelow: &below}); err != nil {
		return err
	}
	for _, row := range points {
		if err := b.f.SetCellStyle(SheetStructure, cellName(1, row), cellName(1, row), b.indent); err != nil {
			return err
		}
		if err := b.f.SetRowOutlineLevel(SheetStructure, row, 1); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) overview() error {
	d, sh := b.d, SheetOverview
	info := d.Info
	announced := "（文中未说明）"
	if info.AnnouncedPillars != nil {
		announced = strconv.Itoa(*info.AnnouncedPillars)
	}
	points := 0
	for _, p := range d.Pillars {
		points += len(p.Points)
	}
	enc := info.Encoding
	if enc == "" {
		enc = "（不适用）"
	}
	warnings := strings.Join(d.Warnings, "\n")
	if warnings == "" {
		warnings = "无"
	}
	facts := [][]string{
		{LabelSource, info.Name},
		{"文件格式", info.Format},
		{"文字编码", enc},
		{"SHA-256", info.SHA256},
		{"标题", info.Title},
		{LabelAnnounced, announced},
		{"一级部署数", strconv.Itoa(len(d.Pillars))},
		{"重点任务数", strconv.Itoa(points)},
		{"任务数", strconv.Itoa(len(d.Tasks))},
		{"提法口号数", strconv.Itoa(len(d.Slogans))},
		{"文字识别（OCR）", ocrFact(info.OCRPages)},
		{"警告", warnings},
		{LabelGenerated, b.o.Generated.Format(GeneratedLayout)},
		{"规则版本", b.o.RulesVersion},
	}
	if err := b.table(table{sheet: sh, titles: []string{"项目", "内容"}, widths: []float64{24, 76}}, facts); err != nil {
		return err
	}
	if len(d.Pillars) == 0 {
		return nil
	}
	// The chart's data: a small table under the facts.
	top := len(facts) + 3
	if err := b.str(sh, 0, top, "一级部署"); err != nil {
		return err
	}
	if err := b.str(sh, 1, top, "任务数"); err != nil {
		return err
	}
	if err := b.f.SetCellStyle(sh, cellName(0, top), cellName(1, top), b.head); err != nil {
		return err
	}
	count := map[int]int{}
	for _, t := range d.Tasks {
		count[t.Pillar]++
	}
	for i := range d.Pillars {
		row := top + 1 + i
		// A short label: the chart's axis has no room for a whole title,
		// which the 文档结构 sheet shows anyway.
		label := []rune(pillarLabel(d, i+1))
		if len(label) > 12 {
			label = append(label[:11], '…')
		}
		if err := b.str(sh, 0, row, string(label)); err != nil {
			return err
		}
		if err := b.f.SetCellInt(sh, cellName(1, row), int64(count[i+1])); err != nil {
			return err
		}
	}
	first, last := top+1, top+len(d.Pillars)
	if err := b.f.SetCellStyle(sh, cellName(0, first), cellName(1, last), b.body); err != nil {
		return err
	}
	q := "'" + sh + "'!"
	axisFont := excelize.Font{Family: fontName, Size: 10, Color: "262626"}
	vary := false
	return b.f.AddChart(sh, cellName(0, last+2), &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       q + "$B$" + strconv.Itoa(top),
			Categories: fmt.Sprintf("%s$A$%d:$A$%d", q, first, last),
			Values:     fmt.Sprintf("%s$B$%d:$B$%d", q, first, last),
		}},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各一级部署任务数", Font: &excelize.Font{Family: fontName, Size: 12, Bold: true}}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: &vary,
		Dimension:  excelize.ChartDimension{Width: 720, Height: uint(160 + 40*len(d.Pillars))},
		// Bars read top to bottom in the speech's order.
		XAxis: excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
	})
}

func (b *builder) units() error {
	if len(b.o.Units) == 0 {
		return nil
	}
	f := b.f
	if _, err := f.NewSheet(SheetUnits); err != nil {
		return err
	}
	for i, u := range b.o.Units {
		if err := b.str(SheetUnits, 0, i+1, u); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(SheetUnits, "A", "A", 30); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: unitsName,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$A$%d", SheetUnits, len(b.o.Units))}); err != nil {
		return err
	}
	return f.SetSheetVisible(SheetUnits, false)
}

// removed keeps the input of rows whose task is gone, so that a change of
// rules or text never throws away what a reviewer typed.
func (b *builder) removed() error {
	if len(b.orphans) == 0 {
		return nil
	}
	ins := InputTitles()
	titles := append([]string{ColID, ColRemovedText}, ins...)
	titles = append(titles, "说明")
	widths := []float64{11, 52}
	for _, t := range ins {
		for _, c := range columns {
			if c.title == t {
				widths = append(widths, c.width)
			}
		}
	}
	widths = append(widths, 30)
	var rows [][]string
	for _, r := range b.orphans {
		row := []string{r.ID, r.Text}
		for _, t := range ins {
			row = append(row, r.In[t])
		}
		why := "重新生成时原文中已找不到这项任务，此前填写的内容保留在这里。"
		if r.ID == "" {
			why = "这一行没有任务编号（可能是手工添加的），此前填写的内容保留在这里。"
		}
		rows = append(rows, append(row, why))
	}
	if err := b.table(table{sheet: SheetRemoved, titles: titles, widths: widths}, rows); err != nil {
		return err
	}
	// A date typed earlier stays a date.
	due := 2 + slices.Index(ins, columns[colDue].title)
	for i, r := range b.orphans {
		if v := r.In[columns[colDue].title]; v != "" {
			if serial, err := strconv.ParseFloat(v, 64); err == nil {
				if err := b.f.SetCellFloat(SheetRemoved, cellName(due, i+2), serial, -1, 64); err != nil {
					return err
				}
				if err := b.f.SetCellStyle(SheetRemoved, cellName(due, i+2), cellName(due, i+2), b.date); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (b *builder) props() error {
	b.f.SetActiveSheet(0)
	title := b.d.Info.Title
	if title == "" {
		title = Stem(b.d.Info.Name)
	}
	return b.f.SetDocProps(&excelize.DocProperties{
		Title:       title + " 任务分解表",
		Creator:     "luoshi 落实",
		Description: "由 luoshi 根据 " + b.d.Info.Name + " 生成",
	})
}

// chineseNumber writes 1…99 the way headings number them: 一, 十二, 二十.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// ocrFact says in the overview how much of the document OCR read.
func ocrFact(pages int) string {
	if pages == 0 {
		return "无（文字取自文件本身）"
	}
	return fmt.Sprintf("%d 页是扫描图像，文字由 OCR 识别，可能有错字：原文位置标有“OCR识别”的任务请对照原件核对", pages)
}
