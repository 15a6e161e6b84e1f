package org.calcify.volume;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Finds the constant fill that a scanner or converter writes outside the reconstruction circle
 * when no header says so, and the voxels it covers.
 *
 * <p>A slice is filled with value {@code v} when its four corner pixels all hold exactly {@code v}
 * and, walking inwards from the corners in rings of normalised radius 0.02 (radius 1 is the circle
 * inscribed in the slice; GE's circle is a little smaller, Philips' larger), the outermost rings
 * hold {@code v} in at least 98% of their pixels, and those rings make up at least 0.2% of the slice.
 * The innermost such ring gives the slice's fill radius. Air around a patient does not pass: it is noisy,
 * so neither are four corners equal nor a whole ring one value (even where the scanner clips air
 * at −1024, only part of it is clipped). A volume has a constant fill when at least half of its
 * slices are filled with the same value.
 *
 * <p>The fill's voxels are, slice by slice, those of value {@code v} that are 4-connected to the
 * slice border; for a value that could be matter (−1100 HU or more, such as air clipped at −1024)
 * only those outside the slice's fill radius less two rings. So neither air at −1024 in the lungs
 * nor air clipped at −1024 between the patient and the fill is padding.
 */
final class ConstantFill {
    static final double RING_WIDTH = 0.02;
    static final double MIN_RING_FRACTION = 0.98;
    static final double MIN_SLICE_FRACTION = 0.002;
    /** Rings are searched from the corners down to this normalised radius. */
    static final double MIN_RADIUS = 0.5;
    /** Values below this (HU) are no matter (air is −1000): a fill there can only be padding. */
    static final double BELOW_MATTER_HU = -1100;
    /** Slices narrower than this are not searched. */
    static final int MIN_SIDE = 8;

    private ConstantFill() {
    }

    /**
     * A constant fill: its value, and for each slice the normalised radius beyond which the slice is
     * filled (slices where the fill was not seen take the median radius of those where it was).
     */
    record Fill(double value, double[] radiusBySlice) {
    }

    /** The value filling the outside of the reconstruction circle in at least half of the slices. */
    static Optional<Fill> find(Volume v) {
        int sx = v.sizeX();
        int sy = v.sizeY();
        if (sx < MIN_SIDE || sy < MIN_SIDE) {
            return Optional.empty();
        }
        Rings rings = Rings.of(sx, sy);
        double minFilled = Math.max(4, MIN_SLICE_FRACTION * sx * sy);
        double[] values = new double[v.sizeZ()];
        double[] radii = new double[v.sizeZ()];
        Map<Double, Integer> tally = new HashMap<>();
        for (int z = 0; z < v.sizeZ(); z++) {
            radii[z] = sliceFill(v, z, rings, minFilled);
            values[z] = v.valueAt(z * sx * sy);
            if (!Double.isNaN(radii[z])) {
                tally.merge(values[z], 1, Integer::sum);
            }
        }
        Optional<Double> best = tally.entrySet().stream()
                .filter(e -> 2L * e.getValue() >= v.sizeZ())
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
        if (best.isEmpty()) {
            return Optional.empty();
        }
        double fill = best.get();
        double[] seen = IntStream.range(0, radii.length).filter(z -> values[z] == fill && !Double.isNaN(radii[z]))
                .mapToDouble(z -> radii[z]).sorted().toArray();
        double median = seen[seen.length / 2];
        double[] out = new double[radii.length];
        for (int z = 0; z < out.length; z++) {
            out[z] = values[z] == fill && !Double.isNaN(radii[z]) ? radii[z] : median;
        }
        return Optional.of(new Fill(fill, out));
    }

    /**
     * The pixels at normalised radius above {@link #MIN_RADIUS} in rings of {@link #RING_WIDTH},
     * stored outermost ring first: ring {@code k} (k = 0 the outermost) holds the pixels
     * {@code offsets[start[k]] .. offsets[start[k + 1] - 1]} and radii from {@link #innerRadius}.
     */
    private record Rings(int[] offsets, int[] start) {
        static Rings of(int sx, int sy) {
            float[] r = radii(sx, sy);
            int count = (int) Math.ceil((Math.sqrt(2) - MIN_RADIUS) / RING_WIDTH) + 1;
            int[] ringOf = new int[r.length];
            int[] sizes = new int[count];
            for (int p = 0; p < r.length; p++) {
                int b = r[p] > MIN_RADIUS ? Math.min(count - 1, (int) ((r[p] - MIN_RADIUS) / RING_WIDTH)) : -1;
                ringOf[p] = b < 0 ? -1 : count - 1 - b; // k: 0 for the outermost
                if (b >= 0) {
                    sizes[count - 1 - b]++;
                }
            }
            int[] start = new int[count + 1];
            for (int k = 0; k < count; k++) {
                start[k + 1] = start[k] + sizes[k];
            }
            int[] next = java.util.Arrays.copyOf(start, count);
            int[] offsets = new int[start[count]];
            for (int p = 0; p < r.length; p++) {
                if (ringOf[p] >= 0) {
                    offsets[next[ringOf[p]]++] = p;
                }
            }
            return new Rings(offsets, start);
        }

        int count() {
            return start.length - 1;
        }

        /** The normalised radius where ring {@code k} begins. */
        double innerRadius(int k) {
            return MIN_RADIUS + (count() - 1 - k) * RING_WIDTH;
        }
    }

    /** The radius beyond which slice {@code z} holds its corner value, or NaN when it is not filled. */
    private static double sliceFill(Volume v, int z, Rings rings, double minFilled) {
        int sx = v.sizeX();
        int sy = v.sizeY();
        int base = z * sx * sy;
        double c = v.valueAt(base);
        if (Double.isNaN(c) || v.valueAt(base + sx - 1) != c || v.valueAt(base + (sy - 1) * sx) != c
                || v.valueAt(base + sy * sx - 1) != c) {
            return Double.NaN;
        }
        int[] offsets = rings.offsets();
        int[] start = rings.start();
        long filled = 0;
        double radius = Double.NaN;
        for (int k = 0; k < rings.count(); k++) {
            int size = start[k + 1] - start[k];
            if (size == 0) {
                continue;
            }
            int equal = 0;
            for (int i = start[k]; i < start[k + 1]; i++) {
                if (v.valueAt(base + offsets[i]) == c) {
                    equal++;
                }
            }
            if (equal < MIN_RING_FRACTION * size) {
                break;
            }
            filled += size;
            radius = rings.innerRadius(k);
        }
        return filled >= minFilled ? radius : Double.NaN;
    }

    /**
     * Sets in {@code mask} the voxels of the fill value that are 4-connected, through such voxels, to
     * the slice border; returns their number. When the fill value could be matter (at or above
     * {@link #BELOW_MATTER_HU}, e.g. air clipped at −1024), only voxels at most two rings inside the
     * slice's fill radius count, so that clipped air next to the fill is not padding.
     */
    static long mark(Volume v, Fill fill, BitSet mask) {
        int sx = v.sizeX();
        int sy = v.sizeY();
        int pixels = sx * sy;
        float[] radius = radii(sx, sy);
        int[] queue = new int[pixels];
        double value = fill.value();
        long count = 0;
        for (int z = 0; z < v.sizeZ(); z++) {
            int base = z * pixels;
            float limit = value < BELOW_MATTER_HU ? -1 : (float) (fill.radiusBySlice()[z] - 2 * RING_WIDTH);
            int tail = 0;
            for (int y = 0; y < sy; y++) {
                for (int x = 0; x < sx; x++) {
                    if (y == 0 || y == sy - 1 || x == 0 || x == sx - 1) {
                        tail = visit(v, value, radius, limit, mask, base, y * sx + x, queue, tail);
                    }
                }
            }
            for (int head = 0; head < tail; head++) {
                int p = queue[head];
                int x = p % sx;
                if (x > 0) {
                    tail = visit(v, value, radius, limit, mask, base, p - 1, queue, tail);
                }
                if (x < sx - 1) {
                    tail = visit(v, value, radius, limit, mask, base, p + 1, queue, tail);
                }
                if (p >= sx) {
                    tail = visit(v, value, radius, limit, mask, base, p - sx, queue, tail);
                }
                if (p < pixels - sx) {
                    tail = visit(v, value, radius, limit, mask, base, p + sx, queue, tail);
                }
            }
            count += tail;
        }
        return count;
    }

    private static int visit(Volume v, double value, float[] radius, float limit, BitSet mask, int base, int p,
                             int[] queue, int tail) {
        if (radius[p] >= limit && !mask.get(base + p) && v.valueAt(base + p) == value) {
            mask.set(base + p);
            queue[tail] = p;
            return tail + 1;
        }
        return tail;
    }

    /** The normalised radius of every pixel of a slice (1 on the inscribed ellipse). */
    private static float[] radii(int sx, int sy) {
        double cx = (sx - 1) / 2.0;
        double cy = (sy - 1) / 2.0;
        float[] r = new float[sx * sy];
        for (int y = 0; y < sy; y++) {
            for (int x = 0; x < sx; x++) {
                double dx = (x - cx) / (sx / 2.0);
                double dy = (y - cy) / (sy / 2.0);
                r[y * sx + x] = (float) Math.sqrt(dx * dx + dy * dy);
            }
        }
        return r;
    }
}
