package org.calcify.nn.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.calcify.io.InvalidInputException;

/**
 * Patient-wise k-fold cross-validation: every scan belongs to exactly one fold. Folds come from the
 * data ({@code fold_K} folders of the seed layout; a scan found in two of them is an error) or are
 * assigned by scan: the sorted scan names are shuffled with the seed and dealt round-robin. Inside the
 * training folds a validation set is split off by scan too.
 */
public final class FoldPlan {
    private final int folds;
    private final int[] foldOf;
    private final List<Integer> foldIds;

    private FoldPlan(int folds, int[] foldOf, List<Integer> foldIds) {
        this.folds = folds;
        this.foldOf = foldOf;
        this.foldIds = foldIds;
    }

    /**
     * Folds from the data when it has fold folders (more than one), otherwise {@code k} folds assigned by scan.
     */
    public static FoldPlan of(PatchData data, int k, long seed) throws IOException {
        int n = data.size();
        int[] foldOf = new int[n];
        List<ShardSet> sets = data.sets();
        if (sets.size() > 1 && sets.stream().allMatch(s -> s.foldNumber() >= 0)) {
            Map<String, Integer> seen = new HashMap<>();
            List<Integer> ids = new ArrayList<>();
            for (ShardSet s : sets) {
                ids.add(s.foldNumber());
            }
            for (int g = 0; g < n; g++) {
                int i = data.setOf(g);
                Integer prev = seen.putIfAbsent(data.scan(g), i);
                if (prev != null && prev != i) {
                    throw new InvalidInputException(sets.get(i).dir(), "scan '" + data.scan(g) + "' is also in " + sets.get(prev).dir().getFileName()
                            + ": folds must be patient-wise");
                }
            }
            for (int g = 0; g < n; g++) {
                foldOf[g] = data.setOf(g);
            }
            return new FoldPlan(sets.size(), foldOf, ids);
        }
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        TreeSet<String> scanSet = new TreeSet<>();
        for (int g = 0; g < n; g++) {
            scanSet.add(data.scan(g));
        }
        if (scanSet.size() < k) {
            throw new InvalidInputException(data.root(), "only " + scanSet.size() + " scan(s): " + k + "-fold cross-validation by scan needs at least " + k);
        }
        List<String> scans = new ArrayList<>(scanSet);
        Collections.shuffle(scans, new Random(seed));
        Map<String, Integer> fold = new HashMap<>();
        for (int i = 0; i < scans.size(); i++) {
            fold.put(scans.get(i), i % k);
        }
        for (int g = 0; g < n; g++) {
            foldOf[g] = fold.get(data.scan(g));
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ids.add(i);
        }
        return new FoldPlan(k, foldOf, ids);
    }

    public int folds() {
        return folds;
    }

    /** The fold's name as the user sees it (the K of fold_K, or 0..k-1). */
    public int foldId(int fold) {
        return foldIds.get(fold);
    }

    /** The fold (0-based position) of a user-visible fold id. */
    public int foldOfId(int id) {
        int i = foldIds.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("fold " + id + " not found (folds: " + foldIds + ")");
        }
        return i;
    }

    public int foldOf(int sample) {
        return foldOf[sample];
    }

    /** Samples of the test fold. */
    public int[] test(int fold) {
        List<Integer> out = new ArrayList<>();
        for (int g = 0; g < foldOf.length; g++) {
            if (foldOf[g] == fold) {
                out.add(g);
            }
        }
        return toArray(out);
    }

    /**
     * Training and validation samples for a test fold: the other folds' scans, of which
     * {@code validationFraction} (at least one scan) go to validation.
     *
     * @return {training, validation}
     */
    public int[][] trainAndValidation(PatchData data, int fold, double validationFraction, long seed) throws InvalidInputException {
        TreeMap<String, List<Integer>> byScan = new TreeMap<>();
        for (int g = 0; g < foldOf.length; g++) {
            if (foldOf[g] != fold) {
                byScan.computeIfAbsent(data.scan(g), s -> new ArrayList<>()).add(g);
            }
        }
        if (byScan.size() < 2) {
            throw new InvalidInputException(data.root(), "the training folds of fold " + foldId(fold) + " hold " + byScan.size()
                    + " scan(s); a validation split by scan needs at least 2");
        }
        List<String> scans = new ArrayList<>(byScan.keySet());
        Collections.shuffle(scans, new Random(seed * 31 + fold));
        int nVal = Math.max(1, (int) Math.round(scans.size() * validationFraction));
        nVal = Math.min(nVal, scans.size() - 1);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            (i < nVal ? val : train).addAll(byScan.get(scans.get(i)));
        }
        Collections.sort(train);
        Collections.sort(val);
        return new int[][] {toArray(train), toArray(val)};
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
