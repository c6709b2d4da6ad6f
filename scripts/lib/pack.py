#!/usr/bin/env python3
"""Packs a folder into a reproducible .zip or .tar.gz (used by scripts/dist.sh).

    pack.py STAGE_DIR TOP ARCHIVE

Every file under STAGE_DIR goes into ARCHIVE under the folder TOP/, in sorted order, with
the time SOURCE_DATE_EPOCH, no owner, and mode 0755 for executables, 0644 otherwise, so
that the same files always give the same bytes whatever machine, clock or umask packed
them. Zip entries with non-ASCII names (HƯỚNG DẪN.txt) carry the UTF-8 flag, which the
Windows 10 and 11 file manager honours.
"""
import gzip, io, os, sys, tarfile, time, zipfile
from pathlib import Path


def files(stage):
    out = []
    for dirpath, dirnames, filenames in os.walk(stage):
        dirnames.sort()
        for name in filenames:
            p = Path(dirpath) / name
            out.append((p.relative_to(stage).as_posix(), p))
    return sorted(out)


def main():
    stage, top, archive = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    entries = files(stage)
    if not entries:
        sys.exit(f"nothing to pack in {stage}")
    for rel, _ in entries:
        if rel.lower().endswith("bcryptprimitives.dll"):
            sys.exit(f"refusing to pack {rel}: the Wine test shim is never shipped")
    mode = lambda p: 0o755 if os.access(p, os.X_OK) else 0o644
    if archive.name.endswith(".zip"):
        # DOS time has a two-second resolution and no zone: the epoch's UTC time.
        stamp = time.gmtime(max(epoch, 315532800))[:6]
        with zipfile.ZipFile(archive, "w") as z:
            for rel, p in entries:
                info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)
                info.create_system = 3  # Unix, so that the mode below is read
                info.external_attr = (0o100000 | mode(p)) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, p.read_bytes(), compresslevel=9)
    elif archive.name.endswith(".tar.gz"):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
            dirs = sorted({str(Path(rel).parent) for rel, _ in entries} - {"."})
            for d in [""] + dirs:
                info = tarfile.TarInfo(f"{top}/{d}".rstrip("/"))
                info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, epoch
                t.addfile(info)
            for rel, p in entries:
                data = p.read_bytes()
                info = tarfile.TarInfo(f"{top}/{rel}")
                info.size, info.mode, info.mtime = len(data), mode(p), epoch
                t.addfile(info, io.BytesIO(data))
        with open(archive, "wb") as f, gzip.GzipFile(
            filename="", mode="wb", fileobj=f, mtime=epoch, compresslevel=9
        ) as g:
            g.write(buf.getvalue())
    else:
        sys.exit(f"unknown archive type: {archive}")


if __name__ == "__main__":
    main()
