package org.calcify.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.calcify.io.InvalidInputException;
import org.calcify.nn.SyntheticShards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldPlanTest {
    @TempDir
    Path tmp;

    @Test
    void assignedFoldsNeverShareAScan() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, false, 13, 3, new int[] {0, 1, 2}, 0, 1);
        PatchData pd = PatchData.open(data);
        for (long seed = 0; seed < 20; seed++) {
            FoldPlan plan = FoldPlan.of(pd, 5, seed);
            assertThat(plan.folds()).isEqualTo(5);
            Map<String, Integer> foldOfScan = new HashMap<>();
            for (int g = 0; g < pd.size(); g++) {
                Integer prev = foldOfScan.putIfAbsent(pd.scan(g), plan.foldOf(g));
                assertThat(prev == null || prev == plan.foldOf(g)).as("scan %s in two folds", pd.scan(g)).isTrue();
            }
            int[] sizes = new int[5];
            foldOfScan.values().forEach(f -> sizes[f]++);
            assertThat(java.util.Arrays.stream(sizes).allMatch(s -> s == 2 || s == 3)).isTrue(); // 13 scans dealt round-robin
            for (int f = 0; f < 5; f++) {
                int[][] tv = plan.trainAndValidation(pd, f, 0.15, seed);
                Set<String> test = scans(pd, plan.test(f));
                Set<String> train = scans(pd, tv[0]);
                Set<String> val = scans(pd, tv[1]);
                assertThat(val).isNotEmpty();
                assertThat(train).doesNotContainAnyElementsOf(test).doesNotContainAnyElementsOf(val);
                assertThat(val).doesNotContainAnyElementsOf(test);
                assertThat(plan.test(f).length + tv[0].length + tv[1].length).isEqualTo(pd.size());
            }
        }
    }

    private static Set<String> scans(PatchData pd, int[] samples) {
        Set<String> s = new HashSet<>();
        for (int g : samples) {
            s.add(pd.scan(g));
        }
        return s;
    }

    @Test
    void foldsComeFromTheSeedLayout() throws Exception {
        Path data = tmp.resolve("data");
        for (int k = 1; k <= 3; k++) {
            SyntheticShards.write(data.resolve("fold_" + k), false, 10 * k, 3, 2, new int[] {0, 1}, 7, k);
        }
        PatchData pd = PatchData.open(data);
        FoldPlan plan = FoldPlan.of(pd, 5, 0);
        assertThat(plan.folds()).isEqualTo(3);
        assertThat(plan.foldId(0)).isEqualTo(1);
        assertThat(plan.foldOfId(3)).isEqualTo(2);
        for (int g = 0; g < pd.size(); g++) {
            assertThat(pd.set(g).dir().getFileName().toString()).isEqualTo("fold_" + plan.foldId(plan.foldOf(g)));
        }
    }

    @Test
    void aScanInTwoFoldFoldersIsAnError() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data.resolve("fold_1"), false, 0, 3, 2, new int[] {0, 1}, 0, 1);
        SyntheticShards.write(data.resolve("fold_2"), false, 2, 3, 2, new int[] {0, 1}, 0, 2);
        assertThatThrownBy(() -> FoldPlan.of(PatchData.open(data), 5, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("s2").hasMessageContaining("patient-wise");
    }

    @Test
    void seedExtractScanIndicesArePerFold() throws Exception {
        Path data = tmp.resolve("data");
        for (int k = 1; k <= 3; k++) {
            java.nio.file.Path d = data.resolve("fold_" + k);
            SyntheticShards.write(d, false, 0, 3, 2, new int[] {0, 1}, 0, k);
            // seed-extract's index.csv names scans by their index in the fold: 0, 1, 2 in every fold
            java.util.List<String> lines = java.nio.file.Files.readAllLines(d.resolve("index.csv"));
            java.util.List<String> out = new java.util.ArrayList<>();
            out.add(lines.get(0));
            lines.subList(1, lines.size()).forEach(l -> out.add(l.substring(1)));
            java.nio.file.Files.write(d.resolve("index.csv"), out);
        }
        PatchData pd = PatchData.open(data);
        assertThat(pd.scan(0)).isEqualTo("fold_1/0");
        FoldPlan plan = FoldPlan.of(pd, 5, 0);
        assertThat(plan.folds()).isEqualTo(3);
        int[][] tv = plan.trainAndValidation(pd, 0, 0.2, 0);
        // 6 training scans (3 per other fold), validation 1 of them: the same index in two folds is two scans
        assertThat(scans(pd, tv[0]).size() + scans(pd, tv[1]).size()).isEqualTo(6);
    }

    @Test
    void tooFewScansForTheFoldsIsAnError() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, false, 3, 4, new int[] {0, 1}, 0, 1);
        assertThatThrownBy(() -> FoldPlan.of(PatchData.open(data), 5, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only 3 scan");
    }
}
