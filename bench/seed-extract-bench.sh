#!/usr/bin/env bash
# seed-extract against the forum thread's own script on the same cohort (Debian's python3-numpy and
# python3-joblib), both writing the thread's per-voxel .pkl layout; --compat so that the outputs are
# the same files. Usage: [RUNS=5] bench/seed-extract-bench.sh [WORKDIR] [SCANS] [VOXELS_PER_SCAN]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/calcify-seed-bench}"
scans="${2:-4}"
per="${3:-50}"
py=/usr/bin/python3
rm -rf "$work"; mkdir -p "$work/cohort"
"$py" - "$work/cohort" "$scans" "$per" <<'PY'
import sys, joblib, numpy as np
out, scans, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(0)
cts, vox, emr = [], [], []
for i in range(scans):
    nz = int(rng.integers(40, 81))
    ct = rng.integers(-1100, 1500, size=(nz, 512, 512)).astype(np.int16)
    cts.append(ct)
    for _ in range(per):
        vox.append((i, int(rng.integers(nz)), int(rng.integers(512)), int(rng.integers(512)), int(rng.integers(2))))
    emr.append(list(rng.normal(size=20)))
joblib.dump(cts, f'{out}/cross_validation_ct_threshold_1.pkl', compress=3)
joblib.dump(vox, f'{out}/cross_validation_voxel_list_postprocess_1.pkl', compress=3)
joblib.dump(emr, f'{out}/emr_data_1.pkl', compress=3)
PY
"$root/calcify" --version > /dev/null   # build outside the timing
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; $scans scans of 512x512x40..80, $((scans * per)) voxels"
s=$(date +%s%N)
"$py" "$root/calcify-cli/src/test/resources/org/calcify/cli/forum_thread_script.py" "$work/cohort" "$work/thread" 1
e=$(date +%s%N); thread_ms=$(( (e - s) / 1000000 ))
# Calcify RUNS times (default 5), each into a folder of its own (writing right after `rm -rf` of thousands of
# files costs this VM's ext4 more than the work itself: docs/benchmarks.md)
runs="${RUNS:-5}"
calcify_ms=()
for r in $(seq 1 "$runs"); do
  s=$(date +%s%N)
  "$root/calcify" seed-extract --input "$work/cohort" --output "$work/calcify-$r" --compat --quiet > /dev/null
  e=$(date +%s%N); calcify_ms+=($(( (e - s) / 1000000 )))
done
n=$(ls "$work/calcify-1/fold_1" | wc -l)
echo "thread script: ${thread_ms} ms for $(ls "$work/thread/fold_1" | wc -l) files"
echo "calcify seed-extract --compat: ${calcify_ms[*]} ms for $n files each (whole command, JVM start and cohort load included)"
printf '%s\n' "${calcify_ms[@]}" | sort -n | awk -v a="$thread_ms" '{ v[NR] = $1 } END {
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "ratio: %.0fx at the median (%d ms); %.0fx at the slowest run, %.0fx at the fastest\n", a / m, m, a / v[NR], a / v[1] }'
cmp <(cd "$work/thread/fold_1" && ls) <(cd "$work/calcify-1/fold_1" && ls) && echo "same file names"
