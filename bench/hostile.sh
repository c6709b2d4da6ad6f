#!/usr/bin/env bash
# Time and peak memory of `cchc score` on each hostile input (tests/fixtures/hostile/ and,
# made here, a sparse 1 GB answers file, a sparse 1 GB criteria file and a million-row
# CSV): each must end quickly with its clear error. usage: bench/hostile.sh
# Prints a Markdown table (exit code, wall seconds, peak RSS MB) to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q --bin cchc
BIN=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/cchc
M=tests/fixtures/mini
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# case NAME CRITERIA FILE: scores the mini answers plus FILE with CRITERIA.
run_case() {
  local name=$1 criteria=$2 file=$3
  rm -rf "$TMP/in"; mkdir -p "$TMP/in"
  cp "$M/answers/answers.csv" "$TMP/in/"
  [ -n "$file" ] && cp --sparse=always "$file" "$TMP/in/"
  /usr/bin/time -f "%e %M" -o "$TMP/t" "$BIN" --lang en score --criteria "$criteria" \
    --units "$M/units.csv" --survey "$M/survey.csv" "$TMP/in" -o "$TMP/out.csv" \
    >/dev/null 2>"$TMP/err" && code=0 || code=$?
  local wall rss msg
  read -r wall rss < <(tail -n 1 "$TMP/t")
  msg=$(grep -m1 -E "limit|damaged|cannot read|declared" "$TMP/err" | sed "s|$TMP/in/||; s|$TMP/||; s/|/\\\\|/g" | cut -c1-120)
  echo "| $name | $code | $wall | $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') | $msg |"
}

truncate -s 1G "$TMP/huge.csv"
truncate -s 1G "$TMP/huge.toml"
python3 - "$TMP/rows.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("unit,criterion,self\n")
    f.write("SO-NV,1.1,1\n" * 1_000_000)
PY

echo "| input | exit | s | peak MB | message |"
echo "|---|---|---|---|---|"
for f in tests/fixtures/hostile/*.xls* tests/fixtures/hostile/*.ods; do
  run_case "$(basename "$f")" "$M/criteria.toml" "$f"
done
run_case "1 GB answers CSV (sparse)" "$M/criteria.toml" "$TMP/huge.csv"
run_case "1,000,000-row CSV" "$M/criteria.toml" "$TMP/rows.csv"
run_case "deep-code.toml (criteria)" tests/fixtures/hostile/deep-code.toml ""
run_case "1 GB criteria (sparse)" "$TMP/huge.toml" ""
