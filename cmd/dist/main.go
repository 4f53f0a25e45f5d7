// Command dist builds the luoshi binaries an office installs, with cgo off
// so that each is one file that runs on a machine without a C library of a
// particular version: Windows (amd64), Linux (amd64, arm64) and the 信创
// platforms (linux/loong64 for 龙芯 LoongArch, linux/arm64 for 麒麟 and 统信
// on 鲲鹏 and 飞腾, linux/mips64le for the older MIPS 龙芯 machines). Each
// goes into dist/luoshi-OS-ARCH/ with the README and config.yaml, and into
// a zip of that folder to copy to an offline machine.
//
//	go run ./cmd/dist            # all targets
//	go run ./cmd/dist linux/arm64 windows/amd64
package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// targets are the platforms built when none is named.
var targets = []string{"windows/amd64", "linux/amd64", "linux/arm64", "linux/loong64", "linux/mips64le"}

// extras go beside every binary.
var extras = []string{"README.md", "config.yaml"}

// Folders of an installed copy: its config.yaml points the inbox and the
// outbox here instead of at the repository's samples/ and out/.
const (
	inbox  = "收件箱"
	outbox = "输出"
)

// installedConfig is the repository's config.yaml for an installed copy.
func installedConfig(b []byte) []byte {
	s := string(b)
	s = strings.Replace(s, "\ninbox: samples\n", "\ninbox: "+inbox+"\n", 1)
	s = strings.Replace(s, "\noutbox: out\n", "\noutbox: "+outbox+"\n", 1)
	return []byte(s)
}

func main() {
	want := targets
	if len(os.Args) > 1 {
		want = os.Args[1:]
	}
	version := describe()
	failed := false
	for _, t := range want {
		goos, goarch, ok := strings.Cut(t, "/")
		if !ok {
			fmt.Fprintf(os.Stderr, "%s：平台应写成 系统/架构，例如 linux/arm64\n", t)
			failed = true
			continue
		}
		size, err := build(goos, goarch, version)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s：%v\n", t, err)
			failed = true
			continue
		}
		fmt.Printf("%-16s %6.1f MB  dist/%s\n", t, float64(size)/(1<<20), name(goos, goarch)+".zip")
	}
	if failed {
		os.Exit(1)
	}
}

func name(goos, goarch string) string { return "luoshi-" + goos + "-" + goarch }

// describe is the version stamped into the binaries: git's description of
// the checkout, "dev" without git.
func describe() string {
	out, err := exec.Command("git", "describe", "--always", "--dirty").Output()
	if err != nil {
		return "dev"
	}
	return strings.TrimSpace(string(out))
}

// build compiles one target into its folder and zips the folder; it
// returns the binary's size.
func build(goos, goarch, version string) (int64, error) {
	dir := filepath.Join("dist", name(goos, goarch))
	if err := os.RemoveAll(dir); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	bin := "luoshi"
	if goos == "windows" {
		bin += ".exe"
	}
	out := filepath.Join(dir, bin)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version, "-o", out, "./cmd/luoshi")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("编译失败：%w", err)
	}
	for _, e := range extras {
		b, err := os.ReadFile(e)
		if err != nil {
			return 0, err
		}
		if e == "config.yaml" {
			b = installedConfig(b)
		}
		if err := os.WriteFile(filepath.Join(dir, e), b, 0o644); err != nil {
			return 0, err
		}
	}
	if err := os.Mkdir(filepath.Join(dir, inbox), 0o755); err != nil {
		return 0, err
	}
	if err := zipDir(dir, dir+".zip"); err != nil {
		return 0, err
	}
	st, err := os.Stat(out)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// zipDir writes the files of dir into a zip under dir's name, the binary
// executable for Linux.
func zipDir(dir, dst string) error {
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer f.Close()
	z := zip.NewWriter(f)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.IsDir() { // the empty inbox
			if _, err := z.Create(filepath.Base(dir) + "/" + e.Name() + "/"); err != nil {
				return err
			}
			continue
		}
		h := &zip.FileHeader{Name: filepath.Base(dir) + "/" + e.Name(), Method: zip.Deflate}
		mode := os.FileMode(0o644)
		if strings.HasPrefix(e.Name(), "luoshi") {
			mode = 0o755
		}
		h.SetMode(mode)
		w, err := z.CreateHeader(h)
		if err != nil {
			return err
		}
		src, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		_, err = io.Copy(w, src)
		src.Close()
		if err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	return f.Sync()
}
