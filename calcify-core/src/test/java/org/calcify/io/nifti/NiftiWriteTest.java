package org.calcify.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.calcify.io.VolumeIO;
import org.calcify.io.raw.OracleVoxels;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.calcify.volume.Matrix3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files Calcify writes, read back by nibabel: same voxels and the same affine. */
class NiftiWriteTest {
    @TempDir
    Path tmp;

    /** A random volume of {@code type} on a rotated, possibly left-handed grid. */
    static Volume randomVolume(DataType type, long seed, boolean leftHanded) {
        Random r = new Random(seed);
        int sx = 2 + r.nextInt(9);
        int sy = 2 + r.nextInt(9);
        int sz = 1 + r.nextInt(6);
        double[] dir = rotation(r.nextDouble() * 6, r.nextDouble() * 6, r.nextDouble() * 6);
        if (leftHanded) {
            dir[2] = -dir[2];
            dir[5] = -dir[5];
            dir[8] = -dir[8];
        }
        Geometry g = Geometry.of(sx, sy, sz, new double[] {0.3 + r.nextDouble() * 3, 0.3 + r.nextDouble() * 3,
            0.5 + r.nextDouble() * 5}, new double[] {r.nextGaussian() * 200, r.nextGaussian() * 200,
            r.nextGaussian() * 200}, dir);
        Object data = type.allocate(g.voxelCount());
        for (int i = 0; i < g.voxelCount(); i++) {
            switch (type) {
                case UINT8 -> ((byte[]) data)[i] = (byte) r.nextInt();
                case INT16 -> ((short[]) data)[i] = (short) r.nextInt();
                case INT32 -> ((int[]) data)[i] = r.nextInt();
                case INT64 -> ((long[]) data)[i] = r.nextLong() >> 12;
                case FLOAT32 -> ((float[]) data)[i] = (float) (r.nextGaussian() * 1000);
                case FLOAT64 -> ((double[]) data)[i] = r.nextGaussian() * 1e6;
            }
        }
        return Volume.of(g, type, data);
    }

    /** Row-major rotation matrix Rz(c) Ry(b) Rx(a). */
    static double[] rotation(double a, double b, double c) {
        double[] rx = {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rz = {Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1};
        return multiply(rz, multiply(ry, rx));
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
                }
            }
        }
        return out;
    }

    @Test
    void nibabelReadsWhatWeWriteWithOurVoxelsAndAffine() throws IOException {
        List<Path> files = new ArrayList<>();
        List<Volume> written = new ArrayList<>();
        long seed = 1;
        for (DataType type : DataType.values()) {
            for (String ext : new String[] {".nii", ".nii.gz"}) {
                Volume v = randomVolume(type, seed, seed % 3 == 0);
                Path p = tmp.resolve(type + "_" + seed + ext);
                VolumeIO.write(v, p);
                files.add(p);
                written.add(v);
                seed++;
            }
        }
        List<NibabelOracle.Answer> answers = NibabelOracle.ask(files, tmp);
        for (int i = 0; i < files.size(); i++) {
            NibabelOracle.Answer a = answers.get(i);
            Volume v = written.get(i);
            String what = files.get(i).getFileName().toString();
            assertThat(a.spatial()).isTrue();
            assertThat(a.dtype()).as(what).isEqualTo(v.type().numpyName());
            OracleVoxels.assertSameVoxels(v, OracleVoxels.load(a.voxels()), what);
            // the sform is stored as float32: agree to float32 precision
            OracleVoxels.assertSameAffine(v.geometry().affineLps(), a.affineLps(), 1e-6, what);
        }
        assertThat(Files.list(tmp).filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
    }

    @Test
    void qformEncodesTheSameRotationAsTheSform() throws IOException {
        for (long seed = 0; seed < 40; seed++) {
            Volume v = randomVolume(DataType.INT16, seed, seed % 2 == 0);
            Path p = tmp.resolve("q" + seed + ".nii");
            VolumeIO.write(v, p);
            NiftiHeader h = NiftiReader.readHeader(Files.newInputStream(p), p);
            double[] fromQform = NiftiGeometry.bestAffineRas(new NiftiHeader(h.version(), h.order(), h.singleFile(),
                    h.datatype(), h.dim(), h.pixdim(), h.voxOffset(), h.sclSlope(), h.sclInter(), h.qformCode(), 0,
                    h.quatern(), h.qoffset(), h.srow(), h.xyztUnits(), h.descrip()));
            OracleVoxels.assertSameAffine(fromQform, h.srow(), 1e-5, "qform of seed " + seed);
            assertThat(Matrix3.determinant(v.geometry().direction()) < 0).isEqualTo(h.pixdim()[0] == -1);
        }
    }
}
