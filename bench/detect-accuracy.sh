#!/usr/bin/env bash
# Detection accuracy on many fresh held-out phantom scans: the demo's 20 held-out cases are too few for a
# stable kappa (one scan moved by two categories costs ~0.07). Writes CASES new phantom cases (512x512,
# 40-64 slices, a seed the demo never uses), runs `calcify detect` with MODEL (a trained folder, e.g.
# the demo's pipeline/model, or `baseline`) and `calcify evaluate` against the phantom's truth.
# Usage: bench/detect-accuracy.sh MODEL [CASES] [SEED]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:?usage: bench/detect-accuracy.sh MODEL [CASES] [SEED]}"
cases="${2:-100}"; seed="${3:-77}"
work="${TMPDIR:-/tmp}/calcify-detect-accuracy"
C="${CALCIFY:-$root/calcify}"  # CALCIFY: another launcher, e.g. a frozen build while editing
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; $cases phantom cases 512x512 (seed $seed), model $model"
if [ "$(cat "$work/stamp" 2>/dev/null)" != "cases=$cases seed=$seed" ]; then
  rm -rf "$work"; mkdir -p "$work"
  "$C" phantom --out "$work/ph" --count "$cases" --seed "$seed" --size 512 --slices 40-64 > /dev/null
  echo "cases=$cases seed=$seed" > "$work/stamp"
fi
name="$(basename "$(dirname "$model")")-$(basename "$model")"
rm -rf "$work/det-$name" "$work/eval-$name"
s=$(date +%s)
"$C" detect --model "$model" --input "$work/ph" --out "$work/det-$name" --quiet > /dev/null
echo "detect: $(( $(date +%s) - s )) s for $cases scans"
"$C" evaluate --truth "$work/ph" --pred "$work/det-$name" --out "$work/eval-$name"
