#!/usr/bin/env bash
# Accuracy of cnn3d and triplanar on a phantom cohort with patient-wise 5-fold cross-validation:
# calcify phantom (CASES cases, SIZE x SIZE) -> calcify extract (candidates >= 130 HU that can be scored,
# i.e. reach 1 mm² in some slice, with their truth labels, at most PER_CLASS per label, with the
# phantom's clinical EMR features and the coarse context cube) -> calcify train for each model, task
# and input set; prints the cross-validation summary lines (mean ± sd over folds).
# Usage: bench/nn-accuracy.sh [CASES] [SIZE] [PER_CLASS] [EPOCHS] [RUNS]
# RUNS: a comma-separated subset of the run names below (default: all).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cases="${1:-40}"; size="${2:-512}"; per="${3:-400}"; epochs="${4:-8}"; only="${5:-}"
work="${TMPDIR:-/tmp}/calcify-nn-accuracy"
C="${CALCIFY:-$root/calcify}"  # CALCIFY: another launcher, e.g. a frozen build while editing
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; $cases phantom cases ${size}x${size}, <= $per patches per label, <= $epochs epochs"
# the cohort and patches are reused by a later run with the same CASES, SIZE and PER_CLASS
stamp="cases=$cases size=$size per=$per context=9,33,33@5,4,4"
if [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$work"; mkdir -p "$work"
  "$C" phantom --out "$work/ph" --count "$cases" --seed 31 --size "$size" --slices 24-48 > /dev/null
fi
args=()
for d in "$work"/ph/case-*; do args+=(--scan "$d/ct.nii.gz" --labels "$d/labels.nii.gz"); done
# triplanar trains on the same cube shards: its planes are cut from the (augmented) cube's centre, which
# equals extract --mode triplanar and lets its in-plane rotations be exact
for mode in cube; do
  if [ ! -f "$work/$mode/labels.npy" ]; then
    "$C" extract "${args[@]}" --emr "$work/ph/cohort.csv" --context --candidates --exclude-body --max-component-mm3 3000 \
      --mode "$mode" --size 9,33,33 --per-class "$per" --seed 1 --output "$work/$mode" --quiet
  fi
done
echo "$stamp" > "$work/stamp"
# name model data task train-flags
runs=(
  "cnn3d-context cnn3d cube -"
  "cnn3d-context-emr cnn3d cube --emr"
  "cnn3d-plain cnn3d cube --no-context"
  "cnn3d-emr cnn3d cube --no-context"
  "triplanar-context triplanar cube -"
  "triplanar-context-emr triplanar cube --emr"
  "triplanar-plain triplanar cube --no-context"
)
for task in ${TASKS:-binary artery}; do  # TASKS: a subset, e.g. TASKS=artery
  for run in "${runs[@]}"; do
    set -- $run
    name="$1"; model="$2"; data="$3"; flags="$4"
    [ -n "$only" ] && [[ ",$only," != *",$name,"* ]] && continue
    extra=()
    case "$name" in *emr*) ;; *) extra+=(--no-emr) ;; esac
    [ "$flags" = "--no-context" ] && extra+=(--no-context)
    rm -rf "$work/model-$name-$task"
    echo "== $name ($model on $data, task $task)"
    start=$(date +%s)
    "$C" train --data "$work/$data" --model "$model" --task "$task" --folds 5 --epochs "$epochs" --patience 3 "${extra[@]}" \
      --out "$work/model-$name-$task" --quiet | grep -E "^ *(auc|macro_f1|f1_[A-Za-z]+) " || true
    echo "   ($(( $(date +%s) - start )) s)"
  done
done
