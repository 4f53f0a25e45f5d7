package ingest

import (
	"os"
	"testing"
)

func benchRead(b *testing.B, file string, opt Options) {
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(file, data, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadTXT(b *testing.B)     { benchRead(b, seedPath, DefaultOptions()) }
func BenchmarkReadGB18030(b *testing.B) { benchRead(b, "testdata/seed-gb18030.txt", DefaultOptions()) }
func BenchmarkReadUTF16(b *testing.B)   { benchRead(b, "testdata/seed-utf16le.txt", DefaultOptions()) }
func BenchmarkReadDOCX(b *testing.B)    { benchRead(b, "testdata/seed-numbered.docx", DefaultOptions()) }

// BenchmarkReadPDF includes starting the child process, which is what a
// user waits for.
func BenchmarkReadPDF(b *testing.B) { benchRead(b, "testdata/seed.pdf", DefaultOptions()) }

func BenchmarkReadPDFInProcess(b *testing.B) {
	opt := DefaultOptions()
	opt.PDFInProcess = true
	benchRead(b, "testdata/seed.pdf", opt)
}

// BenchmarkReadDOC: Word 97 (LibreOffice's .doc of the numbered seed).
func BenchmarkReadDOC(b *testing.B) { benchRead(b, "testdata/seed-numbered.doc", DefaultOptions()) }

// BenchmarkReadPDFAES256: an owner-only AES-256 PDF, decrypted in the child.
func BenchmarkReadPDFAES256(b *testing.B) {
	benchRead(b, "testdata/short-owner-aes256.pdf", DefaultOptions())
}

// BenchmarkReadScan: one scanned page read by OCR (render, tesseract,
// paragraphs); skipped without tesseract.
func BenchmarkReadScan(b *testing.B) {
	if _, _, ok := ocrTools(); !ok {
		b.Skip("tesseract with chi_sim, or pdftoppm, is not installed")
	}
	benchRead(b, "testdata/seed-scan.pdf", DefaultOptions())
}
