"""A scripted reader for calcify serve: reviews every scan of a served cohort against the phantom's truth.

For each scan: every proposed lesion gets the truth's class at its peak voxel (none when the truth has no calcium
there), every true coronary lesion the model missed that would score (>= 130 HU over at least 1 mm² in some slice, as
Agatston counts lesions) is added by a click on its brightest voxel, then
the scan is signed. Prints one JSON line per scan: corrections (reclassified, added) and the Agatston before and after.
With --dry-run nothing is changed: it only counts the corrections a reader would make.

Usage: python3 bench/review_reader.py URL COHORT_DIR [--dry-run] [--reader NAME]
"""
import gzip
import json
import sys
import urllib.request

import nibabel as nib
import numpy as np
from scipy import ndimage

CLASSES = ["none", "LM", "LAD", "LCX", "RCA", "other"]


def call(url, body=None):
    req = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="GET" if body is None else "POST")
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def main():
    base, cohort = sys.argv[1].rstrip("/"), sys.argv[2]
    dry = "--dry-run" in sys.argv
    reader = sys.argv[sys.argv.index("--reader") + 1] if "--reader" in sys.argv else "scripted reader"
    total = {"scans": 0, "reclassified": 0, "added": 0}
    for row in call(base + "/api/scans")["scans"]:
        if row["detection"] != "ok":
            continue
        scan = row["scan"]
        api = base + "/api/scans/" + scan
        view = call(api)
        scores = json.load(open(f"{cohort}/{scan}/scores.json"))
        ct_path = scores["scan"]["path"]
        truth = np.asarray(nib.load(ct_path.replace("ct.nii.gz", "labels.nii.gz")).dataobj).astype(np.int32)  # x, y, z
        ct = np.asarray(nib.load(ct_path).dataobj).astype(np.int32)
        before = view["scores"]["agatston"]
        reclassified = added = 0
        covered = np.zeros(truth.shape, bool)
        for lesion in view["lesions"]:
            z, y, x = lesion["peak_zyx"]
            covered[x, y, z] = True
            want = CLASSES[truth[x, y, z]]
            if want != lesion["current"]:
                reclassified += 1
                if not dry:
                    view = call(api + f"/lesions/{lesion['id']}/class", {"version": view["version"], "class": want, "reader": reader})
        # true coronary lesions the model left out: 3D components of truth 1-4 at >= 130 HU with no proposed lesion on them
        with urllib.request.urlopen(api + "/labels.nii.gz") as r:  # the map as it stands (lesions added before included)
            proposed = np.asarray(nib.Nifti1Image.from_bytes(gzip.decompress(r.read())).dataobj) > 0
        calcium = (truth >= 1) & (truth <= 4) & (ct >= 130)
        comps, n = ndimage.label(calcium, structure=np.ones((3, 3, 3)))
        zooms = nib.load(ct_path).header.get_zooms()
        pixel_mm2 = float(zooms[0]) * float(zooms[1])
        for c in range(1, n + 1):
            m = comps == c
            if (m & proposed).any():
                continue
            if m.sum(axis=(0, 1)).max() * pixel_mm2 < 1.0:
                continue  # under Agatston's 1 mm² in every slice: it never scores, and no reader adds it
            idx = np.argmax(np.where(m, ct, -10000))
            x, y, z = np.unravel_index(idx, ct.shape)
            want = CLASSES[int(np.bincount(truth[m]).argmax())]
            added += 1
            if not dry:
                try:
                    view = call(api + "/lesions", {"version": view["version"], "zyx": [int(z), int(y), int(x)], "class": want,
                                                   "reader": reader})
                except urllib.error.HTTPError as e:
                    added -= 1  # e.g. a component too large to be a plaque
                    print(json.dumps({"scan": scan, "not_added": json.load(e)["error"]}), file=sys.stderr)
        if not dry:
            view = call(api + "/sign", {"version": view["version"], "reader": reader})
        total["scans"] += 1
        total["reclassified"] += reclassified
        total["added"] += added
        print(json.dumps({"scan": scan, "reclassified": reclassified, "added": added, "agatston_proposed": before,
                          "agatston_reviewed": view["scores"]["agatston"]}))
    print(json.dumps({"total": total}))


if __name__ == "__main__":
    main()
