#!/usr/bin/env bash
# Calcium scoring speed on a 512x512x80 phantom scan (case 0 of `calcify phantom --seed SEED
# --size 512 --slices 80-80`): Calcify in memory (JMH: score, and phantom generation of the scan),
# `calcify score` end to end (JVM start, reading both .nii.gz, scoring, printing), and, side by side
# in the same run, the same scoring in NumPy + scipy.ndimage.label (Debian's python3-*), in memory.
# Usage: bench/score-bench.sh [SEED] [FORKS] [SECONDS_PER_ITER]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seed="${1:-2}"
forks="${2:-1}"
secs="${3:-2}"
work="${TMPDIR:-/tmp}/calcify-score-bench"
(cd "$root" && mvn -B -q -DskipTests -pl calcify-bench,calcify-cli -am package >&2)
cp="$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar:$root/calcify-bench/target/lib/*"
rm -rf "$work"
"$root/calcify" phantom --out "$work" --count 1 --seed "$seed" --size 512 --slices 80-80 >&2
case_dir="$work/case-0000"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; scan $case_dir"

/usr/bin/python3 - "$case_dir" <<'PY'
import sys, time, numpy as np, nibabel as nib
from scipy import ndimage
d = sys.argv[1]
img = nib.load(d + '/ct.nii.gz')
ct = np.asarray(img.dataobj).T
lab = np.asarray(nib.load(d + '/labels.nii.gz').dataobj).T
sx, sy, sz = [float(v) for v in img.header.get_zooms()[:3]]
def score():
    pix, vox, tf = sx * sy, sx * sy * sz, sz / 3.0
    cand = (lab >= 1) & (lab <= 4) & (ct >= 130)
    s2 = ndimage.generate_binary_structure(2, 2)
    art = np.zeros((4, 3)); kept = np.zeros(cand.shape, bool)
    for z in np.nonzero(cand.any(axis=(1, 2)))[0]:
        L, n = ndimage.label(cand[z], structure=s2)
        for c, sl in enumerate(ndimage.find_objects(L), start=1):
            m = L[sl] == c
            if m.sum() * pix < 1 - 1e-9: continue
            kept[z][sl] |= m
            h = ct[z][sl][m].astype(np.int64); labs = lab[z][sl][m]
            peak = h.max(); w = 1 if peak < 200 else 2 if peak < 300 else 3 if peak < 400 else 4
            a = int(np.argmax(np.bincount(labs, minlength=5)[1:5]))
            art[a] += [m.sum() * pix * w * tf, m.sum() * vox, 0.001 * vox * h.sum()]
    L3, n3 = ndimage.label(kept, structure=ndimage.generate_binary_structure(3, 3))
    return art.sum(axis=0), n3
score()
t = []
for _ in range(5):
    t0 = time.perf_counter(); total, n = score(); t.append((time.perf_counter() - t0) * 1000)
t.sort()
print(f"numpy+scipy\tscore in memory\tmedian_ms={t[2]:.1f}\tbest_ms={t[0]:.1f}\t(Agatston {total[0]:.1f}, {n} lesions)")
PY

t=()
for i in 1 2 3; do
  s=$(date +%s%N); "$root/calcify" score --ct "$case_dir/ct.nii.gz" --labels "$case_dir/labels.nii.gz" > /dev/null; e=$(date +%s%N)
  t+=($(( (e - s) / 1000000 )))
done
printf 'calcify score\tend to end (JVM start, read 2 x .nii.gz, score)\truns_ms=%s\n' "$(IFS=,; echo "${t[*]}")"

java -Xmx3g -cp "$cp" org.openjdk.jmh.Main ScoreBenchmark -p seed="$seed" -f "$forks" -wi 3 -i 5 -w "${secs}s" -r "${secs}s" \
  -rf text -rff /tmp/calcify-jmh-score.txt > /dev/null
sed -n '2,$p' /tmp/calcify-jmh-score.txt
