package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// handled records the sizes Handle saw per file name.
type handled struct {
	mu    sync.Mutex
	sizes map[string][]int64
}

func (h *handled) handle(path string) {
	fi, err := os.Stat(path)
	size := int64(-1)
	if err == nil {
		size = fi.Size()
	}
	h.mu.Lock()
	h.sizes[filepath.Base(path)] = append(h.sizes[filepath.Base(path)], size)
	h.mu.Unlock()
}

func (h *handled) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sizes)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	// A file already there when the watch starts.
	os.WriteFile(filepath.Join(dir, "早到.txt"), []byte("早"), 0o644)
	h := &handled{sizes: map[string][]int64{}}
	w := &Watcher{Dir: dir, Rescan: 300 * time.Millisecond, Settle: 400 * time.Millisecond, Workers: 4, Handle: h.handle}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopped := make(chan error, 1)
	go func() { stopped <- w.Run(ctx) }()

	// A copy that pauses longer than the settle time, on purpose: the
	// size stays put, but the .docx does not open until its zip is whole,
	// so it must be handled once, whole, however loaded the machine is.
	docx := realDOCX(t)
	slow, err := os.Create(filepath.Join(dir, "慢慢复制.docx"))
	if err != nil {
		t.Fatal(err)
	}
	half := len(docx) / 2
	slow.Write(docx[:half])
	slow.Sync()
	time.Sleep(3 * w.Settle)
	slow.Write(docx[half:])
	slow.Close()
	// A burst of a hundred files, and noise that must be ignored. Each
	// appears whole (written aside, renamed in), so that a loaded test
	// machine cannot pause a write long enough to count as settled.
	for i := range 100 {
		place(t, filepath.Join(dir, fmt.Sprintf("批量%03d.txt", i)), "内容")
	}
	os.WriteFile(filepath.Join(dir, "~$锁.docx"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".隐藏.txt"), []byte("x"), 0o644)

	waitFor(t, "102 files", func() bool { return h.count() >= 102 })
	// Let rescans pass: nothing may be handled twice.
	time.Sleep(3 * w.Rescan)
	cancel()
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.sizes) != 102 {
		t.Errorf("handled %d files, want 102", len(h.sizes))
	}
	for name, sizes := range h.sizes {
		if len(sizes) != 1 {
			t.Errorf("%s handled %d times", name, len(sizes))
		}
	}
	if got := h.sizes["慢慢复制.docx"]; len(got) == 0 || got[0] != int64(len(docx)) {
		t.Errorf("the slow copy was handled at sizes %v, want once at %d", got, len(docx))
	}
	for _, n := range []string{"~$锁.docx", ".隐藏.txt"} {
		if _, ok := h.sizes[n]; ok {
			t.Errorf("%s was handled", n)
		}
	}
}

// TestWatchChangedFile: a file replaced after it was handled is handled
// again; an unchanged one is not.
func TestWatchChangedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "讲话.txt")
	os.WriteFile(path, []byte("一"), 0o644)
	h := &handled{sizes: map[string][]int64{}}
	w := &Watcher{Dir: dir, Rescan: 100 * time.Millisecond, Settle: 150 * time.Millisecond, Workers: 2, Handle: h.handle}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- w.Run(ctx) }()
	waitFor(t, "the first version", func() bool { return h.count() == 1 })
	place(t, path, "一二三")
	waitFor(t, "the second version", func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(h.sizes["讲话.txt"]) == 2
	})
	time.Sleep(300 * time.Millisecond)
	cancel()
	<-stopped
	if got := h.sizes["讲话.txt"]; len(got) != 2 || got[1] != int64(len("一二三")) {
		t.Errorf("sizes handled: %v", got)
	}
}

// TestWatchStopsAfterFileInHand: cancelling lets the file being processed
// finish, and starts no other.
func TestWatchStopsAfterFileInHand(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", i)), []byte("x"), 0o644)
	}
	started := make(chan struct{}, 10)
	var mu sync.Mutex
	finished, begun := 0, 0
	w := &Watcher{Dir: dir, Rescan: time.Hour, Settle: 10 * time.Millisecond, Workers: 1, Handle: func(string) {
		mu.Lock()
		begun++
		mu.Unlock()
		started <- struct{}{}
		time.Sleep(300 * time.Millisecond)
		mu.Lock()
		finished++
		mu.Unlock()
	}}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- w.Run(ctx) }()
	<-started
	cancel()
	<-stopped
	mu.Lock()
	defer mu.Unlock()
	if begun != 1 || finished != 1 {
		t.Errorf("begun %d, finished %d; want the one file in hand finished and no other begun", begun, finished)
	}
}

// place makes a file appear with its whole content at once.
func place(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// realDOCX is a .docx of some size, so that half of it is no zip.
func realDOCX(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(ingestData, "seed-numbered.docx"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWatchIncompleteGivesUp: a settled file that never becomes whole is
// handed over after Patience, for the reader to say what is wrong.
func TestWatchIncompleteGivesUp(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "坏.docx"), realDOCX(t)[:500], 0o644)
	h := &handled{sizes: map[string][]int64{}}
	var logged []string
	var mu sync.Mutex
	w := &Watcher{Dir: dir, Rescan: time.Hour, Settle: 20 * time.Millisecond, Patience: 300 * time.Millisecond, Workers: 1, Handle: h.handle,
		Log: func(m string) { mu.Lock(); logged = append(logged, m); mu.Unlock() }}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	start := time.Now()
	go func() { stopped <- w.Run(ctx) }()
	waitFor(t, "the broken file", func() bool { return h.count() == 1 })
	if d := time.Since(start); d < w.Patience {
		t.Errorf("handed over after %v, before the patience of %v", d, w.Patience)
	}
	cancel()
	<-stopped
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 1 || !strings.Contains(logged[0], "还没有复制完整") {
		t.Errorf("logged %q", logged)
	}
}

// TestWatchGoneBeforeItsTurn: a file deleted while it waited for a worker
// is dropped, not handed over (it would fail as missing).
func TestWatchGoneBeforeItsTurn(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "1先.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "2后.txt"), []byte("x"), 0o644)
	release := make(chan struct{})
	var mu sync.Mutex
	var got []string
	w := &Watcher{Dir: dir, Rescan: time.Hour, Settle: 10 * time.Millisecond, Workers: 1, Handle: func(p string) {
		mu.Lock()
		got = append(got, filepath.Base(p))
		first := len(got) == 1
		mu.Unlock()
		if first {
			<-release
		}
	}}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- w.Run(ctx) }()
	waitFor(t, "the first file", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 1 })
	time.Sleep(100 * time.Millisecond) // the other settles and queues
	mu.Lock()
	other := "2后.txt"
	if got[0] == other {
		other = "1先.txt"
	}
	mu.Unlock()
	os.Remove(filepath.Join(dir, other))
	close(release)
	time.Sleep(200 * time.Millisecond)
	cancel()
	<-stopped
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 {
		t.Errorf("handled %v, want only the file still there", got)
	}
}

// TestWatchReloadsRules: an edit in the rules folder calls Reload once it
// settles, and every file is considered again.
func TestWatchReloadsRules(t *testing.T) {
	dir, rules := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(dir, "讲话.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(rules, "words.txt"), []byte("a\n"), 0o644)
	h := &handled{sizes: map[string][]int64{}}
	var reloads atomicInt
	w := &Watcher{Dir: dir, Rescan: 100 * time.Millisecond, Settle: 50 * time.Millisecond, Workers: 1, Handle: h.handle,
		RulesDir: rules, Reload: func() bool { reloads.add(); return true }}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- w.Run(ctx) }()
	waitFor(t, "the file", func() bool { return h.count() == 1 })
	place(t, filepath.Join(rules, "words.txt"), "a\nb\n")
	waitFor(t, "the reload", func() bool { return reloads.get() == 1 })
	waitFor(t, "the file again", func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(h.sizes["讲话.txt"]) == 2
	})
	time.Sleep(300 * time.Millisecond)
	cancel()
	<-stopped
	if n := reloads.get(); n != 1 {
		t.Errorf("%d reloads for one edit", n)
	}
}

type atomicInt struct {
	mu sync.Mutex
	n  int
}

func (a *atomicInt) add()     { a.mu.Lock(); a.n++; a.mu.Unlock() }
func (a *atomicInt) get() int { a.mu.Lock(); defer a.mu.Unlock(); return a.n }
