package assign

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestParse: the forms GUIDELINE.md names and their variants, written for
// this test.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		raw             string
		leads, partners []string
	}{
		{"（市教育局、市财政局负责。列第一位者为牵头单位，下同）", []string{"市教育局"}, []string{"市财政局"}},
		{"（责任单位：市经信局、市科技局，各县（市、区）人民政府，以下均需地方落实，不再重复列出）", []string{"市经信局"}, []string{"市科技局", "各县（市、区）人民政府"}},
		{"（责任单位：县农业农村局、县水利局）", []string{"县农业农村局"}, []string{"县水利局"}},
		{"（牵头单位：区卫生健康委）", []string{"区卫生健康委"}, nil},
		{"（牵头单位：区卫生健康委；配合单位：区医保局、区民政局）", []string{"区卫生健康委"}, []string{"区医保局", "区民政局"}},
		{"（市发展改革委牵头，市经信局、市科技局按职责分工负责）", []string{"市发展改革委"}, []string{"市经信局", "市科技局"}},
		{"（市商务局会同有关部门负责）", []string{"市商务局"}, nil},
		{"（市人社局、市教育局牵头负责）", []string{"市人社局", "市教育局"}, nil},
		{"（市人社局等有关部门和单位负责）", []string{"市人社局"}, nil},
		{"（市人社局、市财政局、市税务局等负责）", []string{"市人社局"}, []string{"市财政局", "市税务局"}},
		{"（各有关部门和单位，各区人民政府按职责分工负责）", []string{"各有关部门"}, []string{"各区人民政府"}},
		{"（责任单位：市经信局，各县、区〔市〕政府）", []string{"市经信局"}, []string{"各县、区〔市〕政府"}},
		{"（市住建局负责，市城管局按职责分工负责）", []string{"市住建局"}, []string{"市城管局"}},
		// Not responsibilities.
		{"（含技工学校）", nil, nil},
		{"（以下简称“双减”）", nil, nil},
	} {
		a, ok := Parse(tc.raw)
		if ok != (tc.leads != nil) {
			t.Errorf("%s: ok=%v", tc.raw, ok)
			continue
		}
		if !slices.Equal(a.Leads, tc.leads) || !slices.Equal(a.Partners, tc.partners) {
			t.Errorf("%s: leads %q partners %q, want %q %q", tc.raw, a.Leads, a.Partners, tc.leads, tc.partners)
		}
	}
}

func TestTrailing(t *testing.T) {
	for _, tc := range []struct {
		text string
		at   int
		ok   bool
	}{
		{"加快建设创业孵化载体。（市人社局负责）", 11, true},
		{"加快建设创业孵化载体（市人社局负责）。", 10, true},
		{"支持职业院校（含技工学校）开展培训。", 0, false},
		{"（责任单位：省经信厅，各市、县（市、区）人民政府）", 0, true},
	} {
		_, at, ok := Trailing(tc.text)
		if ok != tc.ok || ok && at != tc.at {
			t.Errorf("Trailing(%q) = %d, %v; want %d, %v", tc.text, at, ok, tc.at, tc.ok)
		}
	}
}

// TestCorpusParentheticals parses every parenthetical of the assignment
// gold of ../shared/corpus/assign as its gold says (names compared as the
// eval compares them: punctuation dropped). Skipped when it is absent.
func TestCorpusParentheticals(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/assign/*.assign.json")
	if len(files) == 0 {
		t.Skip("../shared/corpus/assign is absent")
	}
	norm := func(xs []string) []string {
		var out []string
		for _, x := range xs {
			out = append(out, strings.NewReplacer("、", "", "，", "", " ", "").Replace(x))
		}
		return out
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Assignments []struct {
				Raw      string   `json:"raw"`
				Lead     []string `json:"lead"`
				Partners []string `json:"partners"`
			} `json:"assignments"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		for _, x := range raw.Assignments {
			n++
			a, ok := Parse(x.Raw)
			if !ok {
				t.Errorf("%s: %s not read", filepath.Base(f), x.Raw)
				continue
			}
			if !slices.Equal(norm(a.Leads), norm(x.Lead)) || !slices.Equal(norm(a.Partners), norm(x.Partners)) {
				t.Errorf("%s: %s\n got %q %q\nwant %q %q", filepath.Base(f), x.Raw, a.Leads, a.Partners, x.Lead, x.Partners)
			}
		}
	}
	t.Logf("%d parentheticals", n)
}

// FuzzParentheticals: whatever a sentence holds, reading its
// parentheticals neither panics nor returns a unit that is not in it.
func FuzzParentheticals(f *testing.F) {
	f.Add("加快建设创业孵化载体。（市人社局、市财政局负责。列第一位者为牵头单位，下同）")
	f.Add("（责任单位：省经信厅，各市、县（市、区）人民政府）加强培训。")
	f.Add("（（（）））负责）（")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the readers hand on valid UTF-8 only
		}
		for _, read := range []func(string) (Assignment, int, bool){Trailing, Leading} {
			a, at, ok := read(s)
			if !ok {
				continue
			}
			if at < 0 || at > len([]rune(s)) {
				t.Fatalf("offset %d outside %q", at, s)
			}
			for _, u := range append(append([]string(nil), a.Leads...), a.Partners...) {
				if !strings.Contains(strings.ReplaceAll(s, "、", ""), strings.ReplaceAll(u, "、", "")) && u != "各有关部门" {
					t.Fatalf("unit %q not in %q", u, s)
				}
			}
		}
	})
}

func TestSplitUnits(t *testing.T) {
	for cell, want := range map[string]string{
		"省经信厅、省科技厅":         "省经信厅|省科技厅",
		"各市、县〔市、区〕政府，省财政厅":  "各市、县〔市、区〕政府|省财政厅",
		"省发展改革委；省数据局\n省经信厅": "省发展改革委|省数据局|省经信厅",
		"": "",
	} {
		if got := strings.Join(SplitUnits(cell), "|"); got != want {
			t.Errorf("SplitUnits(%q) = %q, want %q", cell, got, want)
		}
	}
}
