package org.calcify.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a case draws for its scanner and protocol stays within the options' ranges and covers the heart. */
class AcquisitionTest {
    private static final int CASES = 250;

    @Test
    void defaultsSpreadOverTheRealisticRangesAndCoverTheHeart() {
        PhantomOptions o = PhantomOptions.DEFAULT;
        EnumSet<Kernel> kernels = EnumSet.noneOf(Kernel.class);
        double thin = Double.MAX_VALUE;
        double thick = 0;
        double[] area = new double[CASES];
        double[] noise = new double[CASES];
        for (int i = 0; i < CASES; i++) {
            Scene s = CardiacPhantom.scene(PhantomCohort.caseSeed(17, i), false);
            Acquisition a = Acquisition.draw(o, s, new SplittableRandom(i));
            assertThat(a.sliceThicknessMm()).isBetween(0.5, 5.0);
            assertThat(a.pixelMm()).isBetween(0.4, 0.98);
            assertThat(a.noiseHu()).isBetween(10.0, 50.0);
            assertThat(a.kvp()).isBetween(80, 140);
            assertThat(a.psfMm()).isEqualTo(Kernel.psfSigmaMm(a.cutoffPerMm()));
            assertThat(a.subsamples()).isEqualTo((int) Math.ceil(a.sliceThicknessMm() / o.subsampleMm() - 1e-9));
            double[] span = s.heartSpanW();
            double lo = a.firstSliceW() - a.sliceThicknessMm() / 2;
            double hi = lo + a.coverageMm();
            assertThat(lo).as("case %d: scan bottom below the heart", i).isLessThanOrEqualTo(span[0] + a.sliceThicknessMm() / 2);
            assertThat(hi).as("case %d: scan top above the aortic root", i).isGreaterThanOrEqualTo(span[1] - a.sliceThicknessMm() / 2);
            kernels.add(a.kernel());
            thin = Math.min(thin, a.sliceThicknessMm());
            thick = Math.max(thick, a.sliceThicknessMm());
            area[i] = s.body.halfWidthMm() * s.body.halfDepthMm();
            noise[i] = a.noiseHu();
        }
        assertThat(kernels).containsExactlyInAnyOrder(Kernel.values());
        assertThat(thin).isEqualTo(0.5);
        assertThat(thick).isEqualTo(5.0);
        assertThat(correlation(area, noise)).as("noise against body cross-section: larger patients noisier").isGreaterThan(0.2);
    }

    @Test
    void sliceLimitsAndFixedValuesAreObeyed() {
        PhantomOptions o = PhantomOptions.builder().sizeXy(256).slices(40, 80).sliceThicknessMm(Range.of(0.5, 5))
                .noiseHu(Range.exactly(25)).kvp(Range.of(95, 105)).kernels(Kernel.SHARP).pixelMm(Range.exactly(0.6)).build();
        for (int i = 0; i < CASES; i++) {
            Scene s = CardiacPhantom.scene(PhantomCohort.caseSeed(18, i), false);
            Acquisition a = Acquisition.draw(o, s, new SplittableRandom(i));
            assertThat(a.slices()).isBetween(40, 80);
            assertThat(a.noiseHu()).isEqualTo(25.0);
            assertThat(a.kvp()).isEqualTo(100);
            assertThat(a.kernel()).isEqualTo(Kernel.SHARP);
            assertThat(a.pixelMm()).as("0.6 mm at 512, scaled to a 256 matrix").isEqualTo(1.2);
        }
        // too few slices for the heart at any allowed thickness: the thickest, the count clamped, centred on the heart
        PhantomOptions few = PhantomOptions.builder().sizeXy(64).slices(8, 10).build();
        Scene s = CardiacPhantom.scene(1, false);
        Acquisition a = Acquisition.draw(few, s, new SplittableRandom(1));
        assertThat(a.sliceThicknessMm()).isEqualTo(5.0);
        assertThat(a.slices()).isBetween(8, 10);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
