package export

// column is one column of the 任务分解 sheet.
type column struct {
	title string
	width float64 // in Excel's character units
	// input marks what the department fills in; it is carried over to the
	// regenerated workbook by task id and never comes from the extraction.
	input bool
	wrap  bool
}

// Column indexes of the 任务分解 sheet, 0-based.
const (
	colSeq = iota
	colPillar
	colPoint
	colText
	colAction
	colActors
	colTiming
	colLead
	colPartner
	colLeader
	colDue
	colStatus
	colVerdict
	colNote
	colWhere
	colRules
	colID
	numCols
)

var columns = [numCols]column{
	colSeq:     {title: "序号", width: 5},
	colPillar:  {title: "一级部署", width: 16, wrap: true},
	colPoint:   {title: "重点任务", width: 14, wrap: true},
	colText:    {title: "任务内容", width: 52, wrap: true},
	colAction:  {title: "关键动作", width: 12, wrap: true},
	colActors:  {title: "文中责任主体", width: 12, wrap: true},
	colTiming:  {title: "文中时间要求", width: 11, wrap: true},
	colLead:    {title: "牵头单位", width: 14, input: true, wrap: true},
	colPartner: {title: "配合单位", width: 16, input: true, wrap: true},
	colLeader:  {title: "责任领导", width: 9, input: true, wrap: true},
	colDue:     {title: "完成时限", width: 11.5, input: true},
	colStatus:  {title: "进展状态", width: 9, input: true},
	colVerdict: {title: "审核意见", width: 9, input: true},
	colNote:    {title: "备注", width: 14, input: true, wrap: true},
	colWhere:   {title: "原文位置", width: 11, wrap: true},
	colRules:   {title: "命中规则", width: 20, wrap: true},
	colID:      {title: "任务编号", width: 11},
}

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

// Choices offered by the drop-down lists; short enough for an inline list.
var (
	StatusChoices  = []string{"未启动", "推进中", "已完成", "已暂缓"}
	VerdictChoices = []string{"确认", "误报", "需修改"}
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
