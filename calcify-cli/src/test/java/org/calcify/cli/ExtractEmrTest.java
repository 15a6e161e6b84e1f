package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extract --emr writes the phantom's clinical features (never its true scores) per patch. */
class ExtractEmrTest {

    @Test
    void emrRowsFollowTheirScan(@TempDir Path dir) {
        Path ph = dir.resolve("ph");
        assertThat(CliRunner.run("phantom", "--out", ph.toString(), "--count", "2", "--seed", "4", "--size", "96", "--slices", "12-14").exitCode()).isZero();
        Path out = dir.resolve("sh");
        CliRunner r = CliRunner.run("extract", "--scan", ph.resolve("case-0000/ct.nii.gz").toString(), "--scan",
                ph.resolve("case-0001/ct.nii.gz").toString(), "--emr", ph.resolve("cohort.csv").toString(), "--candidates",
                "--mode", "cube", "--size", "3,9,9", "--output", out.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, csv, numpy as np
                out, cohort = sys.argv[1], sys.argv[2]
                rows = {r['case']: r for r in csv.DictReader(open(cohort))}
                emr = np.load(out + '/emr.npy'); idx = list(csv.DictReader(open(out + '/index.csv')))
                cols = ['age', 'sex', 'bmi', 'smoking', 'diabetes', 'hypertension', 'cholesterol_mmol_l']
                assert emr.shape == (len(idx), 7), emr.shape
                for r in idx:
                    c = rows[r['scan'].split('/')[0]]
                    want = [1.0 if c[k] == 'M' else 0.0 if c[k] == 'F' else float(c[k]) for k in cols]
                    assert list(emr[int(r['row'])]) == want, (r, list(emr[int(r['row'])]), want)
                print('ok', len(idx))
                """, out.toString(), ph.resolve("cohort.csv").toString());
        assertThat(verdict).startsWith("ok");
    }
}
