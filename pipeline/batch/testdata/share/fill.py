#!/usr/bin/python3
"""Fills a unit's share of the tasks with a real LibreOffice, as the unit
would, and saves it as .xlsx. Run by make.sh with Debian's python3 (it
needs the uno module of libreoffice-script-provider-python):

    fill.py SHARE.xlsx OUT.xlsx

It reports progress on the three tasks of 市经信局 in plan.txt: the first
推进中 with a note, the second 已完成 on 2026-05-20 (typed as a date), the
third (where it helps) a note only."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../review/testdata/libreoffice"))
from calc import calc, header, load, save_xlsx

def rows_by_text(sheet, cols):
    out = {}
    for r in range(2, 50):
        t = sheet.getCellByPosition(cols["任务内容"], r).getString()
        if t:
            out[t[:6]] = r
    return out

def main():
    src, dst = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with calc("luoshi-lo-share-profile", 2084) as desktop:
        doc = load(desktop, src)
        sheet = doc.getSheets().getByName("任务清单")
        cols = header(sheet, 1)
        rows = rows_by_text(sheet, cols)
        r = rows["加快建设先进"]
        sheet.getCellByPosition(cols["进展状态"], r).setString("推进中")
        sheet.getCellByPosition(cols["进展情况"], r).setString("已开工6个项目，4个完成前期手续")
        r = rows["实施中小企业"]
        sheet.getCellByPosition(cols["进展状态"], r).setString("已完成")
        sheet.getCellByPosition(cols["实际完成时间"], r).setFormula("2026-05-20")  # typed; Calc makes it a date
        r = rows["深化“一网通"]
        sheet.getCellByPosition(cols["进展情况"], r).setString("已完成统一身份认证接口对接")
        save_xlsx(doc, dst)

main()
