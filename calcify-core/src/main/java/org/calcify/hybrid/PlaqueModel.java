package org.calcify.hybrid;

import java.util.List;

/**
 * An inserted calcification before it meets the scanner: calcium of {@code peakHu} above the tissue at
 * its densest point, as a sum of anisotropic Gaussian blobs in patient space (LPS, mm).
 *
 * @param site   where it lies (and so its label)
 * @param shape  nodule, elongated plaque or arc
 * @param blobs  its blobs (one for a nodule)
 * @param peakHu HU the calcium adds at its densest point, before blur and partial volume (150-1200)
 */
public record PlaqueModel(LesionSite site, PlaqueShape shape, List<Blob> blobs, double peakHu) {
    public PlaqueModel {
        blobs = List.copyOf(blobs);
        if (blobs.isEmpty()) {
            throw new IllegalArgumentException("a plaque needs at least one blob");
        }
    }

    /**
     * One Gaussian blob: {@code amplitudeHu * exp(-q / 2)} with q the squared distance from the centre
     * in units of {@code sigmaLongMm} along {@code axis} and {@code sigmaPerpMm} across it.
     *
     * @param centreLps   centre, LPS mm
     * @param axis        unit vector of the long axis (the vessel's direction)
     * @param sigmaLongMm standard deviation along the axis, mm
     * @param sigmaPerpMm standard deviation across it, mm
     * @param amplitudeHu HU at the centre
     */
    public record Blob(double[] centreLps, double[] axis, double sigmaLongMm, double sigmaPerpMm, double amplitudeHu) {
        public Blob {
            if (!(sigmaLongMm > 0) || !(sigmaPerpMm > 0) || !(amplitudeHu > 0)) {
                throw new IllegalArgumentException("blob sigmas and amplitude must be positive");
            }
            double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
            if (Math.abs(n - 1) > 1e-6) {
                throw new IllegalArgumentException("blob axis must be a unit vector, norm " + n);
            }
            centreLps = centreLps.clone();
            axis = axis.clone();
        }

        /** The unblurred calcium HU this blob adds at LPS point p. */
        public double valueAt(double[] p) {
            double dx = p[0] - centreLps[0];
            double dy = p[1] - centreLps[1];
            double dz = p[2] - centreLps[2];
            double along = dx * axis[0] + dy * axis[1] + dz * axis[2];
            double across2 = Math.max(0, dx * dx + dy * dy + dz * dz - along * along);
            return amplitudeHu * Math.exp(-0.5 * (along * along / (sigmaLongMm * sigmaLongMm) + across2 / (sigmaPerpMm * sigmaPerpMm)));
        }
    }

    /** Mean of the blob centres, LPS mm. */
    public double[] centreLps() {
        double[] c = new double[3];
        for (Blob b : blobs) {
            for (int k = 0; k < 3; k++) {
                c[k] += b.centreLps()[k] / blobs.size();
            }
        }
        return c;
    }

    /** The unblurred calcium HU the plaque adds at LPS point p. */
    public double valueAt(double[] p) {
        double s = 0;
        for (Blob b : blobs) {
            s += b.valueAt(p);
        }
        return s;
    }
}
