package org.calcify.candidate;

/** Which neighbours touch: in 3D 6 (faces) or 26 (faces, edges, corners); in one slice 4 or 8. */
public enum Connectivity {
    /** 2D, edge neighbours (within one slice). */
    FOUR(2),
    /** 2D, edge and corner neighbours (within one slice). */
    EIGHT(2),
    /** 3D, face neighbours. */
    SIX(3),
    /** 3D, face, edge and corner neighbours. */
    TWENTY_SIX(3);

    private final int dimensions;

    Connectivity(int dimensions) {
        this.dimensions = dimensions;
    }

    /** 2 for in-slice connectivity (components never cross slices), 3 otherwise. */
    public int dimensions() {
        return dimensions;
    }

    /** Parses 4, 8, 6 or 26. */
    public static Connectivity of(int neighbours) {
        return switch (neighbours) {
            case 4 -> FOUR;
            case 8 -> EIGHT;
            case 6 -> SIX;
            case 26 -> TWENTY_SIX;
            default -> throw new IllegalArgumentException("connectivity must be 4 or 8 (2D) or 6 or 26 (3D), got " + neighbours);
        };
    }

    /**
     * Offsets (dz, dy, dx) of the neighbours that come before a voxel in C-order scanning: the
     * only ones a one-pass labeller needs to look at.
     */
    public int[][] backwardOffsets() {
        return switch (this) {
            case FOUR -> new int[][] {{0, -1, 0}, {0, 0, -1}};
            case EIGHT -> new int[][] {{0, -1, -1}, {0, -1, 0}, {0, -1, 1}, {0, 0, -1}};
            case SIX -> new int[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
            case TWENTY_SIX -> {
                int[][] o = new int[13][];
                int k = 0;
                for (int dz = -1; dz <= 0; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            if (dz == -1 || dy == -1 || (dy == 0 && dx == -1)) {
                                o[k++] = new int[] {dz, dy, dx};
                            }
                        }
                    }
                }
                yield o;
            }
        };
    }
}
