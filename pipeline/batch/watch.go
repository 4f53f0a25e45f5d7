package batch

import (
	"context"
	"os"
	"path/filepath"
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
}

// sig identifies a version of a file.
type sig struct {
	size int64
	mod  time.Time
}

func stat(path string) (sig, bool) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return sig{}, false
	}
	return sig{fi.Size(), fi.ModTime()}, true
}

// seen is a file waiting to settle.
type seen struct {
	sig   sig
	since time.Time
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
				w.Handle(path)
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
			pending[path] = seen{s, now}
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
	check := func() {
		now := time.Now()
		for path, p := range pending {
			s, ok := stat(path)
			switch {
			case !ok:
				delete(pending, path)
			case s != p.sig:
				pending[path] = seen{s, now}
			case now.Sub(p.since) >= w.Settle && !queued[path]:
				delete(pending, path)
				queued[path] = true
				handled[path] = s
				ready = append(ready, path)
			}
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
		case <-checkT.C:
			check()
		case send <- next:
			ready = ready[1:]
		case path := <-finished:
			delete(queued, path)
		}
	}
	return nil
}
