package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// makeOFD writes an OFD of pages, each a Content.xml's Layer body (the
// TextObjects), as a 公文 OFD is laid out: OFD.xml → Doc_0/Document.xml →
// Doc_0/Pages/Page_N/Content.xml.
func makeOFD(t testing.TB, pages ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + body))
	}
	put("OFD.xml", `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`)
	var list strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&list, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, i+1, i)
		put(fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i),
			`<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1">`+p+`</ofd:Layer></ofd:Content></ofd:Page>`)
	}
	put("Doc_0/Document.xml", `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>`+list.String()+`</ofd:Pages></ofd:Document>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// textObject is one line of text at (x, y) mm, 16 pt (5.6 mm) characters.
func textObject(x, y float64, text string) string {
	return fmt.Sprintf(`<ofd:TextObject ID="9" Boundary="%g %g 160 7" Font="1" Size="5.6"><ofd:TextCode X="0" Y="5">%s</ofd:TextCode></ofd:TextObject>`, x, y, text)
}

func TestOFD(t *testing.T) {
	full := strings.Repeat("字", 28)    // a full line of a 156 mm text block
	page1 := textObject(105, 30, "") + // an empty code is nothing
		textObject(27, 60, "关于做好某项工作的通知") +
		textObject(27, 80, "一、总体要求") +
		textObject(37, 90, full[:len(full)-6]) +
		textObject(27, 99, full) +
		textObject(27, 108, "完。") +
		// One line drawn as two objects on one baseline.
		textObject(27, 120, "二、") + textObject(38, 120, "重点任务") +
		textObject(100, 280, "— 1 —")
	page2 := textObject(37, 40, "开展检查。") + textObject(100, 280, "— 2 —")
	d, err := Read("通知.ofd", makeOFD(t, page1, page2), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Paragraphs {
		got = append(got, p.Text)
	}
	want := []string{"关于做好某项工作的通知", "一、总体要求", full[:len(full)-6] + full + "完。", "二、重点任务", "开展检查。"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Info.Format != "ofd" {
		t.Errorf("format %q", d.Info.Format)
	}
}

func TestOFDRefusals(t *testing.T) {
	noText := makeOFD(t, `<ofd:PathObject ID="2" Boundary="10 10 100 10"><ofd:AbbreviatedData>M 0 0 L 10 0</ofd:AbbreviatedData></ofd:PathObject>`)
	var broken bytes.Buffer
	zw := zip.NewWriter(&broken)
	w, _ := zw.Create("OFD.xml")
	w.Write([]byte(`<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`))
	zw.Close()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"图形.ofd", noText, "没有可读取的文字"},
		{"残缺.ofd", broken.Bytes(), "缺少"},
		{"坏包.ofd", []byte("PK\x03\x04 not a zip"), ""},
	} {
		_, err := Read(tc.name, tc.data, Options{})
		if err == nil {
			t.Errorf("%s: read", tc.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.name+"：") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// FuzzOFD mutates the text of a page's Content.xml, not the zip's bytes:
// the reader must refuse or read, never panic or hang.
func FuzzOFD(f *testing.F) {
	f.Add(textObject(27, 60, "关于做好某项工作的通知") + textObject(27, 80, "一、总体要求"))
	f.Add(`<ofd:TextObject Boundary="1e308 -1e308 0 0" Size="-1"><ofd:TextCode X="NaN" Y="Inf">字</ofd:TextCode></ofd:TextObject>`)
	f.Add(`<ofd:PageBlock><ofd:TextObject Boundary="10 10 10"><ofd:TextCode>&#xD800;</ofd:TextCode></ofd:TextObject>`)
	f.Fuzz(func(t *testing.T, layer string) {
		d, err := Read("fuzz.ofd", makeOFD(t, layer), Options{})
		if err == nil && len(d.Paragraphs) == 0 {
			t.Error("no error and no text")
		}
	})
}

// BenchmarkOFD reads a 30-page OFD of full lines, the length of a long
// 实施方案.
func BenchmarkOFD(b *testing.B) {
	full := strings.Repeat("字", 28)
	var page strings.Builder
	for i := 0; i < 28; i++ {
		page.WriteString(textObject(27, 30+float64(i)*9, full))
	}
	pages := make([]string, 30)
	for i := range pages {
		pages[i] = page.String()
	}
	data := makeOFD(b, pages...)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read("方案.ofd", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
