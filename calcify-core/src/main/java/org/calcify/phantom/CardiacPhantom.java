package org.calcify.phantom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * A synthetic non-contrast chest CT through the heart with its calcium labels and anatomy truth: a
 * patient ({@link Scene}: trunk, table, skeleton, heart, great vessels, lung trees, arms, electrodes,
 * coronary tree), a scanner and protocol ({@link Acquisition}: kVp, kernel, noise, slice thickness, pixel
 * size, coverage), calcified plaques on the coronary tree and the aorta, valve and mitral annulus
 * ({@link Plaque}), imaged by {@link Scanner}. Every draw comes from {@link SplittableRandom}s seeded by the
 * case seed, so a seed always gives the same voxels, whatever the number of threads.
 */
public final class CardiacPhantom {
    /** Calcium labels are kept only on voxels at or above this HU. */
    public static final int CALCIUM_HU = 130;
    /** With {@code --contrast}, calcium labels need HU at least this much above the blood pool's. */
    public static final int CONTRAST_MARGIN_HU = 100;

    private CardiacPhantom() {
    }

    /** Generates one case. */
    public static PhantomCase generate(PhantomOptions options, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PatientRecord patient = PatientRecord.random(r);
        Scene scene = Scene.random(patient, new SplittableRandom(r.nextLong()), options.contrast());
        Acquisition acq = Acquisition.draw(options, scene, new SplittableRandom(r.nextLong()));
        Materials m = Materials.draw(new SplittableRandom(r.nextLong()), acq.kvp(), patient.ageYears(), options.contrast());
        int coronaryCount = r.nextDouble() < 0.2 ? 0 : poisson(r, patient.expectedPlaques());
        int nonCoronaryCount = poisson(r, 0.8 + 0.6 * Math.max(0, patient.risk() + 1));
        double t = acq.sliceThicknessMm();
        double wMin = acq.firstSliceW() - t / 2;
        double wMax = acq.firstSliceW() + (acq.slices() - 0.5) * t;
        List<Plaque> plaques = new ArrayList<>(Plaque.coronary(scene.anatomy, scene.coronaryTree, coronaryCount, wMin + 1, wMax - 1, r));
        plaques.addAll(Plaque.nonCoronary(scene.anatomy, nonCoronaryCount, wMin + 1, wMax - 1, r));
        long noiseSeed = r.nextLong();
        double[] world = {Anatomy.uniform(r, -60, 60), Anatomy.uniform(r, -200, -120), Anatomy.uniform(r, -400, -100)};

        int n = options.sizeXy();
        int nz = acq.slices();
        // with a contrast-filled lumen calcium is told from blood by a higher cut-off
        float labelHu = options.contrast() ? m.blood() + CONTRAST_MARGIN_HU : CALCIUM_HU;
        Scanner scanner = new Scanner(scene, m, acq, plaques, n, noiseSeed, options.noiseFree(), labelHu,
                options.labelMinCalciumHu());
        short[] ct = new short[n * n * nz];
        byte[] labels = new byte[ct.length];
        byte[] anatomy = new byte[ct.length];
        scanner.run(ct, labels, anatomy);
        double[] origin = {scanner.u0() + world[0], scanner.v0() + world[1], acq.firstSliceW() + world[2]};
        Geometry g = Geometry.of(n, n, nz, new double[] {acq.pixelMm(), acq.pixelMm(), t}, origin, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume ctVolume = Volume.ofShorts(g, ct).withMetadata(metadata(seed, acq))
                .withMetadata("phantom.bloodHu", String.format(Locale.ROOT, "%.1f", m.blood()));
        return new PhantomCase(ctVolume, Volume.ofBytes(g, labels), Volume.ofBytes(g, anatomy), acq, patient,
                coronaryCount, nonCoronaryCount, seed);
    }

    /** The CT volume's metadata: the seed and the drawn acquisition. */
    static Map<String, String> metadata(long seed, Acquisition a) {
        Map<String, String> md = new LinkedHashMap<>();
        md.put("phantom.seed", Long.toString(seed));
        md.put("phantom.kvp", Integer.toString(a.kvp()));
        md.put("phantom.kernel", a.kernel().label());
        md.put("phantom.kernelCutoffPerMm", String.format(Locale.ROOT, "%.4f", a.cutoffPerMm()));
        md.put("phantom.psfMm", String.format(Locale.ROOT, "%.4f", a.psfMm()));
        md.put("phantom.noiseHu", String.format(Locale.ROOT, "%.2f", a.noiseHu()));
        md.put("phantom.sliceThicknessMm", String.format(Locale.ROOT, "%.3f", a.sliceThicknessMm()));
        md.put("phantom.pixelMm", String.format(Locale.ROOT, "%.3f", a.pixelMm()));
        return md;
    }

    /** The scene of a case's seed, as {@link #generate} draws it (for tests of the geometry). */
    static Scene scene(long seed, boolean contrast) {
        SplittableRandom r = new SplittableRandom(seed);
        PatientRecord patient = PatientRecord.random(r);
        return Scene.random(patient, new SplittableRandom(r.nextLong()), contrast);
    }

    static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-Math.min(mean, 50));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
