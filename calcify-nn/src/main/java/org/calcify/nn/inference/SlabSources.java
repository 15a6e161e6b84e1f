package org.calcify.nn.inference;

import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.nn.model.ModelConfig;
import org.calcify.patch.ContextCube;
import org.calcify.patch.PatchSource;
import org.calcify.volume.Geometry;
import org.calcify.volume.PatientOrder;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;

/**
 * What a classifier cuts its candidates' patches from, one slab of {@link #SLAB_SLICES} slices at a time: for
 * the candidates of a slab, the box of the scan their patches reach and the box their context cubes reach, each
 * window-levelled to uint8 straight from the scan and put in patient order ({@link PatientOrder}, as the
 * model's shards were cut). A heart-only context box is cut to the heart region's box (it is 0 elsewhere) and
 * masked in place. Every value read from a slab's boxes is the one the whole window-levelled scan holds there
 * (0 outside the scan), so patches are identical to those cut from the whole scan; the memory is a few slabs'
 * boxes, however many slices the scan has. The two slabs used last are kept. One thread at a time.
 */
final class SlabSources {
    /** Slices (along the scan's third array axis) per slab. */
    static final int SLAB_SLICES = 32;

    /**
     * The boxes of one slab: the patch box and the context box (null without a context cube), each with the
     * scan voxel of its voxel (0, 0, 0) and its grid before patient ordering.
     */
    record Slab(int index, PatchSource patch, int[] patchMin, Geometry patchGrid, PatchSource context, int[] contextMin,
            Geometry contextGrid) {
    }

    private final Volume ct;
    private final WindowLevel window;
    private final ThoraxAnatomy heartOnly;
    private final int[] heartBox;
    private final PatientOrder order;
    private final int[] patchMargins;
    private final int[] contextMargins;
    /** Per slab, the (y, x) bounding box {yMin, yMax, xMin, xMax} of its candidates (null: none). */
    private final int[][] slabInPlane;
    private Slab last;
    private Slab previous;
    private int built;

    /**
     * @param anatomy the scan's anatomy when the model's context cube sees the heart region only, else null
     * @param voxels  the candidate voxels (z, y, x) that will be cut
     */
    SlabSources(Volume ct, WindowLevel window, ModelConfig config, ThoraxAnatomy anatomy, int[][] voxels) {
        this.ct = ct;
        this.window = window;
        ContextCube cx = config.context();
        this.heartOnly = cx != null && cx.heartOnly() && anatomy != null && anatomy.hasHeart() ? anatomy : null;
        this.heartBox = heartOnly == null ? null : heartOnly.heartRegionBoxZyx(0);
        this.order = PatientOrder.of(ct.geometry());
        Geometry g = ct.geometry();
        double[] spacingZyx = {g.spacingZ(), g.spacingY(), g.spacingX()};
        // patch and context sizes are in patient order: patient axis c lies along array axis 2 - scanAxis(c)
        patchMargins = new int[3];
        contextMargins = cx == null ? null : new int[3];
        int[] patch = config.patchZyx();
        for (int c = 0; c < 3; c++) {
            int a = 2 - order.scanAxis(c);
            patchMargins[a] = patch[c] / 2 + 1;
            if (cx != null) {
                double ratio = cx.spacingZyx()[c] / spacingZyx[a];
                // half a cube's reach, plus the voxel trilinear interpolation reads beyond it
                contextMargins[a] = (int) Math.ceil(cx.sizesZyx()[c] / 2 * ratio) + 2;
            }
        }
        slabInPlane = new int[(ct.sizeZ() + SLAB_SLICES - 1) / SLAB_SLICES][];
        for (int[] v : voxels) {
            int[] b = slabInPlane[v[0] / SLAB_SLICES];
            if (b == null) {
                slabInPlane[v[0] / SLAB_SLICES] = new int[] {v[1], v[1], v[2], v[2]};
            } else {
                b[0] = Math.min(b[0], v[1]);
                b[1] = Math.max(b[1], v[1]);
                b[2] = Math.min(b[2], v[2]);
                b[3] = Math.max(b[3], v[2]);
            }
        }
    }

    /** The slab of scan slice {@code z}: one of the two used last, or window-levelled now. */
    Slab slabOf(int z) {
        int j = z / SLAB_SLICES;
        if (last != null && last.index() == j) {
            return last;
        }
        if (previous != null && previous.index() == j) {
            Slab s = previous;
            previous = last;
            last = s;
            return s;
        }
        Slab keep = last;
        previous = null; // at most two slabs' boxes are held while the third is built
        Slab s = build(j);
        previous = keep;
        last = s;
        return s;
    }

    /** How many slabs were window-levelled so far (a slab dropped and needed again counts twice). */
    int built() {
        return built;
    }

    /** Scan voxel {@code v} (z, y, x) in the slab's patch box, in patient order. */
    int[] inPatchBox(Slab s, int[] v) {
        return order.toPatient(s.patchGrid(), v[0] - s.patchMin()[0], v[1] - s.patchMin()[1], v[2] - s.patchMin()[2]);
    }

    /** Scan voxel {@code v} (z, y, x) in the slab's context box, in patient order. */
    int[] inContextBox(Slab s, int[] v) {
        return order.toPatient(s.contextGrid(), v[0] - s.contextMin()[0], v[1] - s.contextMin()[1], v[2] - s.contextMin()[2]);
    }

    private Slab build(int j) {
        int[] inPlane = slabInPlane[j];
        if (inPlane == null) {
            throw new IllegalArgumentException("slice " + j * SLAB_SLICES + "..: no candidate voxel was given there");
        }
        int[] lo = {j * SLAB_SLICES, inPlane[0], inPlane[2]};
        int[] hi = {Math.min(ct.sizeZ() - 1, lo[0] + SLAB_SLICES - 1), inPlane[1], inPlane[3]};
        int[][] patchBox = reach(lo, hi, patchMargins, ct);
        Volume patch = window.applyToBox(ct, patchBox[0], patchBox[1]);
        PatchSource patchSrc = PatchSource.of(order.apply(patch));
        built++;
        if (contextMargins == null) {
            return new Slab(j, patchSrc, patchBox[0], patch.geometry(), null, null, null);
        }
        int[][] contextBox = reach(lo, hi, contextMargins, ct);
        if (heartOnly != null) {
            // outside the heart region a heart-only context cube reads 0: its box need not go beyond the region's
            int[][] inHeart = intersect(contextBox, heartBox);
            contextBox = inHeart == null ? contextBox : inHeart;
        }
        Volume context = window.applyToBox(ct, contextBox[0], contextBox[1]);
        if (heartOnly != null) {
            heartOnly.keepHeartRegionOnly(context, contextBox[0]);
        }
        return new Slab(j, patchSrc, patchBox[0], patch.geometry(), PatchSource.of(order.apply(context)), contextBox[0],
                context.geometry());
    }

    /**
     * The box {min (z, y, x), size (z, y, x)} of scan voxels within {@code margins} of the box from {@code lo} to
     * {@code hi} (inclusive), clipped to the scan.
     */
    static int[][] reach(int[] lo, int[] hi, int[] margins, Volume ct) {
        int[] scan = {ct.sizeZ(), ct.sizeY(), ct.sizeX()};
        int[] min = new int[3];
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            min[a] = Math.max(0, lo[a] - margins[a]);
            size[a] = Math.min(scan[a] - 1, hi[a] + margins[a]) - min[a] + 1;
        }
        return new int[][] {min, size};
    }

    /** The part of {@code box} ({min, size}) inside {@code inclusive} ({zMin, yMin, xMin, zMax, yMax, xMax}), or null. */
    private static int[][] intersect(int[][] box, int[] inclusive) {
        int[] min = new int[3];
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            min[a] = Math.max(box[0][a], inclusive[a]);
            int max = Math.min(box[0][a] + box[1][a] - 1, inclusive[a + 3]);
            if (max < min[a]) {
                return null;
            }
            size[a] = max - min[a] + 1;
        }
        return new int[][] {min, size};
    }
}
