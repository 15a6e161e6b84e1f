"""Writes acquisition and storage variants of one real calcium-free chest (NIfTI, nibabel/scipy):
noise added (correlated, as filtered back-projection makes it, and white), slices resampled to 2.5 and 3 mm,
pixels resampled to 0.5 and 0.98 mm, the field of view cropped, other storages (x reversed, rows and columns
swapped, LAS as dcm2niix writes, RAS as nibabel writes), float32 and uint16-with-intercept voxels, and the
sharp-kernel reconstruction raw and smoothed. Every variant is the same patient without coronary calcium:
each should be scored about 0 or refused with its reason (the raw sharp kernel).
Usage: real_ct_variants.py KERNEL_B.nii.gz KERNEL_L.nii.gz OUT_DIR"""
import sys
import numpy as np
import nibabel as nib
from nibabel.orientations import io_orientation, axcodes2ornt, ornt_transform, apply_orientation, inv_ornt_aff
from scipy import ndimage as ndi

src, src_l, out = sys.argv[1], sys.argv[2], sys.argv[3]
im = nib.load(src)
a = np.asarray(im.dataobj).astype(np.float32)  # x, y, z
A = im.affine
im_l = nib.load(src_l)
a_l = np.asarray(im_l.dataobj).astype(np.float32)
rng = np.random.default_rng(7)


def save(name, arr, aff, dtype=np.int16, slope=None, inter=None):
    img = nib.Nifti1Image(np.asarray(arr), aff)
    img.set_data_dtype(dtype)
    if slope is not None:
        img.header.set_slope_inter(slope, inter)
    img.header.set_xyzt_units('mm')
    nib.save(img, f"{out}/{name}.nii.gz")


def hu(arr):
    return np.clip(np.rint(arr), -1024, 3071).astype(np.int16)


body = a > -1000
save("orig", hu(a), A)
for sd in (20, 35, 45):
    n = ndi.gaussian_filter(rng.standard_normal(a.shape).astype(np.float32), (0.8, 0.8, 0))
    save(f"noise{sd}-correlated", hu(a + n * (sd / n.std()) * body), A)
save("noise50-white", hu(a + rng.standard_normal(a.shape).astype(np.float32) * 50 * body), A)
for mm in (2.5, 3.0):
    f = abs(A[2, 2]) / mm
    z = np.arange(0, a.shape[2] - 1 + 1e-6, 1 / f)
    r = ndi.map_coordinates(a, np.meshgrid(np.arange(a.shape[0]), np.arange(a.shape[1]), z, indexing='ij'), order=1)
    aff = A.copy()
    aff[:3, 2] = A[:3, 2] / f
    save(f"slices{mm}mm", hu(r), aff)
for px in (0.5, 0.98):
    f = abs(A[0, 0]) / px
    aff = A.copy()
    aff[:3, 0] = A[:3, 0] / f
    aff[:3, 1] = A[:3, 1] / f
    save(f"pixels{px}mm", hu(ndi.zoom(a, (f, f, 1), order=1)), aff)
c0, c1 = a.shape[0] // 5, a.shape[0] - a.shape[0] // 5
aff = A.copy()
aff[:3, 3] = A[:3, 3] + A[:3, 0] * c0 + A[:3, 1] * c0
save("fov-cropped", hu(a[c0:c1, c0:c1]), aff)
for codes in ("RPS", "PLS", "LAS", "RAS"):
    t = ornt_transform(io_orientation(A), axcodes2ornt(tuple(codes)))
    save(f"stored-{codes}", hu(apply_orientation(a, t)), A @ inv_ornt_aff(t, a.shape))
save("float32", a, A, dtype=np.float32)
save("uint16-intercept", (hu(a).astype(np.int32) + 1024).astype(np.uint16), A, dtype=np.uint16, slope=1.0, inter=-1024.0)
save("kernel-L", hu(a_l), im_l.affine)
save("kernel-L-smoothed", hu(ndi.gaussian_filter(a_l, (1.2, 1.2, 0))), im_l.affine)
