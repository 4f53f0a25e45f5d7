#!/bin/sh
# Regenerates the committed fixtures from the seed speech. Needs
# LibreOffice (soffice), qpdf, iconv, python3, pdftoppm and img2pdf — tools of this script
# only: the tests read the committed files and need none of them.
set -e
cd "$(dirname "$0")"
seed=../../../samples/zugong-xuhui-2022.txt
tmp=$(mktemp -d)
cp "$seed" "$tmp/seed.txt"
printf '\357\273\277' | cat - "$seed" > seed-utf8bom.txt
iconv -f UTF-8 -t GB18030 "$seed" > seed-gb18030.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$seed"; } > seed-utf16le.txt
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$seed"; } > seed-utf16be.txt
# Windows, Unix and old-Mac line ends in one file.
python3 -c 'import sys; l=open(sys.argv[1],encoding="utf-8").read().split("\n"); e=["\r\n","\n","\r"]; sys.stdout.write("".join(x+e[i%3] for i,x in enumerate(l)))' "$seed" > seed-mixed-eol.txt
(cd "$tmp" && soffice --headless --convert-to docx seed.txt >/dev/null 2>&1)
cp "$tmp/seed.docx" seed-plain.docx
python3 make_numbered_docx.py "$seed" seed-numbered.docx
mkdir -p "$tmp/lo" && cp seed-numbered.docx "$tmp/lo/seed-numbered-lo.docx"
(cd "$tmp/lo" && soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir out seed-numbered-lo.docx >/dev/null 2>&1)
cp "$tmp/lo/out/seed-numbered-lo.docx" seed-numbered-lo.docx
(cd "$tmp" && soffice --headless --convert-to pdf seed.docx >/dev/null 2>&1)
cp "$tmp/seed.pdf" seed.pdf
cp seed-numbered.docx "$tmp/numbered.docx"
(cd "$tmp" && soffice --headless --convert-to pdf numbered.docx >/dev/null 2>&1)
cp "$tmp/numbered.pdf" seed-numbered.pdf
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n --print=none -- seed.pdf seed-owner128.pdf
printf '一、打造一支对党忠诚的干部队伍。\n要始终把政治建设摆在首位。\n' > "$tmp/short.txt"
(cd "$tmp" && soffice --headless --convert-to pdf short.txt >/dev/null 2>&1)
qpdf --encrypt "" owner 128 --use-aes=y --print=none -- "$tmp/short.pdf" short-owner-aes128.pdf
qpdf --allow-weak-crypto --encrypt "" owner 40 --print=n -- "$tmp/short.pdf" short-owner-rc4-40.pdf
qpdf --encrypt "" owner 256 --print=none -- "$tmp/short.pdf" short-owner-aes256.pdf
qpdf --allow-weak-crypto --encrypt user owner 128 --use-aes=n -- "$tmp/short.pdf" short-userpw.pdf
# Word 97–2003 binary documents, written by LibreOffice: the numbered seed,
# and a document with revisions, a field, a line break and a table.
cp seed-numbered.docx "$tmp/seed-numbered.docx"
(cd "$tmp" && soffice --headless --convert-to doc seed-numbered.docx >/dev/null 2>&1)
cp "$tmp/seed-numbered.doc" seed-numbered.doc
# The numbered seed again with its headings numbered by their style alone
# (Word's 标题 1 linked to a list), the paragraphs' own list properties
# taken out of LibreOffice's .doc.
python3 make_numbered_docx.py "$seed" "$tmp/seed-style-numbered.docx" style
(cd "$tmp" && soffice --headless --convert-to doc seed-style-numbered.docx >/dev/null 2>&1)
python3 drop_paragraph_lists.py "$tmp/seed-style-numbered.doc" seed-style-numbered.doc
python3 make_revisions_docx.py "$tmp/revisions.docx"
(cd "$tmp" && soffice --headless --convert-to doc revisions.docx >/dev/null 2>&1)
cp "$tmp/revisions.doc" revisions.doc
# A scan: the seed's first page as a black-and-white image, 150 dpi.
pdftoppm -r 150 -mono -png -f 1 -l 1 -singlefile seed.pdf "$tmp/scan"
img2pdf "$tmp/scan.png" -o seed-scan.pdf
rm -rf "$tmp"
