#!/usr/bin/python3
"""Convert HTML files to PDF with LibreOffice Writer, driven over UNO.

usage: /usr/bin/python3 convert_libreoffice.py [--soffice PATH] IN.html OUT.pdf [IN.html OUT.pdf ...]

`soffice --convert-to pdf` alone reads an HTML page with little of its CSS.
This script instead
  1. applies the page's style sheet itself and hands Writer an equivalent
     page with inline styles and HTML attributes (htmlprep.py);
  2. starts one private headless LibreOffice (its own temporary profile),
     loads each page into Writer (not Writer/Web);
  3. sets the page size, orientation and margins from the page's @page rule,
     adds a footer with the page number, gives every table with a <thead>
     repeating header rows, and draws each table's ruling lines as the CSS
     says (none for borderless tables);
  4. exports with writer_pdf_Export (text, embedded font subsets).

Must run under a Python that has the `uno` module (Debian: python3-uno,
used by /usr/bin/python3).
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError:
    sys.stderr.write("convert_libreoffice: this Python has no 'uno' module; "
                     "run it with /usr/bin/python3 (Debian package python3-uno)\n")
    sys.exit(3)

import htmlprep  # noqa: E402

HUNDREDTH_MM_PER_PT = 2540 / 72
DEFAULT_MARGINS_MM = {"top": 15.0, "right": 15.0, "bottom": 18.0, "left": 15.0}
FOOTER_FONT_PT = 8.0
LOAD_TIMEOUT_S = 60


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def colour_int(hexcolour):
    return int(hexcolour.lstrip("#"), 16)


def mm(v):
    return int(round(v * 100))


class Office:
    """A private headless LibreOffice reached over a named pipe."""

    def __init__(self, soffice):
        self.profile = tempfile.mkdtemp(prefix="plansift-lo-")
        self.pipe = "plansift_%d_%d" % (os.getpid(), int(time.time() * 1000) % 100000)
        cmd = [soffice, "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile),
               "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
               "--nolockcheck", "--nofirststartwizard",
               "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 60
        while True:
            try:
                self.ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except NoConnectException:
                if self.proc.poll() is not None:
                    err = self.proc.stderr.read().decode(errors="replace")
                    raise RuntimeError("soffice exited before accepting a connection:\n" + err)
                if time.time() > deadline:
                    raise RuntimeError("soffice did not accept a connection within 60s")
                time.sleep(0.25)
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# ------------------------------------------------------------------ layout

def first_family(css_family):
    """Writer's font name list from a CSS font-family value."""
    generic = {"sans-serif": "Liberation Sans", "serif": "Liberation Serif",
               "monospace": "Liberation Mono"}
    names = []
    for part in htmlprep._split_top(css_family or "", ","):
        n = part.strip().strip("'\"")
        if n:
            names.append(generic.get(n.lower(), n))
    return ";".join(names) if names else "Liberation Sans"


def set_fonts(doc, family):
    """Body font for the paragraph styles that HTML text lands in."""
    styles = doc.StyleFamilies.getByName("ParagraphStyles")
    for name in styles.ElementNames:
        st = styles.getByName(name)
        try:
            st.CharFontName = family
        except Exception:
            pass


def setup_pages(doc, page, family):
    margins = dict(DEFAULT_MARGINS_MM)
    margins.update(page["margins_mm"])
    width, height = page["width_mm"], page["height_mm"]
    styles = doc.StyleFamilies.getByName("PageStyles")
    for name in styles.ElementNames:
        st = styles.getByName(name)
        st.IsLandscape = bool(page["landscape"])
        st.Width = mm(width)
        st.Height = mm(height)
        st.TopMargin = mm(margins["top"])
        st.LeftMargin = mm(margins["left"])
        st.RightMargin = mm(margins["right"])
        # The footer sits inside the bottom margin, as a browser prints it.
        st.FooterIsOn = True
        st.FooterIsDynamicHeight = True
        st.FooterBodyDistance = mm(2.5)
        st.BottomMargin = mm(max(5.0, margins["bottom"] - 8.0))
        footer = st.FooterText
        footer.setString("")
        cursor = footer.createTextCursor()
        cursor.ParaAdjust = 3  # CENTER
        cursor.CharFontName = family
        cursor.CharHeight = FOOTER_FONT_PT
        cursor.CharWeight = 100.0
        cursor.CharPosture = uno.Enum("com.sun.star.awt.FontSlant", "NONE")
        cursor.CharColor = 0
        field = doc.createInstance("com.sun.star.text.TextField.PageNumber")
        field.NumberingType = 4  # ARABIC
        field.SubType = uno.Enum("com.sun.star.text.PageNumberType", "CURRENT")
        footer.insertTextContent(cursor, field, False)


def border_line(spec):
    line = uno.createUnoStruct("com.sun.star.table.BorderLine2")
    if spec is None:
        line.LineWidth = 0
        line.OuterLineWidth = 0
        line.InnerLineWidth = 0
        line.LineDistance = 0
        line.LineStyle = 0
        return line
    width_pt, colour = spec
    w = max(1, int(round(width_pt * HUNDREDTH_MM_PER_PT)))
    line.Color = colour_int(colour)
    line.LineStyle = 0  # SOLID
    line.LineWidth = w
    line.OuterLineWidth = w
    return line


def tables_in_order(text):
    """Text tables in document order, nested tables after their parent."""
    out = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.TextTable"):
            out.append(el)
            for name in el.getCellNames():
                out.extend(tables_in_order(el.getCellByName(name)))
    return out


def set_column_widths(table, info, warn):
    """Column widths from the page (<col> or cell widths), row by row."""
    fractions = info.get("column_fractions")
    if not fractions:
        return
    total = table.TableColumnRelativeSum
    bounds = []
    acc = 0.0
    for f in fractions:
        acc += f
        bounds.append(acc)
    rows = table.Rows
    row_cells = info.get("row_cells") or []
    for i in range(rows.Count):
        row = rows.getByIndex(i)
        seps = row.TableColumnSeparators
        if seps is None:
            continue
        seps = list(seps)
        if len(seps) == len(fractions) - 1:
            ends = bounds[:-1]
        elif i < len(row_cells) and len(seps) == len(row_cells[i]) - 1:
            ends = [bounds[first + span - 1] for first, span in row_cells[i][:-1]]
        else:
            continue
        for sep, end in zip(seps, ends):
            sep.Position = int(round(end * total))
        row.TableColumnSeparators = tuple(seps)


def setup_tables(doc, tables, warn):
    found = tables_in_order(doc.Text)
    if len(found) != len(tables):
        warn("Writer made %d tables of the page's %d; matching them in order" % (len(found), len(tables)))
    for table, info in zip(found, tables):
        table.RepeatHeadline = info["header_rows"] > 0
        table.HeaderRowCount = info["header_rows"]
        lines = info["lines"]
        tb = uno.createUnoStruct("com.sun.star.table.TableBorder2")
        for key, field in (("top", "TopLine"), ("bottom", "BottomLine"), ("left", "LeftLine"),
                           ("right", "RightLine"), ("horizontal", "HorizontalLine"),
                           ("vertical", "VerticalLine")):
            setattr(tb, field, border_line(lines[key]))
            setattr(tb, "Is" + field + "Valid", True)
        tb.Distance = 0
        tb.IsDistanceValid = False
        table.TableBorder2 = tb
        set_column_widths(table, info, warn)
        for side, value in (info.get("margin_pt") or {}).items():
            if value is not None and value >= 0:
                setattr(table, side.capitalize() + "Margin", int(round(value * HUNDREDTH_MM_PER_PT)))
        keep = info.get("rows_keep_together") or []
        rows = table.Rows
        for i in range(min(rows.Count, len(keep))):
            if keep[i]:
                rows.getByIndex(i).IsSplitAllowed = False
        # Cell padding: CSS padding, else the browser's default of 1px.
        pad = info.get("padding_pt") or {}
        distances = [(side.capitalize() + "BorderDistance",
                      int(round(pad.get(side, 0.75) * HUNDREDTH_MM_PER_PT)))
                     for side in ("top", "right", "bottom", "left")]
        for cell_name in table.getCellNames():
            cell = table.getCellByName(cell_name)
            for name, value in distances:
                cell.setPropertyValue(name, value)


def convert(office, src, dst, warn):
    with open(src, encoding="utf-8") as f:
        text = f.read()
    prepared, info = htmlprep.prepare(text)
    for w in info["warnings"]:
        warn(w)
    base_dir = os.path.dirname(os.path.abspath(src))
    base = '<base href="%s/">' % uno.systemPathToFileUrl(base_dir)
    prepared = prepared.replace("<head>", "<head>" + base, 1)
    work = tempfile.mkdtemp(prefix="plansift-lo-doc-")
    try:
        tmp_html = os.path.join(work, "page.html")
        with open(tmp_html, "w", encoding="utf-8") as f:
            f.write(prepared)
        doc = office.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(tmp_html), "_blank", 0,
            (prop("Hidden", True), prop("FilterName", "HTML (StarWriter)"),
             prop("ReadOnly", False)))
        if doc is None:
            raise RuntimeError("LibreOffice could not load the page")
        try:
            family = first_family(info["body_font"])
            set_fonts(doc, family)
            setup_pages(doc, info["page"], family)
            setup_tables(doc, info["tables"], warn)
            props = doc.DocumentProperties
            if info["title"]:
                props.Title = info["title"]
            doc.refresh()
            filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", tuple([
                prop("UseTaggedPDF", False),
                prop("ExportBookmarks", True),
                prop("ExportNotes", False),
                prop("EmbedStandardFonts", True),
                prop("SelectPdfVersion", 0),
            ]))
            tmp_pdf = os.path.join(work, "out.pdf")
            doc.storeToURL(uno.systemPathToFileUrl(tmp_pdf),
                           (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data)))
        finally:
            doc.close(True)
        shutil.move(tmp_pdf, dst)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    soffice = "/usr/bin/soffice"
    files = []
    i = 0
    while i < len(argv):
        if argv[i] == "--soffice" and i + 1 < len(argv):
            soffice = argv[i + 1]
            i += 2
            continue
        if argv[i] in ("-h", "--help"):
            print(__doc__)
            return 0
        files.append(argv[i])
        i += 1
    if not files or len(files) % 2:
        sys.stderr.write("usage: convert_libreoffice.py [--soffice PATH] IN.html OUT.pdf [...]\n")
        return 2
    office = Office(soffice)
    failures = 0
    try:
        for src, dst in zip(files[0::2], files[1::2]):
            def warn(msg, src=src):
                sys.stderr.write("convert_libreoffice: %s: %s\n" % (src, msg))
            try:
                convert(office, src, dst, warn)
            except Exception as e:  # keep going with the other files
                failures += 1
                warn("failed: %s" % e)
    finally:
        office.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
