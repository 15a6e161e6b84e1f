#!/usr/bin/env bash
# Throughput of `calcify cohort detect` against `calcify detect --threads 2` on the same phantom cohort:
# local[2]; a standalone cluster of two one-core workers on loopback; and local[1] -> local[2] (1 -> 2 executor
# cores). Wall time of the whole command each (JVM and Spark start included), per-scan seconds from cohort.csv.
# A warm-up runs each command on 4 scans first (WARMUP=0: none), so that every JVM maps its class-data-sharing archive
# (the driver's, detect's and the executors', written by a first run after a build) as it does from a build's second
# run on. SLICES=all: the phantom's own slice count (thickness 0.5-5 mm over the heart), not 40-60.
# ROUNDS=N (default 1) runs detect, local[2] and the standalone cluster N times in turn (local[1] once, last) and prints
# each round's ratios and their medians: the machines are noisy, and a ratio of two runs minutes apart says little.
# IN=DIR takes an existing cohort (a folder of phantom cases) instead of drawing one (a 512² SLICES=all phantom takes
# about 12 minutes to draw on 2 cores).
# Usage: [WARMUP=1] [ROUNDS=1] [IN=DIR] [SLICES=40-60] bench/spark-bench.sh [SCANS] [PHANTOM_SIZE] [MODEL]
#        (defaults: 40 scans, --size 256, the default model)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scans="${1:-40}"
size="${2:-256}"
model="${3:-default}"
work="${TMPDIR:-/tmp}/calcify-spark-bench"
case "$(cd "${IN:-/}" && pwd)/" in "$work"/*) echo "IN must lie outside $work (the bench starts by emptying it)" >&2; exit 2;; esac
. "$root/bench/spark-common.sh"
trap stop_cluster EXIT
rm -rf "$work"; mkdir -p "$work"
"$root/calcify" cohort --version >&2
"$root/calcify" --version >&2
slices="${SLICES:-40-60}"
rounds="${ROUNDS:-1}"
if [ -n "${IN:-}" ]; then
  ln -sfn "$(cd "$IN" && pwd)" "$work/in"
  scans=$(ls -d "$work"/in/case-* | wc -l)
  slices="(of $IN)"
else
  "$root/calcify" phantom --out "$work/in" --count "$scans" --seed 21 --size "$size" ${slices:+$([ "$slices" = all ] || echo --slices "$slices")} > /dev/null
fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg)); $rounds round(s);" \
  "$scans phantom scans, --size $size --slices $slices ($(/usr/bin/python3 -c "import glob,gzip,struct,sys; n=[struct.unpack('<h',gzip.open(f).read(352)[46:48])[0] for f in glob.glob(sys.argv[1]+'/*/ct.nii.gz')]; print(f'{min(n)}-{max(n)} slices, {sum(n)} in all')" "$work/in")), --model $model"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
per_scan() {  # mean per-scan seconds (as the scan's own timer says) from a cohort.csv
  /usr/bin/python3 -c "import csv,sys; s=[float(r['seconds']) for r in csv.DictReader(open(sys.argv[1])) if r['status']=='ok']; print(f'{sum(s)/len(s):.2f} s/scan over {len(s)} scans')" "$1/cohort.csv"
}
run() {  # run NAME COMMAND...: wall time in ms into $work/NAME.ms; CPU seconds of the command's processes (not of standalone executors)
  local name="$1"; shift
  local t; t=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$work/$name.cpu" "$@" > "$work/$name.log" 2>&1
  ms "$t" > "$work/$name.ms"
  printf '%-24s %7d ms   CPU %6.1f s   load %5s   %s\n' "$name" "$(cat "$work/$name.ms")" \
    "$(awk '{print $1 + $2}' "$work/$name.cpu")" "$(cut -d' ' -f1 /proc/loadavg)" "$(per_scan "$work/$name")"
}
if [ "${WARMUP:-1}" != 0 ]; then
  mkdir -p "$work/warmup-in"
  for c in $(ls "$work/in" | head -4); do ln -sfn "$work/in/$c" "$work/warmup-in/$c"; done
  "$root/calcify" detect --model "$model" --input "$work/warmup-in" --out "$work/warmup-detect" --threads 2 --quiet > /dev/null 2>&1
  "$root/calcify" cohort detect --model "$model" --input "$work/warmup-in" --out "$work/warmup-local" --master 'local[2]' --quiet > /dev/null 2>&1
  start_cluster "$work" 2
  "$root/calcify" cohort detect --model "$model" --input "$work/warmup-in" --out "$work/warmup-standalone" --master spark://127.0.0.1:7077 --quiet > /dev/null 2>&1
  stop_cluster
  rm -rf "$work"/warmup-* "$work"/worker-* "$work"/*.log
fi
for r in $(seq 1 "$rounds"); do
  sfx=$([ "$rounds" = 1 ] || echo "-$r")
  rm -rf "$work/detect-threads2$sfx" "$work/cohort-local2$sfx" "$work/cohort-standalone2x1$sfx"
  run "detect-threads2$sfx" "$root/calcify" detect --model "$model" --input "$work/in" --out "$work/detect-threads2$sfx" --threads 2 --quiet
  run "cohort-local2$sfx" "$root/calcify" cohort detect --model "$model" --input "$work/in" --out "$work/cohort-local2$sfx" --master 'local[2]' --quiet
  start_cluster "$work" 2
  run "cohort-standalone2x1$sfx" "$root/calcify" cohort detect --model "$model" --input "$work/in" --out "$work/cohort-standalone2x1$sfx" --master spark://127.0.0.1:7077 --quiet
  stop_cluster
done
run cohort-local1 "$root/calcify" cohort detect --model "$model" --input "$work/in" --out "$work/cohort-local1" --master 'local[1]' --quiet

/usr/bin/python3 - "$work" "$rounds" <<'PY'
import statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def ms(name):
    return int(open(f"{work}/{name}.ms").read())
sfx = [""] if rounds == 1 else [f"-{r}" for r in range(1, rounds + 1)]
l2 = [ms("cohort-local2" + s) / ms("detect-threads2" + s) for s in sfx]
sa = [ms("cohort-standalone2x1" + s) / ms("detect-threads2" + s) for s in sfx]
if rounds > 1:
    for i, s in enumerate(sfx):
        print(f"round {i + 1}: detect {ms('detect-threads2' + s)} ms, local[2] {l2[i]:.2f}, standalone {sa[i]:.2f}")
print(f"local[2] / detect --threads 2:           {statistics.median(l2):.2f}  (goal <= 1.15){'  median of ' + str(rounds) if rounds > 1 else ''}")
print(f"standalone 2x1 / detect --threads 2:     {statistics.median(sa):.2f}  (goal <= 1.25){'  median of ' + str(rounds) if rounds > 1 else ''}")
print(f"local[1] / local[2] (1 -> 2 cores):      {ms('cohort-local1') / ms('cohort-local2' + sfx[-1]):.2f}x (goal >= 1.8)")
PY
last=$([ "$rounds" = 1 ] || echo "-$rounds")
same_outputs "$work/detect-threads2$last" "$work/cohort-local2$last"
same_outputs "$work/cohort-local2$last" "$work/cohort-standalone2x1$last"
