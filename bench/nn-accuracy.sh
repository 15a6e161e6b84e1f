#!/usr/bin/env bash
# Accuracy of cnn3d and triplanar on a phantom cohort with patient-wise 5-fold cross-validation:
# calcify phantom (CASES cases) -> calcify extract (candidates >= 130 HU with their truth labels,
# at most PER_CLASS per label) -> calcify train for each model and task; prints the cross-validation
# summary lines (mean ± sd over folds). Usage: bench/nn-accuracy.sh [CASES] [SIZE] [PER_CLASS] [EPOCHS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cases="${1:-40}"; size="${2:-256}"; per="${3:-400}"; epochs="${4:-8}"
work="${TMPDIR:-/tmp}/calcify-nn-accuracy"
C="$root/calcify"
rm -rf "$work"; mkdir -p "$work"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; $cases phantom cases ${size}x${size}, <= $per patches per label, <= $epochs epochs"
"$C" phantom --out "$work/ph" --count "$cases" --seed 31 --size "$size" --slices 24-48 > /dev/null
args=()
for d in "$work"/ph/case-*; do args+=(--scan "$d/ct.nii.gz" --labels "$d/labels.nii.gz"); done
for mode in cube triplanar; do
  "$C" extract "${args[@]}" --candidates --exclude-body --max-component-mm3 3000 --mode "$mode" --size 9,33,33 \
    --per-class "$per" --seed 1 --output "$work/$mode" --quiet
  # the same patches with the phantom's clinical EMR features (emr.npy): train fuses them
  "$C" extract "${args[@]}" --emr "$work/ph/cohort.csv" --candidates --exclude-body --max-component-mm3 3000 --mode "$mode" \
    --size 9,33,33 --per-class "$per" --seed 1 --output "$work/$mode-emr" --quiet
done
for run in "cnn3d cube binary" "cnn3d cube artery" "triplanar triplanar binary" "triplanar triplanar artery" \
           "cnn3d cube-emr binary" "cnn3d cube-emr artery" "triplanar triplanar-emr binary" "triplanar triplanar-emr artery"; do
  set -- $run
  echo "== $1 on $2, task $3"
  "$C" train --data "$work/$2" --model "$1" --task "$3" --folds 5 --epochs "$epochs" --patience 3 --out "$work/model-$2-$3" --quiet \
    | grep -E "^ *(auc|macro_f1|accuracy) " || true
done
