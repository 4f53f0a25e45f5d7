//go:build !linux

package ingest

// limitAddressSpace relies on debug.SetMemoryLimit alone where there is no
// RLIMIT_AS (Windows, macOS); the parent's timeout still applies.
func limitAddressSpace(mem int64) {}
