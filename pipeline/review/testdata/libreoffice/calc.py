"""LibreOffice Calc over UNO, for the scripts that make fixtures the way a
person makes them (edit.py here, ../../../batch/testdata/share/fill.py):
start a headless soffice with a profile of its own, load a workbook, save
it as .xlsx, find a sheet's columns by their titles.

    with calc("luoshi-lo-profile", 2083) as desktop:
        doc = load(desktop, "in.xlsx")
        ...
        save_xlsx(doc, "out.xlsx")

Needs Debian's python3 with uno (apt-get install libreoffice-calc
python3-uno)."""
import contextlib, subprocess, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

@contextlib.contextmanager
def calc(profile, port):
    """Runs soffice for the block and yields its Desktop; soffice is
    stopped afterwards, whatever happens."""
    proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                             "-env:UserInstallation=file:///tmp/" + profile,
                             "--accept=socket,host=localhost,port=%d;urp;" % port])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(100):
            try:
                ctx = resolver.resolve("uno:socket,host=localhost,port=%d;urp;StarOffice.ComponentContext" % port)
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            raise SystemExit("soffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        yield desktop
        desktop.terminate()
    finally:
        time.sleep(1)
        proc.kill()

def load(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))

def save_xlsx(doc, path):
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    print("wrote", path)

def header(sheet, row=0):
    """The columns of the sheet's header row, by title."""
    cols = {}
    for c in range(40):
        s = sheet.getCellByPosition(c, row).getString()
        if s:
            cols[s] = c
    return cols
