package org.calcify.window;

import java.util.Locale;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Intensity window to 8 bits, exactly as the forum thread's {@code window_leveling(x, c, w, ymin, ymax)}:
 * <pre>
 * wmin = (c - 0.5) - ((w - 1) / 2);  wmax = (c - 0.5) + ((w - 1) / 2)
 * out  = ((wmin &lt; x) &amp; (x &lt;= wmax)) * ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin
 * out[x &lt;= wmin] = ymin;  out[x &gt; wmax] = ymax;  out.astype(np.uint8)
 * </pre>
 * The arithmetic follows NumPy's: float64 for integer and float64 input, float32 for float32 input
 * (NumPy keeps a float32 array in float32 when combined with Python scalars), and the final cast
 * truncates toward zero, wrapping modulo 256 as NumPy's {@code astype(uint8)} does for values in
 * range of a C cast. Results are bit-identical to the Python function.
 *
 * @param center window centre c (HU)
 * @param width  window width w (HU), &gt; 1
 * @param yMin   output value at and below the window (thread default 0)
 * @param yMax   output value above the window (thread default 255)
 */
public record WindowLevel(double center, double width, int yMin, int yMax) {

    public WindowLevel {
        if (!(width > 1) || !Double.isFinite(width) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("window width must be > 1 HU and finite, got c=" + center + " w=" + width);
        }
        if (yMin < 0 || yMax > 255 || yMin > yMax) {
            throw new IllegalArgumentException("output range must lie in 0..255 with ymin <= ymax");
        }
    }

    /** A window of centre {@code c} and width {@code w} mapped to 0..255. */
    public static WindowLevel of(double c, double w) {
        return new WindowLevel(c, w, 0, 255);
    }

    /**
     * The window whose open lower bound is {@code lowHu} and closed upper bound is {@code highHu} in
     * the thread's formula: values &le; lowHu give ymin, values &gt; highHu give ymax.
     */
    public static WindowLevel ofRange(double lowHu, double highHu) {
        if (!(highHu > lowHu)) {
            throw new IllegalArgumentException("window range needs low < high, got " + lowHu + ".." + highHu);
        }
        return of((lowHu + highHu) / 2 + 0.5, highHu - lowHu + 1);
    }

    /** Lower bound wmin: values at or below it map to ymin. */
    public double lowHu() {
        return (center - 0.5) - ((width - 1) / 2);
    }

    /** Upper bound wmax: values above it map to ymax. */
    public double highHu() {
        return (center - 0.5) + ((width - 1) / 2);
    }

    /** Window-levels one value computed in float64. */
    public int apply(double x) {
        double c05 = center - 0.5;
        double wmin = c05 - ((width - 1) / 2);
        double wmax = c05 + ((width - 1) / 2);
        if (x <= wmin) {
            return yMin;
        }
        if (x > wmax) {
            return yMax;
        }
        if (!(wmin < x)) { // NaN: the mask is false, so NumPy computes 0 * ... + ymin
            return castUint8(0.0 * ((x - c05) / (width - 1) + 0.5) * (yMax - yMin) + yMin);
        }
        return castUint8(((x - c05) / (width - 1) + 0.5) * (yMax - yMin) + yMin);
    }

    /** Window-levels one float32 value with NumPy's float32 arithmetic. */
    public int apply(float x) {
        float c05 = (float) (center - 0.5);
        // NumPy compares a float32 array with a Python float in float32
        float wmin = (float) ((center - 0.5) - ((width - 1) / 2));
        float wmax = (float) ((center - 0.5) + ((width - 1) / 2));
        if (x <= wmin) {
            return yMin;
        }
        if (x > wmax) {
            return yMax;
        }
        float wm1 = (float) (width - 1);
        float v = ((x - c05) / wm1 + 0.5f) * (float) (yMax - yMin);
        if (!(wmin < x)) { // NaN
            v = 0f * v;
        }
        return castUint8(v + (float) yMin);
    }

    /** NumPy's float -> uint8 cast for in-range values: truncation toward zero. */
    private static int castUint8(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return ((int) v) & 0xFF;
    }

    /** Window-levels every voxel into a new uint8 array in the volume's (z, y, x) order. */
    public byte[] apply(Volume volume) {
        int n = volume.geometry().voxelCount();
        byte[] out = new byte[n];
        switch (volume.type()) {
            case INT16 -> applyShorts(volume.shorts(), out);
            case FLOAT32 -> {
                float[] a = volume.floats();
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) apply(a[i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) apply(volume.valueAt(i));
                }
            }
        }
        return out;
    }

    /** A uint8 volume with the same geometry holding the windowed values. */
    public Volume applyToVolume(Volume volume) {
        return Volume.ofBytes(volume.geometry(), apply(volume)).withMetadata(volume.metadata())
                .withMetadata("window", toString());
    }

    /**
     * {@code applyToVolume(volume.crop(minZyx, sizeZyx))} without the copy of the box in the volume's own type:
     * the box (clipped to the volume) is window-levelled straight from the volume, row by row.
     */
    public Volume applyToBox(Volume volume, int[] minZyx, int[] sizeZyx) {
        Geometry g = volume.cropGeometry(minZyx, sizeZyx);
        int z0 = Math.max(0, minZyx[0]);
        int y0 = Math.max(0, minZyx[1]);
        int x0 = Math.max(0, minZyx[2]);
        int nx = g.sizeX();
        byte[] out = new byte[g.voxelCount()];
        byte[] lut = volume.type() == DataType.INT16 ? shortLut() : null;
        short[] shorts = lut == null ? null : volume.shorts();
        boolean floats = volume.type() == DataType.FLOAT32; // in float32 arithmetic, as apply(Volume)
        Geometry src = volume.geometry();
        for (int z = 0, o = 0; z < g.sizeZ(); z++) {
            for (int y = 0; y < g.sizeY(); y++, o += nx) {
                int from = src.index(z0 + z, y0 + y, x0);
                for (int x = 0; x < nx; x++) {
                    out[o + x] = lut != null ? lut[shorts[from + x] & 0xFFFF]
                            : (byte) (floats ? apply((float) volume.valueAt(from + x)) : apply(volume.valueAt(from + x)));
                }
            }
        }
        return Volume.ofBytes(g, out).withMetadata(volume.metadata()).withMetadata("window", toString());
    }

    /** int16 input: a 65,536-entry lookup table makes this a single gather per voxel. */
    private void applyShorts(short[] in, byte[] out) {
        byte[] lut = shortLut();
        for (int i = 0; i < in.length; i++) {
            out[i] = lut[in[i] & 0xFFFF];
        }
    }

    private byte[] shortLut() {
        byte[] lut = new byte[65536];
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            lut[v & 0xFFFF] = (byte) apply((double) v);
        }
        return lut;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "c=%s,w=%s", trim(center), trim(width));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
