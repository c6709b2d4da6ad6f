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

# measure NAME EXPECTED_EXIT CMD... : runs once, writes "wall cpu rss_mb" to $TMP/NAME
# (cpu = user + system seconds: on a shared machine it varies less than the wall time);
# the command's stderr is kept in $TMP/NAME.err
measure() {
  local name=$1 expected=$2; shift 2
  local code=0
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/$name.err" || code=$?
  if [ "$code" != "$expected" ]; then cat "$TMP/$name.err" >&2; echo "exit $code, expected $expected" >&2; return 1; fi
  # time(1) writes "Command exited with non-zero status 1" first: the numbers are last.
  tail -n 1 "$TMP/t" | awk '{printf "%s %.2f %.0f\n", $1, $2 + $3, $4/1024}' > "$TMP/$name"
}
wall() { cut -d' ' -f1 "$TMP/$1"; }
cpu() { cut -d' ' -f2 "$TMP/$1"; }
rss() { cut -d' ' -f3 "$TMP/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }

echo "| N | clean: wall s, CPU s (MB) | every answer blank: wall s, CPU s (MB) | errors | blank/clean wall | blank/clean CPU | blank/clean memory |"
echo "|---|---|---|---|---|---|---|"
for N in "${NS[@]}"; do
  D="$DATA/blank-$N"
  if [ ! -d "$D/blank" ]; then
    rm -rf "$D"
    target/release/examples/synth --criteria $CRIT --count "$N" --seed 2026 --layout xlsx -o "$D"
    $BIN -q template --criteria $CRIT --units "$D/units.csv" -o "$D/blank"
  fi
  ARGS=(score --criteria $CRIT --units "$D/units.csv" --survey "$D/survey.csv")
  sync
  measure clean 0 "$BIN" "${ARGS[@]}" "$D/workbooks" -o "$TMP/r.json" -o "$TMP/r.csv"
  measure blank 1 "$BIN" "${ARGS[@]}" "$D/blank" -o "$TMP/b.json" -o "$TMP/b.csv"
  ERRORS=$(sed -n 's/^Tổng cộng: \([0-9]*\) lỗi.*/\1/p' "$TMP/blank.err" | tail -n 1)
  echo "| $N | $(wall clean), $(cpu clean) ($(rss clean)) | $(wall blank), $(cpu blank) ($(rss blank)) | $ERRORS | $(ratio "$(wall blank)" "$(wall clean)") | $(ratio "$(cpu blank)" "$(cpu clean)") | $(ratio "$(rss blank)" "$(rss clean)") |"
done
