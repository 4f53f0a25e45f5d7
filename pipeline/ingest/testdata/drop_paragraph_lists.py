#!/usr/bin/env python3
"""Rewrites a Word 97 .doc written by LibreOffice so that its numbered
paragraphs carry their list only through their style, as Word writes a
heading style linked to a list: LibreOffice repeats the style's sprmPIlfo
and sprmPIlvl on every paragraph, so those two are turned, in the paragraph
property pages (PAPX FKPs) only, into inert properties of the same operand
size (sprmPDyaBefore, sprmPFKeep). The file keeps its size and structure.
Usage: drop_paragraph_lists.py in.doc out.doc"""
import re, struct, sys

b = bytearray(open(sys.argv[1], 'rb').read())

def fkp_page(off):
    """Whether the 512-byte sector at off looks like a PAPX FKP: crun in its
    last byte, then crun+1 non-decreasing FCs opening it."""
    page = b[off:off + 512]
    crun = page[511]
    if len(page) < 512 or not 1 <= crun <= 29:
        return False
    fcs = struct.unpack_from('<%dI' % (crun + 1), page, 0)
    return all(fcs[i] <= fcs[i + 1] for i in range(crun))

patched = 0
for old, new in ((b'\x0b\x46', b'\x13\xa4'), (b'\x0a\x26', b'\x05\x24')):  # sprmPIlfo, sprmPIlvl
    for m in re.finditer(re.escape(old), bytes(b)):
        if fkp_page(m.start() // 512 * 512):
            b[m.start():m.start() + 2] = new
            patched += 1
if patched == 0:
    sys.exit('no paragraph list properties found')
open(sys.argv[2], 'wb').write(bytes(b))
