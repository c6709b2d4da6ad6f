#!/usr/bin/env python3
"""Keeps the committed fuzz corpus small. After `cargo fuzz cmin`, each target's corpus
keeps its smallest inputs up to a byte budget (the seeds live in seeds/ and are never
trimmed). Run from fuzz/:  python3 trim_corpus.py   (see docs/fuzzing.md)."""

from pathlib import Path

BUDGET = {  # bytes per target
    "workbook": 2_500_000,
    "criteria": 1_000_000,
    "csv": 500_000,
    "answer": 250_000,
    "ods_diff": 100_000,
}

for target, budget in BUDGET.items():
    files = sorted(Path("corpus", target).iterdir(), key=lambda p: (p.stat().st_size, p.name))
    used, kept, dropped = 0, 0, 0
    for p in files:
        size = p.stat().st_size
        if used + size <= budget:
            used += size
            kept += 1
        else:
            p.unlink()
            dropped += 1
    print(f"{target}: kept {kept} files ({used} bytes), dropped {dropped}")
