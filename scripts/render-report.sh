#!/usr/bin/env bash
# Renders a pcnsim report.html to a PNG in headless Chromium, to look at the charts without a
# desktop. Needs Debian's chromium (apt-get install chromium); pcnsim itself does not.
#   scripts/render-report.sh reports/hub-failure/report.html /tmp/hub-failure.png
set -euo pipefail
html=${1:?usage: render-report.sh REPORT.html OUT.png}
png=${2:?usage: render-report.sh REPORT.html OUT.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "render-report: no chromium found (apt-get install chromium)" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1000,2200 \
  --screenshot="$(realpath -m "$png")" "file://$(realpath "$html")" 2>/dev/null
[ -s "$png" ] || { echo "render-report: nothing rendered" >&2; exit 1; }
echo "$png"
