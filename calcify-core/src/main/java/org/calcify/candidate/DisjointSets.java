package org.calcify.candidate;

/** Union-find over a parent array (path halving; the smaller root wins, so roots keep first-seen order). */
public final class DisjointSets {
    private DisjointSets() {
    }

    /** The root of {@code a}. */
    public static int find(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    /** Joins the sets of {@code a} and {@code b}; returns the common root. */
    public static int union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return ra;
        }
        int lo = Math.min(ra, rb);
        parent[Math.max(ra, rb)] = lo;
        return lo;
    }
}
