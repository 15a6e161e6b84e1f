package org.calcify.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code calcify info} on the forum thread's joblib cohort folder. */
final class CohortDescription {
    private CohortDescription() {
    }

    static boolean isCohort(Path path) {
        return false; // wired to SeedCohort when the joblib reader lands
    }

    static Map<String, Object> of(Path path) throws IOException {
        throw new UnsupportedOperationException("cohort description");
    }
}
