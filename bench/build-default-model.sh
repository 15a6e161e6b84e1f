#!/usr/bin/env bash
# Rebuilds the model that ships with Calcify, bit for bit, into
# calcify-nn/src/main/resources/org/calcify/nn/model/default/ (fold_K/model/{config.json,model.params} per member, or
# config.json and model.params for MEMBERS=1; provenance.json).
#
# Data: realistic phantom cases (docs/phantom.md: every slice thickness, pixel size, kernel, kVp and noise
# level the phantom draws) and hybrid cases (docs/hybrid.md: synthetic plaques inserted into the project's
# real calcium-free chest, kernel B, with extra correlated noise for lower doses; a fifth without plaques).
# Candidates >= 130 HU in the heart region, as `calcify detect` classifies them, cut as 9x33x33 cubes with the
# 9x33x33@5,4,4 context cube of the heart region alone (everything outside it 0: the network sees where in the
# heart a candidate lies), at most PER_CLASS per calcium label and PER_NONE negatives. Network: cnn3d, artery task with non-coronary
# calcium as its own class, no EMR (users rarely have it); MEMBERS networks (default 2), folds 0 .. MEMBERS-1 of
# one 5-fold patient-wise split, each trained alone and written as fold_K/model/ (detect averages their
# probabilities; one network alone varied from run to run by up to 0.16 in a bench's ICC: docs/benchmarks.md);
# each fold's other scans are its test set, whose metrics the provenance records per member.
#
# Bit for bit: the cases and the shards are the same on every machine; training's floating-point sums are
# not, unless the machine's choices are pinned. PyTorch's oneDNN convolutions pick their kernels by the
# CPU's instruction set (AVX2, AVX-512, ...) and split their sums by thread, so the same shards, code and
# seed give other weights on another CPU or thread count (measured: docs/benchmarks.md). The script pins
# both: oneDNN's kernels at most AVX2 (what every x86-64 CPU since 2015 has; about 1.6x the training time
# of AVX-512 on CPUs that have it) and 2 engine threads. ISA=AVX512_CORE is faster where the CPU has
# AVX-512 and gives other weights than the shipped ones (the model shipped before v5 was built that way).
#
# Epoch: the one of highest validation macro-F1 (train --select macro-f1). With class-weighted
# cross-entropy the validation loss rises from epoch 2 on while every classification figure improves
# (docs/benchmarks.md, "training data not always framed by fat").
#
# Usage: bench/build-default-model.sh [WORK_DIR]   (defaults: PHANTOM=160 HYBRID=160 EXTENSIVE=0.2 MEMBERS=2 PER_CLASS=2000 PER_NONE=8000 EPOCHS=12
#        MIN_SIGNIFICANCE=8: the noise gate on training candidates, detect's default; ISA=AVX2 THREADS=2 SELECT=macro-f1)
# Writes the model only when the run completes; prints the SHA-256 of each member's model.params (compare two runs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
phantom_cases="${PHANTOM:-160}"
hybrid_cases="${HYBRID:-160}"
per_class="${PER_CLASS:-2000}"
per_none="${PER_NONE:-8000}"
epochs="${EPOCHS:-12}"
gate="${MIN_SIGNIFICANCE:-8}"
isa="${ISA:-AVX2}"
select="${SELECT:-macro-f1}"
threads="${THREADS:-2}"
members="${MEMBERS:-2}"
export ONEDNN_MAX_CPU_ISA="$isa" DNNL_MAX_CPU_ISA="$isa"
flag="$(echo "$isa" | tr 'A-Z' 'a-z' | sed 's/_core.*//; s/^avx512$/avx512f/')"
if grep -qw "$flag" /proc/cpuinfo 2>/dev/null; then
  # ATen's own vector code at the same level (it did not change the weights where measured; pinned all the same)
  export ATEN_CPU_CAPABILITY="$(echo "$flag" | sed 's/avx512f/avx512/')"
else
  echo "[build-default-model] warning: this CPU lacks $isa ($flag): its weights will differ from a build on a CPU that has it" >&2
fi
dest="${DEST:-$root/calcify-nn/src/main/resources/org/calcify/nn/model/default}"
calcify="${CALCIFY:-$root/calcify}"
mkdir -p "$work"
start=$(date +%s)
stamp() { echo "[build-default-model] $(date -u +%H:%M:%S) ($(( $(date +%s) - start )) s) $*" >&2; }

stamp "phantom: $phantom_cases cases"
# the shipped model's phantom cases carry labels over each plaque's whole support (the generator's labelling before
# 2026-12-05, --label-min-calcium-hu 0); LABEL_MIN_CALCIUM_HU=30 draws them as `calcify phantom` now does
label_min="${LABEL_MIN_CALCIUM_HU:-0}"
# a share of the hybrid coronary plaques drawn extensive (docs/hybrid.md): without them, a lesion of 60 voxels or more was
# other calcium 19 times in 27 and the network called large coronary plaques other calcium (docs/benchmarks.md)
extensive="${EXTENSIVE:-0.2}"
[ -f "$work/phantom/cohort.csv" ] || "$calcify" phantom --out "$work/phantom" --count "$phantom_cases" --seed 1201 --size 512 \
    --label-min-calcium-hu "$label_min" >/dev/null
stamp "hybrid: $hybrid_cases cases in the real chest (kernel B)"
[ -f "$work/hybrid/cohort.csv" ] || "$calcify" hybrid --background "$root/testdata/realdata/tcia-lungdx-a0001-chest/dicom" \
    --out "$work/hybrid" --count "$hybrid_cases" --seed 1202 --plaques-per-case 1-5 --non-coronary 0-2 \
    --empty-fraction 0.2 --extra-noise-hu 30 --extensive-plaques "$extensive" >/dev/null

stamp "extract: heart-region candidates"
# one folder per scan with a unique name (index.csv names scans by folder; folds are dealt by name)
mkdir -p "$work/cases"
for c in "$work"/phantom/case-*; do ln -sfn "$c" "$work/cases/phantom-${c##*-}"; done
for c in "$work"/hybrid/case-*; do ln -sfn "$c" "$work/cases/hybrid-${c##*-}"; done
args=()
for c in "$work"/cases/*; do
  args+=(--scan "$c/ct.nii.gz" --labels "$c/labels.nii.gz")
done
[ -f "$work/shards/labels.npy" ] || "$calcify" extract "${args[@]}" --candidates --heart-region --max-component-mm3 3000 \
    --mode cube --size 9,33,33 --context 9,33,33@5,4,4/heart --per-class "$per_class" --per-class-none "$per_none" --min-significance "$gate" --seed 1 --output "$work/shards" --quiet >/dev/null

# MEMBERS networks, folds 0 .. MEMBERS-1 of the same 5-fold split, each trained alone (seed 0) and averaged by detect
for k in $(seq 0 $((members - 1))); do
  out="$work/train"; [ "$k" -gt 0 ] && out="$work/train-$k"
  stamp "train: cnn3d artery + other, fold $k of 5, up to $epochs epochs"
  "$calcify" train --data "$work/shards" --model cnn3d --task artery --other-class --no-emr --folds 5 --fold "$k" \
      --epochs "$epochs" --patience 4 --select "$select" --seed 0 --engine-threads "$threads" --out "$out" $([ -d "$out/fold_$k/checkpoint" ] && echo --resume) --quiet >&2
done

stamp "provenance"
export PER_NONE="$per_none" MIN_SIGNIFICANCE="$gate" SELECT="$select" EXTENSIVE="$extensive"
mkdir -p "$dest"
/usr/bin/python3 - "$work" "$dest" "$root" "$phantom_cases" "$hybrid_cases" "$per_class" "$epochs" "$start" "$isa" "$threads" "$members" <<'PY'
import csv, glob, hashlib, json, os, shutil, subprocess, sys, time
import numpy as np
work, dest, root, phantom, hybrid, per_class, epochs, start, isa, threads, members = sys.argv[1:]
members = int(members)
labels = np.load(os.path.join(work, "shards", "labels.npy"))
names = ["none", "LM", "LAD", "LCX", "RCA", "other"]
commit = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = bool(subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip())
# one network: config.json and model.params in dest; several: dest/fold_K/model/ (what calcify train writes, read as an ensemble)
for old in ["config.json", "model.params"] + glob.glob(os.path.join(dest, "fold_*")):
    p = os.path.join(dest, old)
    shutil.rmtree(p) if os.path.isdir(p) else (os.remove(p) if os.path.exists(p) else None)
parts = []
for k in range(members):
    out = os.path.join(work, "train" if k == 0 else f"train-{k}")
    model = os.path.join(out, f"fold_{k}", "model")
    target = dest if members == 1 else os.path.join(dest, f"fold_{k}", "model")
    os.makedirs(target, exist_ok=True)
    shutil.copyfile(os.path.join(model, "model.params"), os.path.join(target, "model.params"))
    # the config names the shard folder this run used; name the recipe instead, so that every rebuild writes the same bytes
    config = json.load(open(os.path.join(model, "config.json")))
    config["provenance"]["data"] = "shards of bench/build-default-model.sh"
    with open(os.path.join(target, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    rows = list(csv.DictReader(open(os.path.join(out, "cv_metrics.csv"))))
    test = {key: (float(v) if v not in ("", None) and key != "fold" else v) for key, v in rows[0].items()} if rows else {}
    sha = hashlib.sha256(open(os.path.join(target, "model.params"), "rb").read()).hexdigest()
    parts.append((k, test, sha))
prov = {
    "model": "cnn3d, artery task (none, LM, LAD, LCX, RCA, other calcium), 9x33x33 cube + 9x33x33@5,4,4 heart-only context, no EMR"
             + ("" if members == 1 else f"; an ensemble of {members} networks (folds 0-{members - 1} of one 5-fold split), probabilities averaged"),
    "command": "bench/build-default-model.sh",
    "code_commit": commit + (" (with uncommitted changes)" if dirty else ""),
    "data": {
        "phantom": {"cases": int(phantom), "seed": 1201, "command": f"calcify phantom --count {phantom} --seed 1201 --size 512 --label-min-calcium-hu {os.environ.get('LABEL_MIN_CALCIUM_HU', '0')}"},
        "hybrid": {"cases": int(hybrid), "seed": 1202, "background": "testdata/realdata/tcia-lungdx-a0001-chest/dicom",
                   "command": f"calcify hybrid --count {hybrid} --seed 1202 --plaques-per-case 1-5 --non-coronary 0-2 --empty-fraction 0.2 --extra-noise-hu 30 --extensive-plaques {os.environ['EXTENSIVE']}"},
        "patches": {"per_class_cap": int(per_class), "negatives_cap": int(os.environ.get("PER_NONE", "8000")), "seed": 1,
                    "context": "9,33,33@5,4,4/heart", "min_significance": float(os.environ["MIN_SIGNIFICANCE"]),
                    "per_label": {names[i]: int((labels == i).sum()) for i in range(6)}},
    },
    "training": {"folds": 5, "trained_folds": list(range(members)), "epochs_max": int(epochs), "patience": 4, "select": os.environ["SELECT"], "seed": 0,
                 "engine_threads": int(threads), "cpu_isa_max": isa,
                 "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")},
    "members": [{"fold": k, "path": "." if members == 1 else f"fold_{k}/model", "weights_sha256": sha,
                 "test_fold_metrics": test} for k, test, sha in parts],
    "build_seconds_this_run": round(time.time() - float(start)),
}
json.dump(prov, open(os.path.join(dest, "provenance.json"), "w"), indent=2)
open(os.path.join(dest, "provenance.json"), "a").write("\n")
for k, test, sha in parts:
    print(f"fold {k}: {sha}")
PY
stamp "done: $dest"
