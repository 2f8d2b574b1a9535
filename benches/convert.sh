#!/usr/bin/env bash
# Throughput, speed-up and peak memory of `zfxxgk convert`.
#
# Generates N reports (default 10 000; text from the bundled sample and every
# tenth as HTML from its HTML fixture, organs, years and numbers varied) into a
# temporary directory, then converts them to SQLite and to JSON Lines with
# --jobs 1 and --jobs 2, and 1 000 of them with --jobs 2, under
# /usr/bin/time -v for peak RSS.
#
#   bash benches/convert.sh [N]
#
# Prints reports/s, the 1 → 2 thread speed-up, peak RSS at 1 000 and N, and the
# load average (the speed-up needs an idle machine; the figure is honest only
# next to the load).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/zfxxgk
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK" "$N" <<'PY'
import os, sys
work, n = sys.argv[1], int(sys.argv[2])
text = open("samples/jinyun-county-office-2023.txt", encoding="utf-8").read()
html = open("tests/fixtures/html/jinyun-county-office-2023.html", encoding="utf-8").read()
for i in range(n):
    def vary(s):
        return (s.replace("缙云县人民政府办公室", f"缙云县第{i // 7}局")
                 .replace("2023", str(2019 + i % 7))
                 .replace("186", str(186 + i % 13)))
    sub = "small" if i < 1000 else "rest"
    d = os.path.join(work, "in", sub, f"{i // 100:03d}")
    os.makedirs(d, exist_ok=True)
    if i % 10 == 9:
        open(os.path.join(d, f"r{i:05d}.html"), "w", encoding="utf-8").write(vary(html))
    else:
        title = f"缙云县第{i // 7}局{2019 + i % 7}年政府信息公开工作年度报告\n"
        open(os.path.join(d, f"r{i:05d}.txt"), "w", encoding="utf-8").write(title + vary(text))
PY
run() { # label format jobs inputs...
  local label=$1 fmt=$2 jobs=$3; shift 3
  rm -f "$WORK/out.$fmt"
  "$TIME" -v "$BIN" convert --quiet --jobs "$jobs" -o "$WORK/out.$fmt" "$@" 2> "$WORK/$label.err" || true
  local secs rss files
  secs=$(grep -m1 '^time ' "$WORK/$label.err" | awk '{print $2}')
  files=$(grep -m1 '^files seen' "$WORK/$label.err" | awk '{print $3}')
  rss=$(grep 'Maximum resident set size' "$WORK/$label.err" | awk '{print $6}')
  echo "$label: $fmt, --jobs $jobs, $files files, $secs s, $(python3 -c "print(round($files/$secs))") reports/s, peak RSS $((rss / 1024)) MiB"
  eval "${label}_secs=$secs"
}
echo "load before: $(uptime)"
run sqlite_1000 sqlite 2 "$WORK/in/small"
run jsonl_1000 jsonl 2 "$WORK/in/small"
run sqlite_j1 sqlite 1 "$WORK/in"
run sqlite_j2 sqlite 2 "$WORK/in"
run jsonl_j1 jsonl 1 "$WORK/in"
run jsonl_j2 jsonl 2 "$WORK/in"
echo "speed-up 1 -> 2 threads: SQLite $(python3 -c "print(round($sqlite_j1_secs/$sqlite_j2_secs, 2))")x, JSON Lines $(python3 -c "print(round($jsonl_j1_secs/$jsonl_j2_secs, 2))")x"
echo "load after: $(uptime)"
