#!/usr/bin/env bash
# Generates the benchmark inputs for N units once, into $BENCH_DATA/N (default
# bench/data/N, ignored by git); a rerun reuses what is there (each kind has a .done mark).
# usage: bench/data.sh N [KIND ...]
#   kinds: synth (examples/synth.rs: workbooks and the long CSV), openpyxl (the same answers
#   written by openpyxl in the template's layout), lo-xlsx, lo-xls, lo-ods (the openpyxl
#   workbooks re-saved by LibreOffice headless). Default: every kind whose tool is here.
# The seed is fixed (2026): the same N gives the same answers.
set -euo pipefail
cd "$(dirname "$0")/.."
N=$1; shift
KINDS=("$@")
if [ ${#KINDS[@]} -eq 0 ]; then
  KINDS=(synth openpyxl)
  command -v soffice >/dev/null && KINDS+=(lo-xlsx lo-xls lo-ods)
fi
D=${BENCH_DATA:-bench/data}/$N
CRIT=criteria/xa-phuong-2026.toml
BIN=${CCHC:-target/release/cchc}
SYNTH=${CCHC_SYNTH:-target/release/examples/synth}
NICE="nice -n 19"
mkdir -p "$D"

# The generator's source stamps the synth kind: when it changes the synth workbooks are
# made again, and when the answers change every kind made from them is made again too.
synth() {
  local stamp; stamp=$(sha256sum examples/synth.rs | cut -c1-16)
  [ -f "$D/synth.done" ] && [ "$(cat "$D/synth.done")" = "$stamp" ] && return
  local T; T=$(mktemp -d)
  $NICE "$SYNTH" --criteria $CRIT --count "$N" --seed 2026 --layout both -o "$T"
  if ! cmp -s "$T/answers.csv" "$D/answers.csv"; then
    rm -rf "$D"/openpyxl* "$D"/lo-*
  fi
  rm -rf "$D/synth"
  mv "$T/workbooks" "$D/synth"
  mv "$T"/*.csv "$D/"
  rm -rf "$T"
  echo "$stamp" > "$D/synth.done"
}

# reuse KIND EXT: hard-links the files of KIND already made for a smaller N whose units
# and answers are the first lines of this N's (the generator draws units in order, so the
# first 3,321 of 10,000 units are the 3,321 units): only the new units are converted.
reuse() {
  local kind=$1 ext=$2 m M
  mkdir -p "$D/$kind"
  for M in "${BENCH_DATA:-bench/data}"/*/; do
    M=${M%/}; m=$(basename "$M")
    [[ $m =~ ^[0-9]+$ ]] && [ "$m" -lt "$N" ] && [ -f "$M/$kind.done" ] || continue
    head -c "$(stat -c%s "$M/answers.csv")" "$D/answers.csv" | cmp -s - "$M/answers.csv" || continue
    head -c "$(stat -c%s "$M/units.csv")" "$D/units.csv" | cmp -s - "$M/units.csv" || continue
    local f
    for f in "$M/$kind"/*."$ext"; do
      [ -e "$D/$kind/$(basename "$f")" ] || ln "$f" "$D/$kind/"
    done
  done
}

openpyxl_kind() {
  [ -f "$D/openpyxl.done" ] && return
  python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl
  reuse openpyxl xlsx
  local T; T=$(mktemp -d)
  # The template of the first unit gives the layout (every unit is in the same group).
  head -n 2 "$D/units.csv" > "$T/one.csv"
  "$BIN" -q template --criteria $CRIT --units "$T/one.csv" -o "$T/tpl" >/dev/null
  # The units without a workbook yet, in two halves written by two processes.
  tail -n +2 "$D/units.csv" | while IFS= read -r line; do
    [ -e "$D/openpyxl/${line%%,*}.xlsx" ] || echo "$line"
  done > "$T/todo"
  { head -n 1 "$D/units.csv"; awk 'NR % 2 == 1' "$T/todo"; } > "$T/u1.csv"
  { head -n 1 "$D/units.csv"; awk 'NR % 2 == 0' "$T/todo"; } > "$T/u2.csv"
  $NICE python3 bench/gen_openpyxl.py "$T"/tpl/*.xlsx "$T/u1.csv" "$D/answers.csv" "$D/openpyxl" &
  $NICE python3 bench/gen_openpyxl.py "$T"/tpl/*.xlsx "$T/u2.csv" "$D/answers.csv" "$D/openpyxl"
  wait
  rm -rf "$T"
  local have; have=$(find "$D/openpyxl" -name "*.xlsx" | wc -l)
  [ "$have" -eq "$N" ] || { echo "openpyxl: $have of $N workbooks" >&2; return 1; }
  touch "$D/openpyxl.done"
}

# lo FORMAT FILTER: the openpyxl workbooks re-saved by LibreOffice, in batches of 200 files
# per soffice call (one call stops after about 250 files), with a private profile so that
# other soffice runs are not disturbed; files a call missed are retried (3 passes).
lo() {
  local fmt=$1 filter=$2 out="$D/lo-$1"
  [ -f "$D/lo-$fmt.done" ] && return
  reuse "lo-$fmt" "$fmt"
  local profile; profile=$(mktemp -d)
  local pass i
  for pass in 1 2 3; do
    local todo=()
    for f in "$D"/openpyxl/*.xlsx; do
      local b; b=$(basename "$f" .xlsx)
      [ -s "$out/$b.$fmt" ] || todo+=("$f")
    done
    [ ${#todo[@]} -eq 0 ] && break
    for ((i = 0; i < ${#todo[@]}; i += 200)); do
      $NICE soffice -env:UserInstallation=file://"$profile" --headless --norestore \
        --convert-to "$filter" --outdir "$out" "${todo[@]:i:200}" >/dev/null 2>&1 || true
    done
  done
  rm -rf "$profile"
  local have; have=$(find "$out" -name "*.$fmt" -size +0 | wc -l)
  [ "$have" -eq "$N" ] || { echo "lo-$fmt: $have of $N files converted" >&2; return 1; }
  touch "$D/lo-$fmt.done"
}

for k in "${KINDS[@]}"; do
  case $k in
    synth) synth ;;
    openpyxl) synth; openpyxl_kind ;;
    lo-xlsx) synth; openpyxl_kind; lo xlsx "xlsx:Calc MS Excel 2007 XML" ;;
    lo-xls) synth; openpyxl_kind; lo xls "xls:MS Excel 97" ;;
    lo-ods) synth; openpyxl_kind; lo ods ods ;;
    *) echo "unknown kind $k" >&2; exit 2 ;;
  esac
done
