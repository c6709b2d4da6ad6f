#!/usr/bin/env bash
# Benchmark of `cchc score` against its floors and a Python openpyxl script.
# usage: bench/run.sh [N ...]            (default: 100 1000 3321 10000; then bench/blank.sh for N ≤ 3321)
# env:   BENCH_DATA (default target/bench-data), PY_MAX (largest N for the Python run, default 3321)
# Prints a Markdown table (wall seconds, peak RSS MB, ratios) to stdout; see docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
NS=("$@"); [ ${#NS[@]} -eq 0 ] && NS=(100 1000 3321 10000)
DATA=${BENCH_DATA:-target/bench-data}
PY_MAX=${PY_MAX:-3321}
CRIT=criteria/xa-phuong-2026.toml

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl
cargo build --release -q --bin cchc --example synth --example read_floor --example write_floor --example csv_floor
BIN=target/release/cchc
EX=target/release/examples
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# measure NAME CMD... : runs once, appends "wall rss_mb" to $TMP/NAME
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err" >&2; return 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$TMP/t" > "$TMP/$name"
}
wall() { cut -d' ' -f1 "$TMP/$1"; }
rss() { cut -d' ' -f2 "$TMP/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }

echo "| N | a read floor s | w write floor s | b1 score→JSON+CSV s (MB) | b2 score→XLSX s (MB) | c openpyxl s | b1/a | b2/(a+w) | c/b1 | long CSV s | csv floor s | csv/floor |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for N in "${NS[@]}"; do
  D="$DATA/$N"
  if [ ! -f "$D/answers.csv" ]; then
    rm -rf "$D"; "$EX/synth" --criteria $CRIT --count "$N" --seed 2026 --layout both -o "$D"
  fi
  ARGS=(score -q --criteria $CRIT --units "$D/units.csv" --survey "$D/survey.csv")
  sync
  measure a "$EX/read_floor" "$D/workbooks"
  measure w "$EX/write_floor" "$N" "$TMP/w.xlsx"
  measure b1 "$BIN" "${ARGS[@]}" "$D/workbooks" -o "$TMP/r.json" -o "$TMP/r.csv"
  measure b2 "$BIN" "${ARGS[@]}" "$D/workbooks" -o "$TMP/r.xlsx"
  # One long CSV of N × ~70 rows: above 500,000 rows it needs the limit raised.
  measure csv "$BIN" "${ARGS[@]}" --max-rows 5000000 "$D/answers.csv" -o "$TMP/l.json" -o "$TMP/l.csv"
  measure floor "$EX/csv_floor" "$D/answers.csv"
  if [ "$N" -le "$PY_MAX" ]; then
    measure c python3 bench/openpyxl_score.py $CRIT "$D/units.csv" "$D/survey.csv" "$D/workbooks" "$TMP/py.csv"
    C=$(wall c); CR=$(ratio "$C" "$(wall b1)")
  else
    C="–"; CR="–"
  fi
  AW=$(awk -v a="$(wall a)" -v w="$(wall w)" 'BEGIN { print a + w }')
  echo "| $N | $(wall a) | $(wall w) | $(wall b1) ($(rss b1)) | $(wall b2) ($(rss b2)) | $C | $(ratio "$(wall b1)" "$(wall a)") | $(ratio "$(wall b2)" "$AW") | $CR | $(wall csv) ($(rss csv)) | $(wall floor) | $(ratio "$(wall csv)" "$(wall floor)") |"
done

# A national run with every answer blank against the same run filled in (time and memory;
# a run full of errors must cost about what a clean run costs): bench/blank.sh. BLANK=0
# leaves it out.
BLANK_NS=(); for N in "${NS[@]}"; do if [ "$N" -le 3321 ]; then BLANK_NS+=("$N"); fi; done
if [ "${BLANK:-1}" != 0 ] && [ ${#BLANK_NS[@]} -gt 0 ]; then
  echo
  bench/blank.sh "${BLANK_NS[@]}"
fi
