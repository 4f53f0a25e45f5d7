package export

// column is one column of the 任务分解 sheet.
type column struct {
	title string
	width float64 // in Excel's character units
	// input marks what the department fills in; it is carried over to the
	// regenerated workbook by task id and never comes from the extraction.
	input bool
	wrap  bool
	// clip marks a column whose text does not set the row's height: the
	// pillar, repeated from its title row, the key action, whose verb
	// comes first and whose object repeats the task, and the rules, for
	// the program's maintainers. Rows sized for them printed at twice the
	// height the 任务分解表 needs.
	clip bool
}

// Column indexes of the 任务分解 sheet, 0-based. The first six are the
// 任务分解表 as it is printed and attached to a notice (序号, 重点任务,
// 具体措施, 牵头单位, 配合单位, 完成时限: the print area); the progress a
// unit reports follows, then what the program found, for review.
const (
	colSeq = iota
	colPoint
	colText
	colLead
	colPartner
	colDue
	colStatus
	colProgress
	colDone
	colDelay
	colLeader
	colVerdict
	colNote
	colPillar
	colAction
	colActors
	colTiming
	colBasis
	colConfidence
	colWhere
	colChanged
	colRules
	colID
	numCols
)

// printCols are the columns printed: the 任务分解表 proper.
const printCols = colDue + 1

// Column titles of the 任务分解 sheet. They are exported because the review
// package reads workbooks back and finds columns by these titles; defining
// them here, where they are written, keeps the two from drifting apart.
const (
	ColSeq        = "序号"
	ColPillar     = "一级部署"
	ColPoint      = "重点任务"
	ColText       = "任务内容"
	ColAction     = "关键动作"
	ColActors     = "文中责任主体"
	ColTiming     = "文中时间要求"
	ColLead       = "牵头单位"
	ColPartner    = "配合单位"
	ColLeader     = "责任领导"
	ColDue        = "完成时限"
	ColStatus     = "进展状态"
	ColProgress   = "进展情况"
	ColDone       = "实际完成时间"
	ColDelay      = "延期原因"
	ColVerdict    = "审核意见"
	ColNote       = "备注"
	ColLocation   = "原文位置"
	ColChanged    = "原文变动"
	ColBasis      = "分工依据"
	ColConfidence = "置信度"
	ColRules      = "命中规则"
	ColID         = "任务编号"

	// ColRemovedText is the task text column of the 已移除任务 sheet.
	ColRemovedText = "原任务内容"
)

var columns = [numCols]column{
	colSeq:        {title: ColSeq, width: 5},
	colPoint:      {title: ColPoint, width: 16, wrap: true},
	colText:       {title: ColText, width: 56, wrap: true},
	colLead:       {title: ColLead, width: 16, input: true, wrap: true},
	colPartner:    {title: ColPartner, width: 18, input: true, wrap: true},
	colDue:        {title: ColDue, width: 11.5, input: true},
	colStatus:     {title: ColStatus, width: 9, input: true},
	colProgress:   {title: ColProgress, width: 24, input: true, wrap: true},
	colDone:       {title: ColDone, width: 11.5, input: true},
	colDelay:      {title: ColDelay, width: 14, input: true, wrap: true},
	colLeader:     {title: ColLeader, width: 9, input: true, wrap: true},
	colVerdict:    {title: ColVerdict, width: 9, input: true},
	colNote:       {title: ColNote, width: 14, input: true, wrap: true},
	colPillar:     {title: ColPillar, width: 16, wrap: true, clip: true},
	colAction:     {title: ColAction, width: 12, wrap: true, clip: true},
	colActors:     {title: ColActors, width: 12, wrap: true},
	colTiming:     {title: ColTiming, width: 11, wrap: true},
	colBasis:      {title: ColBasis, width: 24, wrap: true},
	colConfidence: {title: ColConfidence, width: 8},
	colWhere:      {title: ColLocation, width: 12, wrap: true},
	colChanged:    {title: ColChanged, width: 24, wrap: true},
	colRules:      {title: ColRules, width: 20, wrap: true, clip: true},
	colID:         {title: ColID, width: 11},
}

// LowConfidence is the confidence below which a task's row is shaded for
// a reviewer to check first: the tasks judged by their shape alone (0.5,
// 0.55) or by a verb behind a preposition: on the speeches, 23 of 267
// tasks, precision 0.74 against 0.94 for the rest. Shading the 0.7 of
// every verb-initial measure of a report would shade nearly every row.
const LowConfidence = 0.6

// ChangedNote opens the 原文变动 cell of a task whose input was carried
// from a reworded sentence; the old sentence follows.
const ChangedNote = "原文有改动，已按相近的原句带入填写内容。原句"

// InputTitles are the headers of the columns people fill in, in sheet order.
func InputTitles() []string {
	var out []string
	for _, c := range columns {
		if c.input {
			out = append(out, c.title)
		}
	}
	return out
}

// Verdicts offered in the 审核意见 list; review import reads them back.
const (
	VerdictConfirmed     = "确认"
	VerdictFalsePositive = "误报"
	VerdictNeedsEdit     = "需修改"
)

// Choices offered by the drop-down lists; short enough for an inline list.
var (
	StatusChoices  = []string{"未启动", "推进中", "已完成", "已暂缓"}
	VerdictChoices = []string{VerdictConfirmed, VerdictFalsePositive, VerdictNeedsEdit}
)

// Names in the other sheets that review reads back: the 文档结构 headers
// and levels, the text column of 提法口号, and the 概览 labels of the source
// file and of the pillar count the speaker announced.
const (
	ColStructNumber = "编号"
	ColStructTitle  = "标题"
	ColStructLevel  = "层级"
	LevelPillar     = "一级部署"
	LevelPoint      = "重点任务"
	ColSlogan       = "提法口号"
	LabelSource     = "文件名"
	LabelAnnounced  = "文中宣布的一级部署数"
	// LabelGenerated stamps a workbook with when it was made (GeneratedLayout),
	// so that an old copy saved back over a newer one can be told.
	LabelGenerated = "生成时间"
)

// Sheet names.
const (
	SheetTasks     = "任务分解"
	SheetSlogans   = "提法口号"
	SheetStructure = "文档结构"
	SheetOverview  = "概览"
	SheetUnits     = "单位名单"
	SheetRemoved   = "已移除任务"
)
