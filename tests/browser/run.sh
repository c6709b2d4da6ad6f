#!/usr/bin/env bash
# The browser test of the HTML results page (issue 16): renders the sample province's
# departments with `cchc score -o ket-qua.html`, validates the page with the Nu HTML
# checker (vnu.jar, from npm), then opens it in headless Chromium (check.mjs).
#
#   tests/browser/run.sh [SCREENSHOT_DIR]     # e.g. docs/ to refresh the screenshots
#
# Needs node/npm, java (for vnu) and pdftotext/pdffonts (poppler-utils). Chromium is
# /usr/bin/chromium (or $CHROMIUM); when it is absent the test is skipped with a
# message, unless CCHC_REQUIRE_BROWSER=1 (CI sets it): then it fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shots="${1:-}"
[ -n "$shots" ] && shots="$(cd "$shots" && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "${CCHC_REQUIRE_BROWSER:-0}" = 1 ]; then
    echo "browser test: no Chromium at $chromium, and CCHC_REQUIRE_BROWSER=1" >&2
    exit 1
  fi
  echo "browser test SKIPPED: no Chromium at $chromium (install Debian's chromium, or set CHROMIUM=/path/to/chrome)"
  exit 0
fi
for tool in node npm java pdftotext pdffonts; do
  command -v "$tool" >/dev/null || { echo "browser test: $tool is missing" >&2; exit 1; }
done

echo "== npm dependencies (playwright-core, vnu-jar; no browser download, no install scripts)"
cd "$here"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== the sample page"
cd "$root"
cargo run --quiet --release -- score -q \
  --criteria criteria/so-ban-nganh-2026.toml --units samples/so-ban-nganh/units.csv \
  --survey samples/so-ban-nganh/survey.csv samples/so-ban-nganh/submissions \
  --previous samples/2025/so-ban-nganh/ket-qua-2025.json \
  --previous-criteria criteria/so-ban-nganh-2025.toml \
  --authority "UBND tỉnh Cà Mau" --results-decision "123/QĐ-UBND" --results-date 2026-12-15 \
  --place "Cà Mau" -o "$work/ket-qua.html"

echo "== Nu HTML checker (vnu.jar): no error"
java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --stdout "$work/ket-qua.html"
echo "vnu: no error"

echo "== headless Chromium"
CHROMIUM="$chromium" node "$here/check.mjs" "$work/ket-qua.html" "$work" $shots
