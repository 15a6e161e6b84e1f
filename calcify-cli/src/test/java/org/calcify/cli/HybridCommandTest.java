package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.score.ScoringOracle;
import org.calcify.score.ScoringParameters;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridCommandTest {
    private static final Path CHEST = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest");

    /**
     * Cases on the real sharp-kernel chest: every case folder is there, an empty copy equals its
     * background, labels are exactly the changed voxels at or above 130 HU, and cohort.csv's true
     * Agatston scores are SciPy's on the written files.
     */
    @Test
    void writesCasesWhoseTruthTheOraclesConfirm(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cohort");
        CliRunner r = CliRunner.run("hybrid", "--background", CHEST.resolve("dicom-kernel-L").toString(), "--out", out.toString(),
                "--count", "3", "--seed", "4", "--empty-fraction", "0.4", "--plaques-per-case", "2-3", "--write-background");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[hybrid] background", "case-0002", "truth in");
        String verdict = PythonOracle.run("""
                import sys, csv, os, numpy as np, nibabel as nib
                rows = list(csv.DictReader(open(os.path.join(sys.argv[1], 'cohort.csv'))))
                assert [r['case'] for r in rows] == ['case-0000', 'case-0001', 'case-0002'], rows
                def load(c, f):
                    return np.asarray(nib.load(os.path.join(sys.argv[1], c, f)).dataobj).T.astype(np.int64)
                empty = lesions = 0
                for r in rows:
                    ct, lab, bg = load(r['case'], 'ct.nii.gz'), load(r['case'], 'labels.nii.gz'), load(r['case'], 'background.nii.gz')
                    assert ((lab != 0) == ((ct >= 130) & (ct != bg))).all(), r['case']
                    les = list(csv.DictReader(open(os.path.join(sys.argv[1], r['case'], 'lesions.csv'))))
                    assert len(les) == int(r['lesions']), r
                    assert sum(int(l['labelled_voxels']) for l in les) == int((lab != 0).sum()), r['case']
                    assert int(r['negative_candidates']) >= 100, r
                    if r['empty'] == '1':
                        empty += 1
                        assert (ct == bg).all() and not lab.any() and float(r['agatston']) == 0, r
                    lesions += len(les)
                print(empty, lesions)
                """, out.toString());
        String[] f = verdict.trim().split(" ");
        assertThat(Integer.parseInt(f[0])).as("empty copies").isPositive();
        assertThat(Integer.parseInt(f[1])).as("lesions").isPositive();
        List<String> rows = Files.readAllLines(out.resolve("cohort.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        for (String row : rows.subList(1, rows.size())) {
            String[] v = row.split(",");
            Path c = out.resolve(v[0]);
            String[] total = ScoringOracle.run(c.resolve("ct.nii.gz"), c.resolve("labels.nii.gz"), ScoringParameters.DEFAULT)
                    .lines().findFirst().orElseThrow().split(" ");
            assertThat(Double.parseDouble(v[header.indexOf("agatston")])).as(v[0] + " Agatston")
                    .isCloseTo(Double.parseDouble(total[1]), org.assertj.core.data.Offset.offset(0.0006));
        }
    }

    @Test
    void badInputIsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path none = dir.resolve("no-such-scan");
        CliRunner r = CliRunner.run("hybrid", "--background", none.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(none.toString()).hasLineCount(1);
        CliRunner range = CliRunner.run("hybrid", "--background", none.toString(), "--out", dir.resolve("o").toString(),
                "--plaques-per-case", "4-1");
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.err()).contains("--plaques-per-case", "4-1");
        CliRunner share = CliRunner.run("hybrid", "--background", none.toString(), "--out", dir.resolve("o").toString(),
                "--extensive-plaques", "1.5");
        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.err()).contains("extensive plaque share", "1.5").hasLineCount(1);
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
