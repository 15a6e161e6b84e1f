package org.calcify.nn.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The architectures, sized for CPUs. With base width w (default 8 for cnn3d, 16 for triplanar):
 *
 * <p><b>cnn3d</b> on a (1, 21, 65, 65) cube: four blocks Conv3d 3x3x3 (padding 1) - BatchNorm - ReLU with
 * w, 2w, 4w, 8w filters; max pooling (1,2,2) after the first block (the z extent is short), (2,2,2) after
 * the second and third; global average pooling; head Linear(8w + k EMR, 32) - ReLU - Linear(32, classes).
 * For w = 8 on 21x65x65: 75,298 parameters (2 classes, no EMR) and 0.15 GMAC (0.30 GFLOP) per sample forward
 * (conv1 19 M, conv2 74 M, conv3 35 M, conv4 18 M multiply-adds); training costs about three times that.
 *
 * <p><b>triplanar</b>: per plane (axial 65x65, sagittal 21x65, coronal 21x65) three blocks Conv2d 3x3
 * (padding 1) - BatchNorm - ReLU with w, 2w, 4w filters, max pooling 2x2 after the first two, global average
 * pooling; the three 4w vectors and the EMR features are concatenated; head Linear(12w + k, 32) - ReLU -
 * Linear(32, classes). For w = 16 on 21x65x65: 76,802 parameters and about 0.016 GMAC per sample forward
 *
 * <p><b>context</b>: with a coarse context cube (config {@code context}), one more branch takes it: the four
 * cnn3d blocks (widths 8, 16, 32, 64), but the last map is flattened, not averaged, so that positions
 * around the voxel survive, then Linear(64) - ReLU; its 64 features join the others before the head
 * (for 9x33x33 context samples: 2x4x4x64 = 2048 flattened values, about 200k more parameters and
 * 0.03 GMAC per sample).
 *
 * <p>Where a block pools, its ReLU comes after the max pooling: both orders give the same values and
 * gradients, and ReLU then touches a quarter or an eighth of the values. 3D convolution weights are laid
 * out channels-last ({@link Network}); inference folds each BatchNorm into the convolution before it
 * ({@link FusionNet#forwardFolded}).
 *
 * <p>Exact counts for any setting: {@code calcify train} prints the parameter count.
 */
public final class Networks {
    /** Epsilon of every BatchNorm (DJL's default, stated so that inference can fold the normalisation). */
    static final float BN_EPSILON = 1e-5f;

    /** Width of the hidden layer of the head. */
    static final int HEAD_UNITS = 32;

    private Networks() {
    }

    /** The default base width of an architecture. */
    public static int defaultBaseFilters(Architecture a) {
        return a == Architecture.CNN3D ? 8 : 16;
    }

    /** Builds the untrained network of a config (architecture, base width, EMR features, classes). */
    static Block build(ModelConfig c) {
        int w = c.baseFilters();
        Block head = new SequentialBlock()
                .add(Linear.builder().setUnits(HEAD_UNITS).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(c.classCount()).build());
        List<Block> branches = new java.util.ArrayList<>();
        if (c.architecture() == Architecture.CNN3D) {
            branches.add(cube(w));
        } else {
            branches.addAll(List.of(plane(w), plane(w), plane(w)));
        }
        if (c.context() != null) {
            branches.add(context(Networks.defaultBaseFilters(Architecture.CNN3D)));
        }
        return new FusionNet(branches, head, c.emrFeatures());
    }

    private static Block cube(int w) {
        SequentialBlock b = new SequentialBlock();
        pooled3(b, w, new Shape(1, 2, 2));
        pooled3(b, 2 * w, new Shape(2, 2, 2));
        pooled3(b, 4 * w, new Shape(2, 2, 2));
        conv3(b, 8 * w).add(Activation.reluBlock()).add(Pool.globalAvgPool3dBlock()).add(Blocks.batchFlattenBlock());
        return b;
    }

    /**
     * The context branch: the cube branch's four blocks, but the last feature map is flattened instead of
     * averaged, so that where things lie around the voxel (which side of the heart, how far from the
     * aortic root) survives, then Linear(64) - ReLU.
     */
    private static Block context(int w) {
        SequentialBlock b = new SequentialBlock();
        pooled3(b, w, new Shape(1, 2, 2));
        pooled3(b, 2 * w, new Shape(2, 2, 2));
        pooled3(b, 4 * w, new Shape(2, 2, 2));
        conv3(b, 8 * w).add(Activation.reluBlock()).add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(CONTEXT_UNITS).build())
                .add(Activation.reluBlock());
        return b;
    }

    /** Features the context branch gives the head. */
    static final int CONTEXT_UNITS = 64;

    /** Conv3d 3x3x3 (padding 1) - BatchNorm. */
    private static SequentialBlock conv3(SequentialBlock b, int filters) {
        return b.add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1)).setFilters(filters).build())
                .add(BatchNorm.builder().optEpsilon(BN_EPSILON).build());
    }

    /**
     * Conv3d - BatchNorm - ReLU - max pooling, computed as Conv3d - BatchNorm - max pooling - ReLU: ReLU is
     * monotonic, so both orders give the same values and the same gradients (bit for bit), and ReLU then
     * touches a quarter or an eighth of the values.
     */
    private static void pooled3(SequentialBlock b, int filters, Shape pool) {
        conv3(b, filters).add(Pool.maxPool3dBlock(pool, pool)).add(Activation.reluBlock());
    }

    private static Block plane(int w) {
        SequentialBlock b = new SequentialBlock();
        // max pooling before ReLU: the same values and gradients as after it (see pooled3)
        conv2(b, w).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2))).add(Activation.reluBlock());
        conv2(b, 2 * w).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2))).add(Activation.reluBlock());
        conv2(b, 4 * w).add(Activation.reluBlock()).add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        return b;
    }

    private static SequentialBlock conv2(SequentialBlock b, int filters) {
        return b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build())
                .add(BatchNorm.builder().optEpsilon(BN_EPSILON).build());
    }

    /** Floats one sample gives the network, all its inputs together. */
    public static long inputFloatsPerSample(ModelConfig c) {
        long n = 0;
        for (Shape s : inputShapes(c, 1)) {
            n += s.size();
        }
        return n;
    }

    /** Input shapes for a batch of {@code batch} samples, in the network's input order. */
    static Shape[] inputShapes(ModelConfig c, long batch) {
        int[] p = c.patchZyx();
        Shape emr = new Shape(batch, c.emrFeatures());
        List<Shape> out = new java.util.ArrayList<>();
        if (c.architecture() == Architecture.CNN3D) {
            out.add(new Shape(batch, 1, p[0], p[1], p[2]));
        } else {
            out.add(new Shape(batch, 1, p[1], p[2]));
            out.add(new Shape(batch, 1, p[0], p[1]));
            out.add(new Shape(batch, 1, p[0], p[2]));
        }
        if (c.context() != null) {
            out.add(new Shape(batch, 1, c.context().sizeZ(), c.context().sizeY(), c.context().sizeX()));
        }
        if (c.emrFeatures() > 0) {
            out.add(emr);
        }
        return out.toArray(new Shape[0]);
    }
}
