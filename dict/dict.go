// Package dict holds luoshi's rule dictionaries: plain UTF-8 text files a
// reviewer can edit, embedded as defaults, overridden by a folder on disk.
// STUB: to be replaced by the extraction work (issue 3).
package dict

import "embed"

//go:embed *.txt
var Default embed.FS

// Rules is a loaded, validated set of dictionaries.
type Rules struct{ version string }

// Load reads the dictionaries in dir, or the embedded defaults when dir is "".
func Load(dir string) (*Rules, error) { return &Rules{version: "stub"}, nil }

// Version identifies the rules' content, so a run can tell whether a file
// was processed with the same rules.
func (r *Rules) Version() string { return r.version }

// Units returns the department's unit names for the workbook's 牵头单位 and
// 配合单位 drop-down lists (dict/units.txt).
func (r *Rules) Units() []string { return nil }
