#!/usr/bin/env python3
"""Builds the fictional previous year (2025) under samples/2025/ (see samples/README.md).

Usage, from the repository root:  python3 samples/make_samples_2025.py [path/to/cchc]
It reuses the answer generator of make_samples.py with the 2025 criteria versions
(criteria/*-2025.toml). Each unit's 2025 target index is its 2026 index (scored here with
the cchc binary) minus a seeded random year-on-year change. The communes of 2025 include
units that were merged, re-coded or dissolved by 2026; unit-map.csv links them. Last, the
script scores 2025 with cchc and keeps the results (ket-qua-2025.json and .csv) as a
province would keep last year's results. Deterministic: every random choice is seeded.
"""
import json, random, subprocess, sys, tempfile
from pathlib import Path
import make_samples as ms

ROOT = ms.ROOT
OUT = ROOT / "samples" / "2025"
SEED = 2025

# Department names as they were in 2025 (the others are unchanged).
SO_NAMES_2025 = {"ND-KBNN": "Kho bạc Nhà nước tỉnh", "ND-THUE": "Cục Thuế tỉnh"}
# Adjustments of 2025 (code: (self, appraised)); units not listed had none.
SO_ADJUST_2025 = {
    "SO-VP": {"T2": ("1", None)}, "SO-TC": {"T1": ("1", None)}, "SO-KHCN": {"T1": ("1", None)},
    "SO-BQLDA-GT": {"P2": ("1", None)}, "ND-TK": {"P2": ("0,5", None)},
}

# Communes: 2026 code ← the 2025 units it continues (absent: same code, one to one).
MERGED = {"XA015": ["XA015", "XA101"], "XA042": ["XA042", "XA102", "XA103"], "XA067": ["XA104", "XA105"]}
RECODED = {"XA020": "XA106"}  # Xã Long Thủy became Phường Long Thủy with a new code
NEW_2026 = ["XA100"]  # Đặc khu Cù Lao Xanh: no 2025 result
OLD_UNITS = {  # 2025 units that no longer exist under their code
    "XA101": "Phường Đông Hà", "XA102": "Xã Tam Lộc", "XA103": "Xã Hiệp Hòa",
    "XA104": "Xã Nhân Nghĩa", "XA105": "Xã Hòa Lạc", "XA106": "Xã Long Thủy",
    "XA107": "Xã Sông Trà",  # transferred out of the province: gone in 2026
}
MAP_NOTES = {"merged": "Hợp nhất", "recoded": "Chuyển xã thành phường, đổi mã"}


def score(cchc, criteria, units, survey, inputs, outputs):
    args = [str(cchc), "-q", "score", "--criteria", str(criteria), "--units", str(units),
            "--survey", str(survey), *map(str, inputs)]
    for o in outputs:
        args += ["-o", str(o)]
    subprocess.run(args, check=True)


def indices_2026(cchc):
    """2026 index of every sample unit, scored with cchc from the 2026 samples."""
    s = ROOT / "samples"
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for crit, folder, inputs in [
            ("so-ban-nganh-2026", "so-ban-nganh", [s / "so-ban-nganh/submissions"]),
            ("xa-phuong-2026", "xa-phuong", [s / "xa-phuong/answers.csv"]),
        ]:
            res = Path(tmp) / f"{folder}.json"
            score(cchc, ROOT / f"criteria/{crit}.toml", s / folder / "units.csv",
                  s / folder / "survey.csv", inputs, [res])
            for u in json.loads(res.read_text(encoding="utf-8"))["units"]:
                out[u["unit"]] = float(u["index"])
    return out


def target(rng, now):
    """Last year's index: this year's minus a change that is mostly a small gain."""
    change = max(-7.0, min(9.0, rng.gauss(1.8, 3.2)))
    return round(max(35.0, min(98.5, now - change)), 2)


def generate(leaves, bands, units, folder):
    """units: [(code, name, group, target, kad, adjust)] → CSV files under folder."""
    survey, answers = [], []
    for code, name, group, tgt, kad, adjust in units:
        u = ms.tune(leaves, group, code, tgt, kad, adjust)
        ix = ms.index(leaves, group, u)
        print(f"  {code:12} {tgt:>6} → {ix:>6} {ms.band(bands[group], ix)}", file=sys.stderr)
        survey += [(code, c, v) for c, v in u["survey"].items()]
        answers += [(code, c, *v) for c, v in ms.annotate(leaves, group, "UBND" if group == "xa" else "CQ", code, u).items()]
    ms.write_csv(folder / "units.csv", ["unit", "name", "group"], [(c, n, g) for c, n, g, *_ in units])
    ms.write_csv(folder / "survey.csv", ["unit", "criterion", "value"], survey)
    ms.write_csv(folder / "answers.csv", ["unit", "criterion", "self", "appraised", "evidence", "note", "appraisal_note"], answers)


def optional_codes(leaves):
    return {n["code"] for n in leaves if n.get("optional")}


def departments(now, rng):
    crit = ROOT / "criteria/so-ban-nganh-2025.toml"
    leaves, bands = ms.load(crit)
    optional = optional_codes(leaves)
    units = []
    for group, rows in (("so", ms.SO), ("nganh-doc", ms.ND)):
        for code, name, _sym, _t, kad, _adj in rows:
            kad = [k for k in kad.split() if k in optional]
            units.append((code, SO_NAMES_2025.get(code, name), group, target(rng, now[code]), kad,
                          SO_ADJUST_2025.get(code, {})))
    generate(leaves, bands, units, OUT / "so-ban-nganh")
    return crit


def communes(now, rng):
    crit = ROOT / "criteria/xa-phuong-2025.toml"
    leaves, bands = ms.load(crit)
    names = {}
    for line in (ROOT / "samples/xa-phuong/units.csv").read_text(encoding="utf-8").splitlines()[1:]:
        code, name, _ = line.split(",")
        names[code] = name
    gone_codes = set(NEW_2026) | set(RECODED) | {c for c in MERGED if c not in MERGED[c]}
    codes = [c for c in names if c not in gone_codes] + sorted(OLD_UNITS)
    successor = {p: c for c, ps in MERGED.items() for p in ps}
    successor.update({p: c for c, p in RECODED.items()})
    optional = {"5.2.4": 0.25, "4.3.2": 0.2, "2.4.2": 0.1, "8.3": 0.08, "6.1.2": 0.05, "2.1.1": 0.05}
    adjusts = {"T1": ("1", None), "T2": ("0,5", None), "P1": ("1", None), "P2": ("0,5", None)}
    units = []
    for code in codes:
        kad = [c for c, p in optional.items() if rng.random() < p]
        kad += ["2.1.2"] if "2.1.1" in kad else []
        adj = {a: v for a, v in adjusts.items() if rng.random() < 0.04}
        base = now.get(successor.get(code, code), 75.0)  # the gone commune: 75
        units.append((code, OLD_UNITS.get(code, names.get(code)), "xa", target(rng, base), kad, adj))
    generate(leaves, bands, units, OUT / "xa-phuong")
    rows = [(p, OLD_UNITS.get(p, names.get(p)), c, names[c], MAP_NOTES["merged"])
            for c, ps in MERGED.items() for p in ps]
    rows += [(p, OLD_UNITS[p], c, names[c], MAP_NOTES["recoded"]) for c, p in RECODED.items()]
    ms.write_csv(OUT / "xa-phuong/unit-map.csv", ["previous", "previous_name", "current", "current_name", "note"], rows)
    return crit


def main():
    cchc = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/debug/cchc").resolve()
    ms.SEED, ms.YEAR = SEED, 2025  # seeds of the answers and the dates in evidence texts
    now = indices_2026(cchc)
    rng = random.Random(SEED)
    for crit, folder in [(departments(now, rng), "so-ban-nganh"), (communes(now, rng), "xa-phuong")]:
        f = OUT / folder
        score(cchc, crit, f / "units.csv", f / "survey.csv", [f / "answers.csv"],
              [f / "ket-qua-2025.json", f / "ket-qua-2025.csv"])
    print(f"Wrote the 2025 samples and results under {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
