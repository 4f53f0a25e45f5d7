// Package extract finds tasks, slogans, actors and timing.
// STUB: to be replaced by the extraction work (issue 3).
package extract

import (
	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/doc"
)

// Annotate runs structure and extraction over d with rules r.
func Annotate(d *doc.Document, r *dict.Rules) { d.Normalize() }
