package org.calcify.score;

import org.calcify.testing.PythonOracle;

/**
 * An independent calcium scorer in NumPy / scipy.ndimage.label (Debian's python3-scipy), reading
 * the NIfTI files with nibabel. Prints one line "total A V M", four lines "artery A V M" (LM, LAD,
 * LCX, RCA), then "lesion VOXELS PEAK CZ CY CX" per lesion in scipy's label order.
 */
public final class ScoringOracle {
    private ScoringOracle() {
    }

    static final String SCRIPT = """
            import sys, numpy as np, nibabel as nib
            from scipy import ndimage
            ct_path, lab_path = sys.argv[1], sys.argv[2]
            thr, c2, c3 = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
            min_area, norm, ref, split, factor = float(sys.argv[6]), sys.argv[7] == 'true', float(sys.argv[8]), sys.argv[9], float(sys.argv[10])
            img = nib.load(ct_path)
            ct = np.asarray(img.dataobj).T.astype(np.int64)      # (z, y, x)
            lab = np.asarray(nib.load(lab_path).dataobj).T.astype(np.int64)
            sx, sy, sz = [float(v) for v in img.header.get_zooms()[:3]]
            pix, vox = sx * sy, sx * sy * sz
            tf = sz / ref if norm else 1.0
            cand = (lab >= 1) & (lab <= 4) & (ct >= thr)
            s2 = ndimage.generate_binary_structure(2, 1 if c2 == 4 else 2)
            art = np.zeros((4, 3))
            kept = np.zeros(cand.shape, bool)
            for z in range(cand.shape[0]):
                L, n = ndimage.label(cand[z], structure=s2)
                for c, sl in enumerate(ndimage.find_objects(L), start=1):
                    m = L[sl] == c
                    area = m.sum() * pix
                    if area < min_area - 1e-9:
                        continue
                    kept[z][sl] |= m
                    h = ct[z][sl][m]
                    labs = lab[z][sl][m]
                    peak = h.max()
                    w = 1 if peak < 200 else 2 if peak < 300 else 3 if peak < 400 else 4
                    if split == 'MAJORITY':
                        a = int(np.argmax(np.bincount(labs, minlength=5)[1:5]))
                        art[a] += [m.sum() * pix * w * tf, m.sum() * vox, factor * vox * h.sum()]
                    else:
                        for l in range(1, 5):
                            k = labs == l
                            art[l - 1] += [k.sum() * pix * w * tf, k.sum() * vox, factor * vox * h[k].sum()]
            t = art.sum(axis=0)
            print('total %r %r %r' % (t[0], t[1], t[2]))
            for a in range(4):
                print('artery %r %r %r' % tuple(art[a]))
            L3, n3 = ndimage.label(kept, structure=ndimage.generate_binary_structure(3, 1 if c3 == 6 else 3))
            for c in range(1, n3 + 1):
                m = L3 == c
                cz, cy, cx = ndimage.center_of_mass(m)
                print('lesion %d %d %r %r %r' % (m.sum(), ct[m].max(), cz, cy, cx))
            """;

    public static String run(java.nio.file.Path ct, java.nio.file.Path labels, ScoringParameters p) {
        return PythonOracle.run(SCRIPT, ct.toString(), labels.toString(), Integer.toString(p.thresholdHu()),
                p.connectivity2d() == org.calcify.candidate.Connectivity.FOUR ? "4" : "8",
                p.connectivity3d() == org.calcify.candidate.Connectivity.SIX ? "6" : "26",
                Double.toString(p.minAreaMm2()), Boolean.toString(p.normaliseThickness()),
                Double.toString(p.referenceThicknessMm()), p.arterySplit().name(), Double.toString(p.massFactorMgPerMm3Hu()));
    }
}
