#!/usr/bin/env bash
# Two builds of Calcify side by side on one folder of scans: `calcify detect --threads THREADS` with build A, then B,
# ROUNDS times, the order alternating (whichever runs first in a round pays for a cold page cache), each a whole
# command (JVM start, model load, every scan). Prints each run's wall time, the median ratio A / B, and whether the two
# builds wrote the same results: label maps byte for byte, scores.json equal but for the timings.
# A build is a `calcify` launcher with its jars beside it: a checkout, or a frozen copy
#   mkdir -p F/calcify-cli/target && cp calcify F/ && cp -r calcify-cli/target/{calcify-cli.jar,lib} F/calcify-cli/target/
# Usage: [ROUNDS=2] [THREADS=2] [MODEL=default] bench/detect-ab.sh CALCIFY_A CALCIFY_B INPUT_FOLDER [WORK]
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
a="$1" b="$2" input="$3"
work="${4:-${TMPDIR:-/tmp}/calcify-detect-ab}"
rounds="${ROUNDS:-2}" threads="${THREADS:-2}" model="${MODEL:-default}"
mkdir -p "$work"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg)); $(ls "$input" | wc -l) entries in $input;" \
  "detect --threads $threads --model $model; A = $a, B = $b"
run() {  # run NAME CALCIFY -> prints seconds
  rm -rf "$work/out-$1"
  local s e
  s=$(date +%s%N)
  "$2" detect --threads "$threads" --model "$model" --input "$input" --out "$work/out-$1" --quiet > "$work/out-$1.log" 2>&1 || true
  e=$(date +%s%N)
  echo "scale=2; ($e - $s) / 1000000000" | bc
}
order="A B"
ratios=()
for r in $(seq 1 "$rounds"); do
  declare -A t=()
  for x in $order; do
    [ "$x" = A ] && t[A]=$(run A "$a") || t[B]=$(run B "$b")
  done
  ratio=$(echo "scale=3; ${t[A]} / ${t[B]}" | bc)
  ratios+=("$ratio")
  echo "round $r ($order): A ${t[A]} s, B ${t[B]} s, A / B ${ratio}x"
  order="$(echo "$order" | awk '{print $2, $1}')"
  unset t
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median A / B over %d round(s): %.2fx\n", NR, m}'
/usr/bin/python3 - "$work/out-A" "$work/out-B" <<'PY'
import glob, json, os, sys
a, b = sys.argv[1:3]
maps = sorted(glob.glob(f"{a}/*/labels.nii.gz"))
differ = [p for p in maps if not os.path.exists(p.replace(a, b, 1)) or open(p, "rb").read() != open(p.replace(a, b, 1), "rb").read()]
def scores(p):
    d = json.load(open(p))
    d.pop("timing_ms", None)
    d.get("summary", {}).pop("seconds", None)
    return d
js = sorted(glob.glob(f"{a}/*/scores.json"))
jdiff = [p for p in js if not os.path.exists(p.replace(a, b, 1)) or scores(p) != scores(p.replace(a, b, 1))]
print(f"label maps: {len(maps) - len(differ)} of {len(maps)} byte-identical; scores.json: {len(js) - len(jdiff)} of {len(js)} equal but for timings")
if differ or jdiff:
    for p in (differ + jdiff)[:10]:
        print("  differs:", p)
    sys.exit(1)
PY
