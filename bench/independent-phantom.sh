#!/usr/bin/env bash
# Calcify on a phantom it was not made with: bench/independent_phantom.py (a non-contrast chest drawn without
# reference to Calcify's own phantom: other anatomy, other noise texture, other calcium) generates COUNT cases,
# `calcify detect` runs on them with MODEL and with the plain threshold (`--model baseline`, what the candidate
# stage, the heart region and the noise gate leave), and `calcify evaluate` compares both with the truth.
# Prints lesion sensitivity / PPV / F1, Agatston ICC and kappa for both, then where the network's errors lie:
# coronary lesions the threshold keeps that the network drops, non-coronary calcium (aortic wall and valve,
# mitral annulus) called coronary, and false positives that are no calcium at all.
# Usage: bench/independent-phantom.sh [MODEL] [COUNT] [SEED] [WORK]   (defaults: default 30 12 mktemp)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:-default}"
count="${2:-30}"
seed="${3:-12}"
work="${4:-$(mktemp -d)}"
calcify="${CALCIFY:-$root/calcify}"
py=/usr/bin/python3
mkdir -p "$work"
cases="$work/cases-$seed"
if [ ! -f "$cases/case-$(printf %04d $((count - 1)))/labels.nii.gz" ]; then
  # two generators, one per core, each on its own half (a case depends on its seed and index alone)
  half=$((count / 2))
  "$py" "$root/bench/independent_phantom.py" --out "$cases" --count "$half" --seed "$seed" > "$work/gen1.log" &
  "$py" "$root/bench/independent_phantom.py" --out "$cases-b" --count "$((count - half))" --seed "$seed" --first "$half" > "$work/gen2.log"
  wait
  mv "$cases-b"/case-* "$cases"/ && rm -rf "$cases-b"
fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $count independent phantom cases (seed $seed), model $model"
for run in net base; do
  m="$model"; [ "$run" = base ] && m=baseline
  rm -rf "$work/det-$run" "$work/eval-$run"
  t0=$(date +%s)
  "$calcify" detect --model "$m" --input "$cases" --out "$work/det-$run" --anatomy --quiet > "$work/det-$run.log" 2>&1
  echo "detect --model $m: $(( $(date +%s) - t0 )) s, $(tail -n 1 "$work/det-$run.log")"
  "$calcify" evaluate --pred "$work/det-$run" --truth "$cases" --out "$work/eval-$run" > /dev/null
done
"$py" - "$cases" "$work/det-net" "$work/det-base" "$work/eval-net" "$work/eval-base" <<'PY'
import json, os, sys
import numpy as np, nibabel as nib
from scipy import ndimage
cases, net, base, ev_net, ev_base = sys.argv[1:6]
for name, ev in (("network", ev_net), ("threshold", ev_base)):
    t = json.load(open(os.path.join(ev, "metrics.json")))["total"]
    l, s = t["lesion"], t["scan"]
    print(f"{name:9s}: lesion sensitivity {l['sensitivity']:.3f}, PPV {l['ppv']:.3f}, F1 {l['f1']:.3f}; "
          f"Agatston ICC {s['agatston']['icc_a1']:.3f}; kappa {s['kappa_linear']:.3f}")
cor_total = cor_net = cor_base = cor_both = artery_right = 0
non_total = non_called = 0
non_called_voxels = []
noise_fp = 0
for case in sorted(d for d in os.listdir(cases) if d.startswith("case-")):
    t = np.asarray(nib.load(os.path.join(cases, case, "labels.nii.gz")).dataobj)
    p = np.asarray(nib.load(os.path.join(net, case, "labels.nii.gz")).dataobj)
    b = np.asarray(nib.load(os.path.join(base, case, "labels.nii.gz")).dataobj)
    lab, n = ndimage.label(t > 0, structure=np.ones((3, 3, 3)))
    for i in range(1, n + 1):
        m = lab == i
        truth = np.bincount(t[m], minlength=6).argmax()
        pv = p[m][(p[m] >= 1) & (p[m] <= 4)]
        if truth == 5:
            non_total += 1
            if pv.size:
                non_called += 1
                non_called_voxels.append(int(m.sum()))
            continue
        cor_total += 1
        in_net = pv.size > 0
        in_base = bool((b[m] > 0).any())
        cor_net += in_net
        cor_base += in_base
        cor_both += in_net and in_base
        artery_right += in_net and np.bincount(pv, minlength=6).argmax() == truth
    pl, pn = ndimage.label((p >= 1) & (p <= 4), structure=np.ones((3, 3, 3)))
    for i in range(1, pn + 1):
        noise_fp += not (t[pl == i] > 0).any()
print(f"coronary lesions: {cor_total}; the threshold keeps {cor_base}, the network {cor_net} "
      f"({cor_base - cor_both} of the threshold's dropped by the network), artery right for {artery_right} of the network's")
print(f"non-coronary calcium: {non_total} lesions, {non_called} called coronary (voxels: {sorted(non_called_voxels, reverse=True)})")
print(f"coronary false positives on no calcium at all (noise, bone, other): {noise_fp}")
PY
