#!/usr/bin/env bash
# Two builds of Calcify side by side on one cohort folder, alternating: wall time of `detect --threads 2` and of
# `cohort detect --master local[2]`, after a warm-up of each build on 3 scans (their class-data archives). For a change
# that should not alter outputs (e.g. the start order of scans): each round checks that the label maps are identical.
# A build is a folder holding `calcify`, calcify-cli/target/{calcify-cli.jar,lib} and calcify-spark/target/{calcify-spark.jar,lib}
# (no sources beside them, so the launcher does not rebuild).
# Usage: bench/build-pair-bench.sh OLD_BUILD NEW_BUILD INPUT_FOLDER [ROUNDS]   (made the "Largest scans first" table)
set -euo pipefail
old="$1" new="$2" in="$3" rounds="${4:-3}"
w="${TMPDIR:-/tmp}/calcify-build-pair"
rm -rf "$w"; mkdir -p "$w/win"
for c in $(ls "$in" | head -3); do ln -sfn "$in/$c" "$w/win/$c"; done
for b in old new; do
  dir=$([ $b = old ] && echo "$old" || echo "$new")
  "$dir/calcify" detect --input "$w/win" --out "$w/warm-d-$b" --threads 2 --quiet > /dev/null 2>&1 || true
  "$dir/calcify" cohort detect --input "$w/win" --out "$w/warm-c-$b" --master 'local[2]' --quiet > /dev/null 2>&1 || true
done
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg)); $in"
for r in $(seq 1 "$rounds"); do
  for b in old new; do
    dir=$([ $b = old ] && echo "$old" || echo "$new")
    t=$(date +%s%N); "$dir/calcify" detect --input "$in" --out "$w/d-$b-$r" --threads 2 --quiet > /dev/null 2>&1 || true; d=$(( ($(date +%s%N) - t) / 1000000 ))
    t=$(date +%s%N); "$dir/calcify" cohort detect --input "$in" --out "$w/c-$b-$r" --master 'local[2]' --quiet > /dev/null 2>&1 || true; c=$(( ($(date +%s%N) - t) / 1000000 ))
    echo "round $r $b: detect --threads 2 $d ms, cohort local[2] $c ms"
  done
  n=0; for f in "$w/d-old-$r"/*/labels.nii.gz; do
    c=$(basename "$(dirname "$f")")
    cmp -s "$f" "$w/d-new-$r/$c/labels.nii.gz" && cmp -s "$f" "$w/c-new-$r/$c/labels.nii.gz" || { echo "round $r: $c differs" >&2; exit 1; }
    n=$((n + 1))
  done
  echo "round $r: $n label maps identical (detect old, detect new, cohort new)"
done
