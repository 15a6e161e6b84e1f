package org.calcify.cli;

/** Parses voxel coordinates and sizes given on the command line. */
final class Points {
    private Points() {
    }

    /** "z,y,x" to three ints. */
    static int[] parseZyx(String text, String option) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new UsageException(option + " expects z,y,x (three integers), got '" + text + "'");
        }
        int[] v = new int[3];
        try {
            for (int i = 0; i < 3; i++) {
                v[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects z,y,x (three integers), got '" + text + "'");
        }
        return v;
    }

    /** "a,b,c" to three positive doubles. */
    static double[] parseTriple(String text, String option) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new UsageException(option + " expects three numbers a,b,c, got '" + text + "'");
        }
        double[] v = new double[3];
        try {
            for (int i = 0; i < 3; i++) {
                v[i] = Double.parseDouble(parts[i].trim());
                if (!(v[i] > 0)) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects three positive numbers, got '" + text + "'");
        }
        return v;
    }
}
