package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify phantom} with the acquisition options and {@code --anatomy}, read back by nibabel and the csv module. */
class PhantomCommandTest {
    @TempDir
    Path dir;

    /** argv: cohort folder. Prints the case's shapes, dtypes, affine agreement, anatomy codes and its cohort.csv acquisition. */
    private static final String ORACLE = """
            import sys, csv, numpy as np, nibabel as nib
            d = sys.argv[1]
            ct, an = nib.load(d + '/case-0000/ct.nii.gz'), nib.load(d + '/case-0000/anatomy.nii.gz')
            row = next(csv.DictReader(open(d + '/cohort.csv')))
            codes = np.unique(np.asarray(an.dataobj))
            print(ct.shape == an.shape, str(an.get_data_dtype()), bool(np.allclose(ct.affine, an.affine)),
                  ','.join(str(int(c)) for c in codes), ct.shape[2], round(float(ct.header.get_zooms()[2]), 3),
                  row['slice_thickness_mm'], row['noise_hu'], row['kernel'], row['kvp'], row['slices'])
            """;

    @Test
    void writesTheAnatomyMapAndTheDrawnAcquisition() {
        CliRunner r = CliRunner.run("phantom", "--out", dir.toString(), "--count", "1", "--seed", "3", "--size", "96",
                "--slices", "6-6", "--slice-mm", "2.5", "--noise-hu", "20", "--kvp", "100", "--kernel", "sharp", "--anatomy");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("100 kVp", "sharp kernel", "noise 20.0 HU");
        String[] f = PythonOracle.run(ORACLE, dir.toString()).trim().split(" ");
        assertThat(f[0]).as("same shape").isEqualTo("True");
        assertThat(f[1]).isEqualTo("uint8");
        assertThat(f[2]).as("same affine").isEqualTo("True");
        for (String c : f[3].split(",")) {
            assertThat(Integer.parseInt(c)).as("anatomy code").isBetween(0, 6);
        }
        assertThat(f[4]).as("slices").isEqualTo("6");
        assertThat(f[5]).as("slice spacing in the NIfTI header").isEqualTo("2.5");
        assertThat(f[6]).isEqualTo("2.500");
        assertThat(f[7]).isEqualTo("20.00");
        assertThat(f[8]).isEqualTo("sharp");
        assertThat(f[9]).isEqualTo("100");
        assertThat(f[10]).isEqualTo("6");
    }

    @Test
    void badRangesExitWithTwo() {
        CliRunner thick = CliRunner.run("phantom", "--out", dir.resolve("a").toString(), "--slice-mm", "0.5..20");
        assertThat(thick.exitCode()).isEqualTo(2);
        assertThat(thick.err().lines().toList()).singleElement().asString().startsWith("calcify: error: ").contains("slice thickness");
        assertThat(CliRunner.run("phantom", "--out", dir.resolve("b").toString(), "--kernel", "blurry").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("phantom", "--out", dir.resolve("c").toString(), "--noise-hu", "ten").exitCode()).isEqualTo(2);
    }
}
