package org.calcify.seed;

/** The forum thread's EMR feature selection: columns [1, 6, 9, 11, 14, 15, 16] of a scan's EMR row. */
public final class EmrFeatures {
    /** The thread's {@code emr_feature_number}. */
    static final int[] COLUMNS = {1, 6, 9, 11, 14, 15, 16};

    private EmrFeatures() {
    }

    /** Number of selected features (7). */
    public static int count() {
        return COLUMNS.length;
    }

    /**
     * The selected features of {@code row}; throws {@link IllegalArgumentException} naming the
     * shortfall when the row has 16 columns or fewer.
     */
    public static double[] select(double[] row) {
        if (row.length <= COLUMNS[COLUMNS.length - 1]) {
            throw new IllegalArgumentException("EMR row has " + row.length + " features; the thread's selection "
                    + java.util.Arrays.toString(COLUMNS) + " needs at least " + (COLUMNS[COLUMNS.length - 1] + 1));
        }
        double[] out = new double[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            out[i] = row[COLUMNS[i]];
        }
        return out;
    }
}
