package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
