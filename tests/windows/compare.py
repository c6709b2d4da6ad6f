#!/usr/bin/env python3
"""Compares what the Linux and the Windows binary produced for one case
(used by scripts/windows-test.sh).

    compare.py LINUX_DIR WINDOWS_DIR [WINDOWS_ROOT=LINUX_ROOT]...

Each folder holds the case's `stdout`, `stderr`, `exit` and `out/` (the files it wrote).
Every file must be byte-identical, except that paths the user typed (which the outputs
repeat: the report's input list and command line, messages) may be spelled the Windows
way: `Z:\\…` for a root given as WINDOWS_ROOT=LINUX_ROOT, and backslashes. Such a file
is compared again after the Windows spelling is turned into the Linux one (inside a
workbook, part by part) and reported as "same up to path spelling". Prints one line per
file; exit 1 on any difference.
"""
import difflib, io, sys, zipfile
from pathlib import Path


def files(root):
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())


def normalise(data, roots):
    text = data.decode("utf-8", "surrogateescape")
    for win, lin in roots:
        for w, l in ((win, lin), (win.replace("\\", "\\\\"), lin)):  # plain, JSON-escaped
            text = text.replace(w, l)
    return text.replace("\\\\", "/").replace("\\", "/")


def diff_text(a, b, name):
    lines = difflib.unified_diff(a.splitlines(), b.splitlines(), f"linux/{name}", f"windows/{name}", lineterm="", n=1)
    return "\n".join(list(lines)[:40])


def compare_file(name, a, b, roots):
    """Returns (verdict, detail): 'same', 'paths' or 'DIFFERENT'."""
    if a == b:
        return "same", ""
    if name.endswith((".xlsx", ".zip")):
        try:
            za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
        except zipfile.BadZipFile as e:
            return "DIFFERENT", str(e)
        if za.namelist() != zb.namelist():
            return "DIFFERENT", f"parts {za.namelist()} != {zb.namelist()}"
        # The container itself: how each part is stored, and for which system.
        meta = lambda i: (i.create_system, i.create_version, i.extract_version, i.flag_bits,
                          i.external_attr, i.date_time, i.compress_type, i.extra, i.comment)
        for ia, ib in zip(za.infolist(), zb.infolist()):
            if meta(ia) != meta(ib):
                return "DIFFERENT", f"zip entry {ia.filename}: {meta(ia)} != {meta(ib)} " \
                    "(create_system, create_version, extract_version, flags, external_attr, date_time, method, extra, comment)"
        for part in za.namelist():
            pa, pb = za.read(part), zb.read(part)
            if pa != pb and normalise(pa, roots) != normalise(pb, roots):
                return "DIFFERENT", f"part {part}:\n" + diff_text(
                    normalise(pa, roots).replace("><", ">\n<"), normalise(pb, roots).replace("><", ">\n<"), part)
        if all(za.read(p) == zb.read(p) for p in za.namelist()):
            return "DIFFERENT", "same parts and entries, different container bytes"
        return "paths", ""
    ta, tb = normalise(a, roots), normalise(b, roots)
    if ta == tb:
        return "paths", ""
    return "DIFFERENT", diff_text(ta, tb, name)


def main():
    lin, win = Path(sys.argv[1]), Path(sys.argv[2])
    roots = [tuple(r.split("=", 1)) for r in sys.argv[3:]]
    names = sorted(set(files(lin)) | set(files(win)))
    bad = 0
    for name in names:
        if not (lin / name).is_file() or not (win / name).is_file():
            print(f"  DIFFERENT {name}: only in {'linux' if (lin / name).is_file() else 'windows'}")
            bad += 1
            continue
        verdict, detail = compare_file(name, (lin / name).read_bytes(), (win / name).read_bytes(), roots)
        shown = {"same": "same", "paths": "same up to path spelling", "DIFFERENT": "DIFFERENT"}[verdict]
        if verdict != "same" or len(names) <= 6:
            print(f"  {shown:24} {name}")
        if detail and bad < 2:  # the first differences in full, then their names only
            print("    " + detail.replace("\n", "\n    "))
        bad += verdict == "DIFFERENT"
    if len(names) > 6:
        print(f"  ({len(names)} files compared)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
