package org.calcify.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.candidate.Connectivity;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import org.calcify.phantom.Range;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scorer against an independent NumPy / scipy.ndimage.label implementation ({@link ScoringOracle})
 * on phantom cases read from NIfTI files, under several parameter choices; plus the bad inputs.
 */
class CalciumScorerTest {
    @TempDir
    static Path dir;
    static List<Path> cases = new ArrayList<>();
    private static final int CASES = 6;

    @BeforeAll
    static void phantom() throws IOException {
        // 1.5-3 mm slices, as the phantom drew before it had 5 mm ones (which with 10-16 slices would average most plaques
        // away); six cases, as in the realistic phantom's draws the first four of cohort 11 have no coronary plaque
        PhantomCohort.write(dir, CASES, 11, PhantomOptions.builder().sizeXy(256).slices(10, 16).sliceThicknessMm(Range.of(1.5, 3)).build(), null);
        for (int i = 0; i < CASES; i++) {
            cases.add(dir.resolve(PhantomCohort.caseName(i)));
        }
        // a case whose lesions span two arteries: LAD and LCX interleaved column by column
        Path src = cases.get(0);
        Volume labels = VolumeIO.read(src.resolve("labels.nii.gz"));
        Volume ctMax = null;
        int best = -1;
        long bestVoxels = -1;
        for (int i = 0; i < CASES; i++) {
            long n = 0;
            for (byte b : VolumeIO.read(cases.get(i).resolve("labels.nii.gz")).bytes()) {
                n += b >= 1 && b <= 4 ? 1 : 0;
            }
            if (n > bestVoxels) {
                bestVoxels = n;
                best = i;
            }
        }
        labels = VolumeIO.read(cases.get(best).resolve("labels.nii.gz"));
        byte[] mixed = labels.bytes().clone();
        for (int i = 0; i < mixed.length; i++) {
            if (mixed[i] >= 1 && mixed[i] <= 4) {
                mixed[i] = (byte) ((i % labels.sizeX()) % 2 == 0 ? 2 : 3);
            }
        }
        Path m = dir.resolve("mixed");
        VolumeIO.write(VolumeIO.read(cases.get(best).resolve("ct.nii.gz")), m.resolve("ct.nii.gz"));
        VolumeIO.write(Volume.ofBytes(labels.geometry(), mixed), m.resolve("labels.nii.gz"));
        cases.add(m);
        assertThat(bestVoxels).as("the phantom cohort must hold coronary calcium").isPositive();
    }

    static Stream<Arguments> parameters() {
        ScoringParameters d = ScoringParameters.DEFAULT;
        return Stream.of(
                Arguments.of("default", d),
                Arguments.of("4-connected, 6-connected lesions", d.withConnectivity2d(Connectivity.FOUR).withConnectivity3d(Connectivity.SIX)),
                Arguments.of("proportional split", d.withArterySplit(ArterySplit.PROPORTIONAL)),
                Arguments.of("no thickness normalisation, 5 mm² minimum", d.withThicknessNormalisation(false, 3).withMinAreaMm2(5)),
                Arguments.of("threshold 200, mass factor 0.0008", d.withThresholdHu(200).withMassFactor(0.0008)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameters")
    void matchesScipyImplementation(String name, ScoringParameters p) throws IOException {
        CalciumScorer scorer = new CalciumScorer(p);
        int lesionsSeen = 0;
        for (Path c : cases) {
            Path ctPath = c.resolve("ct.nii.gz");
            Path labPath = c.resolve("labels.nii.gz");
            CalciumScore s = scorer.score(VolumeIO.read(ctPath), VolumeIO.read(labPath));
            List<String> lines = ScoringOracle.run(ctPath, labPath, p).lines().toList();
            double[] total = numbers(lines.get(0));
            assertScores(c + " total", s.total(), total);
            for (Artery a : Artery.values()) {
                assertScores(c + " " + a, s.artery(a), numbers(lines.get(a.label())));
            }
            List<String> lesionLines = lines.subList(5, lines.size());
            assertThat(s.lesions()).as(c + " lesions").hasSize(lesionLines.size());
            for (int i = 0; i < lesionLines.size(); i++) {
                double[] l = numbers(lesionLines.get(i));
                Lesion mine = s.lesions().get(i);
                assertThat(mine.voxels()).isEqualTo((int) l[0]);
                assertThat(mine.peakHu()).isEqualTo((int) l[1]);
                assertThat(mine.centroidZyx()).containsExactly(new double[] {l[2], l[3], l[4]}, within(1e-9));
            }
            assertThat(s.category()).isEqualTo(RiskCategory.of(total[0]));
            lesionsSeen += lesionLines.size();
        }
        assertThat(lesionsSeen).as("lesions in the test cases").isPositive();
    }

    private static void assertScores(String what, ScoreTriple mine, double[] oracle) {
        assertThat(mine.agatston()).as(what + " Agatston").isCloseTo(oracle[0], within(1e-6 * (1 + oracle[0])));
        assertThat(mine.volumeMm3()).as(what + " volume").isCloseTo(oracle[1], within(1e-6 * (1 + oracle[1])));
        assertThat(mine.massMg()).as(what + " mass").isCloseTo(oracle[2], within(1e-6 * (1 + oracle[2])));
    }

    private static double[] numbers(String line) {
        String[] f = line.trim().split(" ");
        double[] v = new double[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            v[i - 1] = Double.parseDouble(f[i]);
        }
        return v;
    }

    @Test
    void lesionScoresAddUpAndCentroidIsInPatientSpace() throws IOException {
        Path c = cases.get(cases.size() - 1);
        Volume ct = VolumeIO.read(c.resolve("ct.nii.gz"));
        CalciumScore s = new CalciumScorer().score(ct, VolumeIO.read(c.resolve("labels.nii.gz")));
        double sum = s.lesions().stream().mapToDouble(l -> l.scores().agatston()).sum();
        assertThat(sum).isCloseTo(s.total().agatston(), within(1e-9 * (1 + sum)));
        for (Lesion l : s.lesions()) {
            double[] zyx = l.centroidZyx();
            assertThat(l.centroidLpsMm()).containsExactly(ct.geometry().indexToWorld(zyx[2], zyx[1], zyx[0]), within(1e-9));
        }
        var json = org.calcify.io.text.JsonFiles.mapper().valueToTree(s.document());
        assertThat(json.propertyNames()).containsExactly("agatston", "volume_mm3", "mass_mg", "category", "arteries", "lesions", "parameters");
        assertThat(json.path("lesions").get(0).propertyNames()).containsExactly("id", "artery", "voxels", "agatston", "volume_mm3", "mass_mg",
                "peak_hu", "mean_hu", "centroid_voxel_zyx", "centroid_lps_mm");
        assertThat(json.path("parameters").path("connectivity_3d").asInt()).isEqualTo(26);
    }

    @Test
    void emptyScanScoresZero() {
        Geometry g = Geometry.of(32, 32, 4);
        short[] hu = new short[g.voxelCount()];
        java.util.Arrays.fill(hu, (short) 1000);
        CalciumScore s = new CalciumScorer().score(Volume.ofShorts(g, hu), Volume.ofBytes(g, new byte[g.voxelCount()]));
        assertThat(s.total()).isEqualTo(ScoreTriple.ZERO);
        assertThat(s.category()).isEqualTo(RiskCategory.ZERO);
        assertThat(s.lesions()).isEmpty();
    }

    @Test
    void allCalciumScanIsOneLesion() {
        Geometry g = Geometry.of(64, 48, 5).withSpacing(new double[] {0.5, 0.5, 3});
        short[] hu = new short[g.voxelCount()];
        java.util.Arrays.fill(hu, (short) 450);
        byte[] lab = new byte[g.voxelCount()];
        java.util.Arrays.fill(lab, (byte) 2);
        CalciumScore s = new CalciumScorer().score(Volume.ofShorts(g, hu), Volume.ofBytes(g, lab));
        assertThat(s.lesions()).hasSize(1);
        assertThat(s.total().agatston()).isCloseTo(g.voxelCount() * 0.25 * 4, within(1e-9));
        assertThat(s.artery(Artery.LAD)).isEqualTo(s.total());
        assertThat(s.category()).isEqualTo(RiskCategory.SEVERE);
    }

    @Test
    void refusesDifferentGrids() {
        Geometry g = Geometry.of(16, 16, 4);
        Volume ct = Volume.ofShorts(g, new short[g.voxelCount()]);
        Volume lab = Volume.ofBytes(g.withOrigin(new double[] {0, 0, 5}), new byte[g.voxelCount()]);
        assertThatThrownBy(() -> new CalciumScorer().score(ct, lab)).isInstanceOf(InvalidScanException.class)
                .hasMessageContaining("grid differs").matches(e -> ((InvalidScanException) e).part() == InvalidScanException.Part.LABELS);
        Volume small = Volume.ofBytes(Geometry.of(16, 16, 3), new byte[16 * 16 * 3]);
        assertThatThrownBy(() -> new CalciumScorer().score(ct, small)).isInstanceOf(InvalidScanException.class);
    }

    @Test
    void refusesLabelsOutsideZeroToFive() {
        Geometry g = Geometry.of(16, 16, 4);
        byte[] lab = new byte[g.voxelCount()];
        lab[g.index(2, 3, 4)] = 6;
        assertThatThrownBy(() -> new CalciumScorer().score(Volume.ofShorts(g, new short[g.voxelCount()]), Volume.ofBytes(g, lab)))
                .isInstanceOf(InvalidScanException.class).hasMessageContaining("label 6 at voxel (z,y,x)=(2,3,4)");
        short[] neg = new short[g.voxelCount()];
        neg[7] = -1;
        assertThatThrownBy(() -> new CalciumScorer().score(Volume.ofShorts(g, new short[g.voxelCount()]), Volume.ofShorts(g, neg)))
                .isInstanceOf(InvalidScanException.class).hasMessageContaining("outside 0-5");
    }

    @Test
    void refusesNonAxialSlicesButAcceptsSmallTiltAndFlippedZ() {
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        Geometry tilted = Geometry.of(8, 8, 3).withDirection(new double[] {1, 0, 0, 0, c, -s, 0, s, c});
        Volume ct = Volume.ofShorts(tilted, new short[tilted.voxelCount()]);
        assertThatThrownBy(() -> new CalciumScorer().score(ct, Volume.ofBytes(tilted, new byte[tilted.voxelCount()])))
                .isInstanceOf(InvalidScanException.class).hasMessageContaining("not axial").hasMessageContaining("30.0 degrees");
        Geometry coronal = Geometry.of(8, 8, 3).withDirection(new double[] {1, 0, 0, 0, 0, 1, 0, -1, 0});
        assertThatThrownBy(() -> CalciumScorer.checkAxial(coronal)).isInstanceOf(InvalidScanException.class);
        double c5 = Math.cos(Math.toRadians(5));
        double s5 = Math.sin(Math.toRadians(5));
        CalciumScorer.checkAxial(Geometry.of(8, 8, 3).withDirection(new double[] {1, 0, 0, 0, c5, -s5, 0, s5, c5}));
        CalciumScorer.checkAxial(Geometry.of(8, 8, 3).withDirection(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}));
    }

    @Test
    void riskCategoriesHaveTheUsualBounds() {
        assertThat(RiskCategory.of(0)).isEqualTo(RiskCategory.ZERO);
        assertThat(RiskCategory.of(0.5)).isEqualTo(RiskCategory.MINIMAL);
        assertThat(RiskCategory.of(10)).isEqualTo(RiskCategory.MINIMAL);
        assertThat(RiskCategory.of(10.01)).isEqualTo(RiskCategory.MILD);
        assertThat(RiskCategory.of(100)).isEqualTo(RiskCategory.MILD);
        assertThat(RiskCategory.of(400)).isEqualTo(RiskCategory.MODERATE);
        assertThat(RiskCategory.of(400.5)).isEqualTo(RiskCategory.SEVERE);
        assertThat(ScoringParameters.densityWeight(199)).isEqualTo(1);
        assertThat(ScoringParameters.densityWeight(200)).isEqualTo(2);
        assertThat(ScoringParameters.densityWeight(399)).isEqualTo(3);
        assertThat(ScoringParameters.densityWeight(400)).isEqualTo(4);
    }
}
