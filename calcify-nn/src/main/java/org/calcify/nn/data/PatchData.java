package org.calcify.nn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.nn.model.Architecture;

/**
 * All shard folders of one DATA argument as one list of samples, numbered 0..size-1 across the
 * folders in order. Every folder must have the same patch kind and size and the same EMR columns.
 */
public final class PatchData {
    private final Path root;
    private final List<ShardSet> sets;
    private final int[] offsets;
    private final int size;

    private PatchData(Path root, List<ShardSet> sets) throws InvalidInputException {
        this.root = root;
        this.sets = List.copyOf(sets);
        offsets = new int[sets.size() + 1];
        long total = 0;
        ShardSet first = sets.get(0);
        for (int i = 0; i < sets.size(); i++) {
            ShardSet s = sets.get(i);
            if (!java.util.Arrays.equals(s.patchZyx(), first.patchZyx()) || s.supports(Architecture.CNN3D) != first.supports(Architecture.CNN3D)
                    || s.hasPlanes() != first.hasPlanes()) {
                throw new InvalidInputException(s.dir(), "patches differ from those of " + first.dir() + " in kind or size");
            }
            if (!java.util.Objects.equals(s.contextCube(), first.contextCube())) {
                throw new InvalidInputException(s.dir(), "context cube " + s.contextCube() + " differs from that of " + first.dir()
                        + " (" + first.contextCube() + ")");
            }
            if (s.emrFeatures() != first.emrFeatures()) {
                throw new InvalidInputException(s.dir(), s.emrFeatures() + " EMR features but " + first.dir() + " has " + first.emrFeatures());
            }
            offsets[i] = (int) total;
            total += s.rows();
            if (total > Integer.MAX_VALUE - 1) {
                throw new InvalidInputException(root, "more than 2^31 patches");
            }
        }
        offsets[sets.size()] = (int) total;
        size = (int) total;
    }

    /** Opens DATA (a shard folder or a folder of fold_K shard folders). */
    public static PatchData open(Path data) throws IOException {
        return new PatchData(data, ShardSet.openAll(data));
    }

    public Path root() {
        return root;
    }

    public List<ShardSet> sets() {
        return sets;
    }

    public int size() {
        return size;
    }

    /** Patch sizes (z, y, x). */
    public int[] patchZyx() {
        return sets.get(0).patchZyx();
    }

    public boolean supports(Architecture a) {
        return sets.get(0).supports(a);
    }

    /** The context cube every folder has, or null. */
    public org.calcify.patch.ContextCube contextCube() {
        return sets.get(0).contextCube();
    }

    public int emrFeatures() {
        return sets.get(0).emrFeatures();
    }

    /** Index of the folder holding sample {@code g}. */
    int setOf(int g) {
        int lo = 0;
        int hi = sets.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= g) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public ShardSet set(int g) {
        return sets.get(setOf(g));
    }

    public int row(int g) {
        return g - offsets[setOf(g)];
    }

    public long label(int g) {
        return set(g).label(row(g));
    }

    /**
     * The scan (patient) of sample g. seed-extract names scans by their index inside the fold ("0", "1", ...),
     * so with several folders a purely numeric name is qualified by its folder ("fold_2/0"); other names
     * (file names from {@code calcify extract}) are global, and FoldPlan checks that none is in two folds.
     */
    public String scan(int g) {
        String raw = set(g).scan(row(g));
        if (sets.size() > 1 && !raw.isEmpty() && raw.chars().allMatch(Character::isDigit)) {
            return set(g).dir().getFileName() + "/" + raw;
        }
        return raw;
    }

    public String centre(int g) {
        return set(g).centre(row(g));
    }

    /** The z, y and x fields of sample {@code g}'s patch centre as written in its index.csv. */
    public List<String> centreZyx(int g) {
        return set(g).centreZyx(row(g));
    }

    public double[] emr(int g) {
        return set(g).emr(row(g));
    }
}
