package org.calcify.hybrid;

/** The shape of an inserted calcification. */
public enum PlaqueShape {
    /** A compact, slightly elongated nodule: one anisotropic Gaussian blob. */
    NODULE,
    /** An elongated plaque along the vessel: a chain of overlapping Gaussian blobs following its course. */
    ELONGATED,
    /** Annulus calcium curving along the mitral annulus: a chain of blobs on an arc of the heart's cross-section. */
    ARC
}
