package org.calcify.volume;

/** Minimum, maximum and mean of a volume's voxels (NaN voxels skipped). */
public record VoxelStatistics(double min, double max, double mean, long count) {

    public static VoxelStatistics of(Volume v) {
        int n = v.geometry().voxelCount();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long count = 0;
        switch (v.type()) {
            case INT16 -> {
                short[] a = v.shorts();
                int lo = Short.MAX_VALUE;
                int hi = Short.MIN_VALUE;
                long s = 0;
                for (short x : a) {
                    if (x < lo) {
                        lo = x;
                    }
                    if (x > hi) {
                        hi = x;
                    }
                    s += x;
                }
                return new VoxelStatistics(lo, hi, (double) s / n, n);
            }
            case UINT8 -> {
                byte[] a = v.bytes();
                int lo = 255;
                int hi = 0;
                long s = 0;
                for (byte b : a) {
                    int x = b & 0xFF;
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                    s += x;
                }
                return new VoxelStatistics(lo, hi, (double) s / n, n);
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    double x = v.valueAt(i);
                    if (Double.isNaN(x)) {
                        continue;
                    }
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    sum += x;
                    count++;
                }
                return new VoxelStatistics(min, max, count == 0 ? Double.NaN : sum / count, count);
            }
        }
    }
}
