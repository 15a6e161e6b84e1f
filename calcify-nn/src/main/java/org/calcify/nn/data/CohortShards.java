package org.calcify.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.calcify.candidate.CandidateFinder;
import org.calcify.extract.ExtractOptions;
import org.calcify.extract.PatchExtraction;
import org.calcify.extract.PatchMode;
import org.calcify.extract.ScanInput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;
import org.calcify.nn.model.Architecture;
import org.calcify.patch.PatchShape;
import org.calcify.seed.ProgressListener;
import org.calcify.seed.ShardWriter;
import org.calcify.window.WindowPreset;

/**
 * Training straight from a cohort: a CSV of {@code scan,labels} paths (relative to the CSV's folder; a
 * header line starting with "scan" is optional) is turned into a shard folder by the patch engine
 * (every voxel at or above the candidate threshold, class-balanced sampling), once; a complete shard
 * folder from an earlier run is reused, so {@code --resume} does not extract again.
 */
public final class CohortShards {
    private CohortShards() {
    }

    /** True when {@code data} is a cohort list rather than shards. */
    public static boolean isCohortList(Path data) {
        return Files.isRegularFile(data) && data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /**
     * Extracts (or reuses) the shards for {@code architecture} into {@code shardDir}.
     *
     * @param perClass at most this many candidate voxels per label and cohort (0: all)
     */
    public static Path prepare(Path cohortCsv, Architecture architecture, PatchShape shape, String window, double thresholdHu, int perClass,
                               long seed, Path shardDir, ProgressListener progress) throws IOException {
        if (ShardWriter.isComplete(shardDir)) {
            return shardDir;
        }
        List<ScanInput> scans = read(cohortCsv);
        ExtractOptions o = new ExtractOptions(architecture == Architecture.CNN3D ? PatchMode.CUBE : PatchMode.TRIPLANAR, shape,
                WindowPreset.parse(window), null, CandidateFinder.builder().thresholdHu(thresholdHu).build(), null, perClass, seed);
        new PatchExtraction(o, progress).run(scans, List.of(), shardDir);
        return shardDir;
    }

    static List<ScanInput> read(Path csv) throws IOException {
        if (Files.size(csv) > (64 << 20)) {
            throw new InvalidInputException(csv, "cohort list larger than 64 MiB");
        }
        Path base = csv.toAbsolutePath().getParent();
        List<ScanInput> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        CsvTable t = CsvTable.readOptionalHeader(csv, List.of("scan", "labels"));
        if (t.header().size() != 2) {
            throw new InvalidInputException(csv, "expected two columns, scan,labels (paths)");
        }
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> f = t.rows().get(i);
            if (f.get(0).isBlank() || f.get(1).isBlank()) {
                throw new InvalidInputException(csv, "row " + (i + 2) + ": expected scan,labels (two paths)");
            }
            Path ct = base.resolve(f.get(0).trim());
            Path labels = base.resolve(f.get(1).trim());
            String name = ct.getFileName().toString();
            if (!names.add(name)) {
                throw new InvalidInputException(csv, "row " + (i + 2) + ": two scans named " + name + " (scans are told apart by file name)");
            }
            out.add(new ScanInput(name, ct, labels));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(csv, "no scans listed");
        }
        return out;
    }
}
