#!/usr/bin/python3
"""Synthetic QRM-like calcium-scoring phantom (thorax + cardiac calcification insert), written as a
Canon/Toshiba-style DICOM CT series (signed pixels, intercept -1024, Pixel Padding Value -2048 outside the
reconstruction circle, kernel FC12), with a NumPy/SciPy ground truth (Agatston, volume) per insert computed on
the very values written. Written independently of Calcify's own phantom, as an oracle for `calcify score`.

The phantom: an oval 300 x 200 mm body of 40 HU, two homogeneous lung inserts (-800 HU, no vessels, as in the
QRM phantom), a spine-like bone insert, a table, and a 100 mm cardiac insert holding nine calcium cylinders
(diameter = length = 1, 3, 5 mm at 200, 400, 800 HU), partial volume by 4x supersampling, noise slightly
correlated in-plane.

usage: /usr/bin/python3 bench/calcium_phantom.py OUTDIR TRUTH.json [--seed N] [--noise HU] [--manufacturer NAME]
       [--labels LABELS.nii.gz]   (label 2 over the cardiac insert, 0 elsewhere, on the series' grid)
"""
import argparse, json, os, datetime
import nibabel as nib
import numpy as np
from scipy import ndimage
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"

ap = argparse.ArgumentParser()
ap.add_argument("outdir")
ap.add_argument("truth")
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--noise", type=float, default=18.0, help="noise SD in HU (after smoothing)")
ap.add_argument("--manufacturer", default="TOSHIBA")
ap.add_argument("--slices", type=int, default=40)
ap.add_argument("--lung-ax", type=float, default=55.0, help="lung semi-axis in x, mm (55: chest wall ~7 mm at its thinnest)")
ap.add_argument("--labels", help="also write a NIfTI label map: 2 over the cardiac insert (1 mm margin), 0 elsewhere")
ap.add_argument("--vessels", type=int, default=0, help="diagnostic only: this many 2-4 mm soft-tissue tubes along z in each lung (the QRM lungs have none)")
a = ap.parse_args()

N, PX, NZ, DZ, SS = 512, 0.68, a.slices, 3.0, 4   # grid, pixel mm, slices, slice spacing/thickness mm, supersampling
FOV = N * PX                                    # 348.16 mm
rng = np.random.default_rng(a.seed)

# patient coordinates (LPS, mm) of pixel centres: column i -> x, row j -> y; head-first supine
x0 = -(N - 1) / 2 * PX
y0 = -(N - 1) / 2 * PX
z_top = 0.0
zc = z_top - DZ * np.arange(NZ)                  # slice centres, decreasing (towards the feet)

# ---------------- in-plane anatomy (z-invariant), supersampled 4x ----------------
def sub_coords(n, px, origin, ss):
    # supersample centres of each pixel
    off = (np.arange(ss) + 0.5) / ss - 0.5
    return (origin + px * np.arange(n)[:, None] + px * off[None, :]).ravel()

xs = sub_coords(N, PX, x0, SS)
ys = sub_coords(N, PX, y0, SS)
X, Y = np.meshgrid(xs, ys, indexing="xy")       # shape (rows=y, cols=x)

hu = np.full(X.shape, -1000.0, dtype=np.float32)   # air
body = (X / 150.0) ** 2 + (Y / 100.0) ** 2 <= 1.0  # oval 300 x 200 mm; y+ is posterior
hu[body] = 40.0
# lungs (patient right = -x in LPS... in LPS +x is patient Left); two ellipses either side of the heart
LAX = a.lung_ax
lungR = ((X + 80) / LAX) ** 2 + ((Y + 0) / 70.0) ** 2 <= 1.0
lungL = ((X - 80) / LAX) ** 2 + ((Y + 0) / 70.0) ** 2 <= 1.0
hu[lungR | lungL] = -800.0
vrng = np.random.default_rng(1000 + a.seed)
for sgn in (-1, 1):
    for _ in range(a.vessels):
        while True:
            vx, vy = vrng.uniform(-LAX, LAX), vrng.uniform(-70, 70)
            if (vx / LAX) ** 2 + (vy / 70) ** 2 < 0.6 and np.hypot(sgn * 80 + vx, vy + 10) > 60:
                break
        vr = vrng.uniform(1.0, 2.0)
        hu[(X - (sgn * 80 + vx)) ** 2 + (Y - vy) ** 2 <= vr * vr] = 40.0
# cardiac insert: cylinder 100 mm across, centre slightly anterior (y=-10), 40 HU (overrides lung edge)
hx, hy = 0.0, -10.0
heart = (X - hx) ** 2 + (Y - hy) ** 2 <= 50.0 ** 2
hu[heart] = 40.0
# spine-like bone insert posteriorly: vertebral body r=16 mm at y=+70, cortical rim 2.5 mm at 600 HU, 200 HU inside
sx, sy = 0.0, 68.0
rs = np.hypot(X - sx, Y - sy)
hu[rs <= 16.0] = 600.0
hu[rs <= 13.5] = 200.0
# posterior elements (spinous process-ish): small rim-dense block behind the body
pe = (np.abs(X - sx) <= 5) & (Y > 84) & (Y < 96)
hu[pe] = 450.0
# table under the phantom (posterior, y+): carbon-fibre shell 3 mm, 250 HU, foam core -900 HU, curved slightly
table_outer = (np.abs(X) <= 170) & (Y >= 103 + 0.0006 * X ** 2) & (Y <= 125 + 0.0006 * X ** 2)
table_core = (np.abs(X) <= 167) & (Y >= 106 + 0.0006 * X ** 2) & (Y <= 122 + 0.0006 * X ** 2)
hu[table_outer] = 250.0
hu[table_core] = -900.0

base2d = hu.reshape(N, SS, N, SS).mean(axis=(1, 3)).astype(np.float32)  # partial volume in-plane
vol = np.repeat(base2d[None], NZ, axis=0)                                # (z, y, x)

# ---------------- calcium inserts: 3 sizes x 3 densities ----------------
# QRM cardiac calcification insert: cylinders of diameter = length = 1, 3, 5 mm at 200/400/800 mgHA/cc; here HU
zcent = zc[NZ // 2]                      # all inserts centred on one slice centre (z = zc[20])
inserts = []
dens = [200.0, 400.0, 800.0]
sizes = [1.0, 3.0, 5.0]
for di, d in enumerate(dens):            # rows of the 3x3 pattern: density; columns: size; 20 mm pitch
    for si, s in enumerate(sizes):
        cx = hx + (si - 1) * 20.0
        cy = hy + (di - 1) * 20.0
        inserts.append(dict(name=f"D{int(s)}mm_{int(d)}HU", diameter_mm=s, length_mm=s, hu=d, x=cx, y=cy, z=zcent))

off = (np.arange(SS) + 0.5) / SS - 0.5
for ins in inserts:
    r = ins["diameter_mm"] / 2
    h = ins["length_mm"] / 2
    # voxel index window
    i0 = int(np.floor((ins["x"] - 4 - x0) / PX)); i1 = int(np.ceil((ins["x"] + 4 - x0) / PX)) + 1
    j0 = int(np.floor((ins["y"] - 4 - y0) / PX)); j1 = int(np.ceil((ins["y"] + 4 - y0) / PX)) + 1
    ks = [k for k in range(NZ) if abs(zc[k] - ins["z"]) < h + DZ]
    for k in ks:
        zsub = zc[k] + DZ * off                       # 4 sub-slices per slice (slice profile = 3 mm box)
        fz = np.mean(np.abs(zsub - ins["z"]) <= h)
        if fz == 0:
            continue
        ii = np.arange(i0, i1); jj = np.arange(j0, j1)
        sxp = (x0 + PX * ii[:, None] + PX * off[None, :]).ravel()
        syp = (y0 + PX * jj[:, None] + PX * off[None, :]).ravel()
        SX, SY = np.meshgrid(sxp, syp, indexing="xy")
        inside = ((SX - ins["x"]) ** 2 + (SY - ins["y"]) ** 2 <= r * r).astype(np.float32)
        fxy = inside.reshape(len(jj), SS, len(ii), SS).mean(axis=(1, 3))
        f = fxy * fz
        patch = vol[k, j0:j1, i0:i1]
        vol[k, j0:j1, i0:i1] = patch * (1 - f) + ins["hu"] * f

# ---------------- noise: Gaussian, slightly correlated in-plane ----------------
noise = rng.standard_normal(vol.shape).astype(np.float32)
noise = ndimage.gaussian_filter(noise, sigma=(0, 0.6, 0.6))
noise *= a.noise / noise.std()
vol = vol + noise

# reconstruction circle: inscribed in the 348 mm FOV (a 500 mm circle would not clip a 348 mm FOV)
jj, ii = np.mgrid[0:N, 0:N]
rc = np.hypot(x0 + PX * ii, y0 + PX * jj) <= FOV / 2
INTERCEPT = -1024.0
PAD_STORED = -2048                      # PixelPaddingValue is a stored value: -2048 -> -3072 HU
hu_round = np.rint(vol).clip(-1024, 3071)
stored = (hu_round - INTERCEPT).astype(np.int16)
stored[:, ~rc] = PAD_STORED
hu_written = stored.astype(np.float32) + INTERCEPT   # what a reader gets (padding -> -3072 HU)

# ---------------- DICOM ----------------
os.makedirs(a.outdir, exist_ok=True)
study_uid, series_uid, for_uid = generate_uid(), generate_uid(), generate_uid()
now = datetime.datetime(2024, 5, 14, 10, 30, 0)
for k in range(NZ):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CT_IMAGE_STORAGE
    sop = generate_uid()
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = generate_uid()
    fn = os.path.join(a.outdir, f"IM{k + 1:04d}.dcm")
    ds = FileDataset(fn, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = CT_IMAGE_STORAGE
    ds.SOPInstanceUID = sop
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study_uid, series_uid, for_uid
    ds.Modality = "CT"
    ds.Manufacturer = a.manufacturer
    ds.ManufacturerModelName = "Aquilion ONE"
    ds.PatientName = "QRM^Phantom"
    ds.PatientID = "QRM-PHANTOM"
    ds.PatientBirthDate = ""
    ds.PatientSex = "O"
    ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = now.strftime("%Y%m%d")
    ds.StudyTime = ds.SeriesTime = ds.AcquisitionTime = ds.ContentTime = now.strftime("%H%M%S")
    ds.AccessionNumber = "QRM0001"
    ds.StudyID = "1"
    ds.SeriesNumber = 3
    ds.AcquisitionNumber = 1
    ds.InstanceNumber = k + 1
    ds.StudyDescription = "Calcium scoring phantom"
    ds.SeriesDescription = "CaSc phantom"
    ds.BodyPartExamined = "CHEST"
    ds.PatientPosition = "HFS"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.KVP = "120"
    ds.XRayTubeCurrent = 200
    ds.ExposureTime = 350
    ds.ConvolutionKernel = "FC12"
    ds.SliceThickness = "3.0"
    ds.SpacingBetweenSlices = "3.0"
    ds.ReconstructionDiameter = f"{FOV:.2f}"
    ds.DataCollectionDiameter = "500.0"
    ds.GantryDetectorTilt = "0"
    ds.ImagePositionPatient = [f"{x0:.4f}", f"{y0:.4f}", f"{zc[k]:.4f}"]
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.SliceLocation = f"{zc[k]:.4f}"
    ds.PixelSpacing = [f"{PX}", f"{PX}"]
    ds.Rows = ds.Columns = N
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    ds.add_new(0x00280120, "SS", PAD_STORED)          # PixelPaddingValue
    ds.RescaleIntercept = f"{INTERCEPT:.0f}"
    ds.RescaleSlope = "1"
    ds.RescaleType = "HU"
    ds.WindowCenter = "40"
    ds.WindowWidth = "400"
    ds.PixelData = stored[k].tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(fn, write_like_original=False)

# ---------------- ground truth on the volume written ----------------
def weight(peak):
    return 0 if peak < 130 else 1 if peak < 200 else 2 if peak < 300 else 3 if peak < 400 else 4

area_px = PX * PX
vox_mm3 = area_px * DZ
truth = dict(geometry=dict(rows=N, cols=N, slices=NZ, pixel_mm=PX, slice_mm=DZ, fov_mm=FOV, x0=x0, y0=y0,
                           z_first=float(zc[0]), z_last=float(zc[-1]),
                           cardiac_insert=dict(x=hx, y=hy, diameter_mm=100.0)),
             noise_sd_hu=a.noise, seed=a.seed, manufacturer=a.manufacturer, inserts=[])
# region per insert: within 6 mm (in-plane) of its axis
jj, ii = np.mgrid[0:N, 0:N]
PXX, PYY = x0 + PX * ii, y0 + PX * jj
heartmask2d = (PXX - hx) ** 2 + (PYY - hy) ** 2 <= 50.0 ** 2
results = {}
for conn in (8, 4):
    st = np.ones((3, 3), int) if conn == 8 else ndimage.generate_binary_structure(2, 1)
    comps = []          # all qualifying in-slice components inside the cardiac insert
    for k in range(NZ):
        m = (hu_written[k] >= 130) & heartmask2d
        lab, n = ndimage.label(m, structure=st)
        for c in range(1, n + 1):
            cm = lab == c
            npx = int(cm.sum())
            peak = float(hu_written[k][cm].max())
            cy_, cx_ = ndimage.center_of_mass(cm)
            comps.append(dict(k=k, z=float(zc[k]), npx=npx, area=npx * area_px, peak=peak,
                              x=x0 + PX * cx_, y=y0 + PX * cy_))
    results[conn] = comps

for ins in inserts:
    e = dict(ins)
    for conn in (8, 4):
        near = [c for c in results[conn] if np.hypot(c["x"] - ins["x"], c["y"] - ins["y"]) <= 6.0]
        q = [c for c in near if c["area"] >= 1.0]
        ag = sum(c["area"] * weight(c["peak"]) for c in q)
        e[f"agatston_conn{conn}"] = round(ag, 3)
        if conn == 8:
            e["slices"] = [dict(slice_index=c["k"], z=c["z"], pixels=c["npx"], area_mm2=round(c["area"], 3),
                                peak_hu=c["peak"], weight=weight(c["peak"]), qualifies=c["area"] >= 1.0) for c in near]
            e["volume_all_ge130_mm3"] = round(sum(c["npx"] for c in near) * vox_mm3, 3)
            e["volume_qualifying_mm3"] = round(sum(c["npx"] for c in q) * vox_mm3, 3)
            e["true_volume_mm3"] = round(np.pi * (ins["diameter_mm"] / 2) ** 2 * ins["length_mm"], 3)
    truth["inserts"].append(e)

for conn in (8, 4):
    far = [c for c in results[conn]
           if min(np.hypot(c["x"] - i["x"], c["y"] - i["y"]) for i in inserts) > 6.0]
    truth[f"noise_components_in_cardiac_insert_conn{conn}"] = dict(
        count=len(far), qualifying=sum(c["area"] >= 1.0 for c in far),
        agatston=round(sum(c["area"] * weight(c["peak"]) for c in far if c["area"] >= 1.0), 3))
truth["total_agatston_inserts_conn8"] = round(sum(i["agatston_conn8"] for i in truth["inserts"]), 3)
truth["total_agatston_inserts_conn4"] = round(sum(i["agatston_conn4"] for i in truth["inserts"]), 3)
truth["total_volume_qualifying_mm3"] = round(sum(i["volume_qualifying_mm3"] for i in truth["inserts"]), 3)
truth["total_volume_all_ge130_mm3"] = round(sum(i["volume_all_ge130_mm3"] for i in truth["inserts"]), 3)
# whole-volume >=130 HU outside the cardiac insert (spine, table...) for reference
truth["voxels_ge130_outside_cardiac_insert"] = int(((hu_written >= 130) & ~heartmask2d[None]).sum())
truth["padded_fraction"] = float((~rc).sum() / rc.size)
if a.labels:
    # array (x, y, z) with z ascending; LPS x = x0 + PX*i, y = y0 + PX*j -> RAS (-x, -y, z)
    lab = np.zeros((N, N, NZ), np.uint8)
    region = (PXX - hx) ** 2 + (PYY - hy) ** 2 <= (50.0 + 1.0) ** 2     # (row j, column i)
    lab[region.T] = 2
    affine = np.array([[-PX, 0, 0, -x0], [0, -PX, 0, -y0], [0, 0, DZ, zc[-1]], [0, 0, 0, 1]])
    nib.save(nib.Nifti1Image(lab, affine), a.labels)
with open(a.truth, "w") as f:
    json.dump(truth, f, indent=1)
print(json.dumps({k: v for k, v in truth.items() if k != "inserts"}, indent=1))
for i in truth["inserts"]:
    print(i["name"], "Agatston8", i["agatston_conn8"], "Agatston4", i["agatston_conn4"],
          "vol_q", i["volume_qualifying_mm3"], "vol_all", i["volume_all_ge130_mm3"],
          "slices", [(s["slice_index"], s["pixels"], s["peak_hu"]) for s in i["slices"]])
