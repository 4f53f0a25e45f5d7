package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
)

// MemoFile, in the outbox, remembers what the ledger step last wrote, so
// that a run whose documents and day are unchanged rewrites nothing, and
// reads no share nobody has touched.
const MemoFile = ".luoshi-ledger.json"

// Memo maps a file the ledger step wrote (its path in the outbox, with /)
// to the key of its content and the SHA-256 of the file as written.
type Memo struct {
	path  string
	Files map[string]MemoEntry `json:"files"`
}

// MemoEntry is one file of the memo.
type MemoEntry struct {
	Key    string `json:"key"`
	SHA256 string `json:"sha256"`
}

// LoadMemo reads the memo of the outbox out; a missing or damaged one is
// empty (everything is written again).
func LoadMemo(out string) *Memo {
	m := &Memo{path: filepath.Join(out, MemoFile), Files: map[string]MemoEntry{}}
	if b, err := os.ReadFile(m.path); err == nil {
		var f Memo
		if json.Unmarshal(b, &f) == nil && f.Files != nil {
			m.Files = f.Files
		}
	}
	return m
}

// Untouched reports whether the file rel of the outbox out is the one
// the memo records: nobody has edited it since it was written.
func (m *Memo) Untouched(out, rel string) bool {
	e, ok := m.Files[rel]
	if !ok {
		return false
	}
	sum, err := atomicfile.Sum(filepath.Join(out, filepath.FromSlash(rel)))
	return err == nil && sum == e.SHA256
}

// Fresh reports whether the file rel holds the content of key, untouched.
func (m *Memo) Fresh(out, rel, key string) bool {
	return m.Files[rel].Key == key && m.Untouched(out, rel)
}

func (m *Memo) put(rel, key, sum string) { m.Files[rel] = MemoEntry{key, sum} }

// Save writes the memo.
func (m *Memo) Save() error {
	_, err := atomicfile.Write(m.path, func(w io.Writer) error {
		return json.NewEncoder(w).Encode(m)
	})
	return err
}

// contentKey is the key of a sheet of items as of today: every value it
// shows, and the day its 剩余天数 count from.
func contentKey(kind string, today time.Time, items []*Item) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", kind, today.Format("2006-01-02"))
	for _, it := range items {
		info := it.Doc.Doc.Info
		point := ""
		if it.Task.Point != nil {
			point = *it.Task.Point
		}
		for _, v := range []string{it.Doc.Title(), info.Number, info.Date, it.Doc.Stem, it.Pillar, point, it.Task.Text, it.ID,
			it.Lead, it.Partners, it.Due, it.Status, it.Progress, it.Done, it.Delay} {
			io.WriteString(h, v)
			h.Write([]byte{0})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
