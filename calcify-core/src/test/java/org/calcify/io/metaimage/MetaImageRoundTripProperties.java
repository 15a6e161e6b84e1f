package org.calcify.io.metaimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.calcify.io.VolumeIO;
import org.calcify.io.nifti.NiftiTestVolumes;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** MetaImage write then read is the identity (voxels, type and geometry exactly: numbers are written in full precision). */
class MetaImageRoundTripProperties {
    @Property(tries = 60)
    void writeThenReadIsIdentity(@ForAll DataType type, @ForAll long seed, @ForAll boolean leftHanded,
            @ForAll boolean local) throws IOException {
        Volume v = NiftiTestVolumes.random(type, seed, leftHanded);
        Path dir = Files.createTempDirectory("mhd-rt");
        try {
            Path p = dir.resolve(local ? "v.mha" : "v.mhd");
            VolumeIO.write(v, p);
            Volume back = VolumeIO.read(p);
            assertThat(back.type()).isEqualTo(type);
            assertThat(back.geometry()).isEqualTo(v.geometry());
            assertThat(back.data()).isEqualTo(v.data());
            try (var s = Files.list(dir)) {
                assertThat(s.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                        local ? new String[] {"v.mha"} : new String[] {"v.mhd", "v.raw"});
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
