package export

import "strings"

// Input is what reviewers typed into one row, keyed by column title (see
// InputTitles). Values are raw cell values: a date is its serial number, so
// it is written back exactly as it was.
type Input map[string]string

// Filled reports whether anything was typed.
func (in Input) Filled() bool {
	for _, v := range in {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// Row is one row of an existing workbook that carries reviewer input.
type Row struct {
	ID   string // 任务编号; empty for a row people added themselves
	Text string // 任务内容 as the row showed it, so a removed task stays readable
	In   Input
}

// Review is the reviewer input of an existing workbook: rows of its task
// sheet, then rows it had already set aside in the 已移除任务 sheet. The
// review package reads it (review.ReadInputFile); export only writes it
// back, so that one reader handles every workbook people have edited.
type Review struct {
	Rows []Row
	// Generated is the workbook's 生成时间 as its 概览 sheet records it
	// (GeneratedLayout), "" when it has none.
	Generated string
}

// GeneratedLayout is how 生成时间 is written.
const GeneratedLayout = "2006-01-02 15:04:05"
