package org.calcify.candidate;

import java.util.BitSet;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * The body: the largest 6-connected region of voxels above −500 HU, with the enclosed air (lungs,
 * airways, bowel gas) filled slice by slice (background regions of each slice not connected to the
 * slice border).
 */
public final class BodyMask {
    private static final double BODY_HU = -500;

    private BodyMask() {
    }

    public static BitSet of(Volume ct) {
        Geometry g = ct.geometry();
        int n = g.voxelCount();
        BitSet tissue = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (ct.valueAt(i) > BODY_HU) {
                tissue.set(i);
            }
        }
        ComponentLabeler.Labels l = ComponentLabeler.label(tissue, g.sizeZ(), g.sizeY(), g.sizeX(), Connectivity.SIX);
        if (l.count() == 0) {
            return new BitSet(n);
        }
        int[] size = new int[l.count() + 1];
        for (int v : l.labels()) {
            size[v]++;
        }
        int best = 1;
        for (int c = 2; c <= l.count(); c++) {
            if (size[c] > size[best]) {
                best = c;
            }
        }
        BitSet body = new BitSet(n);
        int[] labels = l.labels();
        for (int i = 0; i < n; i++) {
            if (labels[i] == best) {
                body.set(i);
            }
        }
        fillHolesPerSlice(body, g.sizeZ(), g.sizeY(), g.sizeX());
        return body;
    }

    /** Sets every voxel of a slice that is not reachable from the slice border through background. */
    private static void fillHolesPerSlice(BitSet body, int nz, int ny, int nx) {
        int plane = ny * nx;
        int[] stack = new int[plane];
        boolean[] outside = new boolean[plane];
        for (int z = 0; z < nz; z++) {
            int base = z * plane;
            java.util.Arrays.fill(outside, false);
            int top = 0;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if ((y == 0 || x == 0 || y == ny - 1 || x == nx - 1) && !body.get(base + y * nx + x) && !outside[y * nx + x]) {
                        outside[y * nx + x] = true;
                        stack[top++] = y * nx + x;
                    }
                }
            }
            while (top > 0) {
                int p = stack[--top];
                int y = p / nx;
                int x = p - y * nx;
                int[] nbs = {y > 0 ? p - nx : -1, y < ny - 1 ? p + nx : -1, x > 0 ? p - 1 : -1, x < nx - 1 ? p + 1 : -1};
                for (int q : nbs) {
                    if (q >= 0 && !outside[q] && !body.get(base + q)) {
                        outside[q] = true;
                        stack[top++] = q;
                    }
                }
            }
            for (int p = 0; p < plane; p++) {
                if (!outside[p]) {
                    body.set(base + p);
                }
            }
        }
    }
}
