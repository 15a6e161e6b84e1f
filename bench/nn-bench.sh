#!/usr/bin/env bash
# cnn3d training and inference throughput, side by side: Calcify (DJL 0.36, PyTorch 2.7.1 CPU natives)
# against the same network trained by a plain PyTorch loop in Python (Debian's python3-torch), both
# reading the same memory-mapped uint8 shards, same batch, same engine threads. Both stay loaded and
# take turns in short chunks (bench/nn_bench.py), so that both see the same load on a shared machine;
# quote the median of the per-round ratios.
# Usage: bench/nn-bench.sh [SHAPE] [BATCH] [THREADS] [ROUNDS] [CHUNK]
#   SHAPE cube (default): 21x65x65 cubes, binary task, 75,298 parameters
#   SHAPE detect: the detection model, 9x33x33 cubes plus the 9x33x33 context cube, artery task with
#   the "other" class (6 classes)
# Environment: PATCHES (512), LOADER_THREADS (1), CALCIFY_JAVA_OPTS (extra JVM options), BEFORE and REFERENCES
# (see below).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shape="${1:-cube}"
batch="${2:-32}"
threads="${3:-2}"
rounds="${4:-8}"
chunk="${5:-3}"
n="${PATCHES:-512}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -n "${NO_BUILD:-}" ] || (cd "$root" && mvn -B -q -DskipTests -pl calcify-bench -am package >&2)
cp="$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar:$root/calcify-bench/target/lib/*"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $n patches, shape $shape," \
  "batch $batch, $threads engine threads, $rounds rounds of $chunk training + $chunk inference batches each"
/usr/bin/python3 "$root/bench/nn_bench.py" shards "$work/shards" "$n" "$shape"
jvm="java -Xmx2g ${CALCIFY_JAVA_OPTS:-} -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=1"
calcify="$jvm -cp '$cp' org.calcify.bench.NnThroughput $work/shards cnn3d 8 $batch ${LOADER_THREADS:-1}"
torch="/usr/bin/python3 $root/bench/nn_bench.py torch $work/shards $batch $threads"
# pytorch: the plain loop as a user runs it; calcify: as shipped (it sets OMP_WAIT_POLICY=PASSIVE and glibc's
# malloc thresholds for itself, EngineSetup), last, so that its ratio to every other worker is printed.
# With REFERENCES=all also PyTorch given the same process settings through the environment (pytorch-tuned),
# and Calcify with libgomp's and glibc's defaults (calcify-defaults).
# With BEFORE=<folder holding calcify-bench-0.1.0-SNAPSHOT.jar and lib/ of another build> that build runs too.
tuned="OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864"
workers=(pytorch "$torch")
if [ "${REFERENCES:-}" = all ]; then
  workers+=(pytorch-tuned "env $tuned $torch")
fi
if [ -n "${BEFORE:-}" ]; then
  workers+=(calcify-before "$jvm -cp '$BEFORE/calcify-bench-0.1.0-SNAPSHOT.jar:$BEFORE/lib/*' org.calcify.bench.NnThroughput $work/shards cnn3d 8 $batch ${LOADER_THREADS:-1}")
fi
if [ "${REFERENCES:-}" = all ]; then
  workers+=(calcify-defaults "${calcify/ -cp / -Dcalcify.omp.wait=default -Dcalcify.malloc=default -cp }")
fi
workers+=(calcify "$calcify")
/usr/bin/python3 "$root/bench/nn_bench.py" drive "$rounds" "$chunk" "$batch" "${workers[@]}"
