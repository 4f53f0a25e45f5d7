package ingest

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestPDFMemoryBomb: a content stream that makes one string token of up
// to 1 GiB (one small compressed stream listed 1024 times) must be stopped
// by the child's memory limit, and the user told.
func TestPDFMemoryBomb(t *testing.T) {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(bytes.Repeat([]byte("A"), 1<<20))
	w.Close()
	contents := "[4 0 R" + strings.Repeat(" 5 0 R", 1024) + "]"
	data := buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "+contents+" >>",
		stream("BT ("),
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	opt := Options{PDFTimeout: 60 * time.Second, PDFMemory: 32 << 20}
	_, err := Read("bomb.pdf", data, opt)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a refusal", err)
	}
	if !strings.Contains(err.Error(), "内存") {
		t.Errorf("message %q does not say 内存", err)
	}
}
