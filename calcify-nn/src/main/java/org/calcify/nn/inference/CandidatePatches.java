package org.calcify.nn.inference;

import java.nio.FloatBuffer;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.StagedInputs;
import org.calcify.patch.ContextCube;
import org.calcify.patch.ContextExtractor;
import org.calcify.patch.CubeExtractor;
import org.calcify.patch.PatchShape;
import org.calcify.patch.TriplanarExtractor;

/**
 * Cuts a model's inputs around candidate voxels of one scan, window-levelled a slab at a time
 * ({@link SlabSources}), as its shards were cut (cube or tri-planar patch, then the context cube when the
 * model takes one), into a {@link StagedInputs} as values / 255, with the scan's standardised EMR features for
 * every sample. One instance serves one thread at a time (its scratch arrays are reused).
 */
final class CandidatePatches {
    private final boolean cube;
    private final CubeExtractor cubeCutter;
    private final TriplanarExtractor planeCutter;
    private final ContextExtractor contextCutter;
    private final float[] emr;
    private final byte[][] scratch;
    private final float[] floats;

    /**
     * @param voxelSpacingZyx the scan's voxel spacing (z, y, x) in mm in patient order, for the context cube
     * @param emr             the standardised EMR features (empty when the model takes none)
     */
    CandidatePatches(ModelConfig config, double[] voxelSpacingZyx, float[] emr) {
        this.emr = emr.clone();
        int[] zyx = config.patchZyx();
        PatchShape shape = PatchShape.ofSizes(zyx[0], zyx[1], zyx[2]);
        cube = config.architecture() == Architecture.CNN3D;
        cubeCutter = new CubeExtractor(shape);
        planeCutter = new TriplanarExtractor(shape);
        ContextCube cx = config.context();
        contextCutter = cx == null ? null : new ContextExtractor(cx, voxelSpacingZyx);
        int[] lengths = cube ? new int[] {shape.cubeLength()}
                : new int[] {shape.axialLength(), shape.sagittalLength(), shape.coronalLength()};
        scratch = new byte[lengths.length + (cx == null ? 0 : 1)][];
        int longest = 0;
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new byte[i < lengths.length ? lengths[i] : cx.length()];
            longest = Math.max(longest, scratch[i].length);
        }
        floats = new float[longest];
    }

    /**
     * Cuts the inputs of scan voxels {@code voxels[from .. from + n)} (rows z, y, x) into samples 0..n-1 of
     * {@code to}, slab by slab (samples of one slab together, so that a slab is window-levelled once per batch at most).
     */
    void cut(SlabSources sources, int[][] voxels, int from, int n, StagedInputs to) {
        FloatBuffer[] dst = new FloatBuffer[to.inputs()];
        for (int i = 0; i < dst.length; i++) {
            dst[i] = to.floats(i);
        }
        long[] bySlab = new long[n];
        for (int s = 0; s < n; s++) {
            bySlab[s] = (long) (voxels[from + s][0] / SlabSources.SLAB_SLICES) << 32 | s;
        }
        java.util.Arrays.sort(bySlab);
        int images = scratch.length;
        for (long key : bySlab) {
            int s = (int) key;
            int[] v = voxels[from + s];
            SlabSources.Slab slab = sources.slabOf(v[0]);
            int[] p = sources.inPatchBox(slab, v);
            if (cube) {
                cubeCutter.extract(slab.patch(), p[0], p[1], p[2], scratch[0], 0);
            } else {
                planeCutter.extract(slab.patch(), p[0], p[1], p[2], scratch[0], 0, scratch[1], 0, scratch[2], 0);
            }
            if (contextCutter != null) {
                int[] c = sources.inContextBox(slab, v);
                contextCutter.extract(slab.context(), c[0], c[1], c[2], scratch[images - 1], 0);
            }
            for (int i = 0; i < images; i++) {
                byte[] b = scratch[i];
                for (int j = 0; j < b.length; j++) {
                    floats[j] = (b[j] & 0xFF) * (1f / 255f);
                }
                dst[i].put(s * b.length, floats, 0, b.length);
            }
            if (emr.length > 0) {
                dst[images].put(s * emr.length, emr);
            }
        }
    }
}
