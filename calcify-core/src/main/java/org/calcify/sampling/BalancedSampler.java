package org.calcify.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Class-balanced sampling: at most {@code perClass} items of every class, drawn without replacement
 * with a seeded generator (a partial Fisher–Yates shuffle per class), so that the same seed always
 * gives the same sample. Classes with fewer items keep all of them. The result lists classes in
 * their natural order and, within a class, items in their original order.
 */
public final class BalancedSampler {
    private BalancedSampler() {
    }

    public static <T, K extends Comparable<K>> List<T> sample(List<T> items, Function<T, K> classOf, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("--per-class must be >= 1");
        }
        Map<K, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            byClass.computeIfAbsent(classOf.apply(items.get(i)), k -> new ArrayList<>()).add(i);
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<T> out = new ArrayList<>();
        for (List<Integer> idx : byClass.values()) {
            SplittableRandom r = root.split();
            int k = Math.min(perClass, idx.size());
            Integer[] a = idx.toArray(new Integer[0]);
            for (int i = 0; i < k; i++) {
                int j = i + r.nextInt(a.length - i);
                Integer t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            java.util.Arrays.sort(a, 0, k);
            for (int i = 0; i < k; i++) {
                out.add(items.get(a[i]));
            }
        }
        return out;
    }
}
