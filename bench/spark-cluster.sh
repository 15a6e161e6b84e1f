#!/usr/bin/env bash
# `calcify cohort detect` on a real standalone Spark cluster on loopback (a master and two one-core workers,
# started from calcify-spark's jars), against the same job in local mode: the same label maps and tables.
# Then the cluster job again with one worker killed (kill -9) midway: Spark reruns the lost tasks on the other,
# and the outputs are still identical. Usage: bench/spark-cluster.sh [SCANS] [PHANTOM_SIZE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scans="${1:-8}"
size="${2:-128}"
work="${TMPDIR:-/tmp}/calcify-spark-cluster"
. "$root/bench/spark-common.sh"
trap stop_cluster EXIT
rm -rf "$work"; mkdir -p "$work"
"$root/calcify" cohort --version >&2   # builds calcify-spark when needed
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg)); $scans phantom scans, --size $size"
"$root/calcify" phantom --out "$work/in" --count "$scans" --seed 11 --size "$size" --slices 40-60 > /dev/null

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
t=$(date +%s%N)
"$root/calcify" cohort detect --input "$work/in" --out "$work/local" --master 'local[2]' --quiet > /dev/null
echo "local[2]:                                  $(ms "$t") ms"

start_cluster "$work" 2
t=$(date +%s%N)
"$root/calcify" cohort detect --input "$work/in" --out "$work/cluster" --master spark://127.0.0.1:7077 --quiet > /dev/null
echo "standalone, 2 one-core workers:            $(ms "$t") ms"
same_outputs "$work/local" "$work/cluster"

# the same job again; once two scans are finished, worker 2 and its executor are killed
t=$(date +%s%N)
"$root/calcify" cohort detect --input "$work/in" --out "$work/killed" --master spark://127.0.0.1:7077 --quiet > "$work/killed.log" 2>&1 &
job=$!
victim="${cluster_pids[2]}"
for _ in $(seq 1 600); do
  done_scans=$( (ls "$work"/killed/*/scores.json 2>/dev/null || true) | wc -l)
  [ "$done_scans" -ge 2 ] && break
  kill -0 "$job" 2>/dev/null || break
  sleep 0.2
done
executors=$(pgrep -P "$victim" || true)
kill -9 "$victim" $executors 2>/dev/null || true
echo "killed worker 2 (pid $victim, executor ${executors:-none}) after $done_scans of $scans scans"
rc=0; wait "$job" || rc=$?
echo "standalone with a worker killed midway:    $(ms "$t") ms (exit $rc)"
grep -E "Lost executor|Lost task|Resubmit" "$work/killed.log" | sed 's/^/  spark: /' || true
same_outputs "$work/local" "$work/killed"
