#!/usr/bin/env python3
"""Benchmark (c): the scoring an office analyst would write in Python with openpyxl.

Reads the units registry, the survey CSV and one workbook per unit (the layout `cchc`
reads: a "Mã đơn vị" cell, a header row with "Mã", "Tự đánh giá", "Thẩm định"), scores
every leaf with the criteria file's rules, ranks inside each group and writes a CSV with
the same first columns as `cchc score` (group,rank,unit,name,points,max,index,band).
Straightforward on purpose: one workbook after another, openpyxl in its default mode.

usage: openpyxl_score.py CRITERIA.toml UNITS.csv SURVEY.csv WORKBOOK_DIR OUT.csv
"""
import csv
import os
import sys
import tomllib
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import openpyxl

KAD = {"kad", "không áp dụng", "n/a", "na", "not applicable"}
YES = {"có", "đạt", "đạt yêu cầu", "1", "x", "yes"}
NO = {"không", "không đạt", "không đạt yêu cầu", "0", "no"}


def norm(s):
    return " ".join(unicodedata.normalize("NFC", str(s)).lower().split())


def num(s):
    s = str(s).strip().rstrip("%").strip().replace(",", ".")
    return Decimal(s)


def pct(s):
    s = str(s).strip()
    if "/" in s:
        a, b = s.split("/")
        return num(a) * 100 / num(b)
    return num(s)


def matches(bound, x):
    return x > Decimal(str(bound["above"])) if "above" in bound else x >= Decimal(str(bound["min"]))


def points(node, answer, decimals, mode):
    """Points of a leaf, or None for KAD."""
    text = norm(answer)
    if text in KAD:
        return None
    mx = Decimal(str(node["max"]))
    rule = node.get("score", "points")
    if rule == "points":
        return num(answer)
    if rule == "yes-no":
        return mx if text in YES or (text not in NO and num(answer) == mx) else Decimal(0)
    if rule == "levels":
        for lv in node["levels"]:
            if norm(lv["answer"]) == text:
                return Decimal(str(lv["points"]))
        return next(Decimal(str(lv["points"])) for lv in node["levels"] if Decimal(str(lv["points"])) == num(answer))
    if rule == "tiers":
        x = pct(answer)
        return next((Decimal(str(t["points"])) for t in node["tiers"] if matches(t, x)), Decimal(0))
    if rule == "ratio":
        p = min(pct(answer), Decimal(100))
        return min((mx * p / 100).quantize(Decimal(1).scaleb(-decimals), rounding=mode), mx)
    raise ValueError(rule)


def read_workbook(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    unit, header, rows = None, None, {}
    for ws in wb.worksheets:
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v is not None and norm(str(v)).rstrip(":") == "mã đơn vị":
                    unit = next((str(x).strip() for x in row[c + 1:] if x not in (None, "")), unit)
            keys = [norm(v) if v is not None else "" for v in row]
            if header is None and "tự đánh giá" in keys and "mã" in keys:
                header = (r, keys.index("mã"), keys.index("tự đánh giá"), keys.index("thẩm định") if "thẩm định" in keys else None)
        if header:
            r0, code, own, appr = header
            for row in grid[r0 + 1:]:
                if row[code] in (None, ""):
                    continue
                get = lambda i: None if i is None or row[i] in (None, "") else str(row[i]).strip()
                rows[str(row[code]).strip().rstrip(".")] = (get(own), get(appr))
            break
    return unit, rows


def main():
    crit_path, units_path, survey_path, wb_dir, out_path = sys.argv[1:6]
    with open(crit_path, "rb") as f:
        crit = tomllib.load(f)
    decimals = crit["scheme"].get("decimals", 2)
    mode = ROUND_DOWN if crit["scheme"].get("rounding") == "truncate" else ROUND_HALF_UP
    nodes = {n["code"]: n for n in crit["node"]}
    parents = {c.rsplit(".", 1)[0] for c in nodes if "." in c}
    leaves = [c for c in nodes if c not in parents]
    groups_of = {}
    for c in sorted(nodes, key=lambda c: len(c.split("."))):
        own = nodes[c].get("groups")
        parent = c.rsplit(".", 1)[0] if "." in c else None
        groups_of[c] = own or (groups_of.get(parent) if parent else None)
    adjust = {a["code"]: a for a in crit.get("adjustment", [])}
    with open(units_path, encoding="utf-8-sig") as f:
        units = {r["unit"]: r for r in csv.DictReader(f)}
    survey = {}
    with open(survey_path, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            survey[(r["unit"], r["criterion"])] = r["value"]
    results = []
    for name in sorted(os.listdir(wb_dir)):
        if not name.endswith(".xlsx"):
            continue
        code, rows = read_workbook(os.path.join(wb_dir, name))
        u = units[code]
        total, mx = Decimal(0), Decimal(0)
        for leaf in leaves:
            node = nodes[leaf]
            if groups_of[leaf] and u["group"] not in groups_of[leaf]:
                continue
            if node.get("source") == "survey":
                answer = survey[(code, leaf)]
            else:
                own, appr = rows[leaf]
                answer = appr if appr is not None else own
            p = points(node, answer, decimals, mode)
            if p is not None:
                total += p
                mx += Decimal(str(node["max"]))
        for acode, adj in adjust.items():
            own, appr = rows.get(acode, (None, None))
            v = appr if appr is not None else own
            if v is not None:
                total += num(v) if adj["kind"] == "bonus" else -num(v)
        index = min(max(total * 100 / mx, Decimal(0)), Decimal(100)).quantize(Decimal(1).scaleb(-decimals), rounding=mode)
        results.append((u["group"], code, u["name"], total, mx, index))
    group_order = [g["id"] for g in crit["group"]]
    results.sort(key=lambda r: (group_order.index(r[0]), -r[5], r[1]))
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["group", "rank", "unit", "name", "points", "max", "index", "band"])
        rank, prev, start = 0, None, 0
        for i, (g, code, name, total, mx, index) in enumerate(results):
            if prev is None or g != prev[0]:
                start = i
            if prev is None or g != prev[0] or index != prev[1]:
                rank = i - start + 1
            prev = (g, index)
            bands = next(gr["bands"] for gr in crit["group"] if gr["id"] == g)
            band = next(b["label"] for b in bands if matches(b, index))
            w.writerow([g, rank, code, name, total, mx, index, band])


if __name__ == "__main__":
    main()
