#!/usr/bin/env bash
# Candidate classification throughput (voxels/s) of NetworkClassifier with a 5-fold ensemble shaped like
# the detection model (cnn3d, 9x33x33 cube + 9x33x33 context cube, 6 classes; untrained weights, which do
# not change the cost) on a synthetic 512x512x80 scan: VOXELS candidate voxels per classify call.
# With BEFORE=<folder holding calcify-bench-0.1.0-SNAPSHOT.jar and lib/ of another build> that build runs
# the same calls in turn with this one (bench/nn_bench.py drive), so both see the same machine load.
# Usage: bench/classify-bench.sh [VOXELS] [ROUNDS] [FOLDS] [CALLS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
voxels="${1:-5000}"
rounds="${2:-5}"
folds="${3:-5}"
calls="${4:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -B -q -DskipTests -pl calcify-bench -am package >&2)
jar="$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar"
cp="$jar:$root/calcify-bench/target/lib/*"
java -Dai.djl.offline=true -cp "$cp" org.calcify.bench.WriteEnsemble "$work/model" "$folds" 2>/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $voxels voxels per call," \
  "$folds folds, $rounds rounds of $calls call(s) each"
workers=()
if [ -n "${BEFORE:-}" ]; then
  workers+=(before "java -Xmx3g -Dai.djl.offline=true -cp '$jar:$BEFORE/lib/*' org.calcify.bench.ClassifyThroughput $work/model $voxels")
fi
workers+=(calcify "java -Xmx3g -Dai.djl.offline=true -cp '$cp' org.calcify.bench.ClassifyThroughput $work/model $voxels")
/usr/bin/python3 "$root/bench/nn_bench.py" drive "$rounds" "$calls" "$voxels" --modes classify "${workers[@]}"
