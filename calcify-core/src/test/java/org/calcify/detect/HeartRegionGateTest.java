package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.calcify.anatomy.AnatomyLabel;
import org.calcify.anatomy.CoarseAxialGrid;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.candidate.CandidateLabels;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

class HeartRegionGateTest {
    /** A 4 x 40 x 40 scan of 1 mm voxels whose heart region is the coarse columns of x below 20 mm. */
    private static ThoraxAnatomy halfHeart(double bloodHu, double noiseHu) {
        return byColumn(x -> x < 20 ? AnatomyLabel.HEART_REGION : AnatomyLabel.BODY, bloodHu, noiseHu);
    }

    /** A 4 x 40 x 40 scan of 1 mm voxels whose anatomy depends on x only. */
    private static ThoraxAnatomy byColumn(java.util.function.IntFunction<AnatomyLabel> labelOfX, double bloodHu, double noiseHu) {
        Volume ct = Volume.zeros(Geometry.of(40, 40, 4), DataType.INT16);
        CoarseAxialGrid grid = CoarseAxialGrid.of(ct);
        byte[] coarse = new byte[grid.sizeZ() * grid.sizeY() * grid.sizeX()];
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    coarse[grid.coarseIndexOf(z, y, x)] = (byte) labelOfX.apply(x).value();
                }
            }
        }
        return new ThoraxAnatomy(grid, coarse, 1, bloodHu, noiseHu, Double.NaN, Double.NaN, Double.NaN, false, false, Double.NaN);
    }

    /** Candidates of one row each: a component spanning x = from..to (inclusive) in slice 1, row 5 + id. */
    private static CandidateFinder.Candidates rows(double peakHu, int[]... spans) {
        int[] labels = new int[4 * 40 * 40];
        List<Component> comps = new java.util.ArrayList<>();
        for (int id = 1; id <= spans.length; id++) {
            int y = 5 + id;
            int from = spans[id - 1][0];
            int to = spans[id - 1][1];
            for (int x = from; x <= to; x++) {
                labels[(40 + y) * 40 + x] = id;
            }
            int n = to - from + 1;
            comps.add(new Component(id, n, n, peakHu, peakHu, new double[] {1, y, (from + to) / 2.0}, new int[] {1, y, to},
                    new int[] {1, y, from}, new int[] {1, y, to}));
        }
        return new CandidateFinder.Candidates(CandidateLabels.fromDense(labels, spans.length, 4, 40, 40), comps);
    }

    @Test
    void aCandidateReachingIntoTheRegionIsKeptWhereverItsPeakLies() {
        ThoraxAnatomy anatomy = halfHeart(40, 10);
        // 1: wholly inside; 2: straddles the rim with its peak (its last voxel) outside; 3: wholly outside
        CandidateFinder.Candidates kept = HeartRegionGate.filter(rows(400, new int[] {2, 6}, new int[] {15, 30}, new int[] {25, 35}), anatomy,
                new int[3], new NoiseGate(0, 0, NoiseGate.Background.BLOOD_POOL), 130);
        assertThat(kept.components()).extracting(Component::voxels).containsExactly(5, 16);
        assertThat(kept.components()).extracting(Component::id).containsExactly(1, 2);
        int[] l = kept.labels().toDense();
        assertThat(l[(40 + 7) * 40 + 30]).isEqualTo(2); // the straddling one keeps all of its voxels, renumbered
        assertThat(l[(40 + 8) * 40 + 25]).isZero(); // the outside one is gone
    }

    /**
     * Detection wants a tenth of a candidate in the region: a structure outside that only touches the rim (a sternum cut
     * off from the bone above it) is not classified, a lesion half in the epicardial fat is; extraction keeps both.
     */
    @Test
    void detectionWantsATenthOfACandidateInTheRegion() {
        ThoraxAnatomy anatomy = halfHeart(40, 10);
        // 1: x 19..38, 1 of its 20 voxels in the region; 2: x 15..30, 5 of 16 in the region
        CandidateFinder.Candidates candidates = rows(400, new int[] {19, 38}, new int[] {15, 30});
        NoiseGate none = new NoiseGate(0, 0, NoiseGate.Background.BLOOD_POOL);
        assertThat(HeartRegionGate.filter(candidates, anatomy, new int[3], none, 130, null, HeartRegionGate.DETECT_MIN_REGION_SHARE)
                .components()).extracting(Component::voxels).containsExactly(16);
        assertThat(HeartRegionGate.filter(rows(400, new int[] {19, 38}, new int[] {15, 30}), anatomy, new int[3], none, 130)
                .components()).extracting(Component::voxels).containsExactly(20, 16);
    }

    /** A rib or costal cartilage touching the region's rim is bone, not a coronary lesion reaching in from the fat. */
    @Test
    void aCandidateLyingMostlyInBoneIsDroppedWhereverItTouchesTheRegion() {
        ThoraxAnatomy anatomy = byColumn(x -> x < 20 ? AnatomyLabel.HEART_REGION : x < 24 ? AnatomyLabel.BODY : AnatomyLabel.BONE, 40, 10);
        // 1: x 15..35, 12 of its 21 voxels in bone; 2: x 15..27, 4 of 13 in bone; both reach the region
        CandidateFinder.Candidates kept = HeartRegionGate.filter(rows(400, new int[] {15, 35}, new int[] {15, 27}), anatomy, new int[3],
                new NoiseGate(0, 0, NoiseGate.Background.BLOOD_POOL), 130);
        assertThat(kept.components()).extracting(Component::voxels).containsExactly(13);
    }

    @Test
    void theOffsetOfTheSearchBoxIsHonoured() {
        ThoraxAnatomy anatomy = halfHeart(40, 10);
        // found in a box whose voxel (0,0,0) is scan voxel (0,0,18): x 0..1 of the box is x 18..19 of the scan
        CandidateFinder.Candidates kept = HeartRegionGate.filter(rows(400, new int[] {0, 1}, new int[] {2, 5}), anatomy, new int[] {0, 0, 18}, new NoiseGate(0, 0, NoiseGate.Background.BLOOD_POOL), 130);
        assertThat(kept.components()).extracting(Component::voxels).containsExactly(2);
    }

    @Test
    void significanceWeighsThePeakRiseByTheSquareRootOfTheSizeOverTheNoise() {
        ThoraxAnatomy anatomy = halfHeart(40, 30);
        Component speck = rows(160, new int[] {2, 5}).components().get(0); // 4 voxels, 120 HU above the blood
        assertThat(HeartRegionGate.significance(speck, anatomy)).isCloseTo(120 * 2 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(HeartRegionGate.filter(rows(160, new int[] {2, 5}), anatomy, new int[3], NoiseGate.significanceOnly(8.1), 130).components()).isEmpty();
        assertThat(HeartRegionGate.filter(rows(160, new int[] {2, 5}), anatomy, new int[3], NoiseGate.significanceOnly(7.9), 130).components()).hasSize(1);
    }

    /**
     * Every candidate gets a verdict saying why it was or was not classified (calcify detect --candidates), and the
     * verdicts agree with what {@code filter} keeps: the same candidates, the same new ids.
     */
    @Test
    void everyCandidateGetsAVerdictThatAgreesWithWhatIsKept() {
        ThoraxAnatomy anatomy = byColumn(x -> x < 20 ? AnatomyLabel.HEART_REGION : x < 24 ? AnatomyLabel.BODY : AnatomyLabel.BONE, 40, 30);
        // 1: 16 voxels x 2..17 in the region; 2: x 15..35, 12 of 21 voxels in bone; 3: x 21..23, outside;
        // 4: x 19..38, 1 of 20 in the region and 15 in bone; 5: x 5..6, a 2-voxel speck in the region (significance 120 * sqrt 2 / 30 = 5.7)
        java.util.function.Supplier<CandidateFinder.Candidates> candidates = () -> rows(160, new int[] {2, 17}, new int[] {15, 35},
                new int[] {21, 23}, new int[] {19, 38}, new int[] {5, 6});
        NoiseGate gate = NoiseGate.significanceOnly(8);
        HeartRegionGate.Assessment a = HeartRegionGate.assess(candidates.get(), anatomy, new int[3], gate, 130, null,
                HeartRegionGate.DETECT_MIN_REGION_SHARE);
        assertThat(a.candidates()).extracting(GatedCandidate::fate).containsExactly(GatedCandidate.Fate.KEPT, GatedCandidate.Fate.IN_BONE,
                GatedCandidate.Fate.OUTSIDE_HEART_REGION, GatedCandidate.Fate.IN_BONE, GatedCandidate.Fate.NOISE);
        assertThat(a.candidates()).extracting(GatedCandidate::keptId).containsExactly(1, 0, 0, 0, 0);
        assertThat(a.candidates().get(1).regionShare()).isEqualTo(5 / 21.0);
        assertThat(a.candidates().get(1).boneShare()).isEqualTo(12 / 21.0);
        assertThat(a.candidates().get(3).regionShare()).isEqualTo(1 / 20.0);
        assertThat(a.candidates().get(3).boneShare()).isEqualTo(15 / 20.0);
        assertThat(a.candidates().get(2).regionShare()).isZero();
        // the noise tests' measures only where they were asked, as the gate computes them
        assertThat(a.candidates().get(0).significance()).isCloseTo(120 * 4 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.candidates().get(4).significance()).isCloseTo(120 * Math.sqrt(2) / 30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.candidates().get(4).tissueHu()).isEqualTo(40);
        assertThat(a.candidates().get(2).significance()).isNaN();
        assertThat(a.candidates().get(2).tissueHu()).isNaN();
        assertThat(a.candidates().get(4).smoothedRise()).isNaN(); // no scan given: no smoothed rise
        // what filter keeps is what the verdicts keep
        CandidateFinder.Candidates kept = HeartRegionGate.filter(candidates.get(), anatomy, new int[3], gate, 130, null,
                HeartRegionGate.DETECT_MIN_REGION_SHARE);
        assertThat(kept.components()).extracting(Component::voxels).containsExactly(16);
        assertThat(a.kept().components()).extracting(Component::voxels).containsExactly(16);
        assertThat(a.kept().labels().toDense()).containsExactly(kept.labels().toDense());
    }
}
