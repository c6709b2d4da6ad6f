#!/usr/bin/env python3
"""Opens a CSV the way a spreadsheet set to the Vietnamese regional format does, with
LibreOffice, and checks or pictures what it shows (used by scripts/windows-test.sh and to
make the pictures in docs/).

    csv_in_libreoffice.py check CSV         one value per cell, numbers read as numbers
    csv_in_libreoffice.py picture CSV PNG   the sheet as LibreOffice prints it, as a PNG

Excel on a Windows PC set to Vietnamese (decimal symbol ",", list separator ";") splits a
.csv it opens on ";" and reads "94,52" as a number. LibreOffice is told the same: CSV
import with the separator ";", UTF-8, and the language Vietnamese (1066) for numbers; it
runs headless with a throwaway profile and LANG=vi_VN.UTF-8, so that it shows numbers
with the Vietnamese decimal comma.

`check` converts the CSV to .xlsx with LibreOffice and reads the cells back with openpyxl:
every row has as many cells as the CSV has fields, every field written as a Vietnamese
decimal ("94,52", "-1,5", "100") is a number cell holding that value, every other field is
the same text. It also prints the first rows as LibreOffice shows them ("as shown" text
export), where numbers carry decimal commas. Exit 1 on any difference.

Needs: LibreOffice (Debian: libreoffice-calc-nogui), openpyxl; pdftoppm for pictures.
"""
import csv, io, os, re, shutil, subprocess, sys, tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.worksheet.properties import PageSetupProperties

VI_DECIMAL = re.compile(r"^-?\d+(,\d+)?$")
# CSV filter options: separator ";", quote '"', UTF-8 (76), from line 1, standard cell
# format, language Vietnamese (1066), quoted fields not forced to text, no special numbers.
IMPORT = 'CSV:59,34,76,1,,1066,false,false'
# Export: tab, '"', UTF-8, …, language Vietnamese, …, cell contents as shown.
EXPORT_SHOWN = 'csv:Text - txt - csv (StarCalc):9,34,76,1,,1066,false,false,true'


class Office:
    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="cchc-lo-"))
        self.env = dict(os.environ, LANG="vi_VN.UTF-8", LC_ALL="vi_VN.UTF-8")

    def convert(self, src, to, infilter=None):
        """Converts src (copied to a plain ASCII name first) and returns the new file."""
        work = self.tmp / f"in-{len(list(self.tmp.iterdir()))}{Path(src).suffix}"
        shutil.copyfile(src, work)
        out = self.tmp / "out"
        cmd = ["soffice", "--headless", "--norestore",
               f"-env:UserInstallation={(self.tmp / 'profile').as_uri()}"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", to, "--outdir", str(out), str(work)]
        subprocess.run(cmd, env=self.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        made = out / (work.stem + "." + to.split(":")[0])
        if not made.exists():
            sys.exit(f"LibreOffice did not convert {src} to {to}")
        return made

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def check(path):
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8-sig")
    fields = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    office = Office()
    try:
        ws = openpyxl.load_workbook(office.convert(path, "xlsx", IMPORT)).active
        shown = office.convert(path, EXPORT_SHOWN, IMPORT).read_text(encoding="utf-8")
    finally:
        office.close()
    bad, numbers = [], 0
    if len(fields[0]) < 2:
        bad.append(f"the header is one field: {fields[0][0][:60]!r}… (not separated by ';')")
    cells = [[c for c in row] for row in ws.iter_rows()]
    if len(cells) != len(fields):
        bad.append(f"{len(fields)} CSV rows but {len(cells)} rows in the sheet")
    for r, (want, got) in enumerate(zip(fields, cells), start=1):
        values = [c.value for c in got]
        while values and values[-1] is None:
            values.pop()
        if len(values) > len(want):
            bad.append(f"row {r}: {len(want)} fields but {len(values)} cells")
        for col, field in enumerate(want):
            value = values[col] if col < len(values) else None
            if VI_DECIMAL.match(field):
                numbers += 1
                if not isinstance(value, (int, float)) or Decimal(str(value)) != Decimal(field.replace(",", ".")):
                    bad.append(f"row {r} column {col + 1}: {field!r} shows as {value!r}, not the number")
            elif (value or "") != field and not (field.startswith("'") and value == field):
                bad.append(f"row {r} column {col + 1}: {field!r} shows as {value!r}")
    print(f"{path}: {len(fields)} rows, {sum(map(len, fields))} fields, {numbers} numbers; as LibreOffice shows the first rows:")
    for line in shown.splitlines()[:3]:
        print("   " + " | ".join(line.split("\t")))
    for b in bad[:20]:
        print("  WRONG: " + b)
    return not bad


def picture(path, png, separator=";"):
    """The CSV opened with `separator` in the Vietnamese locale, printed to one PNG page."""
    office = Office()
    try:
        infilter = IMPORT.replace("59,", f"{ord(separator)},", 1)
        wb = openpyxl.load_workbook(office.convert(path, "xlsx", infilter))
        ws = wb.active
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_options.gridLines = ws.print_options.headings = True
        ws.oddHeader.center.text = ws.oddFooter.center.text = ""
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(width + 1, 4), 34)
        ws.print_area = f"A1:{ws.cell(min(ws.max_row, 12), ws.max_column).coordinate}"
        fitted = office.tmp / "fitted.xlsx"
        wb.save(fitted)
        pdf = office.convert(fitted, "pdf")
        # Crop to what is printed: the words' boxes (in points) plus a margin.
        boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                               check=True, capture_output=True, text=True).stdout
        coords = [tuple(float(v) for v in m) for m in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)]
        dpi, margin = 110, 12
        x0 = max(min(c[0] for c in coords) - margin, 0)
        y0 = max(min(c[1] for c in coords) - margin, 0)
        x1, y1 = max(c[2] for c in coords) + margin, max(c[3] for c in coords) + margin
        px = lambda v: str(int(v * dpi / 72))
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                        "-x", px(x0), "-y", px(y0), "-W", px(x1 - x0), "-H", px(y1 - y0),
                        str(pdf), str(Path(png).with_suffix(""))], check=True)
    finally:
        office.close()
    print(f"wrote {png}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2]) else 1)
    if len(sys.argv) in (4, 5) and sys.argv[1] == "picture":
        picture(sys.argv[2], sys.argv[3], *(sys.argv[4:5] or [";"]))
        sys.exit(0)
    sys.exit(__doc__)
