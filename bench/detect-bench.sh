#!/usr/bin/env bash
# Detection: (1) recall of the cheap candidate exclusions on full-size phantom cases; (2) a 512x512x80
# phantom scan end to end with `calcify detect` (read, candidates, classification, labelling, score,
# write), time per stage from its scores.json. Usage: bench/detect-bench.sh [CASES] [MODEL]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cases="${1:-20}"
model="${2:-baseline}"
work="${TMPDIR:-/tmp}/calcify-detect-bench"
(cd "$root" && mvn -B -q -DskipTests -pl calcify-bench,calcify-cli -am package >&2)
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
java -cp "$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar:$root/calcify-bench/target/lib/*" \
  org.calcify.bench.ExclusionRecallBench "$cases" 100 | tail -3
rm -rf "$work"; mkdir -p "$work"
"$root/calcify" phantom --out "$work/in" --count 1 --seed 2 --slices 80-80 > /dev/null
s=$(date +%s%N)
"$root/calcify" detect --model "$model" --input "$work/in/case-0000/ct.nii.gz" --out "$work/out" --quiet > /dev/null
e=$(date +%s%N)
echo "calcify detect --model $model, one 512x512x80 scan, whole command: $(( (e - s) / 1000000 )) ms"
/usr/bin/python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['timing_ms']; print('stages (ms): ' + ', '.join(f'{k} {v:.0f}' for k, v in t.items()))" "$work/out/ct/scores.json"
