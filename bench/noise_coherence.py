#!/usr/bin/env python3
"""How far a scan's noise is correlated in-plane: its coherence area in voxels (1 for white noise).

For each case folder of SCANS (ct.nii.gz) with a `calcify detect --anatomy` output in DETECTED (anatomy.nii.gz,
scores.json): the residuals of the scan from a 3 mm Gaussian smoothing, in the heart region's homogeneous blood
(within 25 HU of the blood pool after smoothing, eroded 4 voxels in-plane); their lag-d correlation along x and y
from mean squared differences, rho(d) = 1 - E[(r_i - r_{i+d})^2] / (2 var); coherence area = product over the two
axes of (1 + 2 * sum of positive rho(d), d = 1..5). The noise tests of detection weigh a candidate by
sqrt(voxels); with correlated noise sqrt(voxels / coherence area) is the count of independent draws
(docs/benchmarks.md, "noise tests that know the noise is correlated").

Usage: bench/noise_coherence.py SCANS DETECTED [CASE ...]   prints one line per case
"""
import json
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage as ndi


def coherence(ct_path, det_dir):
    img = nib.load(ct_path)
    ct = np.asarray(img.dataobj).astype(np.float32)
    sp = img.header.get_zooms()[:3]
    heart = np.asarray(nib.load(os.path.join(det_dir, "anatomy.nii.gz")).dataobj) == 5
    blood = json.load(open(os.path.join(det_dir, "scores.json")))["protocol"]["blood_pool_hu"]
    wide = ndi.gaussian_filter(ct, [3 / sp[0], 3 / sp[1], 3 / sp[2]])
    pool = heart & (np.abs(wide - blood) < 25) & (ct < 130)
    pool = ndi.binary_erosion(pool, np.ones((9, 9, 1)))
    r = ct - wide
    var = np.var(r[pool])
    rho = {}
    for axis in (0, 1):
        rho[axis] = []
        for d in range(1, 6):
            shifted = np.roll(r, -d, axis=axis)
            both = pool & np.roll(pool, -d, axis=axis)
            rho[axis].append(1 - np.mean((r[both] - shifted[both]) ** 2) / (2 * var))
    area = np.prod([1 + 2 * sum(max(0.0, x) for x in rho[a]) for a in (0, 1)])
    return float(np.sqrt(var)), rho, float(area)


if __name__ == "__main__":
    scans, detected = sys.argv[1], sys.argv[2]
    cases = sys.argv[3:] or sorted(c for c in os.listdir(scans) if c.startswith("case-"))
    for case in cases:
        if not os.path.exists(os.path.join(detected, case, "anatomy.nii.gz")):
            continue
        sd, rho, area = coherence(os.path.join(scans, case, "ct.nii.gz"), os.path.join(detected, case))
        print(f"{case}\tnoise {sd:.1f} HU\tlag-1 x {rho[0][0]:.2f} y {rho[1][0]:.2f}\tcoherence area {area:.1f} voxels")
