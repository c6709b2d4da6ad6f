#!/usr/bin/env python3
"""Unit workbooks written by openpyxl, for benchmarks on inputs `cchc` did not shape.

Takes a blank-layout template that `cchc template` wrote for one unit (to copy its answer
sheet's layout: title, the "Mã đơn vị"/"Tên đơn vị"/"Khối" block, the "Bộ tiêu chí" and
"Mã kiểm tra" stamp, the header row and one row per node with its code, name, maximum and
rule) and the answers of a long CSV written by `cchc synth`, and writes one workbook per
unit of the registry, the way another program would: openpyxl in its default mode, one
sheet, no styles, no formulas, no validation, no guide sheet. Answers that read as plain
numbers (with a decimal comma) are typed as numbers; the others ("93,5%", "450/800",
levels, "KAD") as text.

Deterministic: the same inputs give the same cells (openpyxl stamps the save time in the
document properties only).

usage: gen_openpyxl.py TEMPLATE.xlsx UNITS.csv ANSWERS.csv OUT_DIR
"""
import csv
import os
import sys
from collections import defaultdict

import openpyxl

# Columns of the template (0-based) that are copied: code, name, maximum, rule.
KEEP = 4
SELF, APPRAISED, EVIDENCE, NOTE = 4, 5, 6, 7


def layout(path):
    """The template's answer sheet as rows of values, without formulas, and its header row."""
    wb = openpyxl.load_workbook(path, data_only=False)
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r and r[SELF] == "Tự đánh giá")
    return ws.title, rows, header


def number(text):
    """The float of a plain number typed with a decimal comma, else None."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def main():
    template, units_csv, answers_csv, out = sys.argv[1:5]
    title, rows, header = layout(template)
    with open(units_csv, encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    answers = defaultdict(dict)
    with open(answers_csv, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            answers[r["unit"]][r["criterion"]] = r
    os.makedirs(out, exist_ok=True)
    for u in units:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = title
        mine = answers.get(u["unit"], {})
        for i, row in enumerate(rows):
            cells = list(row[:KEEP]) if i >= header else list(row)
            label = cells[0] if cells else None
            if i < header:
                # The metadata block: the unit's own code and name beside their labels.
                cells = [c if not (isinstance(c, str) and c.startswith("=")) else None for c in cells]
                if label == "Mã đơn vị":
                    cells[1] = u["unit"]
                elif label == "Tên đơn vị":
                    cells[1] = u["name"]
            elif i == header:
                cells = list(row[:NOTE + 1])
            else:
                code = label
                a = mine.get(str(code)) if code is not None else None
                if isinstance(code, str) and code and not code[0].isdigit() and a is None:
                    # The total row and anything else after the table is left as it was.
                    cells = [c for c in cells if not (isinstance(c, str) and c.startswith("="))]
                if a is not None:
                    cells += [None] * (NOTE + 1 - len(cells))
                    v = number(a["self"])
                    cells[SELF] = v if v is not None else a["self"]
                    cells[APPRAISED] = a["appraised"] or None
                    cells[EVIDENCE] = a["evidence"] or None
                    cells[NOTE] = a["note"] or None
            while cells and cells[-1] is None:
                cells.pop()
            cells = [None if isinstance(c, str) and c.startswith("=") else c for c in cells]
            ws.append(cells)
        path = os.path.join(out, f"{u['unit']}.xlsx")
        # Written whole or not at all, so that an interrupted run leaves no half file.
        wb.save(path + ".part")
        os.replace(path + ".part", path)


if __name__ == "__main__":
    main()
