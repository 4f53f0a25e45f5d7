#!/usr/bin/env python3
"""Writes a .docx with what a Word 97 reader must handle: list numbering
(一、（一）), a tracked deletion and insertion, a field with a code and a
result, a manual line break and a table. make_fixtures.sh turns it into
.doc with LibreOffice.  usage: make_revisions_docx.py OUT.docx"""
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def p(text, num=None):
    ppr = '' if num is None else '<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr>' % num
    return '<w:p>%s%s</w:p>' % (ppr, text)
def r(t): return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % t
body = (
    p(r('总体要求'), 0) +
    p(r('指导思想'), 1) +
    p(r('要坚持') + '<w:del w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>被删掉的</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a" w:date="2026-01-01T00:00:00Z">' + r('新增的') + '</w:ins>' + r('问题导向。')) +
    p(r('见第') + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r('3') + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + r('页。')) +
    p(r('第一行') + '<w:r><w:br/></w:r>' + r('第二行')) +
    '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr>'
    '<w:tc><w:p>' + r('牵头单位') + '</w:p></w:tc><w:tc><w:p>' + r('省发展改革委') + '</w:p></w:tc></w:tr></w:tbl>' +
    p(r('重点任务'), 0) +
    p(r('加强学习'), 1))
numbering = ('<w:numbering %s><w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%%2）"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>') % W
z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
z.writestr('word/_rels/document.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
z.writestr('word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body))
z.writestr('word/numbering.xml', '<?xml version="1.0" encoding="UTF-8"?>' + numbering)
z.close()
