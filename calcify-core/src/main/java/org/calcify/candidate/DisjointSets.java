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

    /**
     * Numbers the sets of labels 1..next-1 as 1..n in order of their smallest label (first appearance, as labels are
     * handed out in scan order): {@code numbers[label]} is its set's number, {@code numbers[0]} is n.
     */
    public static int[] renumber(int[] parent, int next) {
        int[] numbers = new int[Math.max(1, next)];
        int count = 0;
        for (int l = 1; l < next; l++) {
            int root = find(parent, l);
            if (numbers[root] == 0) {
                numbers[root] = ++count;
            }
            numbers[l] = numbers[root];
        }
        numbers[0] = count;
        return numbers;
    }
}
