#!/usr/bin/env bash
# 1 -> 2 executor cores on the same cohort: a standalone cluster on loopback with one one-core worker, then with
# two, each worker in a session of its own (setsid: on a machine shared with other work, Linux's autogroup
# scheduler shares the cores between sessions, so executors in one session could never use more than that
# session's share; local[1] against local[2] measures the share, not Spark), and bound to a CPU of its own (taskset:
# an unbound one-core worker's executor also keeps a second core busy with its patch-cutter and GC threads, so it
# is not one core's throughput). Same phantom cohort as spark-bench.
# LAYOUT=cores: the same with one worker whose one executor has 1, then 2 cores (spark.executor.cores, bound to as many
# CPUs): a second task slot in the same JVM instead of a second JVM, which starts, loads the model and compiles the
# detector once.
# EXEC_OPTS="...": JVM options for the executors (spark.executor.extraJavaOptions, with -Dai.djl.offline=true), e.g. another garbage collector.
# Usage: [PIN=0] [ORDER="2 1"] [ROUNDS=1] [WARMUP=0] [LAYOUT=executors|cores] [EXEC_OPTS=...] bench/spark-scaling.sh [SCANS] [PHANTOM_SIZE] [MODEL]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scans="${1:-40}"
size="${2:-256}"
model="${3:-default}"
pin="$([ "${PIN:-1}" = 0 ] || echo pin)"  # PIN=0: workers not bound to a CPU
layout="${LAYOUT:-executors}"
case "$layout" in executors|cores) ;; *) echo "LAYOUT is executors or cores, not $layout" >&2; exit 2 ;; esac
work="${TMPDIR:-/tmp}/calcify-spark-scaling"
. "$root/bench/spark-common.sh"
trap stop_cluster EXIT
phantom_cohort "$work" "$scans" "$size"
rm -rf "$work"/out-* "$work"/cluster-* "$work"/cpu-*
"$root/calcify" cohort --version >&2
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores shared with other work (load $(cut -d' ' -f1-3 /proc/loadavg));" \
  "$scans phantom scans, --size $size --slices 40-60, --model $model,${EXEC_OPTS:+ executors with $EXEC_OPTS,} $([ "$layout" = cores ] && echo "one worker of 1 or 2 cores, one executor" || echo "1 or 2 one-core workers"), $([ -n "$pin" ] && echo bound to CPUs of their own || echo not bound to CPUs)"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# cpu_sampler FILE: every second, the CPU ticks of each java process by its role (driver, master, worker, executor)
cpu_sampler() {
  while :; do
    now=$(date +%s.%N)
    for p in $(pgrep -x java); do
      cmd=$(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null) || continue
      case "$cmd" in
        *deploy.master.Master*) role=master ;; *deploy.worker.Worker*) role=worker ;;
        *CoarseGrainedExecutorBackend*) role=executor ;; *) role=driver ;;
      esac
      # minor page faults, user and system ticks (the command name, field 2, has no spaces: "(java)")
      set -- $(cut -d' ' -f10,14,15 "/proc/$p/stat" 2>/dev/null) || continue
      [ $# -ge 3 ] || continue  # the process ended between the listing and the read
      echo "$now $p $role $1 $2 $3"
    done
    sleep 1
  done >> "$1"
}
# run_job NAME CORES INPUT: one cohort detect on a fresh cluster of CORES one-core workers (LAYOUT=cores: one worker of
# CORES cores), sampled
run_job() {
  local name="$1" workers="$2" input="$3" t sampler
  local conf=()
  # (options given this way replace Calcify's default ones, so the offline switch is given again)
  [ -z "${EXEC_OPTS:-}" ] || conf+=(--conf "spark.executor.extraJavaOptions=-Dai.djl.offline=true $EXEC_OPTS")
  if [ "$layout" = cores ]; then
    start_cluster "$work/cluster-$name" 1 setsid "$pin" "$workers"
    conf+=(--conf "spark.executor.cores=$workers")
  else
    start_cluster "$work/cluster-$name" "$workers" setsid "$pin"
  fi
  cpu_sampler "$work/cpu-$name.txt" & sampler=$!
  t=$(date +%s%N)
  "$root/calcify" cohort detect --model "$model" --input "$input" --out "$work/out-$name" --master spark://127.0.0.1:7077 --quiet \
    "${conf[@]}" > "$work/out-$name.log" 2>&1 || true
  ms "$t" > "$work/out-$name.ms"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  stop_cluster
  echo "$name: $workers $([ "$layout" = cores ] && echo "executor core(s)" || echo "one-core worker(s)"), $(cat "$work/out-$name.ms") ms (load $(cut -d' ' -f1 /proc/loadavg))"
}
# whichever job runs first pays for a cold start (page cache, the JIT of Spark's own start): a short warm-up job
# first (WARMUP=0: none), then ROUNDS rounds of both jobs, the order alternating (ORDER="2 1": two workers first in
# round 1)
if [ "${WARMUP:-1}" != 0 ]; then
  ls "$work"/in/*/ct.nii.gz | head -4 > "$work/warmup.txt"
  run_job warmup 1 "$work/warmup.txt" > /dev/null
fi
order="${ORDER:-1 2}"
rounds="${ROUNDS:-1}"
for r in $(seq 1 "$rounds"); do
  for workers in $order; do
    run_job "$workers-r$r" "$workers" "$work/in"
  done
  order="$(echo "$order" | awk '{print $2, $1}')"
done
# wall time includes Spark's start and the executors' model load, which a second core does not shorten; throughput is
# also given without them: scans finished per second between the first and the last scan's scores.json
/usr/bin/python3 - "$work" "$rounds" <<'PY'
import glob, os, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
tick = os.sysconf("SC_CLK_TCK")

def rate(name, w):
    t = sorted(os.path.getmtime(p) for p in glob.glob(f"{work}/out-{name}/*/scores.json"))
    # the first w scans end together (one per core); each of the other n - w ends within the span that follows
    return t, ((len(t) - w) / (t[-1] - t[0]) if len(t) > w and t[-1] > t[0] else float("nan"))

def cpu(name, t):
    # CPU seconds each kind of process used between the first and the last scan's end (the span throughput is measured on)
    first, last, by = {}, {}, {}
    for line in open(f"{work}/cpu-{name}.txt"):
        ts, pid, role, *v = line.split()
        ts, v = float(ts), [int(x) for x in v]
        if t[0] <= ts <= t[-1]:
            first.setdefault(pid, (role, v))
            last[pid] = v
    for pid, (role, v0) in first.items():
        s = by.setdefault(role, [0, 0, 0])
        for k in range(3):
            s[k] += last[pid][k] - v0[k]
    return ", ".join(f"{r} {(s[1] + s[2]) / tick:.1f} s (system {s[2] / tick:.1f} s, {s[0] / 1000:.0f}k minor faults)"
                     for r, s in sorted(by.items()))

walls, rates = [], []
for r in range(1, rounds + 1):
    wall = [int(open(f"{work}/out-{w}-r{r}.ms").read()) for w in (1, 2)]
    rr = []
    for w in (1, 2):
        t, x = rate(f"{w}-r{r}", w)
        rr.append(x)
        if len(t) > 1:
            print(f"round {r}, {w} core(s): {len(t)} scans, {x:.3f} scans/s; CPU over the {t[-1] - t[0]:.0f} s span: {cpu(f'{w}-r{r}', t)}")
    walls.append(wall[0] / wall[1])
    rates.append(rr[1] / rr[0])
    print(f"round {r}: 1 -> 2 executor cores {walls[-1]:.2f}x in wall time, {rates[-1]:.2f}x in throughput")
print(f"1 -> 2 executor cores over {rounds} round(s), median: {statistics.median(walls):.2f}x in wall time, "
      f"{statistics.median(rates):.2f}x in throughput (scans/s, start and model load left out; goal >= 1.8)")
PY
for r in $(seq 1 "$rounds"); do
  same_outputs "$work/out-1-r$r" "$work/out-2-r$r"
done
