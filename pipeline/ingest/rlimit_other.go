//go:build !linux

package ingest

import "errors"

// limitAddressSpace relies on debug.SetMemoryLimit alone where there is no
// RLIMIT_AS (Windows, macOS); the parent's timeout still applies.
func limitAddressSpace(mem int64) {}

// execLimited is not available without RLIMIT_AS and exec; OCR runs
// tesseract directly, bounded by its timeout.
func execLimited(path string, args []string, mem int64) error {
	return errors.New("not supported")
}

const canExecLimited = false
