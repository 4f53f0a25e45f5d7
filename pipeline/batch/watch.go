package batch

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher feeds the files that land in a folder to Handle, once each, after
// they stop changing. Events make it quick; the periodic rescan makes it
// work on network shares that send none.
type Watcher struct {
	Dir     string
	Rescan  time.Duration // interval of the full rescan
	Settle  time.Duration // how long size and mtime must stay put
	Workers int
	// Handle processes one file; it is called from Workers goroutines.
	Handle func(path string)
	// Log reports what the watcher itself runs into (in Chinese).
	Log func(msg string)
	// Patience is how long a file whose size has settled but that does
	// not yet open as what its name claims (a .docx whose zip lacks its
	// central directory, a .pdf without its %%EOF: a copy that paused)
	// waits before it is handed over anyway, for the reader to say what
	// is wrong with it; 2 minutes when 0.
	Patience time.Duration
	// RulesDir is the rule dictionary folder, "" for the embedded rules.
	// When its files change and settle, Reload is called; if it returns
	// true every file is considered again under the new rules.
	RulesDir string
	Reload   func() bool
}

// complete reports whether the file at path opens as what its name says,
// so that a copy that paused longer than the settle time is not read
// half-written.
func complete(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".ofd":
		z, err := zip.OpenReader(path)
		if err != nil {
			return false
		}
		z.Close()
	case ".pdf":
		f, err := os.Open(path)
		if err != nil {
			return false
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return false
		}
		tail := make([]byte, min(fi.Size(), 2048))
		if _, err := f.ReadAt(tail, fi.Size()-int64(len(tail))); err != nil {
			return false
		}
		return bytes.Contains(tail, []byte("%%EOF"))
	}
	return true
}

// dirSig is a version of a folder's files: names, sizes and times.
func dirSig(dir string) string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() {
			fmt.Fprintf(&b, "%s\x00%d\x00%d\n", e.Name(), fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return b.String()
}

// sig identifies a version of a file.
type sig struct {
	size int64
	mod  time.Time
	name string // for a folder: its dirSig
}

func stat(path string) (sig, bool) {
	if path == "" {
		return sig{}, false
	}
	// A link is a file of its own here: Handle says why it refuses it.
	fi, err := os.Lstat(path)
	if err != nil || !(fi.Mode().IsRegular() || fi.Mode()&os.ModeSymlink != 0) {
		return sig{}, false
	}
	return sig{size: fi.Size(), mod: fi.ModTime()}, true
}

// seen is a file waiting to settle.
type seen struct {
	sig   sig
	since time.Time
	told  bool // that it is incomplete
}

// Run watches until ctx ends, then lets the files in hand finish and
// returns. Files already in the folder are handled first.
func (w *Watcher) Run(ctx context.Context) error {
	logf := w.Log
	if logf == nil {
		logf = func(string) {}
	}
	var events <-chan fsnotify.Event
	var errs <-chan error
	if fw, err := fsnotify.NewWatcher(); err != nil {
		logf("无法使用文件变化通知（" + err.Error() + "），改为只定期扫描")
	} else {
		defer fw.Close()
		if err := fw.Add(w.Dir); err != nil {
			logf("无法监视文件夹 " + w.Dir + "（" + err.Error() + "），改为只定期扫描")
		} else {
			events, errs = fw.Events, fw.Errors
		}
		if w.RulesDir != "" {
			fw.Add(w.RulesDir) // else the rescan notices
		}
	}

	workers := max(w.Workers, 1)
	jobs := make(chan string)
	finished := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				if ctx.Err() != nil {
					continue // stopping: hand nothing new over
				}
				// A file taken away while it waited is no failure.
				if _, err := os.Lstat(path); err == nil {
					w.Handle(path)
				}
				// The loop may have stopped listening once ctx ended.
				select {
				case finished <- path:
				case <-ctx.Done():
				}
			}
		}()
	}
	defer wg.Wait()
	defer close(jobs)

	pending := map[string]seen{} // waiting to settle
	var ready []string           // settled, waiting for a worker
	queued := map[string]bool{}  // in ready or in a worker's hands
	handled := map[string]sig{}  // the version last handed over

	observe := func(path string, now time.Time) {
		if Noise(filepath.Base(path)) || queued[path] {
			return
		}
		s, ok := stat(path)
		if !ok || handled[path] == s {
			return
		}
		if p, ok := pending[path]; !ok || p.sig != s {
			pending[path] = seen{sig: s, since: now}
		}
	}
	rescan := func() {
		paths, err := Scan(w.Dir)
		if err != nil {
			logf(err.Error())
			return
		}
		now := time.Now()
		for _, p := range paths {
			observe(p, now)
		}
	}
	patience := w.Patience
	if patience <= 0 {
		patience = 2 * time.Minute
	}
	check := func() {
		now := time.Now()
		for path, p := range pending {
			s, ok := stat(path)
			switch {
			case !ok:
				delete(pending, path)
			case s != p.sig:
				pending[path] = seen{sig: s, since: now}
			case now.Sub(p.since) >= w.Settle && !queued[path]:
				if !complete(path) && now.Sub(p.since) < patience {
					if !p.told {
						logf("文件 " + filepath.Base(path) + " 还没有复制完整（打不开），等复制完再处理")
						p.told = true
						pending[path] = p
					}
					continue
				}
				delete(pending, path)
				queued[path] = true
				handled[path] = s
				ready = append(ready, path)
			}
		}
	}

	// The rule dictionary: a change is taken once it has settled.
	rulesSig := dirSig(w.RulesDir)
	var rulesSeen seen // since is zero while nothing changed
	checkRules := func() {
		if w.RulesDir == "" || w.Reload == nil {
			return
		}
		now := time.Now()
		cur := dirSig(w.RulesDir)
		switch {
		case cur == rulesSig:
			rulesSeen = seen{}
			return
		case rulesSeen.since.IsZero() || cur != rulesSeen.sig.name:
			rulesSeen = seen{sig: sig{name: cur}, since: now}
			return
		case now.Sub(rulesSeen.since) < w.Settle:
			return
		}
		rulesSig, rulesSeen = cur, seen{}
		if w.Reload() {
			// Every file again: Handle skips what the rules leave as it was.
			clear(handled)
			rescan()
		}
	}

	rescan()
	rescanT := time.NewTicker(w.Rescan)
	defer rescanT.Stop()
	checkT := time.NewTicker(max(w.Settle/4, 10*time.Millisecond))
	defer checkT.Stop()
	for ctx.Err() == nil {
		var send chan string
		var next string
		if len(ready) > 0 {
			send, next = jobs, ready[0]
		}
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if w.RulesDir != "" && filepath.Clean(filepath.Dir(ev.Name)) == filepath.Clean(w.RulesDir) {
				checkRules()
				continue
			}
			if ev.Op&(fsnotify.Create|fsnotify.Write|fsnotify.Rename|fsnotify.Chmod) != 0 {
				observe(ev.Name, time.Now())
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			// An overflowing event queue loses events; the rescan
			// catches up.
			logf("文件变化通知出错（" + err.Error() + "），等待下次扫描")
		case <-rescanT.C:
			rescan()
			checkRules()
		case <-checkT.C:
			check()
			if !rulesSeen.since.IsZero() {
				checkRules()
			}
		case send <- next:
			ready = ready[1:]
		case path := <-finished:
			delete(queued, path)
		}
	}
	return nil
}
