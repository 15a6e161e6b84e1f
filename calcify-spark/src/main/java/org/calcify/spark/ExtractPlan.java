package org.calcify.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.app.io.JsonFiles;
import org.calcify.io.InvalidInputException;

/**
 * How {@code cohort extract} dealt the cohort's scans to partitions, in {@code OUT/extract-plan.json}, written before
 * the first partition is cut. A finished partition ({@code part-NNNNN/scans.csv}) is only reused when the rerun deals
 * the same scans into the same number of partitions: a rerun without {@code --partitions} takes the plan's count; one
 * with another count, or another cohort, is refused instead of mixing two deals (scans twice, others missing).
 *
 * @param partitions how many partitions
 * @param scans      the cohort's scans, by name, in the order they were dealt
 */
record ExtractPlan(int partitions, List<String> scans) {
    static final String FILE = "extract-plan.json";

    ExtractPlan {
        scans = List.copyOf(scans);
    }

    /** The plan an earlier run left in {@code out}, or null. */
    static ExtractPlan previous(Path out) throws IOException {
        Path f = out.resolve(FILE);
        return Files.isRegularFile(f) ? JsonFiles.readJson(f, ExtractPlan.class) : null;
    }

    /**
     * The plan for this run: {@code requested} partitions (0: {@code defaultParts}, or the earlier run's count),
     * checked against the earlier run's plan and written when there was none.
     */
    static ExtractPlan resolve(Path out, List<String> scans, int requested, int defaultParts) throws IOException {
        ExtractPlan before = previous(out);
        int parts = requested > 0 ? requested : before != null ? before.partitions() : defaultParts;
        ExtractPlan plan = new ExtractPlan(Math.max(1, Math.min(parts, scans.size())), scans);
        if (before == null) {
            JsonFiles.writeJson(out.resolve(FILE), plan);
            return plan;
        }
        if (!before.scans().equals(plan.scans())) {
            throw new InvalidInputException(out, "holds shards cut from another cohort (" + before.scans().size() + " scans in " + FILE
                    + ", " + plan.scans().size() + " now, or in another order): use a new --out folder");
        }
        if (before.partitions() != plan.partitions()) {
            throw new InvalidInputException(out, "was cut in " + before.partitions() + " partitions (" + FILE + "); rerun with --partitions "
                    + before.partitions() + " (or without --partitions) to resume, or use a new --out folder");
        }
        return plan;
    }
}
