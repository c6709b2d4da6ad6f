#!/usr/bin/env python3
"""Fills workbooks written by `cchc template` with the answers of a long answers CSV, as a
clerk would in Excel (used by scripts/windows-test.sh for the template round trip).

    fill_templates.py TEMPLATE_DIR ANSWERS_CSV OUT_DIR

Each template `CODE - Name.xlsx` gets, on its row of each criterion code, the CSV's
self answer (column E), appraised answer (F), evidence (G) and note (H), written as
text; openpyxl saves it as a third-party program would.
"""
import csv, sys
from collections import defaultdict
from pathlib import Path

import openpyxl


def main():
    templates, answers, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    by_unit = defaultdict(list)
    with open(answers, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            by_unit[row["unit"]].append(row)
    out.mkdir(parents=True, exist_ok=True)
    filled = 0
    for path in sorted(templates.glob("*.xlsx")):
        unit = path.name.split(" - ")[0]
        wb = openpyxl.load_workbook(path)
        ws = wb["Tự đánh giá"]
        header = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Mã")
        assert ws.cell(header, 5).value == "Tự đánh giá", ws.cell(header, 5).value
        at = {str(ws.cell(r, 1).value): r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 1).value}
        for row in by_unit.pop(unit):
            r = at[row["criterion"]]
            for col, key in ((5, "self"), (6, "appraised"), (7, "evidence"), (8, "note")):
                if row[key]:
                    ws.cell(r, col).value = row[key]
        wb.save(out / path.name)
        filled += 1
    if by_unit:
        sys.exit(f"answers for units without a template: {sorted(by_unit)}")
    print(f"filled {filled} workbooks")


if __name__ == "__main__":
    main()
