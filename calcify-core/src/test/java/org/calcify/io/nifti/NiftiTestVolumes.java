package org.calcify.io.nifti;

import org.calcify.volume.DataType;
import org.calcify.volume.Volume;

/** Random test volumes on rotated grids, shared by the writer tests of all formats. */
public final class NiftiTestVolumes {
    private NiftiTestVolumes() {
    }

    public static Volume random(DataType type, long seed, boolean leftHanded) {
        return NiftiWriteTest.randomVolume(type, seed, leftHanded);
    }
}
