package org.calcify.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deal of scans to partitions that a rerun of {@code cohort extract} must keep (no Spark needed). */
class ExtractPlanTest {
    @Test
    void aRerunKeepsTheFirstDealOrIsRefused(@TempDir Path out) throws Exception {
        List<String> scans = List.of("a", "b", "c", "d");
        assertThat(ExtractPlan.resolve(out, scans, 0, 2).partitions()).as("first run: the cores").isEqualTo(2);
        assertThat(out.resolve(ExtractPlan.FILE)).exists();
        assertThat(ExtractPlan.resolve(out, scans, 0, 16).partitions()).as("rerun on a bigger machine: the plan's count").isEqualTo(2);
        assertThat(ExtractPlan.resolve(out, scans, 2, 16).partitions()).isEqualTo(2);
        assertThatThrownBy(() -> ExtractPlan.resolve(out, scans, 3, 16)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--partitions 2");
        assertThatThrownBy(() -> ExtractPlan.resolve(out, List.of("a", "b", "d", "c"), 0, 16)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another cohort");
        assertThatThrownBy(() -> ExtractPlan.resolve(out, List.of("a", "b", "c"), 0, 16)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another cohort");
    }

    @Test
    void neverMorePartitionsThanScans(@TempDir Path out) throws Exception {
        assertThat(ExtractPlan.resolve(out, List.of("a", "b"), 8, 2).partitions()).isEqualTo(2);
        assertThat(Files.readString(out.resolve(ExtractPlan.FILE))).contains("\"partitions\": 2").contains("\"scans\": [\"a\", \"b\"]");
    }
}
