#!/usr/bin/env bash
# Benchmark of `cchc score` against its floors, per kind of input and size.
# usage: bench/run.sh [N ...]            (default: 100 1000 3321 10000)
# env:   RUNS      runs of each command; medians are printed (default 5; 1 when every N ≤ 100)
#        BLANK=0   leaves out bench/blank.sh (every answer blank vs filled, N ≤ 3321)
#        KINDS     input kinds (default: synth openpyxl lo-xlsx lo-xls lo-ods, the lo-* ones
#                  only when LibreOffice is installed, and for N ≤ 100 only when already
#                  converted; the long CSV is always measured)
#        BENCH_DATA where generated inputs are kept between runs (default bench/data)
#        PY_MAX    largest N for the Python openpyxl script (c, synth inputs only; default 3321)
# b2 writes the report as `-o r.xlsx` gives it, b2d with its detail sheet (--detail); w and
# wd write the same cells with rust_xlsxwriter alone (counted in that report by
# bench/floors report_cells). Inputs are generated once by bench/data.sh. Prints Markdown tables to stdout: wall seconds,
# CPU seconds (user + system) and peak RSS (MB) of each program, then the ratios. See
# docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
NS=("$@"); [ ${#NS[@]} -eq 0 ] && NS=(100 1000 3321 10000)
SMALL=1; for N in "${NS[@]}"; do [ "$N" -gt 100 ] && SMALL=0; done
RUNS=${RUNS:-$([ $SMALL = 1 ] && echo 1 || echo 5)}
PY_MAX=${PY_MAX:-3321}
export BENCH_DATA=${BENCH_DATA:-bench/data}
if [ -z "${KINDS:-}" ]; then
  KINDS="synth openpyxl"
  # LibreOffice takes about a minute to convert 100 files to the three formats: the CI
  # smoke run (N = 100 only) uses the converted files when they are already there.
  for k in lo-xlsx lo-xls lo-ods; do
    if command -v soffice >/dev/null && { [ $SMALL = 0 ] || [ -f "$BENCH_DATA/${NS[0]}/$k.done" ]; }; then
      KINDS="$KINDS $k"
    fi
  done
fi
CRIT=criteria/xa-phuong-2026.toml

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
cargo build --release -q --bin cchc --example synth
cargo build --release -q --manifest-path bench/floors/Cargo.toml --target-dir "$TARGET"
export CCHC=$TARGET/release/cchc CCHC_SYNTH=$TARGET/release/examples/synth
BIN=$CCHC
FL=$TARGET/release
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# measure NAME CMD... : runs CMD $RUNS times under /usr/bin/time; writes the medians
# "wall cpu rss_mb" to $TMP/NAME. A failing command stops the benchmark.
measure() {
  local name=$1; shift
  : > "$TMP/$name.all"
  for ((i = 0; i < RUNS; i++)); do
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" || {
      echo "failed: $*" >&2; cat "$TMP/err" >&2; return 1; }
    awk '{ printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$TMP/t" >> "$TMP/$name.all"
  done
  local cols=()
  for k in 1 2 3; do
    cols+=("$(cut -d' ' -f$k "$TMP/$name.all" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')")
  done
  echo "${cols[*]}" > "$TMP/$name"
}
wall() { cut -d' ' -f1 "$TMP/$1"; }
cpu() { cut -d' ' -f2 "$TMP/$1"; }
rss() { cut -d' ' -f3 "$TMP/$1"; }
cell() { echo "$(wall "$1") / $(cpu "$1") / $(rss "$1")"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
sum() { awk -v a="$1" -v b="$2" 'BEGIN { print a + b }'; }

WB="$TMP/wb.md"; CSVT="$TMP/csv.md"; PY="$TMP/py.md"
echo "| kind | N | a read floor | b1 score→JSON+CSV | b2 score→XLSX | w write floor | b2d XLSX --detail | wd write floor | b1/a wall / CPU | b2/(a+w) wall / CPU | b2d/(a+wd) wall / CPU | same results |" > "$WB"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|" >> "$WB"
echo "| N | rows | bare csv pass | cchc score → JSON+CSV | CSV/bare wall | CSV/bare CPU | same results |" > "$CSVT"
echo "|---|---|---|---|---|---|---|" >> "$CSVT"
echo "| N | b1 (synth) s | c openpyxl script s | c/b1 |" > "$PY"
echo "|---|---|---|---|" >> "$PY"
for N in "${NS[@]}"; do
  # shellcheck disable=SC2086
  bench/data.sh "$N" $KINDS >&2
  D="$BENCH_DATA/$N"; rm -f "$TMP/ref.csv"
  ARGS=(score -q --criteria $CRIT --units "$D/units.csv" --survey "$D/survey.csv")
  for K in $KINDS; do
    measure a "$FL/read_floor" "$D/$K"
    measure b1 "$BIN" "${ARGS[@]}" "$D/$K" -o "$TMP/r.json" -o "$TMP/r.csv"
    measure b2 "$BIN" "${ARGS[@]}" "$D/$K" -o "$TMP/r.xlsx"
    "$FL/report_cells" "$TMP/r.xlsx" > "$TMP/spec"
    measure w "$FL/write_floor" "$TMP/spec" "$TMP/w.xlsx"
    measure b2d "$BIN" "${ARGS[@]}" --detail "$D/$K" -o "$TMP/rd.xlsx"
    "$FL/report_cells" "$TMP/rd.xlsx" > "$TMP/spec"
    measure wd "$FL/write_floor" "$TMP/spec" "$TMP/w.xlsx"
    [ "$K" = synth ] && cp "$TMP/r.csv" "$TMP/ref.csv"
    if [ -f "$TMP/ref.csv" ]; then
      SAME=$(cmp -s "$TMP/r.csv" "$TMP/ref.csv" && echo yes || echo NO)
    else
      SAME="–"
    fi
    AW=$(sum "$(wall a)" "$(wall w)"); AWC=$(sum "$(cpu a)" "$(cpu w)")
    ADW=$(sum "$(wall a)" "$(wall wd)"); ADWC=$(sum "$(cpu a)" "$(cpu wd)")
    echo "| $K | $N | $(cell a) | $(cell b1) | $(cell b2) | $(cell w) | $(cell b2d) | $(cell wd) | $(ratio "$(wall b1)" "$(wall a)") / $(ratio "$(cpu b1)" "$(cpu a)") | $(ratio "$(wall b2)" "$AW") / $(ratio "$(cpu b2)" "$AWC") | $(ratio "$(wall b2d)" "$ADW") / $(ratio "$(cpu b2d)" "$ADWC") | $SAME |" >> "$WB"
    if [ "$K" = synth ] && [ "$N" -le "$PY_MAX" ]; then
      RUNS=1 measure c python3 bench/openpyxl_score.py $CRIT "$D/units.csv" "$D/survey.csv" "$D/synth" "$TMP/py.csv"
      echo "| $N | $(wall b1) | $(wall c) | $(ratio "$(wall c)" "$(wall b1)") |" >> "$PY"
    fi
  done
  # One long CSV of N × ~70 rows: above 500,000 rows it needs the limit raised.
  measure floor "$FL/csv_floor" "$D/answers.csv"
  measure csv "$BIN" "${ARGS[@]}" --max-rows 50000000 --max-file-mb 10000 "$D/answers.csv" -o "$TMP/l.json" -o "$TMP/l.csv"
  ROWS=$(($(wc -l < "$D/answers.csv") - 1))
  SAME=$([ -f "$TMP/ref.csv" ] && { cmp -s "$TMP/l.csv" "$TMP/ref.csv" && echo yes || echo NO; } || echo "–")
  echo "| $N | $ROWS | $(cell floor) | $(cell csv) | $(ratio "$(wall csv)" "$(wall floor)") | $(ratio "$(cpu csv)" "$(cpu floor)") | $SAME |" >> "$CSVT"
done

echo "Medians of $RUNS run(s); each cell is wall s / CPU s / peak MB."
echo
echo "Workbooks (one per unit):"
echo
cat "$WB"
echo
echo "Long CSV (the same answers in one file):"
echo
cat "$CSVT"
if [ "$(wc -l < "$PY")" -gt 2 ]; then
  echo
  echo "Python openpyxl script (one run):"
  echo
  cat "$PY"
fi
# A national run with every answer blank against the same run filled in (time and memory;
# a run full of errors must cost about what a clean run costs): bench/blank.sh. BLANK=0
# leaves it out.
BLANK_NS=(); for N in "${NS[@]}"; do if [ "$N" -le 3321 ]; then BLANK_NS+=("$N"); fi; done
if [ "${BLANK:-1}" != 0 ] && [ ${#BLANK_NS[@]} -gt 0 ]; then
  echo
  bench/blank.sh "${BLANK_NS[@]}"
fi
