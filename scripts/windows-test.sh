#!/usr/bin/env bash
# The Windows binary under Wine, compared with the Linux binary (issue 13; called by .ci/run).
#
# Builds cchc.exe exactly as scripts/dist.sh ships it and the Linux release binary, then
# runs both on the same cases: every command the README shows on the sample province
# (table, CSV, JSON and XLSX outputs), error exits, a template round trip (template →
# filled by openpyxl → score) and the cham-diem.bat job run by Wine's cmd. Inputs sit in
# Vietnamese folders and files with spaces; the Windows runs name them with backslashes
# and, again, with drive-letter paths (Z:\…). Every output, stdout, stderr and exit code
# must equal the Linux run's (paths compared up to their Windows spelling); any
# difference fails.
#
# Needs: Debian's gcc-mingw-w64-x86-64 and wine64 (apt-get install gcc-mingw-w64-x86-64
# wine wine64), python3 with openpyxl. Headless: a throwaway Wine prefix in a temporary
# folder, WINEDEBUG=-all, no display.
#
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which Rust's std imports; Windows 10
# and 11 have it. A test-only stand-in (tests/windows/shim/) is built into the throwaway
# prefix and never next to the binary nor in an archive.
#
# Options: --exe PATH and --linux PATH test given binaries instead of building them
# (the Windows one is built in /tmp/cchc-dist-target, as scripts/dist.sh builds it);
# KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/lib/build.sh
started=$(date +%s)

EXE="" LIN=""
while [ $# -gt 0 ]; do
  case $1 in
    --exe) EXE=$(realpath "$2"); shift 2 ;;
    --linux) LIN=$(realpath "$2"); shift 2 ;;
    *) echo "usage: scripts/windows-test.sh [--exe cchc.exe] [--linux cchc]" >&2; exit 2 ;;
  esac
done

WINE=${WINE:-$(command -v wine64 || echo /usr/lib/wine/wine64)}
[ -x "$WINE" ] || { echo "wine64 missing: apt-get install wine wine64" >&2; exit 1; }
python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: pip install openpyxl" >&2; exit 1; }

echo "== building"
if [ -z "$EXE" ]; then
  dist_env
  EXE=$(dist_build "$WINDOWS_TARGET")
fi
if [ -z "$LIN" ]; then
  (unset CARGO_TARGET_DIR; nice cargo build --release --locked --quiet)
  LIN=$ROOT/target/release/cchc
fi
echo "cchc.exe $(sha256sum <"$EXE" | cut -c1-64)"
built=$(date +%s)

W=$(mktemp -d /tmp/cchc-windows-test.XXXXXX)
export WINEPREFIX="$W/wine-prefix" WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml=" # no Mono or Gecko installer dialogs
export DISPLAY=""
cleanup() {
  "${WINESERVER:-wineserver}" -k >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] && echo "work folder kept: $W" || rm -rf "$W"
}
trap cleanup EXIT

echo "== Wine prefix"
"$WINE" --version
"$WINE" wineboot -i >"$W/wineboot.log" 2>&1 || { cat "$W/wineboot.log"; exit 1; }
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/windows/shim/bcryptprimitives.c -ladvapi32
WINESERVER=$(dirname "$WINE")/wineserver; [ -x "$WINESERVER" ] || WINESERVER=wineserver
"$WINESERVER" -p 60 2>/dev/null || true # keep the server up between the runs (or it is already)

# ---------------------------------------------------------------------------------- data
# The sample province under Vietnamese names with spaces, as an office keeps it.
D="$W/Sở Nội vụ/Chấm điểm CCHC 2026"
mkdir -p "$D/Bộ tiêu chí" "$D/Sở ban ngành" "$D/Xã phường" "$D/Năm 2025" "$D/Kiểm tra" "$D/Giải trình"
cp criteria/so-ban-nganh-2026.toml "$D/Bộ tiêu chí/Sở ban ngành 2026.toml"
cp criteria/so-ban-nganh-2025.toml "$D/Bộ tiêu chí/Sở ban ngành 2025.toml"
cp criteria/xa-phuong-2026.toml "$D/Bộ tiêu chí/Xã phường 2026.toml"
cp criteria/xa-phuong-2025.toml "$D/Bộ tiêu chí/Xã phường 2025.toml"
cp samples/so-ban-nganh/units.csv "$D/Sở ban ngành/Danh sách đơn vị.csv"
cp samples/so-ban-nganh/survey.csv "$D/Sở ban ngành/Điều tra XHH.csv"
cp -r samples/so-ban-nganh/submissions "$D/Sở ban ngành/Bài tự đánh giá"
cp samples/xa-phuong/units.csv "$D/Xã phường/Danh sách đơn vị.csv"
cp samples/xa-phuong/survey.csv "$D/Xã phường/Điều tra XHH.csv"
cp samples/xa-phuong/answers.csv "$D/Xã phường/Câu trả lời.csv"
cp samples/2025/xa-phuong/ket-qua-2025.json "$D/Năm 2025/Kết quả 2025.json"
cp samples/2025/xa-phuong/unit-map.csv "$D/Năm 2025/Bảng đối chiếu mã.csv"
cp -r tests/fixtures/real/. "$D/Kiểm tra/"
cp -r tests/fixtures/explain/. "$D/Giải trình/"

# The Windows spelling of a Linux path under $W: Z:\tmp\…\Sở Nội vụ\…, and the Linux
# twin of such a path spelled with as many characters (/./tmp/…), so that what depends on
# a text's length (a report row's height) is compared too.
winpath() { printf 'Z:%s' "${1//\//\\}"; }
linpath() { printf '/.%s' "$1"; }
ROOTS=("$(winpath "$W")=$(linpath "$W")")

# ---------------------------------------------------------------------------------- cases
# case NAME CWD ARG...: runs `cchc ARG...` in "$D/CWD" with the Linux binary, then with
# the Windows binary twice: paths with backslashes, then with drive letters. An argument
# @PATH is a path (relative to CWD); the rest are passed as they are. Files the run writes
# under CWD are collected and compared.
cases=0 failures=0 wine_runs=0
run_one() { # run_one LABEL DIR PROGRAM... ; output in $W/runs/NAME/LABEL
  local label=$1 cwd=$2; shift 2
  local out="$W/runs/$name/$label"
  mkdir -p "$out/out"
  local before="$W/before"
  (cd "$cwd" && find . -type f | LC_ALL=C sort) >"$before"
  set +e
  (cd "$cwd" && "$@" >"$out/stdout" 2>"$out/stderr" </dev/null)
  echo $? >"$out/exit"
  set -e
  # What the run wrote: new files under CWD, moved out so that the next run starts alike.
  (cd "$cwd" && find . -type f | LC_ALL=C sort) | LC_ALL=C comm -13 "$before" - | while IFS= read -r f; do
    mkdir -p "$out/out/$(dirname "$f")"
    mv "$cwd/$f" "$out/out/$f"
  done
  find "$cwd" -mindepth 1 -type d -empty -delete
}
case_() {
  name=$1 cwd="$D/$2"; shift 2
  local lin_args=() bs_args=() lin_abs=() win_abs=() a
  for a in "$@"; do
    if [ "${a:0:1}" = @ ]; then
      a=${a:1}
      lin_args+=("$a"); bs_args+=("${a//\//\\}")
      lin_abs+=("$(linpath "$cwd/$a")"); win_abs+=("$(winpath "$cwd/$a")")
    else
      lin_args+=("$a"); bs_args+=("$a"); lin_abs+=("$a"); win_abs+=("$a")
    fi
  done
  cases=$((cases + 1))
  run_one linux "$cwd" "$LIN" "${lin_args[@]}"
  run_one windows "$cwd" "$WINE" "$EXE" "${bs_args[@]}"
  run_one linux-abs "$cwd" "$LIN" "${lin_abs[@]}"
  run_one windows-abs "$cwd" "$WINE" "$EXE" "${win_abs[@]}"
  wine_runs=$((wine_runs + 2))
  check_same "$name" linux windows
  check_same "$name" linux-abs windows-abs
}
check_same() { # check_same NAME LINUX-LABEL WINDOWS-LABEL
  local r="$W/runs/$1"
  echo "-- $1 ($3): exit $(cat "$r/$2/exit") / $(cat "$r/$3/exit")"
  if ! python3 tests/windows/compare.py "$r/$2" "$r/$3" "${ROOTS[@]}"; then
    failures=$((failures + 1))
    echo "   FAILED: $1 differs between Linux and Windows"
  fi
}

C_SO="@Bộ tiêu chí/Sở ban ngành 2026.toml"  C_SO25="@Bộ tiêu chí/Sở ban ngành 2025.toml"
C_XA="@Bộ tiêu chí/Xã phường 2026.toml"     C_XA25="@Bộ tiêu chí/Xã phường 2025.toml"
U_SO="@Sở ban ngành/Danh sách đơn vị.csv"  S_SO="@Sở ban ngành/Điều tra XHH.csv"
SUB_SO="@Sở ban ngành/Bài tự đánh giá"
U_XA="@Xã phường/Danh sách đơn vị.csv"     S_XA="@Xã phường/Điều tra XHH.csv"
A_XA="@Xã phường/Câu trả lời.csv"
PREV=(--unit-map "@Năm 2025/Bảng đối chiếu mã.csv" --previous-criteria "$C_XA25")
SO=(--criteria "$C_SO" --units "$U_SO" --survey "$S_SO")
XA=(--criteria "$C_XA" --units "$U_XA" --survey "$S_XA")
REAL=(--criteria @criteria.toml --units @units.csv --survey @survey.csv)
# compare's current year: written once by the Linux binary (score-xa-files checks that the
# Windows binary writes the same).
"$LIN" -q score "${XA[@]/#@/$D/}" "$D/${A_XA:1}" -o "$D/Xã phường/Kết quả 2026.json"

echo "== README commands on the sample province"
case_ score-table . score "${SO[@]}" "$SUB_SO"
case_ score-files . score "${SO[@]}" "$SUB_SO" -o "@Kết quả sở.xlsx" -o "@Kết quả sở.csv" -o "@Kết quả sở.json" -o "@Kết quả sở.txt"
case_ score-csv-en . --lang en score "${SO[@]}" "$SUB_SO" --format csv
case_ score-json . score "${SO[@]}" --stage self "$SUB_SO" --format json
case_ score-xa-files . score "${XA[@]}" "$A_XA" -o "@Kết quả xã.xlsx" -o "@Kết quả xã.csv" -o "@Kết quả xã.json"
case_ score-previous . score "${XA[@]}" "$A_XA" --previous "@Năm 2025/Kết quả 2025.json" "${PREV[@]}" -o "@So sánh.xlsx" -o "@So sánh.csv"
case_ criteria-diff . criteria diff "$C_XA25" "$C_XA"
case_ criteria-diff-json . --lang en criteria diff "$C_SO25" "$C_SO" --format json
case_ criteria-check . criteria check "$C_SO"
case_ compare . compare "@Xã phường/Kết quả 2026.json" "@Năm 2025/Kết quả 2025.json" "${PREV[@]}" --criteria "$C_XA"
case_ compare-files . compare "@Xã phường/Kết quả 2026.json" "@Năm 2025/Kết quả 2025.json" "${PREV[@]}" --criteria "$C_XA" -o "@So sánh xã.xlsx" -o "@So sánh xã.json"
case_ template . template --criteria "$C_SO" --units "$U_SO" -o "@Mẫu tự đánh giá"
case_ template-blank . template --criteria "$C_XA" -o "@Mẫu trống"
case_ check "Kiểm tra" check "${REAL[@]}" @broken
case_ check-json "Kiểm tra" --lang en check "${REAL[@]}" @broken --format json
case_ check-final . check "${SO[@]}" --stage final "$SUB_SO"
case_ explain "Giải trình" explain "${REAL[@]}" @answers --unit SO-TP
case_ explain-sample . explain "${SO[@]}" "$SUB_SO" --unit SO-TTHCC --criterion 1 --format json
case_ real-files "Kiểm tra" score "${REAL[@]}" @libreoffice @filled/ -o @ket-qua.xlsx

echo "== errors and exit codes"
case_ usage . score --criteria "$C_SO"
case_ no-such-file . score --criteria "@Bộ tiêu chí/Không có.toml" --units "$U_SO" "$SUB_SO"
case_ bad-data "Kiểm tra" score "${REAL[@]}" @broken -o @ket-qua.csv
case_ skip-invalid "Kiểm tra" score "${REAL[@]}" @broken --skip-invalid -o "@Kết quả hợp lệ.csv"
case_ no-such-folder . score "${SO[@]}" "$SUB_SO" -o "@Không có thư mục/ket-qua.csv"
case_ limit . score "${XA[@]}" "$A_XA" --max-rows 1000
case_ output-is-input . score "${SO[@]}" "$SUB_SO" -o "$S_SO"

echo "== template round trip: template (Windows) → filled by openpyxl → score"
R="$D/Vòng thử mẫu"
mkdir -p "$R"
cp "$D/Bộ tiêu chí/Xã phường 2026.toml" "$R/Bộ tiêu chí.toml"
# The first 12 communes, their answers and survey values.
python3 - "$D/Xã phường" "$R" <<'PY'
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
def copy(name, out, keep):
    with open(f"{src}/{name}", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    with open(f"{dst}/{out}", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([rows[0]] + [r for r in rows[1:] if keep(r[0])])
    return [r[0] for r in rows[1:]]
units = set(copy("Danh sách đơn vị.csv", "Danh sách.csv", lambda u: True)[:12])
copy("Danh sách đơn vị.csv", "Danh sách.csv", units.__contains__)
copy("Điều tra XHH.csv", "Điều tra.csv", units.__contains__)
copy("Câu trả lời.csv", "Câu trả lời.csv", units.__contains__)
PY
RT=(--criteria "@Bộ tiêu chí.toml" --units "@Danh sách.csv")
case_ roundtrip-template "Vòng thử mẫu" template "${RT[@]}" -o "@Mẫu"
python3 tests/windows/fill_templates.py "$W/runs/roundtrip-template/windows/out/Mẫu" "$R/Câu trả lời.csv" "$R/Bài nộp"
case_ roundtrip-score "Vòng thử mẫu" score "${RT[@]}" --survey "@Điều tra.csv" "@Bài nộp" -o "@Kết quả.csv" -o "@Kết quả.json" -o "@Kết quả.xlsx"
# A run file written by `cchc init` and edited to the same files: `cchc score` alone
# writes what the long command wrote.
case_ init "Vòng thử mẫu" init --criteria "@Bộ tiêu chí.toml" -o "@cchc.toml"
perl -pe 's/"danh-sach-don-vi.csv"/"Danh sách.csv"/; s/"dieu-tra-xhh.csv"/"Điều tra.csv"/;
  s/"bai-tu-danh-gia"/"Bài nộp"/; s/"ket-qua.xlsx", "ket-qua.csv"/"Kết quả.csv", "Kết quả.json", "Kết quả.xlsx"/;
  s/^csv = "excel-vi"/csv = "standard"/' "$W/runs/init/windows/out/cchc.toml" >"$R/cchc.toml"
case_ run-file "Vòng thử mẫu" score
for f in "Kết quả.csv" "Kết quả.json"; do
  if ! cmp -s "$W/runs/run-file/windows/out/$f" "$W/runs/roundtrip-score/windows/out/$f"; then
    echo "   FAILED: run-file: $f differs from the long command's"; failures=$((failures + 1))
  fi
done
echo "-- run-file: cchc score with the edited cchc.toml wrote what the long command wrote"
rm "$R/cchc.toml"
# The workbooks filled from the long CSV score exactly like the long CSV itself.
(cd "$R" && "$LIN" -q score --criteria "Bộ tiêu chí.toml" --units "Danh sách.csv" --survey "Điều tra.csv" "Câu trả lời.csv" -o "$W/from-csv.csv")
if cmp -s "$W/from-csv.csv" "$W/runs/roundtrip-score/windows/out/Kết quả.csv"; then
  echo "-- roundtrip: the filled templates score as the answers CSV they were filled from"
else
  echo "   FAILED: the filled templates do not score as the answers CSV"; failures=$((failures + 1))
  diff "$W/from-csv.csv" "$W/runs/roundtrip-score/windows/out/Kết quả.csv" | head -20 || true
fi

echo "== cham-diem.bat and cchc.toml under Wine's cmd"
# The zip's layout (scripts/dist.sh) in a folder with spaces and Vietnamese letters: the
# batch job runs `cchc.exe score`, which reads the run file cchc.toml beside it.
B="$W/Tải về/cchc windows"
mkdir -p "$B/criteria" "$B/samples"
cp "$EXE" "$B/cchc.exe"
cp criteria/*.toml "$B/criteria/"
cp -r samples/so-ban-nganh "$B/samples/"
perl -pe 's/\r?\n/\r\n/' scripts/dist/cham-diem.bat >"$B/cham-diem.bat"
perl -pe 's/\r?\n/\r\n/' scripts/dist/cchc.toml >"$B/cchc.toml"
name=bat
run_one linux "$B" "$LIN" score
run_one windows "$B" "$WINE" cmd /c "$(winpath "$B/cham-diem.bat")"
wine_runs=$((wine_runs + 1)) cases=$((cases + 1))
# cmd adds its own line after cchc's output: compare the files and the exit code only.
for r in linux windows; do mkdir -p "$W/runs/bat-files/$r"; cp -r "$W/runs/bat/$r/out" "$W/runs/bat/$r/exit" "$W/runs/bat-files/$r/"; done
check_same bat-files linux windows
grep -q "Xong" "$W/runs/bat/windows/stdout" || { echo "   FAILED: cham-diem.bat did not say it was done"; failures=$((failures + 1)); }
# The run file asks for CSV for Excel set to Vietnamese: LibreOffice in that locale shows
# one value per cell, numbers with decimal commas.
if command -v soffice >/dev/null; then
  if python3 tests/windows/csv_in_libreoffice.py check "$W/runs/bat/windows/out/ket-qua.csv"; then
    echo "-- excel-vi: the CSV opens one value per cell, numbers as numbers, in LibreOffice (vi)"
  else
    echo "   FAILED: excel-vi CSV in LibreOffice"; failures=$((failures + 1))
  fi
elif [ "${SKIP_LIBREOFFICE:-0}" != 1 ]; then
  echo "   FAILED: LibreOffice missing (apt-get install libreoffice-calc-nogui; SKIP_LIBREOFFICE=1 skips)"
  failures=$((failures + 1))
fi

# A job that calls it and reads %ERRORLEVEL%: with the units file missing, the code that
# cchc gives on Linux (1: an input cannot be read) reaches the calling job and Wine.
mv "$B/samples/so-ban-nganh/units.csv" "$B/samples/so-ban-nganh/units.csv.bak"
printf '@echo off\r\ncall "%%~dp0cham-diem.bat"\r\necho ERRORLEVEL=%%ERRORLEVEL%%\r\nexit /b %%ERRORLEVEL%%\r\n' >"$B/chay.bat"
set +e
(cd "$B" && "$LIN" score >/dev/null 2>&1)
expected=$?
"$WINE" cmd /c "$(winpath "$B/chay.bat")" >"$W/chay.out" 2>"$W/chay.err"
code=$?
set -e
wine_runs=$((wine_runs + 1))
if [ "$expected" != 0 ] && [ "$code" = "$expected" ] && grep -q "ERRORLEVEL=$expected" "$W/chay.out"; then
  echo "-- bat-errorlevel: a missing file gives %ERRORLEVEL% $expected to the calling job, as on Linux"
else
  echo "   FAILED: bat-errorlevel: exit $code, Linux $expected"; head -5 "$W/chay.out" "$W/chay.err"; failures=$((failures + 1))
fi
mv "$B/samples/so-ban-nganh/units.csv.bak" "$B/samples/so-ban-nganh/units.csv"

echo "== what Windows does differently"
# An output open in Excel: Excel keeps a workbook open without FILE_SHARE_WRITE and
# FILE_SHARE_DELETE, so replacing it fails (ERROR_SHARING_VIOLATION). The run must say
# which file, exit 3, and keep every earlier output as it was.
x86_64-w64-mingw32-gcc -O2 -s -municode -o "$W/hold-open.exe" tests/windows/hold/hold-open.c
O="$D/Kết quả đang mở"
mkdir -p "$O"
(cd "$D" && "$WINE" "$EXE" -q score "${SO[@]//@/}" "${SUB_SO:1}" -o "Kết quả đang mở\\ket-qua.csv" -o "Kết quả đang mở\\ket-qua.xlsx")
cp "$O/ket-qua.csv" "$W/earlier.csv"; cp "$O/ket-qua.xlsx" "$W/earlier.xlsx"
"$WINE" "$W/hold-open.exe" "$(winpath "$O/ket-qua.xlsx")" >"$W/hold.out" 2>&1 &
hold=$!
for _ in $(seq 100); do grep -q open "$W/hold.out" && break; sleep 0.1; done
set +e
(cd "$D" && "$WINE" "$EXE" score "${SO[@]//@/}" --stage self "${SUB_SO:1}" -o "Kết quả đang mở\\ket-qua.csv" -o "Kết quả đang mở\\ket-qua.xlsx" >"$W/open.out" 2>"$W/open.err")
code=$?
set -e
touch "$O/ket-qua.xlsx.release"; wait "$hold" || true; rm "$O/ket-qua.xlsx.release"
wine_runs=$((wine_runs + 3)) cases=$((cases + 1))
if grep -q open "$W/hold.out" && [ "$code" = 3 ] && grep -q "ket-qua.xlsx" "$W/open.err" \
  && cmp -s "$O/ket-qua.csv" "$W/earlier.csv" && cmp -s "$O/ket-qua.xlsx" "$W/earlier.xlsx"; then
  echo "-- open-in-excel: exit 3, earlier outputs kept; the message: $(head -1 "$W/open.err")"
else
  echo "   FAILED: open-in-excel: exit $code; held: $(cat "$W/hold.out")"; cat "$W/open.err"; failures=$((failures + 1))
fi

# Paths over 260 characters (MAX_PATH): inputs and outputs named with drive-letter paths.
deep="$W/Dài/$(printf 'Thư mục lưu trữ kết quả chấm điểm CCHC cấp %02d/' $(seq 1 8))"
mkdir -p "$deep"
cp "$D/Bộ tiêu chí/Sở ban ngành 2026.toml" "$deep/Bộ tiêu chí.toml"
cp -r "$D/Sở ban ngành/." "$deep/"
long_run() { # long_run LABEL PROGRAM... ; the paths spelled by $spell
  local label=$1 p; shift
  p=$($spell "$deep")
  run_one "$label" "$W/Dài" "$@" score --criteria "${p}Bộ tiêu chí.toml" --units "${p}Danh sách đơn vị.csv" \
    --survey "${p}Điều tra XHH.csv" "${p}Bài tự đánh giá" -o "${p}Kết quả.xlsx" -o "${p}Kết quả.csv"
}
name=long-path
spell=linpath long_run linux "$LIN"
spell=winpath long_run windows "$WINE" "$EXE"
wine_runs=$((wine_runs + 1)) cases=$((cases + 1))
echo "   (the workbook's path has $(printf '%s' "$(winpath "$deep")Kết quả.xlsx" | python3 -c 'import sys; print(len(sys.stdin.read()))') characters)"
check_same long-path linux windows

finished=$(date +%s)
echo "== $cases cases, $wine_runs runs under Wine, $failures failed; build $((built - started)) s, Wine tests $((finished - built)) s"
[ "$failures" = 0 ]
