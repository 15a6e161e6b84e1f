package org.calcify.extract;

/** What is cut around each voxel. */
public enum PatchMode {
    /** The thread's 2.5D patches: axial, sagittal and coronal planes. */
    TRIPLANAR,
    /** A 3D cube. */
    CUBE
}
