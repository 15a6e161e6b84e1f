package org.calcify.phantom;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.calcify.candidate.ComponentLabeler;
import org.calcify.candidate.Connectivity;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.Volume;

/**
 * Makes a plausible imperfect "prediction" from a true label map, for demos and tests of the
 * evaluation: misses some lesions, gives some to the wrong artery, drops some edge voxels and adds
 * false positives on other bright voxels (bone, non-coronary calcium). Deterministic per seed.
 *
 * @param missProbability     chance that a true coronary lesion is dropped
 * @param swapProbability     chance that a kept lesion is given another artery
 * @param edgeDropProbability chance that a lesion voxel with a background neighbour is dropped
 * @param falsePositivesPerScan mean number of false-positive blobs added per scan (the integer part
 *                              always, one more with the fractional part's probability)
 */
public record LabelPerturber(double missProbability, double swapProbability, double edgeDropProbability, double falsePositivesPerScan) {
    public static final LabelPerturber DEFAULT = new LabelPerturber(0.1, 0.05, 0.15, 0.5);

    /** A perturbed copy of {@code labels} (uint8, 0-5); {@code ct} gives the bright voxels for false positives. */
    public Volume perturb(Volume ct, Volume labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] in = labels.bytes();
        byte[] out = in.clone();
        short[] hu = ct.shorts();
        int nx = labels.sizeX();
        int ny = labels.sizeY();
        int nz = labels.sizeZ();
        BitSet coronary = new BitSet(in.length);
        for (int i = 0; i < in.length; i++) {
            if (CalciumLabel.isCoronary(in[i])) {
                coronary.set(i);
            }
        }
        ComponentLabeler.Labels comps = ComponentLabeler.label(coronary, nz, ny, nx, Connectivity.TWENTY_SIX);
        int[] action = new int[comps.count() + 1]; // 0 keep, -1 drop, 1-4 new label
        for (int c = 1; c <= comps.count(); c++) {
            double u = r.nextDouble();
            action[c] = u < missProbability ? -1 : u < missProbability + swapProbability ? 1 + r.nextInt(4) : 0;
        }
        int[] lab = comps.labels();
        for (int i = coronary.nextSetBit(0); i >= 0; i = coronary.nextSetBit(i + 1)) {
            int a = action[lab[i]];
            if (a < 0) {
                out[i] = 0;
            } else if (a > 0) {
                out[i] = (byte) a;
            } else if (isEdge(in, i, nx, ny, nz) && r.nextDouble() < edgeDropProbability) {
                out[i] = 0;
            }
        }
        int fp = (int) Math.floor(falsePositivesPerScan) + (r.nextDouble() < falsePositivesPerScan % 1 ? 1 : 0);
        for (int k = 0; k < fp; k++) {
            addFalsePositive(hu, out, nx, ny, nz, r);
        }
        return Volume.ofBytes(labels.geometry(), out);
    }

    private static boolean isEdge(byte[] in, int i, int nx, int ny, int nz) {
        int plane = nx * ny;
        int z = i / plane;
        int y = (i - z * plane) / nx;
        int x = i - z * plane - y * nx;
        return x == 0 || y == 0 || x == nx - 1 || y == ny - 1 || in[i - 1] == 0 || in[i + 1] == 0
                || in[i - nx] == 0 || in[i + nx] == 0;
    }

    /** Labels a random bright (&gt;= 200 HU, unlabelled) voxel and its bright in-slice edge neighbours. */
    private static void addFalsePositive(short[] hu, byte[] out, int nx, int ny, int nz, SplittableRandom r) {
        for (int attempt = 0; attempt < 20000; attempt++) {
            int i = r.nextInt(hu.length);
            if (hu[i] < 200 || out[i] != 0) {
                continue;
            }
            int plane = nx * ny;
            int z = i / plane;
            int y = (i - z * plane) / nx;
            int x = i - z * plane - y * nx;
            byte label = (byte) (1 + r.nextInt(4));
            for (int dz = 0; dz <= 0; dz++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (dx != 0 && dy != 0) {
                            continue;
                        }
                        int zz = z + dz;
                        int yy = y + dy;
                        int xx = x + dx;
                        if (zz < 0 || yy < 0 || xx < 0 || zz >= nz || yy >= ny || xx >= nx) {
                            continue;
                        }
                        int j = (zz * ny + yy) * nx + xx;
                        if (hu[j] >= 130 && out[j] == 0) {
                            out[j] = label;
                        }
                    }
                }
            }
            return;
        }
    }
}
