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
