package ingest

import "testing"

// TestDOCList: a paragraph's list is its own sprmPIlfo, 0 meaning none
// over a numbered style; else its style's, inherited along istdBase, the
// level likewise; a loop of bases in a damaged file ends.
func TestDOCList(t *testing.T) {
	r := &docReader{styles: []docStyle{
		{base: istdNil}, // 0 Normal
		{base: 0, ilfo: 1, hasIlfo: true, hasIlvl: true}, // 1 标题 1, numbered at level 0
		{base: 1, ilvl: 1, hasIlvl: true},                // 2 标题 2, based on 1, level 1
		{base: 4},                                        // 3 a loop: 3 → 4 → 3
		{base: 3},                                        // 4
		{base: 0, ilfo: 2, ilvl: 0, hasIlfo: true, hasIlvl: false}, // 5 a list, no level
	}}
	for _, tc := range []struct {
		name       string
		p          parList
		ilfo, ilvl int
	}{
		{"plain", parList{istd: 0}, 0, 0},
		{"by its style", parList{istd: 1}, 1, 0},
		{"by the style's base, at the style's level", parList{istd: 2}, 1, 1},
		{"its own list", parList{istd: 0, ilfo: 3, ilvl: 2, hasIlfo: true, hasIlvl: true}, 3, 2},
		{"its own level in the style's list", parList{istd: 1, ilvl: 2, hasIlvl: true}, 1, 2},
		{"0 takes the style's number away", parList{istd: 1, ilfo: 0, hasIlfo: true}, 0, 0},
		{"a loop of bases", parList{istd: 3}, 0, 0},
		{"an istd past the stylesheet", parList{istd: 99}, 0, 0},
		{"a list with no level", parList{istd: 5}, 2, 0},
	} {
		if ilfo, ilvl := r.list(tc.p); ilfo != tc.ilfo || ilvl != tc.ilvl {
			t.Errorf("%s: list %d level %d, want %d %d", tc.name, ilfo, ilvl, tc.ilfo, tc.ilvl)
		}
	}
}
