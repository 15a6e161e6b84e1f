package org.calcify.nn.inference;

import java.nio.FloatBuffer;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.StagedInputs;
import org.calcify.patch.ContextCube;
import org.calcify.patch.ContextExtractor;
import org.calcify.patch.CubeExtractor;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.patch.TriplanarExtractor;

/**
 * Cuts a model's inputs around candidate voxels of one window-levelled scan, as its shards were cut
 * (cube or tri-planar patch, then the context cube when the model takes one), into a
 * {@link StagedInputs} as values / 255, with the scan's standardised EMR features for every sample.
 * One instance serves one thread at a time (its scratch arrays are reused).
 */
final class CandidatePatches {
    private final PatchSource src;
    private final PatchSource contextSrc;
    private final boolean cube;
    private final CubeExtractor cubeCutter;
    private final TriplanarExtractor planeCutter;
    private final ContextExtractor contextCutter;
    private final float[] emr;
    private final byte[][] scratch;
    private final float[] floats;

    /**
     * @param src             the scan, window-levelled to uint8 as the model's shards were
     * @param contextSrc      what the context cube is cut from: {@code src}, or for a heart-only context cube
     *                        {@code src} with everything outside the heart region set to 0
     * @param voxelSpacingZyx the scan's voxel spacing (z, y, x) in mm, for the context cube
     * @param emr             the standardised EMR features (empty when the model takes none)
     */
    CandidatePatches(ModelConfig config, PatchSource src, PatchSource contextSrc, double[] voxelSpacingZyx, float[] emr) {
        this.src = src;
        this.contextSrc = contextSrc;
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

    /** Cuts the inputs of {@code voxels[from .. from + n)} (rows z, y, x) into samples 0..n-1 of {@code to}. */
    void cut(int[][] voxels, int from, int n, StagedInputs to) {
        FloatBuffer[] dst = new FloatBuffer[to.inputs()];
        for (int i = 0; i < dst.length; i++) {
            dst[i] = to.floats(i);
        }
        int images = scratch.length;
        for (int s = 0; s < n; s++) {
            int[] v = voxels[from + s];
            if (cube) {
                cubeCutter.extract(src, v[0], v[1], v[2], scratch[0], 0);
            } else {
                planeCutter.extract(src, v[0], v[1], v[2], scratch[0], 0, scratch[1], 0, scratch[2], 0);
            }
            if (contextCutter != null) {
                contextCutter.extract(contextSrc, v[0], v[1], v[2], scratch[images - 1], 0);
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
