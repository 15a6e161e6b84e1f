package org.calcify.score;

/**
 * How an in-slice component whose voxels carry more than one coronary label is divided among the
 * arteries. The total score is the same either way.
 */
public enum ArterySplit {
    /** The whole component goes to the artery holding most of its voxels (ties: the lower label). */
    MAJORITY,
    /**
     * Each artery gets the share of its own voxels: area (and volume, mass) of its voxels, weighted
     * by the peak of the whole component.
     */
    PROPORTIONAL
}
