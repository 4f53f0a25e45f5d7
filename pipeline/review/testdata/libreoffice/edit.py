#!/usr/bin/python3
"""Edits a luoshi workbook with a real LibreOffice, as a reviewer would,
and saves each scenario as .xlsx. Run by make.sh with Debian's python3
(it needs the uno module of libreoffice-script-provider-python):

    edit.py SOURCE.xlsx OUTDIR

Every scenario types 组织科 into 牵头单位 of the first task row and 误报
into 审核意见 of the third, then does its own edit."""
import os, sys, uno
from calc import calc, header, load, save_xlsx

def type_input(sheet, cols):
    sheet.getCellByPosition(cols["牵头单位"], 1).setString("组织科")
    sheet.getCellByPosition(cols["审核意见"], 3).setString("误报")

def delete_row(doc, sheet, cols):
    sheet.getRows().removeByIndex(4, 1)  # the fifth row, a task

def insert_row(doc, sheet, cols):
    sheet.getRows().insertByIndex(5, 1)
    sheet.getCellByPosition(cols["任务内容"], 5).setString("要把新增的任务写进表里。")
    sheet.getCellByPosition(cols["审核意见"], 5).setString("确认")

def last_row(sheet):
    cur = sheet.createCursor(); cur.gotoEndOfUsedArea(False)
    return cur.getRangeAddress().EndRow

def sort_rows(doc, sheet, cols):
    end = last_row(sheet)
    rng = sheet.getCellRangeByPosition(0, 1, max(cols.values()), end)
    field = uno.createUnoStruct("com.sun.star.table.TableSortField")
    field.Field = cols["任务内容"]; field.IsAscending = False
    desc = rng.createSortDescriptor()
    for d in desc:
        if d.Name == "SortFields":
            d.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
    rng.sort(desc)

def filter_rows(doc, sheet, cols):
    end = last_row(sheet)
    rng = sheet.getCellRangeByPosition(0, 0, max(cols.values()), end)
    fd = rng.createFilterDescriptor(True)
    f = uno.createUnoStruct("com.sun.star.sheet.TableFilterField")
    f.Field = cols["任务内容"]; f.Operator = uno.Enum("com.sun.star.sheet.FilterOperator", "NOT_EMPTY")
    fd.setFilterFields((f,))
    fd.ContainsHeader = True
    rng.filter(fd)

def rename(doc, sheet, cols):
    sheet.setName("任务分解（审核）")

def everything(doc, sheet, cols):
    delete_row(doc, sheet, cols); insert_row(doc, sheet, cols)
    sort_rows(doc, sheet, cols); rename(doc, sheet, cols)

scenarios = {"typed": None, "deleted": delete_row, "inserted": insert_row,
             "sorted": sort_rows, "filtered": filter_rows, "renamed": rename,
             "everything": everything}

def main():
    src, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with calc("luoshi-lo-profile", 2083) as desktop:
        for name, edit in scenarios.items():
            doc = load(desktop, src)
            sheet = doc.getSheets().getByName("任务分解")
            cols = header(sheet)
            type_input(sheet, cols)
            if edit:
                edit(doc, sheet, cols)
            save_xlsx(doc, os.path.join(out, name + ".xlsx"))

main()
