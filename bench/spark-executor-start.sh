#!/usr/bin/env bash
# What an executor's start costs, with and without class-data sharing for executors (the launcher's archive of an
# earlier executor's classes, calcify-spark/target/cds/executor-detect.jsa): standalone clusters of two one-core
# workers on loopback, one fresh cluster per job, the two settings alternating. Per executor, from its own log (times
# since its JVM started): registered with the driver, first scan done, last scan done; and the job's wall time.
# Usage: [ROUNDS=3] bench/spark-executor-start.sh [SCANS] [PHANTOM_SIZE] [MODEL]   (defaults: 40 scans of 256², default model)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scans="${1:-40}"
size="${2:-256}"
model="${3:-default}"
rounds="${ROUNDS:-3}"
work="${TMPDIR:-/tmp}/calcify-spark-executor-start"
. "$root/bench/spark-common.sh"
trap stop_cluster EXIT
phantom_cohort "$work" "$scans" "$size"
rm -rf "$work"/job-*
# executors log at INFO with the milliseconds since their JVM started (%r)
cat > "$work/log4j2.properties" <<'LOG'
rootLogger.level = info
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %r %p %c{1}: %m%n
LOG
"$root/calcify" cohort --version >&2
job() {  # job NAME [executor options]: a fresh cluster, one cohort detect, its wall time in NAME/ms
  local name="$1" t; shift
  start_cluster "$work/$name" 2
  t=$(date +%s%N)
  "$root/calcify" cohort detect --model "$model" --input "$work/in" --out "$work/$name/out" --master spark://127.0.0.1:7077 --quiet \
    --conf "spark.executor.extraJavaOptions=-Dai.djl.offline=true -Dlog4j.configurationFile=$work/log4j2.properties $*" > "$work/$name/log" 2>&1
  echo $(( ($(date +%s%N) - t) / 1000000 )) > "$work/$name/ms"
  stop_cluster
}
# a first job writes the executors' archive if there is none yet (the launcher adopts it at the next start)
job job-warmup
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg)); $scans phantom scans of ${size}², --model $model"
for r in $(seq 1 "$rounds"); do
  job "job-shared-$r"
  job "job-plain-$r" -Xshare:auto  # options that say how to share classes are left alone: the JDK's own archive only
done
/usr/bin/python3 - "$work" "$rounds" <<'PY'
import glob, re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def executor(path):
    reg = first = last = None
    mapped = 'SharedArchiveFile=' in open(path, errors='replace').readline()
    for line in open(path, errors='replace'):
        m = re.match(r'(\d+) ', line)
        if not m: continue
        ms = int(m.group(1))
        if 'Successfully registered with driver' in line: reg = ms
        if 'Finished task' in line:
            first = ms if first is None else first
            last = ms
    return mapped, reg, first, last
rows = {'shared': [], 'plain': []}
print(f"{'job':<16} {'wall s':>7}  per executor (s since its JVM started): registered / first scan / last scan")
for r in range(1, rounds + 1):
    for mode in ('shared', 'plain'):
        name = f'job-{mode}-{r}'
        wall = int(open(f'{work}/{name}/ms').read()) / 1000
        ex = [executor(p) for p in sorted(glob.glob(f'{work}/{name}/worker-*/app-*/*/stderr'))]
        rows[mode].append((wall, [e[1] / 1000 for e in ex], [e[2] / 1000 for e in ex]))
        print(f"{name:<16} {wall:7.1f}  " + "   ".join(f"{'mapped' if m else 'loaded'} {a/1000:.2f} / {b/1000:.2f} / {c/1000:.1f}" for m, a, b, c in ex))
for mode in ('shared', 'plain'):
    w = statistics.median(x[0] for x in rows[mode])
    reg = statistics.median(v for x in rows[mode] for v in x[1])
    first = statistics.median(v for x in rows[mode] for v in x[2])
    print(f"median {mode:<7} wall {w:.1f} s, registered {reg:.2f} s, first scan done {first:.2f} s after the executor's JVM started")
PY
