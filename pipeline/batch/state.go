package batch

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
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
	WorkbookSHA256 string    `json:"workbook_sha256"`
	Tasks          int       `json:"tasks"`
	Done           time.Time `json:"done"`
}

// state is the outbox's memory, shared by the workers of a run.
type state struct {
	path string

	mu      sync.Mutex
	files   map[string]Entry
	claimed map[string]string // source name → stem, for sources not yet done
}

type stateFile struct {
	Version int              `json:"version"`
	Files   map[string]Entry `json:"files"`
}

// loadState reads the outbox's state. A damaged state file is no reason to
// stop: everything is redone (and reviewers' input carried over), so it is
// reported as a warning.
func loadState(dir string) (*state, error) {
	s := &state{path: filepath.Join(dir, StateFile), files: map[string]Entry{}, claimed: map[string]string{}}
	b, err := os.ReadFile(s.path)
	if os.IsNotExist(err) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return s, err
	}
	if f.Files != nil {
		s.files = f.Files
	}
	return s, nil
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
	for _, cand := range []string{stem, name} {
		if !taken(cand) {
			s.claimed[name] = cand
			return cand
		}
	}
	// Only reachable with a hand-edited state; the name plus a counter is
	// still unique.
	for i := 2; ; i++ {
		cand := name + "-" + strconv.Itoa(i)
		if !taken(cand) {
			s.claimed[name] = cand
			return cand
		}
	}
}

// put records a finished source and saves the state.
func (s *state) put(name string, e Entry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[name] = e
	delete(s.claimed, name)
	_, err := atomicfile.Write(s.path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(stateFile{Version: 1, Files: s.files})
	})
	return err
}
