#!/usr/bin/env python3
"""Independent synthetic non-contrast chest CT phantom for coronary calcium (CAC) scoring.

Written from general knowledge of what real calcium-scoring CT shows, without reference to
Calcify's own phantom (no code, docs or parameters of calcify-core's phantom/hybrid packages
were read), so that it can measure how well Calcify generalises to scans it was not tuned on.

Usage:
    /usr/bin/python3 bench/independent_phantom.py --out DIR --count N --seed S \
        [--size 512] [--noise-min 10 --noise-max 50] [--first 0]

Writes DIR/case-0000 ... each with
    ct.nii.gz      int16 HU, axial slices, array index (i, j, k) = (column, row, slice); the affine maps it
                   to RAS mm: columns run to the patient's left, rows to posterior, slices to superior
                   (i.e. the DICOM LPS grid, flipped in x and y for NIfTI's RAS);
    labels.nii.gz  uint8 on the same grid: 0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 non-coronary calcium
                   (aortic wall, aortic valve, mitral annulus). Calcium of costal cartilage, bone and lung
                   granulomas is left 0.
and DIR/truth.csv (case, noise_sd, slice_mm, pixel_mm, n_LM, n_LAD, n_LCX, n_RCA, n_other, then n_slices,
fov_mm, pad_hu, kernel_cutoff_lpmm, planned_coronary_plaques, k_aortic_root, k_mid_heart, k_lung_base
(slice indices of those levels), calcium_kinds (labelled objects by kind), seconds).
Case k is drawn from numpy's default_rng(S * 1000 + k) alone, so it is reproducible by itself.

What is modelled (one case):
  * geometry: 512x512 (or --size), field of view 320-400 mm, slices of 1.0/1.5/2.5/3.0 mm (contiguous),
    z coverage 100-160 mm (50-120 slices) from the lung bases (below the right dome) up past the aortic
    root and pulmonary trunk;
  * body: superellipse trunk flattened at the back, subcutaneous fat (-100 HU), muscle (40-60 HU), optional
    breasts and arms (arms down), a curved carbon-fibre table with foam core under the patient;
  * thorax: pleural cavity with the diaphragm domes (liver under the right, stomach/spleen under the left,
    sometimes a gastric air bubble); lungs (~-850 HU, denser posteriorly) with branching pulmonary arteries
    and veins (vessel trees grown inside the lung; hilar branches brighter) and bronchi (air with a wall);
  * bone: thoracic vertebrae (cortical rim 500-900 HU, trabecular 150-300 HU), discs, posterior arches,
    transverse and spinous processes, spinal canal; ribs as oblique tubes with cortex and marrow running
    round the chest wall and sloping down anteriorly, costal cartilage (~100 HU, occasional 200-500 HU
    specks, label 0), sternum/xiphoid with trabecular interior, scapulae;
  * mediastinum: fat, heart tilted base-to-apex (left, anterior, inferior), built from LV, RV, LA and RA
    ellipsoids; myocardium and blood 35-50 HU (non-contrast); epicardial fat (-100 HU) under the envelope,
    thick in the atrioventricular and interventricular grooves; thin pericardium; aortic root/ascending aorta
    (~30 mm), descending aorta (~25 mm) with a thin wall, pulmonary trunk and arteries, SVC, IVC, esophagus,
    pulmonary veins;
  * coronaries: LM from the left sinus (~10 mm) splitting into LAD (anterior interventricular groove to the
    apex) and LCX (left AV groove), RCA from the right sinus along the right AV groove to the crux and PDA;
    3-4.5 mm vessels at ~40 HU in a sleeve of fat;
  * calcium: 0-8 plaques per case (about 20% of cases none), proximal more often than distal, spotty
    (ellipsoids at the vessel wall) or elongated (crescents along the vessel), 1-8 mm, 150-1000 HU;
    non-coronary calcium (label 5): aortic wall (ascending and descending), aortic valve, mitral annulus;
  * partial volume: every object has an analytic signed distance; its occupancy is a one-pixel linear ramp
    in-plane, and each slice is the mean of 2-4 sub-slices across its thickness;
  * noise: white noise per slice filtered in 2-D frequency by sqrt(|f|) x a Hann window (so the noise power
    spectrum is |f|·W², as in filtered back-projection), scaled to the case's SD (uniform in
    [noise-min, noise-max] HU; that SD is what homogeneous soft tissue shows); mild streaks in some cases;
  * padding: outside the reconstruction circle -1024, or -3024 in some cases (as some scanners pad).

Labels: a plaque's voxels are labelled with its artery where the plaque contributes (its slice-averaged
occupancy > 0.02) and the noise-free HU is >= 130; where two plaques overlap, the one with the larger
occupancy wins. n_<artery> in truth.csv counts plaques with at least one labelled voxel.
"""
import argparse
import csv
import math
import os
import sys
import time

import numpy as np
import nibabel as nib
from scipy import fft as sfft

BIG = np.float32(1.0e4)
F32 = np.float32
LABELS = {'LM': 1, 'LAD': 2, 'LCX': 3, 'RCA': 4, 'other': 5}

FAT, MUSCLE = -100.0, 50.0


def unit(v):
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v)


def perp(v, axis):
    """v with its component along unit vector axis removed, normalised."""
    v = np.asarray(v, float)
    return unit(v - (v @ axis) * axis)


def smin(a, b, k):
    """Polynomial smooth minimum of two signed distances (blend radius k mm)."""
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    return b + (a - b) * h - k * h * (1.0 - h)


def smax(a, b, k):
    return -smin(-a, -b, k)


class Ellipsoid:
    """Ellipsoid with centre c, orthonormal axes (columns of R) and semi-axes ax; approximate signed distance."""

    def __init__(self, c, ax, R=None):
        self.c = np.asarray(c, float)
        self.ax = np.asarray(ax, float)
        self.R = np.eye(3) if R is None else np.asarray(R, float)

    def sd(self, X, Y, Z):
        dx, dy, dz = X - F32(self.c[0]), Y - F32(self.c[1]), Z - F32(self.c[2])
        k0 = 0.0
        k1 = 0.0
        for a in range(3):
            r = self.R[:, a]
            q = (dx * F32(r[0]) + dy * F32(r[1]) + dz * F32(r[2]))
            q0 = q * F32(1.0 / self.ax[a])
            q1 = q * F32(1.0 / self.ax[a] ** 2)
            k0 = k0 + q0 * q0
            k1 = k1 + q1 * q1
        k0 = np.sqrt(k0)
        k1 = np.sqrt(k1)
        return k0 * (k0 - F32(1.0)) / np.maximum(k1, F32(1e-6))

    def bbox(self, pad=0.0):
        ext = np.sqrt(((self.R * self.ax[None, :]) ** 2).sum(axis=1)) + pad
        return self.c - ext, self.c + ext


def superellipse_sd(x, y, a, b_ant, b_post, p_ant, p_post, cx=0.0, cy=0.0):
    """Approximate (radial) signed distance of a 2-D superellipse with different anterior/posterior shape."""
    xx = x - cx
    yy = y - cy
    ant = yy < 0
    b = np.where(ant, b_ant, b_post)
    p = np.where(ant, p_ant, p_post)
    rho = (np.abs(xx / a) ** p + np.abs(yy / b) ** p) ** (1.0 / p)
    r = np.hypot(xx, yy)
    return r * (1.0 - 1.0 / np.maximum(rho, 1e-6))


def ellipse_sd(x, y, cx, cy, a, b):
    xx = (x - cx) / a
    yy = (y - cy) / b
    k0 = np.sqrt(xx * xx + yy * yy)
    k1 = np.sqrt((xx / a) ** 2 + (yy / b) ** 2)
    return k0 * (k0 - 1.0) / np.maximum(k1, 1e-6)


def resample_polyline(pts, step):
    pts = np.asarray(pts, float)
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    n = max(2, int(math.ceil(s[-1] / step)) + 1)
    t = np.linspace(0, s[-1], n)
    return np.stack([np.interp(t, s, pts[:, i]) for i in range(3)], axis=1), t


def smooth_polyline(pts, passes=3):
    p = np.asarray(pts, float).copy()
    for _ in range(passes):
        q = p.copy()
        q[1:-1] = 0.25 * p[:-2] + 0.5 * p[1:-1] + 0.25 * p[2:]
        p = q
    return p


def catmull(ctrl, step=1.0):
    """Smooth curve through control points (Catmull-Rom), resampled every `step` mm."""
    c = np.asarray(ctrl, float)
    c = np.vstack([2 * c[0] - c[1], c, 2 * c[-1] - c[-2]])
    out = []
    for i in range(1, len(c) - 2):
        p0, p1, p2, p3 = c[i - 1], c[i], c[i + 1], c[i + 2]
        n = max(2, int(np.linalg.norm(p2 - p1) / (step * 0.5)))
        for t in np.linspace(0, 1, n, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                              + (-p0 + 3 * p1 - 3 * p2 + p3) * t3))
    out.append(c[-2])
    return resample_polyline(np.array(out), step)[0]


# ----------------------------------------------------------------------------------------------------------
class Volume:
    """Sub-sampled volume (z sub-slices x rows x columns), float32 HU, with render helpers."""

    def __init__(self, n, px, nz, thick, nsub, z0, ox=0.0, oy=0.0):
        self.ox, self.oy = ox, oy
        self.n, self.px, self.nz, self.thick, self.nsub, self.z0 = n, px, nz, thick, nsub, z0
        self.dzs = thick / nsub
        self.nzs = nz * nsub
        self.x = ((np.arange(n) - (n - 1) / 2.0) * px - ox).astype(F32)
        self.y = ((np.arange(n) - (n - 1) / 2.0) * px - oy).astype(F32)
        self.zs = (z0 + (np.arange(self.nzs) + 0.5) * self.dzs).astype(F32)
        self.zc = z0 + (np.arange(nz) + 0.5) * thick
        self.vol = np.full((self.nzs, n, n), -1000.0, dtype=F32)
        self.scr = np.full((self.nzs, n, n), BIG, dtype=F32)
        self.w = F32(px)            # edge ramp width (mm)
        self.invw = F32(1.0 / px)

    def box(self, lo, hi, align=False):
        px = self.px
        i0 = max(0, int(math.floor((lo[0] - self.x[0]) / px)))
        i1 = min(self.n, int(math.ceil((hi[0] - self.x[0]) / px)) + 1)
        j0 = max(0, int(math.floor((lo[1] - self.y[0]) / px)))
        j1 = min(self.n, int(math.ceil((hi[1] - self.y[0]) / px)) + 1)
        m0 = int(math.floor((lo[2] - self.z0) / self.dzs))
        m1 = int(math.ceil((hi[2] - self.z0) / self.dzs)) + 1
        if align:
            m0 = (m0 // self.nsub) * self.nsub
            m1 = -(-m1 // self.nsub) * self.nsub
        m0, m1 = max(0, m0), min(self.nzs, m1)
        if i1 <= i0 or j1 <= j0 or m1 <= m0:
            return None
        return (slice(m0, m1), slice(j0, j1), slice(i0, i1))

    def coords(self, b):
        return (self.x[b[2]][None, None, :], self.y[b[1]][None, :, None], self.zs[b[0]][:, None, None])

    def occ(self, sd):
        o = F32(0.5) - sd * self.invw
        np.maximum(o, F32(0.0), out=o)
        np.minimum(o, F32(1.0), out=o)
        return o

    def blend(self, b, occ, hu):
        v = self.vol[b]
        v += occ * (F32(hu) - v)

    def render_sdf(self, lo, hi, sdf, layers, mask_sdf=None):
        """layers: [(inset_mm, HU), ...] outer first; sdf(X,Y,Z) -> signed distance in the box."""
        b = self.box(lo, hi)
        if b is None:
            return
        X, Y, Z = self.coords(b)
        sd = sdf(X, Y, Z)
        if mask_sdf is not None:
            sd = np.maximum(sd, mask_sdf(X, Y, Z))
        for inset, hu in layers:
            self.blend(b, self.occ(sd + F32(inset)), hu)

    @staticmethod
    def seg_sd(X, Y, Z, a, bpt, ra, rb):
        d = bpt - a
        L2 = max(float(d @ d), 1e-9)
        px_, py_, pz_ = X - F32(a[0]), Y - F32(a[1]), Z - F32(a[2])
        t = (px_ * F32(d[0] / L2) + py_ * F32(d[1] / L2) + pz_ * F32(d[2] / L2))
        np.clip(t, 0.0, 1.0, out=t)
        ex = px_ - t * F32(d[0])
        ey = py_ - t * F32(d[1])
        ez = pz_ - t * F32(d[2])
        return np.sqrt(ex * ex + ey * ey + ez * ez) - (F32(ra) + t * F32(rb - ra))

    def tube_boxes(self, pts, radii, target, pad_extra=0.0):
        """min the tube's signed distance into `target` per segment box; returns the boxes touched."""
        pts = np.asarray(pts, float)
        radii = np.broadcast_to(np.asarray(radii, float), (len(pts),))
        boxes = []
        for i in range(len(pts) - 1):
            a, c = pts[i], pts[i + 1]
            pad = max(radii[i], radii[i + 1]) + 1.5 * self.px + pad_extra
            b = self.box(np.minimum(a, c) - pad, np.maximum(a, c) + pad)
            if b is None:
                continue
            X, Y, Z = self.coords(b)
            sd = self.seg_sd(X, Y, Z, a, c, radii[i], radii[i + 1])
            t = target[b]
            np.minimum(t, sd, out=t)
            boxes.append(b)
        return boxes

    def tube(self, pts, radii, layers):
        """Render a tube along a polyline (radius per point) with layered HU (inset from the surface)."""
        boxes = self.tube_boxes(pts, radii, self.scr)
        for b in boxes:
            sd = self.scr[b]
            for inset, hu in layers:
                self.blend(b, self.occ(sd + F32(inset)), hu)
            self.scr[b] = BIG

    def tube_occ(self, pts, radii):
        """Occupancy of a tube on an output-slice-aligned box (for calcium); returns (box, occ_sub)."""
        pts = np.asarray(pts, float)
        radii = np.broadcast_to(np.asarray(radii, float), (len(pts),))
        pad = radii.max() + 2 * self.px
        b = self.box(pts.min(0) - pad, pts.max(0) + pad, align=True)
        if b is None:
            return None, None
        X, Y, Z = self.coords(b)
        sd = None
        for i in range(len(pts) - 1):
            s = self.seg_sd(X, Y, Z, pts[i], pts[i + 1], radii[i], radii[i + 1])
            sd = s if sd is None else np.minimum(sd, s)
        return b, self.occ(sd)


# ----------------------------------------------------------------------------------------------------------
class Case:
    def __init__(self, rng, size, noise_sd):
        self.rng = rng
        self.N = size
        self.noise_sd = noise_sd
        self.calc = []          # (label, box on the sub-slice grid, occupancy there, kind)
        self.timing = {}

    def U(self, a, b):
        return float(self.rng.uniform(a, b))

    # ----------------------------------------------------------------- parameters and geometry
    def draw(self):
        U, rng = self.U, self.rng
        N = self.N
        self.fov = U(320, 400)
        self.px = self.fov / N
        self.thick = float(rng.choice([1.0, 1.5, 2.5, 3.0]))
        t = self.thick
        nz_lo = int(math.ceil(max(50.0, 100.0 / t)))
        nz_hi = int(math.floor(min(120.0, 160.0 / t)))
        nz_hi = max(nz_hi, nz_lo)
        self.nz = int(rng.integers(nz_lo, nz_hi + 1))
        self.L = self.nz * t
        self.nsub = int(math.ceil(t / 0.75))
        self.pad_hu = -3024 if rng.random() < 0.3 else -1024
        self.kernel_fc = U(0.55, 0.9)          # Hann cutoff (line pairs / mm): soft to standard kernels
        self.streaks = rng.random() < 0.35

        # ---- body (mm; x to patient's left, y posterior, z superior; origin at the body centre, z = 0 at the
        # right dome's peak). The patient lies off the scanner's centre by (ox, oy).
        self.fatf = U(0.4, 1.6)                                   # adiposity factor
        self.a = U(142, 172) + 8 * (self.fatf - 1)
        self.b_ant = U(106, 128) + 8 * (self.fatf - 1)
        self.b_post = self.b_ant + U(0, 10)
        self.p_ant, self.p_post = U(2.0, 2.4), U(2.6, 3.4)
        self.body_cx, self.body_cy = 0.0, 0.0
        self.ox, self.oy = U(-10, 10), U(-20, 5)
        self.f_sc = U(6, 16) * self.fatf                          # subcutaneous fat
        self.f_sc_post = self.f_sc * U(0.6, 0.9)
        # pleural cavity
        self.a_c = self.a - self.f_sc - U(10, 16)
        self.b_ca = self.b_ant - self.f_sc - U(15, 20)
        self.p_ca = U(2.5, 3.0)
        self.y_vb = self.b_post - self.f_sc_post - U(62, 70)      # vertebral body centre
        self.b_cp = self.y_vb + U(22, 30)
        self.vb_rx, self.vb_ry = U(17, 21), U(14, 17)
        self.y_sf = self.y_vb - self.vb_ry                        # anterior surface of the spine
        # diaphragm
        self.z_ld = -U(8, 20)
        self.z_cd = self.z_ld - U(0, 6)
        self.dome_D = U(45, 70)

        # ---- heart frame
        u = unit(np.array([0.66, -0.50, -0.56]) + rng.uniform(-0.07, 0.07, 3))
        v = perp(np.array([-0.87, -0.5, 0.0]) + rng.uniform(-0.1, 0.1, 3), u)
        w = np.cross(u, v)
        if w[2] > 0:
            w = -w
        self.u, self.v, self.w = u, v, w
        self.R_h = np.stack([u, v, w], axis=1)
        hp = dict(hs=U(1.0, 1.15), ry_la=U(17, 21), la_x=U(0, 8), la_y=U(12, 16), la_z=U(45, 55), d_la=U(22, 28),
                  Llv=U(84, 98), Rlv=U(30, 35), la_ax=(U(30, 36), U(20, 25)), ra_off=(U(10, 16), U(1.15, 1.35), U(0, 8)),
                  ra_ax=(U(25, 29), U(26, 31), U(28, 34)))
        for it in range(12):
            self._build_heart(hp)
            worst = self._heart_outside()
            if worst < -1.0:
                break
            if self.b_ca < self.b_ant - self.f_sc - 11:
                self.b_ca = min(self.b_ant - self.f_sc - 11, self.b_ca + worst + 2)
            else:
                hp['hs'] *= 0.96
        self.hs = hp['hs']
        # the heart rests on the diaphragm: the dome rises to meet its inferior surface (footprint ellipse)
        lo = np.min([e.bbox()[0] for e in (self.LV, self.RV)], axis=0)
        hi = np.max([e.bbox()[1] for e in (self.LV, self.RV)], axis=0)
        g = [np.arange(lo[i], hi[i], 2.0) for i in range(3)]
        X, Y, Z = np.meshgrid(*g, indexing='ij')
        X, Y, Z = X.ravel().astype(F32), Y.ravel().astype(F32), Z.ravel().astype(F32)
        ins = self.E(X, Y, Z) < 0
        Xi, Yi, Zi = X[ins], Y[ins], Z[ins]
        self.heart_bottom = float(Zi.min())
        low = Zi < self.heart_bottom + 12
        self.fp = (float(Xi[low].mean()), float(Yi[low].mean()), float(np.ptp(Xi[low])) / 2 + 8,
                   float(np.ptp(Yi[low])) / 2 + 8)
        # the right atrium and the IVC sit on the right dome
        self.fp_ra = (self.RA_c[0], self.RA_c[1], self.RA.ax[0] * 0.8, self.RA.ax[1] * 0.8,
                      self.RA_c[2] - self.RA.ax[2])
        # grooves / fat
        self.s_av = U(-2, 3)
        self.t_sep = self.Rlv * U(0.72, 0.85)
        self.g0 = U(0.4, 1.2) * self.fatf
        self.D_av = U(7, 11) * (0.5 + 0.5 * self.fatf)
        self.D_iv = U(5, 8) * (0.5 + 0.5 * self.fatf)
        self.peri = U(0.8, 2.0)
        self.fat_out = self.peri + U(1.0, 4.0) * self.fatf

        # ---- great vessels
        self.AV = self.Bc + v * U(20, 26) * self.hs - w * U(6, 12) - u * U(0, 5)
        d_ao = unit([U(-0.35, -0.15), U(-0.3, -0.1), 1.0])
        self.r_ao = U(14, 17.5)
        self.sinus_c = self.AV + d_ao * 10
        self.d_ao = d_ao
        top = 400.0
        p1 = self.AV + d_ao * 18
        p2 = p1 + np.array([U(-8, -3), U(-5, 0), 25.0])
        self.ao_pts = catmull([self.AV - d_ao * 3, self.AV + d_ao * 8, p1, p2,
                               np.array([p2[0] - U(0, 4), p2[1] + U(-3, 3), top])], 3.0)
        zz = self.ao_pts[:, 2] - self.AV[2]
        self.ao_r = np.interp(zz, [-5, 0, 10, 22, 40], [self.r_ao - 3, self.r_ao - 2, self.r_ao + 1.5,
                                                         self.r_ao, self.r_ao])
        self.r_dao = U(11, 14)
        xd = self.vb_rx * 0.7 + self.r_dao
        yd = self.y_vb - self.vb_ry * 0.8 - self.r_dao * 0.3
        self.dao_pts = catmull([[xd - U(0, 2), yd, 400.0], [xd, yd, 100.0], [xd - 4, yd - 3, -40.0],
                                [xd - 10, yd - 8, -200.0]], 4.0)
        self.PV = self.AV + np.array([U(14, 20), U(-22, -16), U(10, 16)])
        self.P_bif = self.PV + np.array([U(-2, 6), U(20, 28), U(22, 32)])
        self.hil_L = np.array([U(48, 60), self.y_sf - U(-5, 10), self.P_bif[2] - U(5, 12)])
        self.hil_R = np.array([-U(45, 55), self.y_sf - U(5, 18), self.P_bif[2] - U(8, 15)])
        self.pa_pts = catmull([self.Bc + u * 22 + v * self.Rlv * 0.9 - w * self.Rlv * 0.8, self.PV,
                               self.PV + (self.P_bif - self.PV) * 0.5, self.P_bif], 2.5)
        self.pa_r = np.interp(np.arange(len(self.pa_pts)), [0, len(self.pa_pts) - 1], [14, U(13, 15)])
        self.lpa_pts = catmull([self.P_bif, self.P_bif + np.array([22, 12, 2]), self.hil_L], 2.5)
        ao_at_bif = self.ao_pts[np.argmin(np.abs(self.ao_pts[:, 2] - self.P_bif[2]))]
        self.rpa_pts = catmull([self.P_bif, np.array([ao_at_bif[0] + 3, ao_at_bif[1] + self.r_ao + 9,
                                                      self.P_bif[2] - 4]), self.hil_R], 2.5)
        self.svc_pts = catmull([[ao_at_bif[0] - self.r_ao - U(10, 14), ao_at_bif[1] + U(0, 8), 400.0],
                                [ao_at_bif[0] - self.r_ao - 12, ao_at_bif[1] + 4, self.RA_c[2] + 40],
                                self.RA_c + np.array([0, 0, self.RA.ax[2] * 0.6])], 3.0)
        self.ivc_pts = catmull([[self.RA_c[0] + 12, self.y_sf - 30, -200.0],
                                [self.RA_c[0] + 8, self.y_sf - 30, -20.0],
                                self.RA_c + np.array([0, 4, -self.RA.ax[2] * 0.6])], 3.0)
        self.eso_pts = catmull([[U(0, 8), self.y_sf - 8, 400.0], [U(2, 8), self.y_sf - 9, 40.0],
                                [xd - 8, yd - 22, -30.0], [xd + 15, yd - 40, -200.0]], 4.0)
        self.eso_air = rng.random() < 0.5
        # pulmonary veins: to the LA's lateral sides
        self.pv_roots = []
        for side in (-1, 1):
            for dz in (-8, 9):
                o = self.LA_c + np.array([side * (self.LA.ax[0] - 6), 4, dz])
                p = o + np.array([side * U(18, 26), U(4, 12), dz * 0.6])
                self.pv_roots.append((o, p, side))
        # airways
        self.carina = np.array([U(-4, 2), self.y_sf - U(10, 16), self.P_bif[2] + U(8, 25)])

        # ---- coronaries (paths computed on the envelope)
        self._coronaries()

    def _build_heart(self, hp):
        u, v, w = self.u, self.v, self.w
        hs = hp['hs']
        ry_la = hp['ry_la'] * hs
        self.LA_c = np.array([hp['la_x'], self.y_sf - hp['la_y'] - ry_la, hp['la_z']])
        self.Bc = self.LA_c + u * hp['d_la'] * hs
        Llv, Rlv = hp['Llv'] * hs, hp['Rlv'] * hs
        self.Llv, self.Rlv = Llv, Rlv
        self.LV = Ellipsoid(self.Bc + u * Llv * 0.48, [Llv * 0.55, Rlv, Rlv * 0.9], self.R_h)
        self.LVc = Ellipsoid(self.Bc + u * Llv * 0.45, [Llv * 0.42, Rlv - 10, Rlv * 0.9 - 10], self.R_h)
        self.RV = Ellipsoid(self.Bc + u * Llv * 0.36 + v * Rlv * 0.9 + w * Rlv * 0.05,
                            [Llv * 0.47, Rlv * 0.8, Rlv * 1.0], self.R_h)
        self.RVc = Ellipsoid(self.RV.c + v * 1.5, [Llv * 0.43, Rlv * 0.8 - 5, Rlv * 1.0 - 5], self.R_h)
        self.LA = Ellipsoid(self.LA_c, [hp['la_ax'][0] * hs, ry_la, hp['la_ax'][1] * hs])
        self.LAc = Ellipsoid(self.LA_c, [self.LA.ax[0] - 2.5, self.LA.ax[1] - 2.5, self.LA.ax[2] - 2.5])
        self.RA_c = self.Bc - u * hp['ra_off'][0] * hs + v * Rlv * hp['ra_off'][1] + w * hp['ra_off'][2] * hs
        self.RA = Ellipsoid(self.RA_c, np.array(hp['ra_ax']) * hs)
        self.RAc = Ellipsoid(self.RA_c, self.RA.ax - 2.5)

    def _heart_outside(self):
        """How far (mm) the heart envelope reaches outside the pleural cavity (negative: inside)."""
        lo = np.min([e.bbox()[0] for e in (self.LV, self.RV, self.LA, self.RA)], axis=0)
        hi = np.max([e.bbox()[1] for e in (self.LV, self.RV, self.LA, self.RA)], axis=0)
        g = [np.arange(lo[i], hi[i], 3.0) for i in range(3)]
        X, Y, Z = np.meshgrid(*g, indexing='ij')
        X, Y, Z = X.ravel().astype(F32), Y.ravel().astype(F32), Z.ravel().astype(F32)
        inside = (self.E(X, Y, Z) < 0) & (Y < self.LA_c[1])      # the posterior (atrial) side lies on the spine
        return float(self.cavity_sd2(X[inside], Y[inside]).max()) + 4.0

    # envelope of the heart (signed distance), and groove depth
    def E(self, X, Y, Z):
        e = self.LV.sd(X, Y, Z)
        e = smin(e, self.RV.sd(X, Y, Z), F32(8.0))
        e = smin(e, self.LA.sd(X, Y, Z), F32(8.0))
        e = smin(e, self.RA.sd(X, Y, Z), F32(10.0))
        return e

    def heart_frame(self, X, Y, Z):
        dx, dy, dz = X - F32(self.Bc[0]), Y - F32(self.Bc[1]), Z - F32(self.Bc[2])
        u, v, w = self.u, self.v, self.w
        s = dx * F32(u[0]) + dy * F32(u[1]) + dz * F32(u[2])
        t = dx * F32(v[0]) + dy * F32(v[1]) + dz * F32(v[2])
        r = dx * F32(w[0]) + dy * F32(w[1]) + dz * F32(w[2])
        return s, t, r

    def groove(self, X, Y, Z):
        s, t, r = self.heart_frame(X, Y, Z)
        g_av = F32(self.D_av) * np.exp(-((s - F32(self.s_av)) * F32(1 / 6.5)) ** 2)
        vent = F32(1.0) / (F32(1.0) + np.exp(-(s - F32(self.s_av + 6)) * F32(0.25)))
        g_iv = F32(self.D_iv) * np.exp(-((t - F32(self.t_sep)) * F32(1 / 5.5)) ** 2) * vent
        return F32(self.g0) + np.maximum(g_av, g_iv)

    def _ray_surface(self, origins, dirs, depth_frac):
        """Per ray, the distance rho where E + depth_frac*g = 0 (bisection); NaN when not bracketed."""
        lo = np.zeros(len(origins))
        hi = np.full(len(origins), 140.0)

        def f(rho):
            P = origins + dirs * rho[:, None]
            X, Y, Z = (P[:, 0].astype(F32), P[:, 1].astype(F32), P[:, 2].astype(F32))
            return self.E(X, Y, Z) + depth_frac * self.groove(X, Y, Z)

        flo, fhi = f(lo), f(hi)
        ok = (flo < 0) & (fhi > 0)
        for _ in range(40):
            mid = 0.5 * (lo + hi)
            fm = f(mid)
            neg = fm < 0
            lo = np.where(neg, mid, lo)
            hi = np.where(neg, hi, mid)
        rho = 0.5 * (lo + hi)
        rho[~ok] = np.nan
        return rho

    def _coronaries(self):
        U = self.U
        u, v, w = self.u, self.v, self.w
        dep = 0.5
        # AV ring: direction(phi) = cos(phi)(-w) + sin(phi)(-v): 0 anterior-superior, 90 left, 180 crux, 270 right
        phis = np.radians(np.arange(0, 360, 4.0))
        dirs = np.cos(phis)[:, None] * (-w)[None] + np.sin(phis)[:, None] * (-v)[None]
        orig = np.repeat((self.Bc + u * self.s_av)[None], len(phis), 0)
        rho = self._ray_surface(orig, dirs, dep)
        ring = orig + dirs * rho[:, None]
        deg = np.degrees(phis)

        def ring_arc(a0, a1):
            a = np.arange(a0, a1 + (1 if a1 >= a0 else -1), 4 if a1 >= a0 else -4) % 360
            idx = (a / 4).astype(int)
            pts = ring[idx]
            return pts[~np.isnan(pts[:, 0])]

        # anterior IV groove (LAD), posterior IV groove (PDA)
        ss = np.arange(self.s_av + 6, self.Llv * 1.2, 3.0)

        def iv(sign):
            o = self.Bc[None] + ss[:, None] * u[None] + self.t_sep * v[None]
            d = np.repeat((sign * w)[None], len(ss), 0)
            r = self._ray_surface(o, d, dep)
            p = o + d * r[:, None]
            return p[~np.isnan(p[:, 0])]

        ant = iv(-1.0)
        post = iv(1.0)
        # apex point: beyond the last groove point along the long axis, on the surface
        apex_o = self.Bc + u * self.Llv * 0.6
        apex_r = self._ray_surface(apex_o[None], u[None], dep)[0]
        apex = apex_o + u * (apex_r if np.isfinite(apex_r) else self.Llv * 0.45)

        # ostia
        sc = self.sinus_c
        rs = self.r_ao + 1.5
        dL = perp([1.0, U(0.1, 0.5), 0.0], self.d_ao)
        dR = perp([U(-0.6, -0.2), -1.0, 0.0], self.d_ao)
        oL = sc + self.d_ao * U(1, 4) + dL * (rs - 1.5)
        oR = sc + self.d_ao * U(-3, 1) + dR * (rs - 1.5)
        # LM
        lm_len = U(7, 14)
        bif = oL + perp(dL + np.array([0.0, -0.25, -0.35]), self.d_ao) * lm_len
        self.lm_pts = catmull([oL - dL * 2.5, oL + dL * 3, bif], 1.0)
        # LAD: bifurcation -> top of the anterior IV groove -> apex -> a little round it
        lad_ctrl = [bif, bif * 0.5 + ant[0] * 0.5 + np.array([0, -3, 0])] + list(ant[::2]) + [apex]
        self.lad_pts = catmull(lad_ctrl, 1.0)
        # LCX: bifurcation -> left AV groove, round to the posterolateral wall
        a0 = U(60, 75)
        a1 = U(140, 175)
        lcx_ring = ring_arc(int(a0 // 4 * 4), int(a1 // 4 * 4))
        self.lcx_pts = catmull([bif] + list(lcx_ring[::2]), 1.0)
        # RCA: right ostium -> right AV groove (anterior) -> round the acute margin -> crux -> PDA
        r0 = 300 + U(-8, 8)
        rca_ring = ring_arc(int(r0 // 4 * 4), 184)
        pda = post[: max(2, int(len(post) * U(0.3, 0.6)))]
        ctrl = [oR - dR * 2.5, oR + dR * 4] + list(rca_ring[::2]) + list(pda[::2])
        self.rca_pts = catmull(ctrl, 1.0)
        self.mitral_ring = (self.Bc + u * (self.s_av - 2), U(13, 17) * self.hs)

        def taper(pts, r0, r1):
            s = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
            return r0 + (r1 - r0) * s / max(s[-1], 1.0), s

        self.cor = {}
        self.cor['LM'] = (self.lm_pts, *taper(self.lm_pts, U(2.0, 2.4), U(1.9, 2.2)))
        self.cor['LAD'] = (self.lad_pts, *taper(self.lad_pts, U(1.6, 2.0), 0.8))
        self.cor['LCX'] = (self.lcx_pts, *taper(self.lcx_pts, U(1.5, 1.9), 1.0))
        self.cor['RCA'] = (self.rca_pts, *taper(self.rca_pts, U(1.7, 2.2), 1.0))

    # ----------------------------------------------------------------- helpers on 2-D fields
    def cavity_sd2(self, x, y):
        sd = superellipse_sd(x, y, self.a_c, self.b_ca, self.b_cp, self.p_ca, 2.8, self.body_cx, self.body_cy)
        spine = ellipse_sd(x, y, self.body_cx, self.body_cy + self.y_vb + 20, self.vb_rx + 8, 36.0)
        spine = np.minimum(spine, ellipse_sd(x, y, self.body_cx, self.body_cy + self.y_vb,
                                             self.vb_rx + 3, self.vb_ry + 3))
        return smax(sd, -spine, 6.0)

    def dome2(self, x, y):
        xx, yy = x - self.body_cx, y - self.body_cy
        D = self.dome_D
        r = 0.0 - D * (((xx + 0.45 * self.a_c) / (0.75 * self.a_c)) ** 2 + ((yy + 10) / (0.9 * self.b_cp)) ** 2)
        l = self.z_ld - D * (((xx - 0.45 * self.a_c) / (0.75 * self.a_c)) ** 2 + (yy / (0.9 * self.b_cp)) ** 2)
        c = self.z_cd - 0.6 * D * ((xx / (0.6 * self.a_c)) ** 2 + ((yy + 20) / self.b_cp) ** 2)
        dome = np.maximum(np.maximum(r, l), c)
        dome = dome - 25.0 * np.clip(yy / self.b_cp, 0, 1) ** 2
        fx, fy, fa, fb = self.fp
        q = ((xx - fx) / fa) ** 2 + ((yy - fy) / fb) ** 2
        plateau = self.heart_bottom - self.fat_out - 1.5 - 30.0 * np.clip(q - 1.0, 0, None)
        rx, ry, ra, rb, rz = self.fp_ra
        q = ((xx - rx) / ra) ** 2 + ((yy - ry) / rb) ** 2
        plateau = np.maximum(plateau, rz - self.fat_out - 6.0 - 30.0 * np.clip(q - 1.0, 0, None))
        return np.maximum(dome, plateau)

    def med_lookup(self, P):
        V = self.V
        i = np.clip(np.round((P[:, 0] - V.x[0]) / V.px).astype(int), 0, V.n - 1)
        j = np.clip(np.round((P[:, 1] - V.y[0]) / V.px).astype(int), 0, V.n - 1)
        m = np.clip(np.floor((P[:, 2] - V.z0) / V.dzs).astype(int), 0, V.nzs - 1)
        return self.med[m, j, i]

    def lung_sd_pts(self, P):
        P = np.atleast_2d(P)
        x, y, z = P[:, 0] - 0.0, P[:, 1], P[:, 2]
        cav = self.cavity_sd2(x, y)
        dome = self.dome2(x, y) - z
        return np.maximum(np.maximum(cav, dome), -self.med_lookup(P))

    # ----------------------------------------------------------------- rendering
    def render(self):
        t0 = time.time()
        U, rng = self.U, self.rng
        # scan range: the top at least 25 mm above the aortic valve (past the coronary ostia), the bottom
        # 8-35 mm below the heart's inferior surface (the lung bases) when the coverage allows
        top_min = self.AV[2] + 25.0
        bot_max = self.heart_bottom - 8.0
        lo = top_min - self.L
        if lo <= bot_max:
            z0 = U(max(lo, bot_max - 27.0), bot_max)
        else:
            z0 = 0.5 * (lo + bot_max)
        self.zlo = z0
        V = Volume(self.N, self.px, self.nz, self.thick, self.nsub, z0, self.ox, self.oy)
        self.V = V
        n = V.n
        X2, Y2 = V.x[None, :], V.y[:, None]
        bx, by = self.body_cx, self.body_cy

        # ---- 2-D base image: air, table, body fat, muscle, cavity fill (fat)
        base = np.full((n, n), -1000.0, dtype=F32)

        def b2(occ, hu):
            base[...] += occ * (F32(hu) - base)

        occ2 = lambda sd: np.clip(0.5 - sd / self.px, 0, 1).astype(F32)
        yb_post = by + self.b_post
        # table: curved carbon plates with foam core, on a thin mattress
        ygap = U(0, 4)
        mat = U(0, 8)
        ytop = yb_post + ygap + mat
        curve = U(3e-4, 8e-4)
        ysurf = ytop - curve * X2 ** 2
        width = U(200, 240)
        thick = U(25, 45)
        tsk = U(1.5, 3.0)
        inx = np.abs(X2) - width
        if mat > 1:
            b2(occ2(np.maximum(np.maximum(ysurf - mat - Y2, Y2 - ysurf), np.abs(X2) - width + 10)), U(-800, -600))
        b2(occ2(np.maximum(np.maximum(ysurf - Y2, Y2 - (ysurf + thick)), inx)), U(250, 500))
        b2(occ2(np.maximum(np.maximum(ysurf + tsk - Y2, Y2 - (ysurf + thick - tsk)), inx + tsk)), U(-950, -850))
        if rng.random() < 0.5:   # rails / lower structure
            for sx in (-1, 1):
                b2(occ2(ellipse_sd(X2, Y2, sx * width * 0.75, ysurf[0, n // 2] + thick + 8, 12, 8)), U(150, 400))
        # body
        body_sd = superellipse_sd(X2, Y2, self.a, self.b_ant, self.b_post, self.p_ant, self.p_post, bx, by)
        # flatten the back where it lies on the table
        body_sd = np.maximum(body_sd, Y2 - (ysurf - mat - ygap + 0.5))
        self.arms = rng.random() < 0.25
        arm_sd = None
        if self.arms:
            ra = U(38, 50)
            for sx in (-1, 1):
                cxa = bx + sx * (self.a + U(4, 15) + ra)
                cya = by + U(-5, 25)
                e = ellipse_sd(X2, Y2, cxa, cya, ra, ra * U(1.0, 1.2))
                arm_sd = e if arm_sd is None else np.minimum(arm_sd, e)
                self.__dict__.setdefault('arm_c', []).append((cxa, cya, ra))
        b2(occ2(body_sd), FAT)
        if arm_sd is not None:
            b2(occ2(arm_sd), FAT)
            for (cxa, cya, ra) in self.arm_c:
                b2(occ2(ellipse_sd(X2, Y2, cxa, cya, ra - self.f_sc * 0.7, ra * 1.1 - self.f_sc * 0.7)),
                   U(40, 60))
                hx, hy = cxa + U(-5, 5), cya + U(-5, 5)
                b2(occ2(ellipse_sd(X2, Y2, hx, hy, 11, 11)), U(900, 1300))
                b2(occ2(ellipse_sd(X2, Y2, hx, hy, 8, 8)), U(-20, 80))
        fpost = self.f_sc_post
        fsc = np.where(Y2 - by > 0, fpost, self.f_sc).astype(F32)
        musc = U(40, 60)
        self.musc_hu = musc
        b2(occ2(body_sd + fsc), musc)
        # an intermuscular fat plane in the back muscles
        if rng.random() < 0.6:
            sdm = superellipse_sd(X2, Y2, self.a - fsc - 12, self.b_ant, self.b_post - fpost - 12,
                                  self.p_ant, self.p_post, bx, by)
            b2(occ2(np.abs(sdm) - 1.0) * (Y2 > by + 20), FAT)
        cav2 = self.cavity_sd2(X2, Y2).astype(F32)
        b2(occ2(cav2), FAT * 0.9)
        V.vol[...] = base[None]
        self.body_sd2 = body_sd
        del base

        # ---- mediastinum signed distance (lungs stop where it is < 0)
        self.med = np.full((V.nzs, n, n), BIG, dtype=F32)
        med = self.med
        # heart: envelope and groove stored on its box
        lo = np.min([e.bbox()[0] for e in (self.LV, self.RV, self.LA, self.RA)], axis=0) - 12
        hi = np.max([e.bbox()[1] for e in (self.LV, self.RV, self.LA, self.RA)], axis=0) + 12
        hb = V.box(lo, hi)
        self.hb = hb
        if hb is not None:
            X, Y, Z = V.coords(hb)
            self.hE = np.empty(med[hb].shape, F32)
            self.hG = np.empty(med[hb].shape, F32)
            step = 16
            for m0 in range(0, self.hE.shape[0], step):
                Zc = Z[m0:m0 + step]
                self.hE[m0:m0 + step] = self.E(X, Y, Zc)
                self.hG[m0:m0 + step] = self.groove(X, Y, Zc)
            np.minimum(med[hb], self.hE - F32(self.fat_out), out=med[hb])
        V.tube_boxes(self.ao_pts, self.ao_r + 2.5, med)
        V.tube_boxes(self.dao_pts, self.r_dao + 1.5, med)
        V.tube_boxes(self.pa_pts, self.pa_r + 2.5, med)
        V.tube_boxes(self.lpa_pts, 11.0, med)
        V.tube_boxes(self.rpa_pts, 11.0, med)
        V.tube_boxes(self.svc_pts, 12.0, med)
        V.tube_boxes(self.ivc_pts, 13.0, med)
        V.tube_boxes(self.eso_pts, 10.0, med)
        for o, p, s in self.pv_roots:
            V.tube_boxes([o, p], 8.0, med)
        # posterior mediastinum column and prevascular fat
        col_lo = np.array([bx - 25, by + self.y_sf - 30, -500])
        col_hi = np.array([bx + 35, by + self.y_sf + 5, 500])
        b = V.box(col_lo, col_hi)
        if b is not None:
            X, Y, Z = V.coords(b)
            e = ellipse_sd(X, Y + Z * 0, bx + 6, by + self.y_sf - 10, 20, 13).astype(F32)
            np.minimum(med[b], e, out=med[b])
        ao_top = self.ao_pts[np.argmin(np.abs(self.ao_pts[:, 2] - (self.AV[2] + 40)))]
        y_st = by - self.b_ca - 7
        b = V.box(np.array([-300, -300, self.AV[2] + 5]), np.array([300, 300, 500]))
        if b is not None:
            X, Y, Z = V.coords(b)
            cyv = 0.5 * (ao_top[1] + y_st)
            e = ellipse_sd(X, Y, ao_top[0] + 12, cyv, 26, abs(ao_top[1] - y_st) / 2 + 4)
            e = np.maximum(e, (self.AV[2] + 15 - Z) / 3.0).astype(F32)
            np.minimum(med[b], e, out=med[b])
        self.timing['med'] = time.time() - t0

        # ---- abdomen under the domes and lungs, per slab
        dome = self.dome2(X2, Y2).astype(F32)
        gy, gx = np.gradient(dome, V.px)
        inv_norm = (1.0 / np.sqrt(1 + gx * gx + gy * gy)).astype(F32)
        xx, yy = X2 - bx, Y2 - by
        # liver on the right (its left lobe reaching across anteriorly), stomach anterior-left, spleen
        # posterior-left, with fat between them
        xb = 10.0 - 40.0 * np.clip(yy / self.b_ca, -1.2, 1.0) + 12.0 * np.sin(yy / 23.0 + self.U(0, 6))
        liver = np.clip(0.5 - (xx - xb) / V.px, 0, 1)
        liver_hu = U(52, 65)
        spl = np.clip(0.5 + (yy - 0.15 * self.b_cp) / 4.0, 0, 1)
        left = spl * U(40, 50) + (1 - spl) * U(20, 38)
        abd = liver * liver_hu + (1 - liver) * left
        gap = np.clip(1.0 - np.abs(xx - xb - 2.5) / 2.5, 0, 1) * U(0.4, 1.0)
        abd = (abd + gap * (FAT - abd)).astype(F32)
        cav_occ = np.clip(0.5 - cav2 / V.px, 0, 1).astype(F32)
        lung_hu = U(-880, -820)
        lung2 = (lung_hu + 50.0 * np.clip((yy + self.b_ca) / (self.b_ca + self.b_cp), 0, 1)).astype(F32)
        for m0 in range(0, V.nzs, 16):
            sl = slice(m0, min(V.nzs, m0 + 16))
            Z = V.zs[sl][:, None, None]
            v = V.vol[sl]
            dsd = (dome[None] - Z) * inv_norm[None]                       # > 0 below the dome
            below = np.clip(0.5 + dsd / V.px, 0, 1) * cav_occ[None]
            v += below * (abd[None] - v)
            lsd = np.maximum(np.maximum(cav2[None], dsd), -med[sl])
            lo_ = V.occ(lsd)
            v += lo_ * (lung2[None] - v)
        # gastric bubble under the left dome
        if rng.random() < 0.45:
            c = np.array([bx + 0.45 * self.a_c, by - U(0, 30), self.z_ld - U(18, 28)])
            g = Ellipsoid(c, [U(25, 40), U(20, 35), U(15, 25)])
            yl = c[1] + U(-5, 10)

            def gsd(X, Y, Z):
                ins = np.maximum(g.sd(X, Y, Z), (Z - (self.dome2(X, Y) - 4)) / 1.5)
                return ins

            def air(X, Y, Z):
                return np.maximum(gsd(X, Y, Z) + 3, Y - yl)

            lo, hi = g.bbox(2)
            V.render_sdf(lo, hi, gsd, [(0, U(20, 40))])
            V.render_sdf(lo, hi, air, [(0, -1000)])
        self.timing['lungs'] = time.time() - t0

        self._heart()
        self.timing['heart'] = time.time() - t0
        self._lung_trees()
        self.timing['trees'] = time.time() - t0
        self._bones()
        self.timing['bones'] = time.time() - t0
        self._breasts()
        self._calcium()
        self.timing['calcium'] = time.time() - t0
        del self.med
        V.scr = None

    def _breasts(self):
        if self.rng.random() >= 0.35:
            return
        U, V = self.U, self.V
        zc = self.zlo + self.L * U(0.3, 0.7)
        for sx in (-1, 1):
            ax = np.array([U(55, 75), U(28, 45), U(45, 60)])
            c = np.array([sx * U(55, 75), -self.b_ant + ax[1] - U(10, 25), zc + U(-5, 5)])
            rot = math.radians(sx * U(10, 30))
            R = np.array([[math.cos(rot), -math.sin(rot), 0], [math.sin(rot), math.cos(rot), 0], [0, 0, 1]])
            e = Ellipsoid(c, ax, R)
            g = Ellipsoid(c + np.array([0, -ax[1] * 0.3, 0]), e.ax * U(0.35, 0.6), R)
            lo, hi = e.bbox(2)
            outside = lambda X, Y, Z: -(superellipse_sd(X, Y, self.a, self.b_ant, self.b_post, self.p_ant,
                                                         self.p_post, self.body_cx, self.body_cy) + self.f_sc)
            V.render_sdf(lo, hi, e.sd, [(0, FAT)], mask_sdf=outside)
            lo, hi = g.bbox(2)
            V.render_sdf(lo, hi, g.sd, [(0, U(15, 40))], mask_sdf=outside)

    def _heart(self):
        U, V = self.U, self.V
        hb = self.hb
        musc = U(42, 50)
        peri_hu = U(-40, 30)
        blood = U(35, 44)
        self.blood = blood
        # descending aorta and esophagus first (behind the heart)
        wall = U(40, 50)
        V.tube(self.dao_pts, self.r_dao, [(0, wall), (1.3, blood)])
        eso_layers = [(0, U(30, 45))]
        if self.eso_air:
            eso_layers.append((5.5, -1000))
        V.tube(self.eso_pts, 7.0, eso_layers)
        V.tube(self.ivc_pts, 11.0, [(0, blood)])
        if hb is not None:
            E, G = self.hE, self.hG
            X, Y, Z = V.coords(hb)
            step = 16
            for m0 in range(0, E.shape[0], step):
                sl = slice(hb[0].start + m0, min(hb[0].stop, hb[0].start + m0 + step))
                b = (sl, hb[1], hb[2])
                e = E[m0:m0 + step]
                g = G[m0:m0 + step]
                Zc = Z[m0:m0 + step]
                V.blend(b, V.occ(e - F32(self.fat_out)), FAT)
                V.blend(b, V.occ(np.abs(e - F32(self.peri)) - F32(0.5)), peri_hu)
                V.blend(b, V.occ(e + g), musc)
                inner = None
                for c in (self.LVc, self.RVc, self.LAc, self.RAc):
                    sd = c.sd(X, Y, Zc)
                    inner = sd if inner is None else np.minimum(inner, sd)
                V.blend(b, V.occ(np.maximum(inner, e + g + F32(1.5))), blood)
            self.hE = self.hG = None
        # fat sleeves round the coronaries
        for name, (pts, r, s) in self.cor.items():
            V.tube(pts, r + U(2.5, 4.0), [(0, FAT)])
        # great vessels
        V.tube(self.pa_pts, self.pa_r, [(0, musc), (2.0, blood)])
        V.tube(self.lpa_pts, 10.0, [(0, blood)])
        V.tube(self.rpa_pts, 10.0, [(0, blood)])
        V.tube(self.svc_pts, 10.0, [(0, blood)])
        V.tube(self.ao_pts, self.ao_r, [(0, wall), (1.8, blood)])
        for o, p, s in self.pv_roots:
            V.tube([o, p], 6.5, [(0, blood)])
        for name, (pts, r, s) in self.cor.items():
            V.tube(pts, r, [(0, blood + U(-3, 5))])

    # ----------------------------------------------------------------- lung vessels and airways
    def _grow(self, root, d0, r0, min_r, max_segs, bias_from, out):
        """Grow a branching tree of tube segments inside the lung (depth first, Murray-like radii)."""
        rng = self.rng
        stack = [(np.asarray(root, float), unit(d0), r0, 0)]
        count = 0
        while stack and count < max_segs:
            p, d, r, gen = stack.pop()
            L = max(4.0, r * rng.uniform(5, 9))
            q = None
            for attempt in range(4):
                dd = d if attempt == 0 else unit(d + rng.normal(0, 0.5, 3))
                cand = p + dd * L
                mid = p + dd * L * 0.6
                lsd = self.lung_sd_pts(np.stack([cand, mid]))
                if gen < 2 or (lsd[0] < -r and lsd[1] < -0.5 * r):
                    q, d = cand, dd
                    break
            if q is None:
                continue
            out.append((p, q, r, r * 0.92, gen))
            count += 1
            if r * 0.7 < min_r:
                continue
            nchild = 2 if rng.random() < 0.85 else 3
            out_dir = unit(q - bias_from)
            for c in range(nchild):
                rc = r * (rng.uniform(0.75, 0.88) if c == 0 else rng.uniform(0.55, 0.75))
                ang = np.radians(rng.uniform(10, 25) if c == 0 else rng.uniform(30, 60))
                a = unit(np.cross(d, rng.normal(size=3)))
                dc = unit(d * math.cos(ang) + a * math.sin(ang) + 0.35 * out_dir)
                stack.insert(0, (q, dc, rc, gen + 1))

    def _lung_trees(self):
        U, V, rng = self.U, self.V, self.rng
        blood = self.blood
        segs = []
        # arteries from the hila
        for side, hil, pa_end in ((1, self.hil_L, self.lpa_pts[-1]), (-1, self.hil_R, self.rpa_pts[-1])):
            dirs = [np.array([side * 0.6, 0.2, 0.9]), np.array([side * 0.9, -0.5, -0.1]),
                    np.array([side * 0.5, 0.5, -0.8]), np.array([side * 0.4, -0.2, -0.9]),
                    np.array([side * 0.8, 0.4, -0.5]), np.array([side * 0.6, -0.6, 0.5]),
                    np.array([side * 0.7, 0.6, 0.2]), np.array([side * 0.3, 0.8, -0.5])]
            for d in dirs:
                segs_t = []
                self._grow(hil + rng.normal(0, 2, 3), d, U(4.0, 6.0), 0.55, 220, hil, segs_t)
                segs += [(s, 'a') for s in segs_t]
        for o, p, side in self.pv_roots:
            for d in (np.array([side, 0.3, 0.6]), np.array([side, 0.2, -0.7]), np.array([side * 0.8, -0.6, 0]),
                      np.array([side * 0.6, 0.6, -0.3])):
                segs_t = []
                self._grow(p, d, U(3.5, 5), 0.55, 160, o, segs_t)
                segs += [(s, 'v') for s in segs_t]
        hil_hu = U(45, 100)
        for (p, q, r0, r1, gen), kind in segs:
            hu = hil_hu if (gen <= 1 and kind == 'a') else blood + U(-5, 5)
            V.tube([p, q], [r0, r1], [(0, hu)])
        self.n_vessel_segs = len(segs)
        # airways: main bronchi from the carina to the hila, then a few generations
        air_segs = []
        for side, hil in ((1, self.hil_L), (-1, self.hil_R)):
            tgt = hil + np.array([-side * 6, 8, 4])
            main = catmull([self.carina + np.array([side * 4, 0, -3]),
                            0.5 * (self.carina + tgt) + np.array([0, 0, 4]), tgt], 3)
            V.tube(main, 7.0 if side < 0 else 6.0, [(0, 30), (1.8, -1000)])
            for d in (np.array([side * 0.5, 0.3, 0.8]), np.array([side * 0.6, 0.3, -0.8]),
                      np.array([side * 0.7, -0.6, -0.3])):
                t = []
                self._grow(tgt, d, U(3.5, 4.5), 1.2, 40, tgt, t)
                air_segs += t
        for (p, q, r0, r1, gen) in air_segs:
            V.tube([p, q], [r0, r1], [(0, 20), (0.35 + 0.12 * r0, -1000)])
        # trachea above the carina
        tr = np.array([[self.carina[0], self.carina[1], self.carina[2] - 2],
                       [self.carina[0] - 2, self.carina[1] - 4, 400.0]])
        V.tube(tr, U(8, 10), [(0, 30), (2.0, -1000)])
        # calcified granulomas / hilar nodes (label 0)
        for _ in range(int(rng.integers(0, 3))):
            c = (self.hil_L if rng.random() < 0.5 else self.hil_R) + rng.normal(0, 8, 3)
            e = Ellipsoid(c, rng.uniform(1.5, 4, 3))
            lo, hi = e.bbox(2)
            V.render_sdf(lo, hi, e.sd, [(0, U(200, 600))])

    # ----------------------------------------------------------------- skeleton
    def _contour_pt(self, alpha, offset):
        """Point on the cavity boundary + offset (mm outward) at angle alpha (0 = posterior, pi = anterior)."""
        sa, ca = math.sin(alpha), math.cos(alpha)
        b = self.b_cp if ca > 0 else self.b_ca
        p = 2.8 if ca > 0 else self.p_ca
        rho = 1.0 / ((abs(sa) / self.a_c) ** p + (abs(ca) / b) ** p) ** (1.0 / p)
        return np.array([self.body_cx + (rho + offset) * sa, self.body_cy + (rho + offset) * ca])

    def _bones(self):
        U, V, rng = self.U, self.V, self.rng
        bx, by = self.body_cx, self.body_cy
        # ---- spine
        h = U(22, 26)
        disc = U(4, 6)
        zbase = self.zlo - U(0, h)
        cort = U(500, 900)
        trab = U(150, 300)
        tilt = U(-0.12, 0.05)
        zmid = self.zlo + self.L / 2
        ycan_off = self.vb_ry + U(8, 10)
        levels = []
        z = zbase - h
        while z < self.zlo + self.L + h:
            levels.append(z)
            z += h
        for zc in levels:
            yv = by + self.y_vb + tilt * (zc - zmid)
            hb = (h - disc) / 2
            rx, ry = self.vb_rx * U(0.97, 1.03), self.vb_ry * U(0.97, 1.03)

            def disc_sd(X, Y, Z, yv=yv, zc=zc, rx=rx, ry=ry):
                return np.maximum(ellipse_sd(X, Y, bx, yv, rx + 1, ry + 1), np.abs(Z - (zc + h / 2)) - disc / 2 - 0.5)

            def body_sd(X, Y, Z, yv=yv, zc=zc, rx=rx, ry=ry, hb=hb):
                e = ellipse_sd(X, Y, bx, yv, rx, ry)
                # concave posterior wall
                e = np.maximum(e, -ellipse_sd(X, Y, bx, yv + ry + 4, 9, 6))
                return np.maximum(e, np.abs(Z - zc) - hb)

            lo = np.array([bx - 40, yv - 30, zc - h])
            hi = np.array([bx + 40, yv + 30, zc + h])
            V.render_sdf(lo, hi, disc_sd, [(0, U(70, 100))])
            V.render_sdf(lo, hi, body_sd, [(0, cort), (U(1.0, 1.6), trab)])
            # posterior arch: pedicles + laminae (ring round the canal), present away from the foramina
            yc = yv + ycan_off

            def arch_sd(X, Y, Z, yc=yc, zc=zc, hb=hb):
                ring = np.abs(ellipse_sd(X, Y, bx, yc, 13.5, 12.5)) - 4.5
                ring = np.maximum(ring, -(Y - (yc - 9)))         # only behind the body
                return np.maximum(ring, np.abs(Z - (zc - 1)) - hb + 2)

            V.render_sdf(np.array([bx - 25, yc - 20, zc - h]), np.array([bx + 25, yc + 22, zc + h]), arch_sd,
                         [(0, U(450, 750)), (1.2, trab)])
            sp = [np.array([bx, yc + 12, zc + 2]), np.array([bx, yc + 40, zc - 16])]
            V.tube(sp, [5.0, 3.5], [(0, U(450, 750)), (1.2, trab)])
            for sx in (-1, 1):
                tp = [np.array([bx + sx * 10, yc + 2, zc + 3]), np.array([bx + sx * 30, yc + 12, zc + 4])]
                V.tube(tp, [5.0, 5.5], [(0, U(450, 700)), (1.2, trab)])
            self.__dict__.setdefault('rib_heads', []).append((zc + hb + disc / 2, yv))
        # canal (CSF) and cord
        can = [np.array([bx, by + self.y_vb + ycan_off + tilt * (z - zmid), z]) for z in (self.zlo - 60, self.zlo + self.L + 60)]
        V.tube(can, 8.0, [(0, U(0, 15)), (3.0, U(30, 40))])

        # ---- sternum
        y_st = by - self.b_ca - 7
        z_x = U(-10, 15)
        st_w = U(13, 18)
        st_t = U(5.5, 7.5)
        st_c, st_m = U(400, 700), U(150, 260)

        def st_sd(X, Y, Z):
            e = ellipse_sd(X, Y, bx, y_st, st_w, st_t)
            return np.maximum(e, z_x - Z)

        V.render_sdf(np.array([bx - 25, y_st - 12, z_x - 1]), np.array([bx + 25, y_st + 12, 500]), st_sd,
                     [(0, st_c), (1.0, st_m)])
        xi = [np.array([bx, y_st, z_x + 2]), np.array([bx, y_st - 6, z_x - U(25, 40)])]
        V.tube(xi, [5.0, 2.5], [(0, U(200, 400)), (1.0, U(120, 200))])

        # ---- ribs and costal cartilage
        cart_hu = U(80, 130)
        rib_c, rib_m = U(600, 950), U(150, 260)
        for (zh, yv) in self.rib_heads:
            for sx in (-1, 1):
                head = np.array([bx + sx * (self.vb_rx + 3), yv + 2, zh])
                tub = np.array([bx + sx * (self.vb_rx + 24), yv + self.vb_ry + 10, zh - 2])
                a0 = math.atan2(abs(tub[0] - bx), tub[1] - by) + 0.05
                a1 = math.radians(U(125, 150))
                drop = U(55, 80)
                pts = [head, tub]
                for k, al in enumerate(np.linspace(a0 + 0.15, a1, 24)):
                    f = (al - a0) / (a1 - a0)
                    xy = self._contour_pt(al, 6.0)
                    pts.append(np.array([bx + sx * (xy[0] - bx), xy[1], zh - 3 - drop * f]))
                pts = catmull(pts, 3.0)
                r = U(4.0, 5.0)
                V.tube(pts, r, [(0, rib_c), (U(1.0, 1.5), rib_m)])
                # cartilage from the rib end to the sternum edge
                end = pts[-1]
                rise = U(5, 30)
                al_e = math.radians(U(160, 170))
                xy = self._contour_pt(al_e, 8.0)
                mid = np.array([bx + sx * abs(xy[0] - bx), xy[1], end[2] + rise * 0.6])
                st_edge = np.array([bx + sx * (st_w + 2), y_st, end[2] + rise])
                cp = catmull([end, mid, st_edge], 2.0)
                V.tube(cp, r * U(0.9, 1.1), [(0, cart_hu)])
                if rng.random() < 0.25:
                    for _ in range(int(rng.integers(1, 4))):
                        c = cp[int(rng.integers(0, len(cp)))] + rng.normal(0, 1.5, 3)
                        e = Ellipsoid(c, rng.uniform(0.8, 2.5, 3))
                        lo, hi = e.bbox(1)
                        V.render_sdf(lo, hi, e.sd, [(0, U(200, 500))])

        # ---- scapulae (upper part of the scan)
        z_tip = U(20, 70)
        for sx in (-1, 1):
            def scap_sd(X, Y, Z, sx=sx):
                f = np.clip((Z - z_tip) / 50.0, 0.05, 1.0)
                m = self._contour_pt(0.55, 20)
                l = self._contour_pt(1.25, 22)
                mx, my = bx + sx * abs(m[0] - bx), m[1]
                lx, ly = bx + sx * abs(l[0] - bx), l[1]
                lx = mx + (lx - mx) * f
                ly = my + (ly - my) * f
                dx, dy = lx - mx, ly - my
                L2 = dx * dx + dy * dy
                t = np.clip(((X - mx) * dx + (Y - my) * dy) / L2, 0, 1)
                d = np.hypot(X - mx - t * dx, Y - my - t * dy) - (2.0 + 1.5 * f)
                return np.maximum(d, z_tip - Z)
            m = self._contour_pt(0.55, 20)
            l = self._contour_pt(1.25, 22)
            xs = [bx + sx * abs(m[0] - bx), bx + sx * abs(l[0] - bx)]
            ys = [m[1], l[1]]
            lo = np.array([min(xs) - 10, min(ys) - 10, z_tip - 2])
            hi = np.array([max(xs) + 10, max(ys) + 10, 500])
            V.render_sdf(lo, hi, scap_sd, [(0, U(500, 800)), (2.0, U(150, 250))],
                         mask_sdf=lambda X, Y, Z: superellipse_sd(X, Y, self.a, self.b_ant, self.b_post, self.p_ant,
                                                                  self.p_post, bx, by) + self.f_sc_post + 3)

    # ----------------------------------------------------------------- calcium
    def _calc_tube(self, label, pts, radii, hu, kind):
        V = self.V
        b, occ = V.tube_occ(pts, radii)
        if b is None:
            return
        V.blend(b, occ, hu)
        self.calc.append((label, b, occ, kind))

    def _calc_ellipsoid(self, label, e, hu, kind):
        V = self.V
        lo, hi = e.bbox(2 * V.px)
        b = V.box(lo, hi, align=True)
        if b is None:
            return
        X, Y, Z = V.coords(b)
        occ = V.occ(e.sd(X, Y, Z))
        V.blend(b, occ, hu)
        self.calc.append((label, b, occ, kind))

    def _calcium(self):
        U, V, rng = self.U, self.V, self.rng
        self.plaques = []
        if rng.random() < 0.2:
            n_pl = 0
        else:
            n_pl = int(rng.integers(1, 9))
        arteries = ['LM', 'LAD', 'LCX', 'RCA']
        probs = np.array([0.12, 0.42, 0.18, 0.28])
        for _ in range(n_pl):
            art = arteries[rng.choice(4, p=probs)]
            pts, rad, s = self.cor[art]
            if art == 'LM':
                pos = U(0.15, 0.95) * s[-1]
            else:
                pos = min(rng.beta(1.3, 3.0), 0.95) * s[-1]
            i = int(np.searchsorted(s, pos))
            i = min(max(i, 1), len(pts) - 2)
            tang = unit(pts[i + 1] - pts[i - 1])
            rv = rad[i]
            ecc = perp(rng.normal(size=3), tang)
            peak = float(np.clip(rng.gamma(2.0, 160) + 150, 150, 1000))
            size = U(1.0, 8.0) if rng.random() < 0.5 else U(1.0, 3.5)
            lab = LABELS[art]
            if size <= 3.0 or rng.random() < 0.4:
                # spotty: ellipsoid at the wall, long axis along the vessel
                c = pts[i] + ecc * rv * U(0.3, 0.8)
                ax3 = [size / 2, U(0.5, 1.0) * min(size / 2, rv * 0.9) + 0.3, U(0.4, 0.9) * min(size / 2, rv) + 0.3]
                R = np.stack([tang, ecc, np.cross(tang, ecc)], axis=1)
                self._calc_ellipsoid(lab, Ellipsoid(c, ax3, R), peak, art)
            else:
                # elongated crescent along the wall
                j0 = int(np.searchsorted(s, pos - size / 2))
                j1 = int(np.searchsorted(s, pos + size / 2))
                j0, j1 = max(j0, 0), min(max(j1, j0 + 2), len(pts) - 1)
                seg = pts[j0:j1 + 1] + ecc[None] * rv * U(0.4, 0.8)
                th = U(0.5, min(1.4, rv * 0.8))
                self._calc_tube(lab, seg, th, peak, art)
            self.plaques.append((art, pos, size, peak))
        # ---- non-coronary calcium (label 5)
        ot = LABELS['other']
        if rng.random() < 0.45:        # descending aorta wall
            for _ in range(int(rng.integers(1, 5))):
                z = U(self.zlo, self.zlo + self.L)
                k = int(np.argmin(np.abs(self.dao_pts[:, 2] - z)))
                self._aortic_plaque(self.dao_pts, k, self.r_dao, ot, 'desc_aorta')
        if rng.random() < 0.2:         # ascending aorta wall
            for _ in range(int(rng.integers(1, 3))):
                z = U(self.AV[2] + 18, self.zlo + self.L)
                k = int(np.argmin(np.abs(self.ao_pts[:, 2] - z)))
                self._aortic_plaque(self.ao_pts, k, self.ao_r[k], ot, 'asc_aorta')
        if rng.random() < 0.12:        # aortic valve
            for _ in range(int(rng.integers(1, 4))):
                c = self.AV + perp(rng.normal(size=3), self.d_ao) * U(3, self.r_ao - 4) + self.d_ao * U(-1, 3)
                self._calc_ellipsoid(ot, Ellipsoid(c, rng.uniform(1.0, 3.0, 3)), U(250, 900), 'aortic_valve')
        if rng.random() < 0.10:        # mitral annulus (posterior), a curved bar
            c0, rr = self.mitral_ring
            a0 = U(40, 120)
            span = U(30, 110)
            ang = np.radians(np.linspace(a0, a0 + span, 12))
            d = np.cos(ang)[:, None] * (-self.w)[None] + np.sin(ang)[:, None] * (-self.v)[None]
            pts = c0[None] + d * rr
            self._calc_tube(ot, pts, U(1.2, 2.8), U(300, 900), 'mitral_annulus')

    def _aortic_plaque(self, path, k, r, lab, kind):
        U, rng = self.U, self.rng
        k = min(max(k, 1), len(path) - 2)
        tang = unit(path[k + 1] - path[k - 1])
        e1 = perp(rng.normal(size=3), tang)
        e2 = np.cross(tang, e1)
        span = U(3, 14) / r
        a = np.linspace(-span / 2, span / 2, 8)
        rr = r - U(0.3, 1.2)
        pts = path[k][None] + rr * (np.cos(a)[:, None] * e1[None] + np.sin(a)[:, None] * e2[None]) \
            + tang[None] * np.linspace(0, U(0, 4), 8)[:, None]
        self._calc_tube(lab, pts, U(0.6, 1.6), U(250, 1000), kind)

    # ----------------------------------------------------------------- output
    def finish(self):
        V = self.V
        rng = self.rng
        n, nz, ns = V.n, V.nz, V.nsub
        out = V.vol.reshape(nz, ns, n, n).mean(axis=1)
        V.vol = None
        # labels
        lab = np.zeros((nz, n, n), np.uint8)
        best = np.zeros((nz, n, n), F32)
        counts = {k: 0 for k in LABELS}
        inv = {v: k for k, v in LABELS.items()}
        for (label, b, occ, kind) in self.calc:
            oz = occ.shape[0] // ns
            o = occ.reshape(oz, ns, occ.shape[1], occ.shape[2]).mean(axis=1)
            ob = (slice(b[0].start // ns, b[0].start // ns + oz), b[1], b[2])
            sel = (o > 0.02) & (out[ob] >= 130.0) & (o > best[ob])
            if sel.any():
                lab[ob][sel] = label
                best[ob][sel] = o[sel]
        # count plaques that still own voxels
        self.kinds = {}
        self.calc_info = []
        for idx, (label, b, occ, kind) in enumerate(self.calc):
            oz = occ.shape[0] // ns
            o = occ.reshape(oz, ns, occ.shape[1], occ.shape[2]).mean(axis=1)
            ob = (slice(b[0].start // ns, b[0].start // ns + oz), b[1], b[2])
            own = (lab[ob] == label) & (np.abs(best[ob] - o) < 1e-7) & (o > 0.02)
            if np.any(own):
                counts[inv[label]] += 1
                self.kinds[kind] = self.kinds.get(kind, 0) + 1
                idx3 = np.argwhere(own).mean(0)
                self.calc_info.append((kind, int(own.sum()), ob[2].start + idx3[2], ob[1].start + idx3[1],
                                       ob[0].start + idx3[0]))
        self.counts = counts
        del best
        # noise: white -> sqrt(|f|) * Hann window (NPS ~ |f| W^2, as FBP), per slice
        f = np.fft.fftfreq(n, d=V.px)
        fr = np.fft.rfftfreq(n, d=V.px)
        fmag = np.sqrt(f[:, None] ** 2 + fr[None, :] ** 2)
        fc = self.kernel_fc
        win = np.where(fmag < fc, 0.5 * (1 + np.cos(np.pi * fmag / fc)), 0.0)
        filt = (np.sqrt(fmag) * win).astype(F32)
        # normalise so that the filtered noise has unit SD
        gain = math.sqrt((2 * (filt[:, 1:-1] ** 2).sum() + (filt[:, [0, -1]] ** 2).sum()) / (n * n))
        filt /= F32(gain)
        circ = ((V.x[None, :] + F32(V.ox)) ** 2 + (V.y[:, None] + F32(V.oy)) ** 2) <= (n * V.px / 2) ** 2
        sd = self.noise_sd
        for k0 in range(0, nz, 16):
            k1 = min(nz, k0 + 16)
            wn = rng.standard_normal((k1 - k0, n, n), dtype=F32)
            nn = sfft.irfft2(sfft.rfft2(wn, workers=2) * filt[None], s=(n, n), workers=2).astype(F32)
            out[k0:k1] += nn * F32(sd)
        if self.streaks:
            X2, Y2 = V.x[None, :], V.y[:, None]
            ks = rng.choice(nz, size=max(1, nz // 3), replace=False)
            for k in ks:
                for _ in range(int(rng.integers(1, 4))):
                    th = rng.uniform(0, np.pi)
                    off = rng.normal(0, 15)
                    d = X2 * math.cos(th) + Y2 * math.sin(th) - off
                    amp = rng.uniform(0.15, 0.4) * sd
                    out[k] += F32(amp) * (np.exp(-(d / 1.2) ** 2) - 0.5 * np.exp(-((d - 2.5) / 1.2) ** 2)
                                          - 0.5 * np.exp(-((d + 2.5) / 1.2) ** 2)).astype(F32)
        out = np.clip(np.rint(out), -1024, 3071).astype(np.int16)
        out[:, ~circ] = self.pad_hu
        lab[:, ~circ] = 0
        self.ct = out
        self.lab = lab

    def k_of(self, z):
        """Index of the slice that holds z (mm, this phantom's frame)."""
        return int(min(max((z - self.zlo) // self.thick, 0), self.nz - 1))

    def affine(self):
        V = self.V
        # voxel (i, j, k) -> LPS (x[i], y[j], zc[k]); NIfTI wants RAS: negate x and y
        zoff = -150.0
        A = np.array([[-V.px, 0, 0, -float(V.x[0])],
                      [0, -V.px, 0, -float(V.y[0])],
                      [0, 0, V.thick, V.zc[0] + zoff],
                      [0, 0, 0, 1.0]])
        return A

    def write(self, d):
        os.makedirs(d, exist_ok=True)
        A = self.affine()
        for name, arr in (('ct.nii.gz', self.ct), ('labels.nii.gz', self.lab)):
            img = nib.Nifti1Image(np.ascontiguousarray(arr.transpose(2, 1, 0)), A)
            img.set_qform(A, code=1)
            img.set_sform(A, code=1)
            img.header.set_xyzt_units('mm', 'sec')
            if name == 'ct.nii.gz':
                img.header['descrip'] = b'independent CAC phantom, HU'
            img.to_filename(os.path.join(d, name))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--count', type=int, required=True)
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--size', type=int, default=512)
    ap.add_argument('--noise-min', type=float, default=10.0)
    ap.add_argument('--noise-max', type=float, default=50.0)
    ap.add_argument('--first', type=int, default=0, help='index of the first case (default 0)')
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for k in range(args.first, args.first + args.count):
        t0 = time.time()
        # a draw whose heart leaves an artery without a course (rare) is drawn again from the next stream
        for attempt in range(10):
            rng = np.random.default_rng([args.seed * 1000 + k, attempt] if attempt else args.seed * 1000 + k)
            noise_sd = float(rng.uniform(args.noise_min, args.noise_max))
            c = Case(rng, args.size, noise_sd)
            try:
                c.draw()
                break
            except (IndexError, ValueError) as e:
                print('case-%04d: draw %d failed (%s), drawing again' % (k, attempt, e), file=sys.stderr, flush=True)
        else:
            raise SystemExit('case-%04d: no drawable heart in 10 draws' % k)
        c.render()
        c.finish()
        name = 'case-%04d' % k
        c.write(os.path.join(args.out, name))
        dt = time.time() - t0
        row = {'case': name, 'noise_sd': round(noise_sd, 2), 'slice_mm': c.thick, 'pixel_mm': round(c.px, 4),
               'n_LM': c.counts['LM'], 'n_LAD': c.counts['LAD'], 'n_LCX': c.counts['LCX'],
               'n_RCA': c.counts['RCA'], 'n_other': c.counts['other'], 'n_slices': c.nz,
               'fov_mm': round(c.fov, 1), 'pad_hu': c.pad_hu, 'kernel_cutoff_lpmm': round(c.kernel_fc, 3),
               'planned_coronary_plaques': len(c.plaques), 'k_aortic_root': c.k_of(c.sinus_c[2]),
               'k_mid_heart': c.k_of(0.5 * (c.heart_bottom + c.AV[2])), 'k_lung_base': c.k_of(c.zlo + 3.0),
               'calcium_kinds': ';'.join('%s:%d' % kv for kv in sorted(c.kinds.items())),
               'seconds': round(dt, 1)}
        rows.append(row)
        print('%s: %d slices x %.1f mm, pixel %.3f mm, noise %.1f HU, plaques LM/LAD/LCX/RCA/other = '
              '%d/%d/%d/%d/%d, %.1f s' % (name, c.nz, c.thick, c.px, noise_sd, c.counts['LM'], c.counts['LAD'],
                                          c.counts['LCX'], c.counts['RCA'], c.counts['other'], dt), flush=True)
    path = os.path.join(args.out, 'truth.csv')
    existing = []
    if args.first > 0 and os.path.exists(path):
        with open(path) as f:
            existing = [r for r in csv.DictReader(f) if r['case'] not in {x['case'] for x in rows}]
    with open(path, 'w', newline='') as f:
        wr = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ['case'])
        wr.writeheader()
        for r in existing + rows:
            wr.writerow({k: r.get(k, '') for k in wr.fieldnames})
    return 0


if __name__ == '__main__':
    sys.exit(main())
