package org.calcify.nn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.calcify.candidate.CandidateFinder;
import org.calcify.extract.ExtractOptions;
import org.calcify.extract.PatchExtraction;
import org.calcify.extract.PatchMode;
import org.calcify.extract.ScanInput;
import org.calcify.io.VolumeIO;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Batch;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.Task;
import org.calcify.patch.PatchShape;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomOptions;
import org.calcify.seed.ProgressListener;
import org.calcify.window.WindowPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * triplanar trains from cube shards by cutting the planes from the cube's centre: without augmentation
 * the batches equal those built from the tri-planar shards that extract cuts from the same scan.
 */
class PlanesFromCubesTest {

    @Test
    void planesCutFromCubesEqualExtractedPlanes(@TempDir Path tmp) throws Exception {
        PhantomCase c = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(160).slices(16, 20).build(), 12);
        VolumeIO.write(c.ct(), tmp.resolve("ct.nii.gz"));
        VolumeIO.write(c.labels(), tmp.resolve("labels.nii.gz"));
        List<ScanInput> scans = List.of(new ScanInput("ct.nii.gz", tmp.resolve("ct.nii.gz"), tmp.resolve("labels.nii.gz")));
        PatchShape shape = PatchShape.ofSizes(7, 17, 15);
        for (PatchMode m : PatchMode.values()) {
            ExtractOptions o = new ExtractOptions(m, shape, WindowPreset.parse("50,400"), null,
                    CandidateFinder.builder().excludeOutsideBody(true).build(), null, 40, 3);
            new PatchExtraction(o, ProgressListener.NONE).run(scans, List.of(), tmp.resolve(m.name()));
        }
        PatchData cubes = PatchData.open(tmp.resolve(PatchMode.CUBE.name()));
        PatchData planes = PatchData.open(tmp.resolve(PatchMode.TRIPLANAR.name()));
        assertThat(cubes.size()).isEqualTo(planes.size()).isGreaterThan(40);
        assertThat(cubes.supports(Architecture.TRIPLANAR)).isTrue();
        ModelConfig config = new ModelConfig(Architecture.TRIPLANAR, Task.BINARY, false, Task.BINARY.classNames(false),
                new int[] {shape.sizeZ(), shape.sizeY(), shape.sizeX()}, "50,400", 4,
                new double[0], new double[0], Network.WEIGHTS, Map.of());
        int[] order = new int[cubes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (BatchLoader a = new BatchLoader(cubes, config, null, order, 16, 2, null, 1);
             BatchLoader b = new BatchLoader(planes, config, null, order, 16, 2, null, 1)) {
            int batches = 0;
            while (a.hasNext()) {
                Batch x = a.next();
                Batch y = b.next();
                for (int p = 0; p < 3; p++) {
                    assertThat(x.images()[p]).isEqualTo(y.images()[p]);
                }
                batches++;
            }
            assertThat(b.hasNext()).isFalse();
            assertThat(batches).isGreaterThan(2);
        }
        // with augmentation the planes still come out, rotated and shifted with the cube
        try (BatchLoader a = new BatchLoader(cubes, config, null, order, 16, 1, Augmentation.standard(true), 1);
             BatchLoader b = new BatchLoader(planes, config, null, order, 16, 1, null, 1)) {
            Batch x = a.next();
            Batch y = b.next();
            assertThat(x.images()[0]).hasSameSizeAs(y.images()[0]).isNotEqualTo(y.images()[0]);
        }
    }
}
