package org.calcify.render;

/**
 * A 2D uint8 image to draw: {@code rows x cols}, row-major, with the physical size of a pixel
 * (mm per row step and per column step) so that it can be drawn at its true aspect ratio.
 */
public record Plane(String title, byte[] pixels, int offset, int rows, int cols, double rowMm, double colMm) {
    public Plane {
        if (rows <= 0 || cols <= 0 || offset < 0 || offset + (long) rows * cols > pixels.length) {
            throw new IllegalArgumentException("plane " + rows + "x" + cols + " does not fit its array");
        }
        if (!(rowMm > 0) || !(colMm > 0)) {
            throw new IllegalArgumentException("pixel size must be positive");
        }
    }

    public int value(int row, int col) {
        return pixels[offset + row * cols + col] & 0xFF;
    }
}
