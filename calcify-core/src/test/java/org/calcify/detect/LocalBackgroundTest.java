package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackgroundTest {

    /**
     * Each candidate's background is numpy's and scipy's: the voxels below the threshold within the box dilation of
     * the candidate by ceil(2 mm / spacing) voxels (at least one) per axis, their 75th percentile; on anisotropic voxels, for
     * candidates found in a box of the scan (its offset honoured) and candidates at the scan's edge.
     */
    @Test
    void upperQuartilesAreNumpysOverTheCandidatesNeighbourhood(@TempDir Path dir) throws IOException {
        int nz = 12;
        int ny = 48;
        int nx = 40;
        Random r = new Random(5);
        short[] hu = new short[nz * ny * nx];
        for (int i = 0; i < hu.length; i++) {
            // fat on the left, blood on the right, noise of 45 HU: specks cross 130 HU in the blood
            int x = i % nx;
            hu[i] = (short) Math.round((x < nx / 2 ? -90 : 40) + 45 * r.nextGaussian());
        }
        for (int k = 0; k < 14; k++) {
            // small bright blobs, some at the edges of the scan
            int z = r.nextInt(nz);
            int y = r.nextInt(ny - 1);
            int x = r.nextInt(nx - 1);
            for (int d = 0; d < 4; d++) {
                hu[(z * ny + y + d / 2) * nx + x + d % 2] = (short) (200 + r.nextInt(300));
            }
        }
        double[] spacing = {0.6, 0.9, 2.5};
        Volume ct = Volume.of(Geometry.of(nx, ny, nz).withSpacing(spacing), DataType.INT16, hu);
        int[] off = {1, 3, 2};
        int[] size = {nz - 2, ny - 6, nx - 5};
        CandidateFinder finder = CandidateFinder.builder().thresholdHu(130).minAreaMm2(0).build();
        CandidateFinder.Candidates c = finder.withoutBodyExclusion().find(ct, off, size);
        assertThat(c.components().size()).as("candidates").isGreaterThan(20);
        double[] quartiles = LocalBackground.upperQuartiles(ct, c.labels(), off, 130);

        Path ctFile = PythonOracle.writeInt16(dir.resolve("ct.raw"), hu);
        Path labelFile = dir.resolve("labels.raw");
        int[] dense = c.labels().toDense();
        ByteBuffer lb = ByteBuffer.allocate(dense.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : dense) {
            lb.putInt(v);
        }
        Files.write(labelFile, lb.array());
        String out = PythonOracle.run("""
                import sys, math, numpy as np
                from scipy import ndimage as ndi
                nz, ny, nx, bz, by, bx, oz, oy, ox = map(int, sys.argv[3:12])
                sx, sy, sz = map(float, sys.argv[12:15])
                ct = np.fromfile(sys.argv[1], dtype='<i2').reshape(nz, ny, nx)
                box = np.fromfile(sys.argv[2], dtype='<i4').reshape(bz, by, bx)
                lab = np.zeros((nz, ny, nx), np.int32)
                lab[oz:oz + bz, oy:oy + by, ox:ox + bx] = box
                r = [max(1, math.ceil(2.0 / s)) for s in (sz, sy, sx)]
                st = np.ones([2 * k + 1 for k in r], bool)
                for i in range(1, int(lab.max()) + 1):
                    near = ndi.binary_dilation(lab == i, structure=st)
                    print(i, repr(float(np.percentile(ct[near & (ct < 130)], 75))))
                """, ctFile.toString(), labelFile.toString(), "" + nz, "" + ny, "" + nx, "" + size[0], "" + size[1], "" + size[2],
                "" + off[0], "" + off[1], "" + off[2], "" + spacing[0], "" + spacing[1], "" + spacing[2]);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(c.components().size());
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            int id = Integer.parseInt(f[0]);
            assertThat(quartiles[id]).as("component %d", id).isEqualTo(Double.parseDouble(f[1]));
        }
    }

    /**
     * Under 40 HU of correlated noise, 4-voxel calcifications of 190 HU in fat (-90 HU) pass the tests with every voxel
     * counted (significance 8, excess 3) measured from their surroundings (25 of 30), and half of them fail them measured
     * from the blood pool (15 pass); the specks that noise makes of blood (40 HU) fail them either way, no more often (2
     * and 6 of 89 pass). The default gate, voxels counted over the noise's coherence area, keeps as many calcifications
     * (24) and no more specks (0).
     */
    @Test
    void faintCalcificationsInFatPassFromTheirSurroundingsAndSpecksInBloodDoNot() {
        int nz = 16;
        int ny = 96;
        int nx = 96;
        Random r = new Random(17);
        boolean[] calcium = new boolean[nz * ny * nx];
        short[] hu = new short[calcium.length];
        int lesions = 0;
        for (int z = 2; z < nz - 2; z += 4) {
            for (int y = 8; y < ny - 8; y += 16) {
                for (int x = 8; x < nx / 2 - 8; x += 16) {
                    lesions++;
                    for (int d = 0; d < 4; d++) {
                        calcium[(z * ny + y + d / 2) * nx + x + d % 2] = true;
                    }
                }
            }
        }
        float[] noise = NoiseGateTest.correlatedNoise(nz, ny, nx, r);
        for (int i = 0; i < hu.length; i++) {
            int x = i % nx;
            double tissue = calcium[i] ? 190 : x < nx / 2 ? -90 : 40;
            hu[i] = (short) Math.round(tissue + 40 * noise[i]);
        }
        Volume ct = Volume.of(Geometry.of(nx, ny, nz).withSpacing(new double[] {0.7, 0.7, 3.0}), DataType.INT16, hu);
        ThoraxAnatomy anatomy = NoiseGateTest.allHeart(ct, 40, 40);
        CandidateFinder.Candidates all = CandidateFinder.builder().thresholdHu(130).minAreaMm2(1.0).build().withoutBodyExclusion().find(ct);
        double[] local = LocalBackground.upperQuartiles(ct, all.labels(), new int[3], 130);
        NoiseGate fromLocal = NoiseGateTest.EVERY_VOXEL;
        NoiseGate fromBlood = new NoiseGate(fromLocal.minSignificance(), fromLocal.minNoiseExcess(), NoiseGate.Background.BLOOD_POOL);
        // the default: voxels counted over the noise's coherence area (a 5 x 5 box: 4.6^2 over lags 1-3)
        ThoraxAnatomy measured = NoiseGateTest.allHeart(ct, 40, 40, 4.6 * 4.6);
        int lesionsDefault = 0;
        int specksDefault = 0;
        int lesionsLocal = 0;
        int lesionsBlood = 0;
        int specks = 0;
        int specksLocal = 0;
        int specksBlood = 0;
        int[] dense = all.labels().toDense();
        for (Component c : all.components()) {
            boolean isLesion = false;
            for (int i = 0; i < dense.length; i++) {
                isLesion |= dense[i] == c.id() && calcium[i];
            }
            boolean passLocal = fromLocal.passes(c, anatomy, 130, local[c.id()]);
            boolean passDefault = NoiseGate.DEFAULT.passes(c, measured, 130, local[c.id()]);
            boolean passBlood = fromBlood.passes(c, anatomy, 130, local[c.id()]);
            if (isLesion) {
                lesionsLocal += passLocal ? 1 : 0;
                lesionsBlood += passBlood ? 1 : 0;
                lesionsDefault += passDefault ? 1 : 0;
            } else if (c.centroidZyx()[2] >= nx / 2.0 + 3) {
                specks++;
                specksLocal += passLocal ? 1 : 0;
                specksBlood += passBlood ? 1 : 0;
                specksDefault += passDefault ? 1 : 0;
            }
        }
        assertThat(specks).as("noise specks in blood").isGreaterThan(50);
        assertThat(lesionsLocal).as("of %d lesions in fat, from their surroundings", lesions).isGreaterThanOrEqualTo(lesions * 8 / 10);
        assertThat(lesionsLocal - lesionsBlood).as("of %d lesions in fat, %d pass from the blood pool", lesions, lesionsBlood)
                .isGreaterThanOrEqualTo(lesions / 3);
        assertThat(specksLocal).as("of %d specks in blood, from their surroundings (from blood: %d)", specks, specksBlood)
                .isLessThanOrEqualTo(specksBlood);
        assertThat(lesionsDefault).as("of %d lesions in fat, the default gate", lesions).isGreaterThanOrEqualTo(lesions * 8 / 10);
        assertThat(specksDefault).as("of %d specks in blood, the default gate (every voxel counted: %d)", specks, specksLocal)
                .isLessThanOrEqualTo(specksLocal);
    }
}
