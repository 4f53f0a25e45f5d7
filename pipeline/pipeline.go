// Package pipeline runs the stages in order: ingest → segment → structure →
// extract (extract.Annotate runs structure first) → deadline. Export is the caller's
// choice of output.
package pipeline

import (
	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/assign"
	"github.com/luoshi/luoshi/pipeline/deadline"
	"github.com/luoshi/luoshi/pipeline/doc"
	"github.com/luoshi/luoshi/pipeline/extract"
	"github.com/luoshi/luoshi/pipeline/ingest"
	"github.com/luoshi/luoshi/pipeline/segment"
)

// Process reads one file and annotates it with rules.
func Process(path string, rules *dict.Rules, opt ingest.Options) (*doc.Document, error) {
	d, err := ingest.ReadFile(path, opt)
	if err != nil {
		return nil, err
	}
	segment.Annotate(d, rules)
	extract.Annotate(d, rules) // structure, then tasks, slogans, actors, timing
	deadline.Annotate(d)       // the document's date, each task's deadline
	assign.Suggest(d, rules, assign.Candidates(d, rules))
	d.Normalize()
	return d, nil
}
