package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// ledongthuc/pdf reads text; it does not decrypt AES-256 (PDF 2.0's
// V=5) and gives up on a damaged cross-reference table. pdfcpu, a full
// PDF processor, does both: it decrypts an owner-only AES-256 file with the
// empty user password and rewrites a damaged one with a fresh table. Its
// output is read as the original would have been. It runs in the bounded
// PDF child like the reader, since it is as exposed to hostile files.

// repairPDF returns a copy of data that ledongthuc/pdf can open, rewritten
// by pdfcpu, when openErr is a failure pdfcpu can mend; ok is false
// otherwise. A PDF that needs a user password is not mended: there is no
// password to give it.
func repairPDF(data []byte, openErr error) (fixed []byte, ok bool) {
	if errors.Is(openErr, pdf.ErrInvalidPassword) {
		return nil, false
	}
	msg := openErr.Error()
	// A file cut short (no %%EOF) is not mended: what it would give is
	// part of a document that looks whole.
	if strings.Contains(msg, "missing %%EOF") {
		return nil, false
	}
	encrypted := strings.Contains(msg, "V=5") || strings.Contains(msg, "R=5") || strings.Contains(msg, "R=6") || strings.Contains(msg, "encryption")
	defer func() {
		if recover() != nil {
			fixed, ok = nil, false
		}
	}()
	// Without this pdfcpu creates and reads a configuration folder in the
	// user's home on first use. It is set here, not in an init function:
	// the PDF child starts from this package's init, possibly before it.
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.UserPW, conf.OwnerPW = "", ""
	conf.ValidationMode = model.ValidationRelaxed
	var out bytes.Buffer
	var err error
	if encrypted {
		err = api.Decrypt(bytes.NewReader(data), &out, conf)
	} else {
		err = api.Optimize(bytes.NewReader(data), &out, conf)
	}
	if err != nil || out.Len() == 0 {
		return nil, false
	}
	return out.Bytes(), true
}

// objHeader finds "N G obj" at the start of a line, where a PDF writer
// puts each object.
var objHeader = regexp.MustCompile(`(?m)^[ \t]*(\d{1,7})[ \t]+(\d{1,5})[ \t]+obj\b`)

// catalogObj finds the catalog among the objects, for a file whose trailer
// is lost too.
var catalogObj = regexp.MustCompile(`/Type\s*/Catalog\b`)

// rebuildXref mends a cross-reference table whose offsets are wrong, as
// pdftotext and mupdf do: every object is found where its "N G obj" header
// stands (the last one of a number wins, as later updates do), and a fresh
// table and trailer are appended. Objects inside object streams are not
// found this way; a file that needs them stays unread.
func rebuildXref(data []byte) ([]byte, bool) {
	offs := map[int]int{}
	gens := map[int]int{}
	maxID := 0
	for _, m := range objHeader.FindAllSubmatchIndex(data, -1) {
		id, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		if id == 0 || id > maxObjects {
			continue
		}
		offs[id], gens[id] = m[2], gen
		maxID = max(maxID, id)
	}
	if len(offs) == 0 {
		return nil, false
	}
	trailer := lastTrailer(data)
	if trailer == "" {
		root := 0
		for id, off := range offs {
			end := min(len(data), off+4096)
			if i := bytes.Index(data[off:end], []byte("endobj")); i >= 0 && catalogObj.Match(data[off:off+i]) {
				root = id
				break
			}
		}
		if root == 0 {
			return nil, false
		}
		trailer = fmt.Sprintf("<< /Root %d %d R >>", root, gens[root])
	}
	trailer = trailerEntry.ReplaceAllString(trailer, "")
	trailer = strings.Replace(trailer, "<<", fmt.Sprintf("<< /Size %d", maxID+1), 1)
	var b bytes.Buffer
	b.Grow(len(data) + 20*(maxID+1) + 256)
	b.Write(data)
	b.WriteString("\n")
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for id := 1; id <= maxID; id++ {
		if off, ok := offs[id]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", off, gens[id])
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, start)
	return b.Bytes(), true
}

// maxObjects bounds the table a rebuilt file may claim.
const maxObjects = 1_000_000

// trailerEntry matches the trailer entries a rebuilt table replaces or
// drops: its size, and the links to the tables it replaces.
var trailerEntry = regexp.MustCompile(`/(Size|Prev|XRefStm)\s+\d+`)

// lastTrailer returns the dictionary of the file's last trailer, "" when
// it has none.
func lastTrailer(data []byte) string {
	i := bytes.LastIndex(data, []byte("trailer"))
	if i < 0 {
		return ""
	}
	rest := data[i+len("trailer"):]
	j := bytes.Index(rest, []byte("<<"))
	if j < 0 || j > 16 {
		return ""
	}
	depth := 0
	for k := j; k+1 < len(rest); k++ {
		switch {
		case rest[k] == '<' && rest[k+1] == '<':
			depth++
			k++
		case rest[k] == '>' && rest[k+1] == '>':
			depth--
			k++
			if depth == 0 {
				return string(rest[j : k+1])
			}
		}
	}
	return ""
}
