#!/usr/bin/env bash
# Wall time of `calcify detect` on one scan, whole command (JVM start, reading, checks, anatomy, candidates,
# classification, scoring, writing the report), median of RUNS runs, with the stages from scores.json:
#  - a 512x512x80 phantom chest, 2.5 mm slices, noise 50 HU (the most candidates the phantom draws);
#  - a 512x512x250 thin-slice phantom chest, 0.625 mm slices, noise 50 HU;
#  - the project's real chest (36 slices) and any scans in EXTRA_SCANS.
# Usage: bench/detect-time.sh [MODEL] [WORK]   (RUNS=3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:-default}"
work="${2:-$(mktemp -d)}"
runs="${RUNS:-3}"
calcify="${CALCIFY:-$root/calcify}"
mkdir -p "$work"
[ -f "$work/p80/case-0000/ct.nii.gz" ] || "$calcify" phantom --out "$work/p80" --count 1 --seed 77 --size 512 --slice-mm 2.5..2.5 \
    --coverage-mm 200..200 --noise-hu 50..50 --kernel standard >/dev/null
[ -f "$work/p250/case-0000/ct.nii.gz" ] || "$calcify" phantom --out "$work/p250" --count 1 --seed 78 --size 512 --slice-mm 0.625..0.625 \
    --coverage-mm 156.25..156.25 --noise-hu 50..50 --kernel standard >/dev/null
scans=("$work/p80/case-0000/ct.nii.gz" "$work/p250/case-0000/ct.nii.gz" "$root/testdata/realdata/tcia-lungdx-a0001-chest/dicom" ${EXTRA_SCANS:-})
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, model $model, median of $runs runs"
echo "| scan | shape (z, y, x) | candidates classified | wall s (median) | runs | stages (ms, last run) |"
echo "|---|---|---|---|---|---|"
for scan in "${scans[@]}"; do
  times=()
  for r in $(seq 1 "$runs"); do
    rm -rf "$work/out"
    t0=$(date +%s.%N)
    "$calcify" detect --model "$model" --input "$scan" --out "$work/out" --quiet >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  /usr/bin/python3 - "$scan" "$work/out" "${times[@]}" <<'PY'
import json, os, statistics, sys
scan, out, times = sys.argv[1], sys.argv[2], [float(t) for t in sys.argv[3:]]
d = [x for x in os.listdir(out) if os.path.isfile(os.path.join(out, x, "scores.json"))]
if not d:
    print(f"| {scan} | - | - | {statistics.median(times):.2f} | {', '.join(f'{t:.2f}' for t in times)} | failed |")
    sys.exit()
s = json.load(open(os.path.join(out, d[0], "scores.json")))
stages = ", ".join(f"{k} {v:.0f}" for k, v in s["timing_ms"].items())
print(f"| {os.path.relpath(scan)} | {' x '.join(map(str, s['scan']['shape_zyx']))} | {s['anatomy']['candidates_classified']} | "
      f"{statistics.median(times):.2f} | {', '.join(f'{t:.2f}' for t in times)} | {stages} |")
PY
done
