#!/usr/bin/env bash
# Tri-planar patch extraction speed: Calcify (JMH, 1 and 2 threads) and, side by side in the same
# run, the same gather in NumPy (Debian's python3-numpy): the thread's slicing of a padded
# 512x512x80 uint8 volume at random voxels. Usage: bench/patch-bench.sh [FORKS] [SECONDS_PER_ITER]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
forks="${1:-1}"
secs="${2:-2}"
(cd "$root" && mvn -B -q -DskipTests -pl calcify-bench -am package >&2)
cp="$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar:$root/calcify-bench/target/lib/*"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
/usr/bin/python3 - <<'PY'
import time, numpy as np
rng = np.random.default_rng(1)
vol = rng.integers(0, 256, size=(80, 512, 512), dtype=np.uint8)
p = np.pad(vol, ((10, 10), (65, 65), (65, 65)), 'constant')
n = 50000
zs, ys, xs = rng.integers(0, 80, n) + 10, rng.integers(0, 512, n) + 65, rng.integers(0, 512, n) + 65
best = 1e9
for _ in range(3):
    t0 = time.perf_counter()
    for z, y, x in zip(zs, ys, xs):
        a = p[z, y - 32:y + 33, x - 32:x + 33].copy()
        s = p[z - 10:z + 11, y - 32:y + 33, x].copy()
        c = p[z - 10:z + 11, y, x - 32:x + 33].copy()
    best = min(best, time.perf_counter() - t0)
print(f"numpy\ttriplanar\t1 thread\t{n / best:,.0f} patches/s")
PY
for t in 1 2; do
  java -Xmx2g -cp "$cp" org.openjdk.jmh.Main TriplanarBenchmark -f "$forks" -wi 2 -i 3 -w "${secs}s" -r "${secs}s" -t "$t" -rf text -rff /tmp/calcify-jmh-$t.txt > /dev/null
  sed -n '2,$p' /tmp/calcify-jmh-$t.txt | sed "s/^/threads=$t  /"
done
