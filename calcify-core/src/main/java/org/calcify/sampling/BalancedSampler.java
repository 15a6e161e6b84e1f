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

    /**
     * Class- and group-balanced sampling: within each class, items are drawn round-robin over their groups
     * (e.g. the lesions they belong to), in a seeded random order of groups and of items inside each group,
     * so that every group gives as many items as the smallest-but-sufficient share allows: a class of one
     * large lesion and twenty small ones yields voxels of all twenty-one, not mostly of the large one.
     * The result lists classes in their natural order and, within a class, items in their original order.
     */
    public static <T, K extends Comparable<K>, G> List<T> sample(List<T> items, Function<T, K> classOf, Function<T, G> groupOf,
                                                                 int perClass, long seed) {
        return sample(items, classOf, groupOf, k -> perClass, seed);
    }

    /** As above, with a quota per class ({@code quota.apply(class)}, at least 1). */
    public static <T, K extends Comparable<K>, G> List<T> sample(List<T> items, Function<T, K> classOf, Function<T, G> groupOf,
                                                                 Function<K, Integer> quota, long seed) {
        Map<K, List<Integer>> byClass = indicesByClass(items, classOf, 1);
        SplittableRandom root = new SplittableRandom(seed);
        List<T> out = new ArrayList<>();
        for (Map.Entry<K, List<Integer>> e : byClass.entrySet()) {
            List<Integer> idx = e.getValue();
            int perClass = quota.apply(e.getKey());
            if (perClass < 1) {
                throw new IllegalArgumentException("the quota of class " + e.getKey() + " must be >= 1, got " + perClass);
            }
            SplittableRandom r = root.split();
            Map<G, List<Integer>> byGroup = new java.util.LinkedHashMap<>();
            for (int i : idx) {
                byGroup.computeIfAbsent(groupOf.apply(items.get(i)), k -> new ArrayList<>()).add(i);
            }
            List<List<Integer>> groups = new ArrayList<>(byGroup.values());
            shuffle(groups, r);
            for (List<Integer> g : groups) {
                shuffle(g, r);
            }
            List<Integer> picked = new ArrayList<>();
            for (int round = 0; picked.size() < perClass; round++) {
                boolean any = false;
                for (List<Integer> g : groups) {
                    if (round < g.size() && picked.size() < perClass) {
                        picked.add(g.get(round));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            java.util.Collections.sort(picked);
            for (int i : picked) {
                out.add(items.get(i));
            }
        }
        return out;
    }

    /** Item indices per class, classes in natural order; checks the quota. */
    private static <T, K extends Comparable<K>> Map<K, List<Integer>> indicesByClass(List<T> items, Function<T, K> classOf, int perClass) {
        if (perClass < 1) {
            throw new IllegalArgumentException("--per-class must be >= 1");
        }
        Map<K, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            byClass.computeIfAbsent(classOf.apply(items.get(i)), k -> new ArrayList<>()).add(i);
        }
        return byClass;
    }

    private static <E> void shuffle(List<E> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            java.util.Collections.swap(list, i, r.nextInt(i + 1));
        }
    }

    public static <T, K extends Comparable<K>> List<T> sample(List<T> items, Function<T, K> classOf, int perClass, long seed) {
        Map<K, List<Integer>> byClass = indicesByClass(items, classOf, perClass);
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
