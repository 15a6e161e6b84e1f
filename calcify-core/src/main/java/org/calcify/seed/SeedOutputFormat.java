package org.calcify.seed;

/** How seed-extract writes its patches. */
public enum SeedOutputFormat {
    /** The thread's layout: one joblib pickle per voxel, {@code fold_K/fold_K_..._x.pkl}. */
    PKL,
    /** Per fold one {@code .npy} per plane (N x 65 x 65, N x 21 x 65, N x 21 x 65), EMR, labels and index.csv. */
    SHARDS
}
