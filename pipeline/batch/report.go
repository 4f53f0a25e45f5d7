package batch

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/export"
)

// ReportFile, in the outbox, lists every file of the last batch and its
// outcome.
const ReportFile = "批处理报告.csv"

// WriteReport writes the batch report: UTF-8 with a BOM so that Excel reads
// it. It leaves an identical report untouched, and a batch in which nothing
// was done, and nothing failed that the report does not already show failed
// for the same reason, does not replace the report of the batch that did the
// work: a second run over the same inbox rewrites nothing. It reports
// whether it wrote.
func WriteReport(dir string, results []Result) (bool, error) {
	path := filepath.Join(dir, ReportFile)
	old, err := os.ReadFile(path)
	if err == nil && !news(old, results) {
		return false, nil
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write([]string{"文件", "状态", "任务数", "原因", "输出"})
	for _, r := range results {
		tasks := ""
		if r.Status != Failed && len(r.Outputs) > 0 {
			tasks = strconv.Itoa(r.Tasks)
		}
		outs := ""
		if r.Status != Failed {
			outs = strings.Join(r.Outputs, "、")
		}
		reason := r.Reason
		if r.Kept != "" {
			reason = strings.TrimPrefix(reason+"；", "；") + "已填写的旧表另存为 " + filepath.Join(HistoryDir, filepath.Base(r.Kept))
		}
		rec := []string{r.Source, r.Status.String(), tasks, reason, outs}
		for i := range rec {
			rec[i] = export.CSVSafe(rec[i])
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return false, err
	}
	if bytes.Equal(old, buf.Bytes()) {
		return false, nil
	}
	_, err = atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
	return err == nil, err
}

// news reports whether results hold an outcome the report in old does not
// show yet: a file done, or a failure not listed with the same reason.
func news(old []byte, results []Result) bool {
	failed := map[[2]string]bool{}
	if recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(old, []byte("\uFEFF")))).ReadAll(); err == nil {
		for _, rec := range recs {
			if len(rec) >= 4 && rec[1] == Failed.String() {
				failed[[2]string{rec[0], rec[3]}] = true
			}
		}
	}
	for _, r := range results {
		switch {
		case r.Status == Skipped:
		case r.Status == Failed && failed[[2]string{export.CSVSafe(r.Source), export.CSVSafe(r.Reason)}]:
		default:
			return true
		}
	}
	return false
}
