#!/usr/bin/env bash
# calcify serve against the goals of issue 15 (docs/benchmarks.md): server start, a 512x512x250 scan opened in the viewer
# (the review opened and the NIfTI gz served: first and cached), reclassify -> scores, and a 1,000-scan worklist.
# Makes its own data under WORK (default /tmp/calcify-serve-bench): a 512x512x250 phantom detected with the baseline
# model, and 1,000 copies of a small scan's detect output (the worklist reads only scores.json and review.json).
# Usage: bench/serve-bench.sh [WORK]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/calcify-serve-bench}"
port=$((20000 + RANDOM % 20000))
mkdir -p "$work"
"$root/calcify" --version > /dev/null   # build outside the timing

if [ ! -f "$work/big-out/case-0000/scores.json" ]; then
  "$root/calcify" phantom --out "$work/big" --count 1 --size 512 --slices 250-250 --slice-mm 0.5..0.5 --coverage-mm 125..125 \
    --kernel standard --kvp 120..120 --seed 7 > /dev/null
  "$root/calcify" detect --input "$work/big" --out "$work/big-out" --model baseline --quiet > /dev/null
fi
if [ ! -d "$work/many-out/scan-0999" ]; then
  "$root/calcify" phantom --out "$work/small" --count 1 --size 64 --slices 40-40 --slice-mm 3..3 --seed 3 > /dev/null
  "$root/calcify" detect --input "$work/small" --out "$work/small-out" --model baseline --quiet > /dev/null
  mkdir -p "$work/many-out"
  for i in $(seq -w 0 999); do cp -r "$work/small-out/case-0000" "$work/many-out/scan-$i"; done
fi
rm -f "$work"/big-out/case-0000/{review.json,audit.jsonl,labels-reviewed.nii.gz,scores-proposed.json,report-proposed.html}

url="http://127.0.0.1:$port"
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
start_server() {  # sets server (its pid) and started_ms (launch until it first answers)
  local t0; t0=$(date +%s%N)
  "$root/calcify" serve --cohort "$1" --port "$port" > "$work/serve.log" 2>&1 &
  server=$!
  until curl -sf -o /dev/null "$url/api/legend"; do sleep 0.02; done
  started_ms=$(ms_since "$t0")
}
# the launcher runs java as its child while it makes the CDS archive (else it execs java): stop both, by id
stop_server() {
  local children; children=$(pgrep -P "$server" || true)
  kill $children "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  for c in $children; do while kill -0 "$c" 2>/dev/null; do sleep 0.1; done; done
}
get_s() { curl -s -o /dev/null -w '%{time_total}' "$@"; }

echo "== server start (launch of ./calcify serve -> first answer), 4 runs (the first makes the launcher's CDS archive)"
for i in 1 2 3 4; do start_server "$work/big-out"; echo "start: $started_ms ms"; stop_server; done

start_server "$work/big-out"
scan="$url/api/scans/case-0000"
echo "== 512x512x250 scan ($(du -h "$work/big/case-0000/ct.nii.gz" | cut -f1) ct.nii.gz)"
echo "open review (read scan + label map, lesions, scores), first: $(get_s "$scan") s; again: $(get_s "$scan") s"
echo "ct.nii.gz served, first: $(get_s "$scan/ct.nii.gz") s; again: $(get_s "$scan/ct.nii.gz") s"
etag=$(curl -s -D - -o /dev/null "$scan/ct.nii.gz" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "ct.nii.gz revalidated (If-None-Match, 304): $(get_s -H "If-None-Match: $etag" "$scan/ct.nii.gz") s"
echo "labels.nii.gz (current map, made per version): $(get_s "$scan/labels.nii.gz") s"
lesions=$(curl -s "$scan" | python3 -c 'import sys,json; print(len(json.load(sys.stdin)["lesions"]))')
echo "lesions: $lesions"
version=0
for cls in LCX RCA LAD LCX RCA; do
  took=$(curl -s -o "$work/answer.json" -w '%{time_total}' -H 'Content-Type: application/json' \
    -d "{\"version\":$version,\"class\":\"$cls\",\"reader\":\"bench\"}" "$scan/lesions/1/class")
  echo "reclassify lesion 1 -> $cls: round trip $took s (scoring $(python3 -c 'import sys,json; print(json.load(open(sys.argv[1]))["score_ms"])' "$work/answer.json") ms)"
  version=$((version + 1))
done
stop_server

echo "== worklist of 1,000 scans"
start_server "$work/many-out"
echo "GET /api/scans, first (reads 1,000 scores.json): $(get_s "$url/api/scans") s"
for i in 1 2 3; do echo "GET /api/scans, cached: $(get_s "$url/api/scans") s"; done
stop_server
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
