package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestRunAndWatchCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c := newCLI(t)
	t.Run("run", func(t *testing.T) { testRun(t, c) })
	t.Run("watch", func(t *testing.T) { testWatch(t, c) })
}

func testRun(t *testing.T, c *cli) {
	seed := seedPath(t)
	copyFile(t, seed, c.path("收件箱", "讲话 一.txt"))
	os.WriteFile(c.path("收件箱", "旧格式.doc"), []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 0o644)
	os.WriteFile(c.path("收件箱", "~$讲话 一.docx"), []byte("lock"), 0o644)

	out, errOut, code := c.run("run", "--in", "收件箱", "--out", "输出")
	if code != 1 {
		t.Errorf("exit %d with a failed file, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"完成 1 个", "失败 1 个", "旧格式.doc：", "批处理报告"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, "~$") {
		t.Errorf("the Word lock file was mentioned:\n%s%s", out, errOut)
	}
	// Not a terminal: plain progress lines.
	if !strings.Contains(errOut, "[1/2]") {
		t.Errorf("no progress lines on stderr:\n%s", errOut)
	}
	wb := c.path("输出", "讲话 一-任务分解.xlsx")
	if _, err := os.Stat(wb); err != nil {
		t.Fatal(err)
	}

	os.Remove(c.path("收件箱", "旧格式.doc"))
	st, _ := os.Stat(wb)
	out, _, code = c.run("run", "--in", "收件箱", "--out", "输出")
	if code != 0 || !strings.Contains(out, "跳过 1 个") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
	if st2, _ := os.Stat(wb); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("the second run rewrote the workbook")
	}
	out, _, code = c.run("run", "--in", "收件箱", "--out", "输出", "--force")
	if code != 0 || !strings.Contains(out, "完成 1 个") {
		t.Errorf("--force: exit %d\n%s", code, out)
	}

	_, errOut, code = c.run("run", "--in", "没有这个文件夹", "--out", "输出")
	if code == 0 || !strings.Contains(errOut, "无法读取收件箱") {
		t.Errorf("missing inbox: exit %d, %s", code, errOut)
	}
}

func testWatch(t *testing.T, c *cli) {
	seed := seedPath(t)
	os.MkdirAll(c.path("监视"), 0o755)
	cmd := exec.Command(c.bin, "watch", "--in", "监视", "--out", "监视输出", "--settle", "100ms", "--rescan-interval", "200ms")
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "HOME="+c.dir)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	copyFile(t, seed, c.path("监视", "新讲话.txt"))
	wb := c.path("监视输出", "新讲话-任务分解.xlsx")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(wb); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no workbook from watch:\n%s", errOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch ended with %v:\n%s", err, errOut.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("watch did not stop on Ctrl-C")
	}
	if !strings.Contains(errOut.String(), "已停止监视") {
		t.Errorf("no stop message:\n%s", errOut.String())
	}
	if _, err := os.Stat(filepath.Join(c.path("监视输出"), "批处理报告.csv")); err != nil {
		t.Errorf("watch wrote no report: %v", err)
	}
}

// bigSpeech writes a speech of n distinct tasks, slow enough to read and
// write (about a second for 8,000) that a signal finds it in hand.
func bigSpeech(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("一、总体要求\n")
	for i := range n {
		fmt.Fprintf(&b, "各级政府要切实加强第%d项工作，年底前完成。\n", i)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// start starts the binary in c's folder; wait returns its exit code.
func (c *cli) start(args ...string) (cmd *exec.Cmd, out, errOut *syncBuffer) {
	c.t.Helper()
	cmd = exec.Command(c.bin, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "HOME="+c.dir)
	out, errOut = &syncBuffer{}, &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, errOut
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, out, errOut
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until the buffer holds want.
func waitFor(t *testing.T, b *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(b.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("never saw %q in:\n%s", want, b.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func exitCodeOf(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(60 * time.Second):
		t.Fatal("the process did not end")
	}
	return -1
}

// TestRunInterrupted: the first Ctrl-C says what happens and lets the files
// in hand finish; the run exits 130. A second Ctrl-C exits at once, 130,
// and the next run sweeps what the killed write left.
func TestRunInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c := newCLI(t)
	for i := range 6 {
		bigSpeech(t, c.path("收件箱", fmt.Sprintf("讲话%d.txt", i)), 8000)
	}
	t.Run("once", func(t *testing.T) {
		cmd, out, errOut := c.start("run", "--in", "收件箱", "--out", "输出1", "--workers", "1")
		waitFor(t, errOut, "[1/6]")
		cmd.Process.Signal(syscall.SIGINT)
		if code := exitCodeOf(t, cmd); code != 130 {
			t.Errorf("exit %d, want 130\n%s%s", code, out, errOut)
		}
		if !strings.Contains(errOut.String(), "收到中断信号：不再开始新的文件") {
			t.Errorf("no word of the interruption:\n%s", errOut)
		}
		if !strings.Contains(out.String(), "处理被中断") && !strings.Contains(out.String(), "跳过") {
			t.Errorf("summary does not tell of the files left:\n%s", out)
		}
		noTempFiles(t, c.path("输出1"))
	})
	t.Run("twice", func(t *testing.T) {
		cmd, out, errOut := c.start("run", "--in", "收件箱", "--out", "输出2", "--workers", "1")
		waitFor(t, errOut, "[1/6]")
		cmd.Process.Signal(syscall.SIGINT)
		waitFor(t, errOut, "收到中断信号")
		start := time.Now()
		cmd.Process.Signal(syscall.SIGINT)
		if code := exitCodeOf(t, cmd); code != 130 {
			t.Errorf("exit %d, want 130\n%s%s", code, out, errOut)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("the second Ctrl-C took %v to end the run", d)
		}
		if !strings.Contains(errOut.String(), "立即退出") {
			t.Errorf("no word of the exit:\n%s", errOut)
		}
		// The next run finishes the job and leaves no temporary file.
		if _, errOut, code := c.run("run", "--in", "收件箱", "--out", "输出2"); code != 0 {
			t.Fatalf("next run: exit %d\n%s", code, errOut)
		}
		noTempFiles(t, c.path("输出2"))
	})
}

// TestConcurrentRuns: two runs on one outbox both finish; the second waits
// for the first with a message, and no record of either is lost.
func TestConcurrentRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c := newCLI(t)
	for i := range 3 {
		bigSpeech(t, c.path("甲", fmt.Sprintf("甲%d.txt", i)), 4000)
		bigSpeech(t, c.path("乙", fmt.Sprintf("乙%d.txt", i)), 4000)
	}
	a, aOut, aErr := c.start("run", "--in", "甲", "--out", "输出")
	waitFor(t, aErr, "[1/3]")
	b, bOut, bErr := c.start("run", "--in", "乙", "--out", "输出")
	if code := exitCodeOf(t, a); code != 0 {
		t.Errorf("first run: exit %d\n%s%s", code, aOut, aErr)
	}
	if code := exitCodeOf(t, b); code != 0 {
		t.Errorf("second run: exit %d\n%s%s", code, bOut, bErr)
	}
	if !strings.Contains(bErr.String(), "另一个 luoshi 正在使用输出文件夹") {
		t.Errorf("the second run did not say it waited:\n%s", bErr)
	}
	raw, err := os.ReadFile(c.path("输出", ".luoshi-state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct{ Files map[string]json.RawMessage }
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Files) != 6 {
		t.Errorf("%d records in the state, want 6:\n%s", len(st.Files), raw)
	}
}

// noTempFiles fails t for every temporary file left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left in %s", e.Name(), filepath.Base(dir))
		}
	}
}
