package org.calcify.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.io.raw.OracleVoxels;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Write then read gives the same voxels, type and geometry, for random types, sizes, spacings and rotations. */
class NiftiRoundTripProperties {
    @Property(tries = 60)
    void writeThenReadIsIdentity(@ForAll DataType type, @ForAll long seed, @ForAll boolean leftHanded,
            @ForAll boolean gzip) throws IOException {
        Volume v = NiftiWriteTest.randomVolume(type, seed, leftHanded);
        Path dir = Files.createTempDirectory("nifti-rt");
        try {
            Path p = dir.resolve(gzip ? "v.nii.gz" : "v.nii");
            VolumeIO.write(v, p);
            Volume back = VolumeIO.read(p);
            assertThat(back.type()).isEqualTo(type);
            assertThat(back.geometry().sizeX()).isEqualTo(v.sizeX());
            assertThat(back.geometry().sizeY()).isEqualTo(v.sizeY());
            assertThat(back.geometry().sizeZ()).isEqualTo(v.sizeZ());
            assertThat(java.lang.reflect.Array.getLength(back.data())).isEqualTo(v.geometry().voxelCount());
            assertThat(back.data()).isEqualTo(v.data());
            OracleVoxels.assertSameAffine(back.geometry().affineLps(), v.geometry().affineLps(), 1e-6, "round trip");
            assertThat(back.metadata()).containsEntry("format", "NIfTI-1").containsEntry("nifti.descrip", "Calcify");
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
