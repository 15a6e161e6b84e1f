package org.calcify.phantom;

/** Files {@link PhantomCohort} writes besides each case's ct.nii.gz and labels.nii.gz and the cohort.csv. */
public enum CohortOutput {
    /** {@code case-XXXX/anatomy.nii.gz}: the anatomy truth map ({@link AnatomyCode}). */
    ANATOMY,
    /** The forum thread's joblib cohort in the cohort folder ({@link SeedLayoutWriter}). */
    SEED_LAYOUT
}
