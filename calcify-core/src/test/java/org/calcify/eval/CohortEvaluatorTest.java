package org.calcify.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.calcify.eval.plot.EvaluationPlots;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.LabelPerturber;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScorer;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lesion- and voxel-level metrics of perturbed phantom labels against an independent NumPy /
 * scipy.ndimage implementation; CSV inputs; the written plots; bad inputs.
 */
class CohortEvaluatorTest {
    @TempDir
    static Path dir;
    static Path truth;
    static Path pred;
    static final int CASES = 4;

    /** Per case: lesion tp fn fp, voxel tp fn fp for the total and each artery (rows "scope ..."). */
    private static final String ORACLE = """
            import sys, numpy as np, nibabel as nib
            from scipy import ndimage
            def scored(ct, lab):
                cand = (lab >= 1) & (lab <= 4) & (ct >= 130)
                # default scorer: 8-connected in-slice components of at least 1 mm2 (pixels here are larger)
                return np.where(cand, lab, 0)
            s3 = ndimage.generate_binary_structure(3, 3)
            def lesions(lab):
                L, n = ndimage.label(lab > 0, structure=s3)
                arts = [int(np.argmax(np.bincount(lab[L == c], minlength=5)[1:5])) + 1 for c in range(1, n + 1)]
                return L, n, arts
            tot = np.zeros((5, 6), int)
            for case in sys.argv[2:]:
                ct = np.asarray(nib.load(sys.argv[1] + '/truth/' + case + '/ct.nii.gz').dataobj).T
                t = scored(ct, np.asarray(nib.load(sys.argv[1] + '/truth/' + case + '/labels.nii.gz').dataobj).T.astype(int))
                p = scored(ct, np.asarray(nib.load(sys.argv[1] + '/pred/' + case + '/labels.nii.gz').dataobj).T.astype(int))
                Lt, nt, at = lesions(t)
                Lp, np_, ap = lesions(p)
                for s in range(5):
                    tm = (t > 0) if s == 0 else (t == s)
                    pm = (p > 0) if s == 0 else (p == s)
                    same = (t > 0) & (p > 0) if s == 0 else (t == p) & (t > 0)
                    tot[s, 3] += (tm & pm).sum(); tot[s, 4] += (tm & ~pm).sum(); tot[s, 5] += (pm & ~tm).sum()
                    for c in range(1, nt + 1):
                        if s and at[c - 1] != s: continue
                        m = Lt == c
                        found = ((p[m] > 0).any() if s == 0 else ((p[m] == t[m]) & (p[m] > 0)).any())
                        tot[s, 0 if found else 1] += 1
                    for c in range(1, np_ + 1):
                        if s and ap[c - 1] != s: continue
                        m = Lp == c
                        hit = ((t[m] > 0).any() if s == 0 else ((p[m] == t[m]) & (t[m] > 0)).any())
                        if not hit: tot[s, 2] += 1
            for s in range(5):
                print('scope', *tot[s])
            """;

    @BeforeAll
    static void cohort() throws IOException {
        truth = dir.resolve("truth");
        pred = dir.resolve("pred");
        // 128 x 128: pixels of 2-3.6 mm, so the 1 mm² minimum area never drops a component
        PhantomCohort.write(truth, CASES, 21, PhantomOptions.builder().sizeXy(128).slices(12, 20).build(), null);
        LabelPerturber perturber = new LabelPerturber(0.2, 0.2, 0.3, 2.5);
        for (int i = 0; i < CASES; i++) {
            String name = PhantomCohort.caseName(i);
            Volume ct = VolumeIO.read(truth.resolve(name).resolve("ct.nii.gz"));
            Volume labels = VolumeIO.read(truth.resolve(name).resolve("labels.nii.gz"));
            VolumeIO.write(perturber.perturb(ct, labels, i), pred.resolve(name).resolve("labels.nii.gz"));
        }
    }

    @Test
    void lesionAndVoxelCountsMatchScipy() throws IOException {
        Metrics m = new CohortEvaluator(new CalciumScorer()).evaluate(pred, truth);
        assertThat(m.cases()).hasSize(CASES);
        String[] names = new String[CASES + 1];
        names[0] = dir.toString();
        for (int i = 0; i < CASES; i++) {
            names[i + 1] = PhantomCohort.caseName(i);
        }
        List<String> lines = PythonOracle.run(ORACLE, names).lines().toList();
        Artery[] scopes = {null, Artery.LM, Artery.LAD, Artery.LCX, Artery.RCA};
        long truthLesions = 0;
        for (int s = 0; s < 5; s++) {
            String[] f = lines.get(s).split(" ");
            DetectionCounts l = m.lesions(scopes[s]);
            DetectionCounts v = m.voxels(scopes[s]);
            assertThat(new long[] {l.truePositives(), l.falseNegatives(), l.falsePositives(),
                    v.truePositives(), v.falseNegatives(), v.falsePositives()})
                    .as("scope " + Metrics.scopeName(scopes[s]))
                    .containsExactly(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
            if (s == 0) {
                truthLesions = l.truePositives() + l.falseNegatives();
            }
        }
        assertThat(truthLesions).as("true lesions in the test cohort").isPositive();
        Map<String, Object> json = m.toMap();
        assertThat(json).containsKeys("cases", "total", "LM", "LAD", "LCX", "RCA");
        List<Path> plots = EvaluationPlots.write(m, dir.resolve("out"));
        for (Path p : plots) {
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(p), 4);
            assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
        }
        assertThat(m.perCaseCsv().lines()).hasSize(CASES + 1);
    }

    @Test
    void cohortCsvAgainstItselfAgreesPerfectly() throws IOException {
        Path csv = truth.resolve("cohort.csv");
        Metrics m = new CohortEvaluator(new CalciumScorer()).evaluate(csv, csv);
        @SuppressWarnings("unchecked")
        Map<String, Object> scan = (Map<String, Object>) ((Map<String, Object>) m.toMap().get("total")).get("scan");
        assertThat(scan.get("category_agreement")).isEqualTo(1.0);
        assertThat(m.lesions(null)).isNull();
        // the folder of true labels scores exactly what cohort.csv says
        Metrics mixed = new CohortEvaluator(new CalciumScorer()).evaluate(truth, csv);
        for (CaseResult c : mixed.cases()) {
            assertThat(c.predicted().total().agatston()).isCloseTo(c.truth().total().agatston(), within(1e-3));
        }
    }

    @Test
    void badInputsAreOneLineErrors() throws IOException {
        CohortEvaluator e = new CohortEvaluator(new CalciumScorer());
        assertThatThrownBy(() -> e.evaluate(dir.resolve("nope"), truth)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "case,agatston\ncase-0000,-3\n");
        assertThatThrownBy(() -> e.evaluate(bad, truth.resolve("cohort.csv"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a score");
        Path noCol = dir.resolve("nocol.csv");
        Files.writeString(noCol, "name,score\na,1\n");
        assertThatThrownBy(() -> e.evaluate(noCol, noCol)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'case' and 'agatston'");
        Path empty = Files.createDirectories(dir.resolve("emptydir"));
        assertThatThrownBy(() -> e.evaluate(empty, truth)).isInstanceOf(InvalidInputException.class);
    }
}
