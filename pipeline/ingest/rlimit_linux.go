package ingest

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// limitAddressSpace caps the child's virtual memory at what it already
// uses plus mem, so that an allocation storm fails fast instead of
// swapping the machine. The Go runtime reserves address space up front,
// which is why the current size is the base.
func limitAddressSpace(mem int64) {
	base := int64(0)
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmSize:" {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				base = kb << 10
			}
		}
	}
	limit := uint64(base + mem + 256<<20)
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
}

// execLimited replaces this process with the program at path, its address
// space capped at mem bytes (the limit survives exec): how OCR bounds
// tesseract's memory as the PDF child bounds its own. It returns only on
// failure.
func execLimited(path string, args []string, mem int64) error {
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: uint64(mem), Max: uint64(mem)}); err != nil {
		return err
	}
	return syscall.Exec(path, append([]string{path}, args...), os.Environ())
}

// canExecLimited reports whether execLimited bounds a program here.
const canExecLimited = true
