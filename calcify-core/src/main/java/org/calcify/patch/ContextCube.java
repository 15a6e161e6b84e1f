package org.calcify.patch;

import java.util.Locale;

/**
 * A coarse context cube around a voxel: {@code sizeZ x sizeY x sizeX} samples spaced
 * {@code spacingZ, spacingY, spacingX} millimetres apart, centred on the voxel, whatever the scan's
 * own spacing. The default, 9 x 33 x 33 samples at 5 x 4 x 4 mm, sees 45 x 132 x 132 mm: the whole
 * heart and the aortic root around any coronary voxel, which a fine patch of a few centimetres cannot
 * (it tells which artery a plaque is on, and coronary from aortic or valve calcium).
 *
 * <p>With {@code heartOnly} the cube is cut from the scan with everything outside the heart region
 * that Calcify locates set to 0: the network sees where in the heart (or at its edge: the hila, the
 * liver dome) a candidate lies. Its text form ends in {@value #HEART_ONLY}.
 */
public record ContextCube(int sizeZ, int sizeY, int sizeX, double spacingZ, double spacingY, double spacingX, boolean heartOnly) {
    /** 9 x 33 x 33 samples at 5 x 4 x 4 mm (z, y, x). */
    public static final ContextCube DEFAULT = new ContextCube(9, 33, 33, 5, 4, 4);
    /** Suffix of the text form of a heart-only cube. */
    public static final String HEART_ONLY = "/heart";

    /** A cube of the whole scan. */
    public ContextCube(int sizeZ, int sizeY, int sizeX, double spacingZ, double spacingY, double spacingX) {
        this(sizeZ, sizeY, sizeX, spacingZ, spacingY, spacingX, false);
    }

    public ContextCube {
        for (int s : new int[] {sizeZ, sizeY, sizeX}) {
            if (s < 1 || s > 255 || s % 2 == 0) {
                throw new IllegalArgumentException("context sizes must be odd, 1..255, got " + s);
            }
        }
        for (double d : new double[] {spacingZ, spacingY, spacingX}) {
            if (!(d > 0) || !Double.isFinite(d) || d > 100) {
                throw new IllegalArgumentException("context spacing must be in (0, 100] mm, got " + d);
            }
        }
    }

    /** Samples per cube. */
    public int length() {
        return sizeZ * sizeY * sizeX;
    }

    public int[] sizesZyx() {
        return new int[] {sizeZ, sizeY, sizeX};
    }

    public double[] spacingZyx() {
        return new double[] {spacingZ, spacingY, spacingX};
    }

    /**
     * Parses {@code Z,Y,X@MMZ,MMY,MMX} (sizes in samples, then spacings in mm), e.g. {@code 9,33,33@5,4,4}, with
     * {@value #HEART_ONLY} at the end for a heart-only cube.
     */
    public static ContextCube parse(String text) {
        String t = text.trim();
        boolean heart = t.endsWith(HEART_ONLY);
        if (heart) {
            t = t.substring(0, t.length() - HEART_ONLY.length());
        }
        String[] parts = t.split("@");
        if (parts.length != 2) {
            throw new IllegalArgumentException("context '" + text + "' is not Z,Y,X@MMZ,MMY,MMX[/heart] (e.g. 9,33,33@5,4,4)");
        }
        String[] s = parts[0].split(",");
        String[] m = parts[1].split(",");
        if (s.length != 3 || m.length != 3) {
            throw new IllegalArgumentException("context '" + text + "' is not Z,Y,X@MMZ,MMY,MMX[/heart] (e.g. 9,33,33@5,4,4)");
        }
        try {
            return new ContextCube(Integer.parseInt(s[0].trim()), Integer.parseInt(s[1].trim()), Integer.parseInt(s[2].trim()),
                    Double.parseDouble(m[0].trim()), Double.parseDouble(m[1].trim()), Double.parseDouble(m[2].trim()), heart);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context '" + text + "' is not Z,Y,X@MMZ,MMY,MMX[/heart] (e.g. 9,33,33@5,4,4)");
        }
    }

    /** The {@link #parse} form. */
    public String text() {
        return String.format(Locale.ROOT, "%d,%d,%d@%s,%s,%s%s", sizeZ, sizeY, sizeX, num(spacingZ), num(spacingY), num(spacingX),
                heartOnly ? HEART_ONLY : "");
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
