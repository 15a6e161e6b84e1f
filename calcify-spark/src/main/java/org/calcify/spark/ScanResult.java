package org.calcify.spark;

import java.io.Serializable;
import java.util.List;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.LesionRow;

/** What a task returns for one scan: its cohort row and its lesions (none when it failed or was refused). */
record ScanResult(CohortRow row, List<LesionRow> lesions) implements Serializable {
    ScanResult {
        lesions = List.copyOf(lesions);
    }
}
