package batch

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
	"github.com/luoshi/luoshi/pipeline/export"
	"github.com/luoshi/luoshi/pipeline/ledger"
)

// StateFile, in the outbox, remembers what each source became, so that a
// rerun can tell what is already done.
const StateFile = ".luoshi-state.json"

// Entry is what the state remembers of one source file, keyed by its name.
type Entry struct {
	SHA256 string `json:"sha256"`
	Rules  string `json:"rules"`
	// Stem is what the outputs are named after; it stays with the source
	// once chosen (see claim).
	Stem    string   `json:"stem"`
	Outputs []string `json:"outputs"`
	// WorkbookSHA256 is the workbook as written; a different hash on disk
	// means someone edited it.
	WorkbookSHA256 string `json:"workbook_sha256"`
	// WorkbookPending is a workbook about to replace the one on disk,
	// recorded before the rename: if the run is killed right after it, the
	// new workbook is known for luoshi's own, not taken for a human edit.
	WorkbookPending string    `json:"workbook_pending,omitempty"`
	Tasks           int       `json:"tasks"`
	Done            time.Time `json:"done"`
}

// state is the outbox's memory, shared by the workers of a run.
type state struct {
	path string

	mu      sync.Mutex
	files   map[string]Entry
	claimed map[string]string // source name → stem, for sources not yet done
	// touched are the sources this process recorded; on saving, the
	// entries of all others are taken from the file as it is on disk, so
	// that a record written meanwhile by another process is not lost.
	touched map[string]bool
	// dropped are entries refused on loading, for the warning.
	dropped []string
}

type stateFile struct {
	Version int              `json:"version"`
	Files   map[string]Entry `json:"files"`
}

// loadState reads the outbox's state. A damaged state file is no reason to
// stop: everything is redone (and reviewers' input carried over), so it is
// reported as a warning.
func loadState(dir string) (*state, error) {
	s := &state{path: filepath.Join(dir, StateFile), files: map[string]Entry{}, claimed: map[string]string{}, touched: map[string]bool{}}
	files, err := readStateFile(s.path)
	if err != nil {
		return s, err
	}
	for name, e := range files {
		if !e.valid(name) {
			s.dropped = append(s.dropped, name)
			continue
		}
		s.files[name] = e
	}
	sort.Strings(s.dropped)
	return s, nil
}

// readStateFile reads the entries of a state file; none when it does not
// exist.
func readStateFile(path string) (map[string]Entry, error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	return f.Files, nil
}

// plainName reports whether s is a file name and nothing more: the state
// file lies in a shared outbox that anyone may edit, and its names become
// output paths, so a stem of ../../x must not write outside the outbox.
func plainName(s string) bool {
	if s == "" || s == "." || s == ".." || len(s) > 255 {
		return false
	}
	return !strings.ContainsAny(s, "/\\\x00") && filepath.Base(s) == s && filepath.VolumeName(s) == ""
}

// valid reports whether an entry's names are all plain names.
func (e Entry) valid(source string) bool {
	if !plainName(source) || (e.Stem != "" && !plainName(e.Stem)) {
		return false
	}
	for _, o := range e.Outputs {
		if !plainName(o) {
			return false
		}
	}
	return true
}

func (s *state) get(name string) (Entry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.files[name]
	return e, ok
}

// claim chooses the stem a source's outputs are named after: its name
// without extension, unless another source already has that stem (讲话.docx
// and 讲话.pdf), in which case the whole name. Once chosen it stays, so a
// source never takes over another's workbook.
func (s *state) claim(name, stem string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.files[name]; ok && e.Stem != "" {
		return e.Stem
	}
	if c, ok := s.claimed[name]; ok {
		return c
	}
	taken := func(st string) bool {
		for n, e := range s.files {
			if n != name && e.Stem == st {
				return true
			}
		}
		for n, c := range s.claimed {
			if n != name && c == st {
				return true
			}
		}
		return false
	}
	for _, cand := range []string{stem, export.FitStem(name)} {
		if !taken(cand) {
			s.claimed[name] = cand
			return cand
		}
	}
	// Only reachable with a hand-edited state; the name plus a counter is
	// still unique.
	for i := 2; ; i++ {
		cand := export.FitStem(name) + "-" + strconv.Itoa(i)
		if !taken(cand) {
			s.claimed[name] = cand
			return cand
		}
	}
}

// byWorkbook finds the source whose workbook is named wb.
func (s *state) byWorkbook(wb string) (string, Entry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, e := range s.files {
		if e.Stem != "" && export.NamesFor(e.Stem).Workbook == wb {
			return name, e, true
		}
	}
	return "", Entry{}, false
}

// sources lists the documents done, for the ledger.
func (s *state) sources() []ledger.Source {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ledger.Source
	for name, e := range s.files {
		if e.Stem != "" && !e.Done.IsZero() {
			out = append(out, ledger.Source{Name: name, Stem: e.Stem})
		}
	}
	return out
}

// put records a finished source and saves the state.
func (s *state) put(name string, e Entry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[name] = e
	s.touched[name] = true
	delete(s.claimed, name)
	// Under the outbox lock nobody else writes the file; where the lock
	// is not honoured (some network shares) this merge keeps the other
	// process's records all the same.
	if disk, err := readStateFile(s.path); err == nil {
		for n, de := range disk {
			if !s.touched[n] && de.valid(n) {
				s.files[n] = de
			}
		}
	}
	_, err := atomicfile.Write(s.path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(stateFile{Version: 1, Files: s.files})
	})
	return err
}
