package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedExtractCommandTest {

    /** --compat output equals the thread's own script's output, file for file, array for array. */
    @Test
    void compatEqualsTheThreadScript(@TempDir Path dir) throws IOException {
        Path cohort = dir.resolve("cohort");
        SeedCohorts.write(cohort, "[[(6, 512, 512), (11, 512, 512)], [(80, 512, 512)]]", "3");
        SeedCohorts.runThreadScript(cohort, dir.resolve("thread"), 2);
        CliRunner r = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", dir.resolve("ours").toString(),
                "--compat", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, os, glob, joblib, numpy as np
                a, b = sys.argv[1], sys.argv[2]
                fa = sorted(os.path.relpath(p, a) for p in glob.glob(a + '/fold_*/*.pkl'))
                fb = sorted(os.path.relpath(p, b) for p in glob.glob(b + '/fold_*/*.pkl'))
                assert fa == fb and len(fa) == 21, (len(fa), len(fb), set(fa) ^ set(fb))
                for f in fa:
                    x, y = joblib.load(os.path.join(a, f)), joblib.load(os.path.join(b, f))
                    assert type(x) is list and type(y) is list and len(x) == len(y) == 5
                    for u, v in zip(x[:4], y[:4]):
                        assert u.dtype == v.dtype and u.shape == v.shape and np.array_equal(u, v), f
                    assert type(x[4]) is type(y[4]) is int and x[4] == y[4], f
                print('same', len(fa))
                """, dir.resolve("thread").toString(), dir.resolve("ours").toString());
        assertThat(verdict.trim()).isEqualTo("same 21");
    }

    /** By default a marker voxel sits at the centre of its three planes, whatever the scan's size. */
    @Test
    void correctedPatchesAreCentredOnTheirVoxel(@TempDir Path dir) throws IOException {
        Path cohort = dir.resolve("cohort");
        PythonOracle.run("""
                import sys, os, joblib, numpy as np
                out = sys.argv[1]; os.makedirs(out)
                cts, vox = [], []
                for i, (nz, ny, nx) in enumerate([(5, 40, 50), (90, 64, 33), (80, 512, 512)]):
                    ct = np.full((nz, ny, nx), -1000, np.int16)
                    for (z, y, x) in [(0, 0, 0), (nz - 1, ny - 1, nx - 1), (nz // 2, 1, nx - 2)]:
                        ct[z, y, x] = 1000
                        vox.append((i, z, y, x, 1))
                    cts.append(ct)
                joblib.dump(cts, f'{out}/cross_validation_ct_threshold_1.pkl')
                joblib.dump(vox, f'{out}/cross_validation_voxel_list_postprocess_1.pkl')
                joblib.dump(np.arange(60, dtype=float).reshape(3, 20), f'{out}/emr_data_1.pkl')
                """, cohort.toString());
        CliRunner r = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", dir.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, glob, joblib, numpy as np
                files = sorted(glob.glob(sys.argv[1] + '/fold_1/*.pkl'))
                assert len(files) == 9, files
                for f in files:
                    a, s, c, emr, ans = joblib.load(f)
                    assert a.shape == (65, 65) and s.shape == (21, 65) and c.shape == (21, 65)
                    assert a[32, 32] == 255 and s[10, 32] == 255 and c[10, 32] == 255, f
                    assert a.sum() == 255 and s.sum() == 255 and c.sum() == 255, f
                    assert emr.dtype == np.float64 and list(emr % 20) == [1, 6, 9, 11, 14, 15, 16], emr
                    assert ans == 1
                print('centred', len(files))
                """, dir.resolve("out").toString());
        assertThat(verdict.trim()).isEqualTo("centred 9");
    }

    /** Shards hold the same patches as the pkl files, load with mmap, and reruns skip complete work. */
    @Test
    void shardsMatchPklAndRerunsResume(@TempDir Path dir) throws IOException {
        Path cohort = dir.resolve("cohort");
        SeedCohorts.write(cohort, "[[(7, 60, 70), (3, 48, 40)]]", "0");
        Path pkl = dir.resolve("pkl");
        Path shards = dir.resolve("shards");
        assertThat(CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", pkl.toString(), "--quiet").exitCode()).isZero();
        CliRunner s = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", shards.toString(), "--format", "shards", "--quiet");
        assertThat(s.exitCode()).as(s.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, csv, joblib, numpy as np
                pkl, sh = sys.argv[1], sys.argv[2] + '/fold_1'
                ax = np.load(sh + '/axial.npy', mmap_mode='r'); sa = np.load(sh + '/sagittal.npy', mmap_mode='r')
                co = np.load(sh + '/coronal.npy', mmap_mode='r'); emr = np.load(sh + '/emr.npy'); lab = np.load(sh + '/labels.npy')
                rows = list(csv.DictReader(open(sh + '/index.csv')))
                assert ax.shape == (14, 65, 65) and sa.shape == (14, 21, 65) and co.shape == (14, 21, 65) and emr.shape == (14, 7)
                for r in rows:
                    i = int(r['row'])
                    name = f"{pkl}/fold_1/fold_1_{int(r['scan']):02d}_{r['answer']}_{int(r['z']):02d}_{int(r['y']):03d}_{int(r['x']):03d}.pkl"
                    a, s, c, e, ans = joblib.load(name)
                    assert np.array_equal(ax[i], a) and np.array_equal(sa[i], s) and np.array_equal(co[i], c)
                    assert np.array_equal(emr[i], e) and lab[i] == ans
                print('same', len(rows))
                """, pkl.toString(), shards.toString());
        assertThat(verdict.trim()).isEqualTo("same 14");

        CliRunner again = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", pkl.toString(), "--quiet");
        assertThat(again.out()).contains("wrote 0 patch files, skipped 14");
        Path one;
        try (Stream<Path> files = Files.list(pkl.resolve("fold_1"))) {
            one = files.sorted().findFirst().orElseThrow();
        }
        Files.delete(one);
        again = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", pkl.toString(), "--quiet");
        assertThat(again.out()).contains("wrote 1 patch files, skipped 13");
        assertThat(one).isRegularFile();
        CliRunner shardsAgain = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", shards.toString(), "--format", "shards", "--quiet");
        assertThat(shardsAgain.out()).contains("skipped 14");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(n -> n.endsWith(".part"));
        }
    }

    /**
     * A scan is read while the one before it is written: when a later scan is bad, the run stops with the usual line,
     * and what the earlier scan's workers wrote is whole (loadable), with no temporary file left.
     */
    @Test
    void aBadLaterScanLeavesTheEarlierScansFilesWhole(@TempDir Path dir) throws IOException {
        Path cohort = dir.resolve("cohort");
        PythonOracle.run("""
                import sys, os, joblib, numpy as np
                out = sys.argv[1]; os.makedirs(out)
                rng = np.random.default_rng(3)
                cts = [rng.integers(-1000, 1500, (20, 96, 96)).astype(np.int16), np.zeros((8, 8), np.int16)]
                vox = [(0, int(z), int(y), int(x), 1) for z, y, x in rng.integers(0, 20, (300, 3))] + [(1, 0, 0, 0, 0)]
                joblib.dump(cts, f'{out}/cross_validation_ct_threshold_1.pkl')
                joblib.dump(vox, f'{out}/cross_validation_voxel_list_postprocess_1.pkl')
                joblib.dump([[0.5] * 20, [1.5] * 20], f'{out}/emr_data_1.pkl')
                """, cohort.toString());
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", out.toString(), "--quiet", "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("calcify: error: ").contains("item 1");
        String verdict = PythonOracle.run("""
                import sys, os, glob, joblib
                d = sys.argv[1] + '/fold_1'
                assert not [n for n in os.listdir(d) if not n.endswith('.pkl')], os.listdir(d)
                files = glob.glob(d + '/*.pkl')
                for f in files:
                    a, s, c, emr, ans = joblib.load(f)
                    assert a.shape == (65, 65) and ans == 1 and os.path.basename(f).startswith('fold_1_00_'), f
                print('whole', len(files))
                """, out.toString());
        assertThat(verdict.trim()).matches("whole \\d+");
    }

    @Test
    void badInputIsOneLineNamingFoldAndVoxel(@TempDir Path dir) {
        // a scan of more than 80 slices under --compat
        Path tall = dir.resolve("tall");
        SeedCohorts.write(tall, "[[(81, 512, 512)]]", "0");
        CliRunner r = CliRunner.run("seed-extract", "--input", tall.toString(), "--output", dir.resolve("o1").toString(), "--compat", "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("fold 1, scan 0").contains("81 slices");

        // a voxel outside its scan, an image index past the list, EMR rows too short
        for (String[] c : new String[][] {
            {"[(0, 9, 0, 0, 1)]", "[[0.0] * 20]", "outside"},
            {"[(3, 0, 0, 0, 1)]", "[[0.0] * 20]", "image_index"},
            {"[(0, 1, 2, 3, 1)]", "[[0.0] * 10]", "EMR row has 10 features"},
        }) {
            Path bad = dir.resolve("bad" + c[2].hashCode());
            PythonOracle.run("""
                    import sys, os, ast, joblib, numpy as np
                    out = sys.argv[1]; os.makedirs(out)
                    joblib.dump([np.zeros((4, 8, 8), np.int16)], f'{out}/cross_validation_ct_threshold_1.pkl')
                    joblib.dump(eval(sys.argv[2]), f'{out}/cross_validation_voxel_list_postprocess_1.pkl')
                    joblib.dump(eval(sys.argv[3]), f'{out}/emr_data_1.pkl')
                    """, bad.toString(), c[0], c[1]);
            r = CliRunner.run("seed-extract", "--input", bad.toString(), "--output", dir.resolve("o2").toString(), "--quiet");
            assertThat(r.exitCode()).as(c[2]).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(c[2]).singleElement().asString().startsWith("calcify: error: ")
                    .containsIgnoringCase(c[2]);
        }
        // an output folder that cannot be created (a file stands in its way)
        Path blocker = dir.resolve("blocker");
        try {
            Files.writeString(blocker, "x");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        r = CliRunner.run("seed-extract", "--input", tall.toString(), "--output", blocker.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("blocker");

        // an unreadable pickle
        Path junk = dir.resolve("junk");
        SeedCohorts.write(junk, "[[(3, 8, 8)]]", "0");
        try {
            Files.write(junk.resolve("cross_validation_voxel_list_postprocess_1.pkl"), new byte[] {(byte) 0x80, 4, (byte) 0x95, 1});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        r = CliRunner.run("seed-extract", "--input", junk.toString(), "--output", dir.resolve("o3").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cross_validation_voxel_list_postprocess_1.pkl");
    }
}
