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

// TestPDFMemoryBomb: a content stream that inflates to one 256 MB string
// token must be stopped by the child's memory limit, and the user told.
func TestPDFMemoryBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 256 MB stream")
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	w.Write([]byte("BT ("))
	chunk := bytes.Repeat([]byte("A"), 1<<20)
	for range 256 {
		w.Write(chunk)
	}
	w.Write([]byte(") Tj ET"))
	w.Close()
	data := buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	opt := Options{PDFTimeout: 20 * time.Second, PDFMemory: 64 << 20}
	_, err := Read("bomb.pdf", data, opt)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a refusal", err)
	}
	if !strings.Contains(err.Error(), "内存") && !strings.Contains(err.Error(), "损坏") {
		t.Errorf("message %q says neither memory nor damage", err)
	}
	t.Log(err)
}
