package org.calcify.detect;

import org.calcify.candidate.Component;

/**
 * What the {@link HeartRegionGate} made of one candidate, with what it measured: the answer to "why was this lesion
 * never classified?" ({@code calcify detect --candidates} writes one row per candidate).
 *
 * @param component    the candidate, in the voxels of the box it was found in
 * @param regionShare  the share of its voxels in the heart region
 * @param boneShare    the share of its voxels in bone
 * @param tissueHu     the HU its rises were measured from (its surroundings, or the blood pool); NaN where the noise
 *                     tests were not asked (outside the heart region or in bone)
 * @param significance the noise gate's significance (voxels counted as the gate counts them); NaN where not asked
 * @param noiseExcess  the noise gate's noise excess; NaN where not asked (outside the region, the significance failed
 *                     already, or the scan's noise cannot make candidates at all)
 * @param smoothedRise the smoothed rise; NaN unless the candidate failed the tests and the gate could keep it for it
 * @param fate         what became of it
 * @param keptId       its id among the kept candidates (1..n), 0 when dropped
 */
public record GatedCandidate(Component component, double regionShare, double boneShare, double tissueHu, double significance,
                             double noiseExcess, double smoothedRise, Fate fate, int keptId) {

    /** What became of a candidate at the gate. */
    public enum Fate {
        /** Less than the detector's share of its voxels in the heart region (none at all, for extraction). */
        OUTSIDE_HEART_REGION("outside_heart_region"),
        /** Reaches the region, but half of its voxels or more lie in bone. */
        IN_BONE("in_bone"),
        /** In the region, and taken for noise by the noise tests. */
        NOISE("noise"),
        /** In the region, passes the noise tests: classified. */
        KEPT("classified"),
        /** Failed the noise tests, kept for its smoothed rise: classified. */
        KEPT_FOR_SMOOTHED_RISE("classified_for_smoothed_rise");

        private final String id;

        Fate(String id) {
            this.id = id;
        }

        /** The name in {@code candidates.csv}. */
        public String id() {
            return id;
        }

        /** Whether the candidate goes on to the classifier. */
        public boolean isKept() {
            return this == KEPT || this == KEPT_FOR_SMOOTHED_RISE;
        }
    }
}
