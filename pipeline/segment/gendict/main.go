// Command gendict writes the segmenter's embedded Chinese dictionary,
// zh.dict, from gse's own simplified and traditional dictionaries in the
// module cache: every entry gse's LoadDict would keep (frequency at least
// 2, the first of a repeated word, one-character words at 2 as gse loads
// them), sorted by its bytes so that the
// segmenter can look words up without building a trie of all 589,000.
//
//	go generate ./pipeline/segment
package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendict OUT")
		os.Exit(2)
	}
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		fail(err)
	}
	root := filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh")
	type entry struct{ text, freq, pos string }
	seen := map[string]bool{}
	var all []entry
	var total float64
	for _, name := range []string{"s_1.txt", "t_1.txt"} { // gse's LoadDict order
		f, err := os.Open(filepath.Join(root, name))
		if err != nil {
			fail(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 2 || seen[fields[0]] {
				continue
			}
			freq, err := strconv.ParseFloat(fields[1], 64)
			if err != nil || freq < 2 {
				continue
			}
			pos := ""
			if len(fields) > 2 {
				pos = fields[2]
			}
			seen[fields[0]] = true
			// gse gives every one-character word the frequency 2 when it
			// loads it; the total must count what gse counts.
			if utf8.RuneCountInString(fields[0]) < 2 {
				freq, fields[1] = 2, "2"
			}
			all = append(all, entry{fields[0], fields[1], pos})
			total += freq
		}
		f.Close()
		if err := sc.Err(); err != nil {
			fail(err)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].text < all[j].text })
	out, err := os.Create(os.Args[1])
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriter(out)
	// The first line is the total frequency, which the segmenter must
	// reproduce when it loads only some of the words.
	fmt.Fprintf(w, "%.0f\n", total)
	for _, e := range all {
		fmt.Fprintf(w, "%s\t%s\t%s\n", e.text, e.freq, e.pos)
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
	if err := out.Close(); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "%d words, total frequency %.0f\n", len(all), total)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendict:", err)
	os.Exit(1)
}
