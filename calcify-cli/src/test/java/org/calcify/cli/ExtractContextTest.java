package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extract --context writes a context cube per patch; candidates that can never be scored are left out by default. */
class ExtractContextTest {

    @Test
    void contextCubesAndScorableCandidates(@TempDir Path dir) throws Exception {
        // a NIfTI written by nibabel: 0.7 mm pixels; a 2x2 blob (1.96 mm²), a single voxel (0.49 mm²) and a
        // one-voxel-thick column through 5 slices (0.49 mm² in each): only the first can ever be scored
        Path ct = dir.resolve("ct.nii.gz");
        PythonOracle.run("""
                import sys, numpy as np, nibabel as nib
                rng = np.random.default_rng(2)
                v = (rng.normal(0, 20, (60, 64, 12))).astype(np.int16)   # x, y, z
                v[30:32, 30:32, 6] = 500
                v[10, 50, 3] = 900
                v[50, 10, 2:7] = 300
                aff = np.diag([-0.7, -0.7, 2.5, 1.0])
                nib.save(nib.Nifti1Image(v, aff), sys.argv[1])
                """, ct.toString());
        Path out = dir.resolve("sh");
        CliRunner r = CliRunner.run("extract", "--scan", ct.toString(), "--candidates", "--mode", "cube", "--size", "3,9,9",
                "--context", "5,9,11@4,3,2.5", "--output", out.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("context.txt")).strip()).isEqualTo("5,9,11@4,3,2.5");
        List<String> kept = Files.readAllLines(out.resolve("components.csv"));
        assertThat(kept).hasSize(2);
        assertThat(kept.get(1)).contains(",4,").contains(",500.0,");
        Path all = dir.resolve("all");
        CliRunner k = CliRunner.run("extract", "--scan", ct.toString(), "--candidates", "--min-area-mm2", "0", "--mode", "cube",
                "--size", "3,9,9", "--output", all.toString(), "--quiet");
        assertThat(k.exitCode()).as(k.err()).isZero();
        assertThat(Files.readAllLines(all.resolve("components.csv"))).hasSize(4);
        assertThat(all.resolve("context.npy")).doesNotExist();
        // the context's centre sample lies on the voxel itself, so it equals the cube's centre voxel
        String verdict = PythonOracle.run("""
                import sys, numpy as np
                out = sys.argv[1]
                cube = np.load(out + '/cube.npy'); ctx = np.load(out + '/context.npy')
                assert cube.shape == (4, 3, 9, 9) and ctx.shape == (4, 5, 9, 11), (cube.shape, ctx.shape)
                assert (ctx[:, 2, 4, 5] == cube[:, 1, 4, 4]).all()
                assert (cube[:, 1, 4, 4] == 255).all()
                print('ok')
                """, out.toString());
        assertThat(verdict).startsWith("ok");
    }

    /**
     * A heart-only context cube (the shipped model's): the same voxels' context cubes as the whole-scan ones,
     * with every sample outside the heart region set to 0 (checked against the anatomy detect writes).
     */
    @Test
    void heartOnlyContextSeesTheHeartRegionAlone(@TempDir Path dir) throws Exception {
        Path cases = dir.resolve("ph");
        CliRunner p = CliRunner.run("phantom", "--out", cases.toString(), "--count", "2", "--seed", "4", "--size", "192",
                "--slice-mm", "2.5..3", "--coverage-mm", "110..130");
        assertThat(p.exitCode()).as(p.err()).isZero();
        Path ct = cases.resolve("case-0000/ct.nii.gz");
        Path labels = cases.resolve("case-0000/labels.nii.gz");
        Path ct1 = cases.resolve("case-0001/ct.nii.gz"); // the one with coronary calcium
        Path labels1 = cases.resolve("case-0001/labels.nii.gz");
        Path plain = dir.resolve("plain");
        Path heart = dir.resolve("heart");
        for (String[] run : new String[][] {{plain.toString(), "9,33,33@5,4,4"}, {heart.toString(), "9,33,33@5,4,4/heart"}}) {
            CliRunner r = CliRunner.run("extract", "--scan", ct.toString(), "--labels", labels.toString(), "--scan", ct1.toString(), "--labels",
                    labels1.toString(), "--candidates", "--heart-region",
                    "--mode", "cube", "--size", "3,9,9", "--context", run[1], "--per-class", "20", "--seed", "3", "--output", run[0], "--quiet");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(Files.readString(heart.resolve("context.txt")).strip()).isEqualTo("9,33,33@5,4,4/heart");
        String verdict = PythonOracle.run("""
                import sys, numpy as np
                a = np.load(sys.argv[1] + '/context.npy'); b = np.load(sys.argv[2] + '/context.npy')
                ia = open(sys.argv[1] + '/index.csv').read(); ib = open(sys.argv[2] + '/index.csv').read()
                assert ia == ib and a.shape == b.shape and len(a) > 0
                assert (b <= a).all()                       # masking only ever takes away (interpolation weights are positive)
                assert (b == 0).sum() > (a == 0).sum()      # and outside the heart there are more zeros
                # coronary calcium lies in the heart region: its patches' centres are not masked (other candidates need only
                # reach into the region, e.g. aortic calcium at its rim)
                lab = np.array([int(l.split(',')[4]) for l in ia.splitlines()[1:]])
                cor = (lab >= 1) & (lab <= 4)
                assert cor.sum() > 0 and (b[cor, 4, 16, 16] == a[cor, 4, 16, 16]).all(), (lab, b[:, 4, 16, 16], a[:, 4, 16, 16])
                print('ok')
                """, plain.toString(), heart.toString());
        assertThat(verdict).startsWith("ok");
    }
}
