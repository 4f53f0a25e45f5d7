package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

	// A copy that takes longer than the settle time, written in pieces:
	// it must be handled once, whole.
	slow, err := os.Create(filepath.Join(dir, "慢慢复制.docx"))
	if err != nil {
		t.Fatal(err)
	}
	piece := make([]byte, 1000)
	for range 8 {
		slow.Write(piece)
		slow.Sync()
		time.Sleep(50 * time.Millisecond)
	}
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
	if got := h.sizes["慢慢复制.docx"]; len(got) == 0 || got[0] != 8000 {
		t.Errorf("the slow copy was handled at sizes %v, want once at 8000", got)
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
