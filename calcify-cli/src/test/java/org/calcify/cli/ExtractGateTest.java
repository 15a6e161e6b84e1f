package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract --heart-region --min-significance S}: the noise gate on training candidates. Without it the gate is
 * detect's (8); lower keeps the noise specks detect would drop as negatives; it needs --heart-region.
 */
class ExtractGateTest {

    @Test
    void aLowerGateKeepsMoreNoiseSpecksAndEveryCandidateOfTheDefault(@TempDir Path dir) throws Exception {
        Path cases = dir.resolve("ph");
        CliRunner p = CliRunner.run("phantom", "--out", cases.toString(), "--count", "1", "--seed", "12", "--size", "192",
                "--slice-mm", "2.5..3", "--coverage-mm", "110..130", "--noise-hu", "45..50");
        assertThat(p.exitCode()).as(p.err()).isZero();
        String ct = cases.resolve("case-0000/ct.nii.gz").toString();
        String labels = cases.resolve("case-0000/labels.nii.gz").toString();
        String[] outs = {dir.resolve("default").toString(), dir.resolve("gate0").toString(), dir.resolve("gate8").toString()};
        String[][] gates = {{}, {"--min-significance", "0"}, {"--min-significance", "8"}};
        for (int i = 0; i < outs.length; i++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("extract", "--scan", ct, "--labels", labels, "--candidates",
                    "--heart-region", "--mode", "cube", "--size", "3,9,9", "--seed", "1", "--output", outs[i], "--quiet"));
            args.addAll(java.util.List.of(gates[i]));
            CliRunner r = CliRunner.run(args.toArray(new String[0]));
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        String verdict = PythonOracle.run("""
                import sys, csv
                def comps(d):
                    return {(r['voxels'], r['peak_hu'], r['centroid_z'], r['centroid_y'], r['centroid_x'], r['label'])
                            for r in csv.DictReader(open(d + '/components.csv'))}
                default, gate0, gate8 = (comps(d) for d in sys.argv[1:4])
                assert default == gate8, 'the default gate is 8'
                assert default < gate0, (len(default), len(gate0))           # a strict superset: noise specks come back
                extra = gate0 - default
                assert all(float(e[1]) < 400 for e in extra), extra          # and they are faint
                assert open(sys.argv[1] + '/index.csv').read() == open(sys.argv[3] + '/index.csv').read()
                print('ok', len(default), len(gate0))
                """, outs[0], outs[1], outs[2]);
        assertThat(verdict).startsWith("ok");
    }

    @Test
    void theGateNeedsTheHeartRegion(@TempDir Path dir) {
        CliRunner r = CliRunner.run("extract", "--scan", dir.resolve("ct.nii.gz").toString(), "--candidates", "--min-significance", "4",
                "--output", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--min-significance needs --heart-region");
        CliRunner neg = CliRunner.run("extract", "--scan", dir.resolve("ct.nii.gz").toString(), "--candidates", "--heart-region",
                "--min-significance", "-1", "--output", dir.resolve("out").toString());
        assertThat(neg.exitCode()).isEqualTo(2);
        assertThat(neg.err()).contains("minimum significance");
    }
}
