#!/usr/bin/env bash
# Benchmark: a national run in which every answer is blank (each unit sent back the
# template it was given, untouched) against the same run with every answer filled, in
# time and peak memory. A run full of errors must cost about what a clean run costs
# (issue 11: within 2×). Not a test: it prints a Markdown table, see docs/performance.md.
# usage: bench/blank.sh [N ...]     (default: 3321)
# env:   BENCH_DATA (default target/bench-data)
set -euo pipefail
cd "$(dirname "$0")/.."
NS=("$@"); [ ${#NS[@]} -eq 0 ] && NS=(3321)
DATA=${BENCH_DATA:-target/bench-data}
CRIT=criteria/xa-phuong-2026.toml

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q --bin cchc --example synth
BIN=target/release/cchc
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# measure NAME EXPECTED_EXIT CMD... : runs once, writes "wall rss_mb" to $TMP/NAME
measure() {
  local name=$1 expected=$2; shift 2
  local code=0
  /usr/bin/time -f "%e %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" || code=$?
  if [ "$code" != "$expected" ]; then cat "$TMP/err" >&2; echo "exit $code, expected $expected" >&2; return 1; fi
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$TMP/t" > "$TMP/$name"
}
wall() { cut -d' ' -f1 "$TMP/$1"; }
rss() { cut -d' ' -f2 "$TMP/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }

echo "| N | clean s (MB) | every answer blank s (MB) | problems | blank/clean time | blank/clean memory |"
echo "|---|---|---|---|---|---|"
for N in "${NS[@]}"; do
  D="$DATA/blank-$N"
  if [ ! -d "$D/blank" ]; then
    rm -rf "$D"
    target/release/examples/synth --criteria $CRIT --count "$N" --seed 2026 --layout xlsx -o "$D"
    $BIN -q template --criteria $CRIT --units "$D/units.csv" -o "$D/blank"
  fi
  ARGS=(score -q --criteria $CRIT --units "$D/units.csv" --survey "$D/survey.csv")
  sync
  measure clean 0 "$BIN" "${ARGS[@]}" "$D/workbooks" -o "$TMP/r.json" -o "$TMP/r.csv"
  measure blank 1 "$BIN" "${ARGS[@]}" "$D/blank" -o "$TMP/b.json" -o "$TMP/b.csv"
  PROBLEMS=$(grep -o '[0-9.,]* lỗi' "$TMP/err" | tail -1)
  echo "| $N | $(wall clean) ($(rss clean)) | $(wall blank) ($(rss blank)) | $PROBLEMS | $(ratio "$(wall blank)" "$(wall clean)") | $(ratio "$(rss blank)" "$(rss clean)") |"
done
