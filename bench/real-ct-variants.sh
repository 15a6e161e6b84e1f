#!/usr/bin/env bash
# A real calcium-free chest, read as many ways as users hold it: the project's chest (kernel B and the sharp
# kernel L, testdata/realdata/tcia-lungdx-a0001-chest; CHEST=DIR for another copy with dicom/ and
# dicom-kernel-L/, e.g. the full 64-slice series in ../shared/realdata) converted to NIfTI and written again by
# nibabel/scipy with noise (correlated 20/35/45 HU, white 50 HU), 2.5 and 3 mm slices, 0.5 and 0.98 mm pixels,
# a cropped field of view, four other axis storages, float32 and uint16 voxels, and the sharp kernel raw and
# smoothed (bench/real_ct_variants.py). Each should be scored about 0 (goal: Agatston <= 10) or refused with
# its reason; the table says what detect did. EXTRA="scan ..." adds scans as they are (e.g. a contrast CTA).
# Usage: bench/real-ct-variants.sh [MODEL] [WORK]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:-default}"
work="${2:-$(mktemp -d)}"
calcify="${CALCIFY:-$root/calcify}"
chest="${CHEST:-$root/testdata/realdata/tcia-lungdx-a0001-chest}"
mkdir -p "$work/scans"
"$calcify" convert "$chest/dicom" "$work/kernel-B.nii.gz" >/dev/null
"$calcify" convert "$chest/dicom-kernel-L" "$work/kernel-L.nii.gz" >/dev/null
/usr/bin/python3 "$root/bench/real_ct_variants.py" "$work/kernel-B.nii.gz" "$work/kernel-L.nii.gz" "$work/scans"
for e in ${EXTRA:-}; do ln -sf "$(readlink -f "$e")" "$work/scans/"; done
rm -rf "$work/det"
"$calcify" detect --model "$model" --input "$work/scans" --out "$work/det" --threads 2 --quiet 2>/dev/null >/dev/null || true
/usr/bin/python3 - "$work/det" "$chest" <<'PY'
import csv, json, os, sys
det, chest = sys.argv[1], sys.argv[2]
print(f"# {chest}\n\n| variant | status | Agatston | lesions | noise HU | edge overshoot HU | s | reason |\n|---|---|---|---|---|---|---|---|")
bad = 0
for r in csv.DictReader(open(os.path.join(det, "cohort.csv"))):
    j = os.path.join(det, r["case"], "scores.json")
    ov = json.load(open(j))["protocol"].get("edge_overshoot_hu") if os.path.isfile(j) else None
    reason = r["message"].split(": refused: ")[-1][:90] if r["status"] != "ok" else ""
    ok = r["status"] == "refused" or (r["status"] == "ok" and float(r["agatston"]) <= 10)
    bad += not ok
    print(f"| {r['case']} | {r['status']} | {r['agatston']} | {r['lesions']} | {r['noise_hu']} | {ov} | {r['seconds']} | {reason} |")
print(f"\n{bad} variant(s) above Agatston 10 or failed")
PY
