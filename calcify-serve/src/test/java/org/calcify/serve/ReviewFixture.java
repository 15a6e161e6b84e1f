package org.calcify.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.JsonFiles;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * A small detect output made in the test: scans of 64×64×40 voxels (0.8 × 0.8 × 3 mm) with a chest-like body and four
 * calcified blocks, and what {@code calcify detect} writes for each (labels.nii.gz, scores.json, report.html): lesion 1 LAD,
 * lesion 2 RCA, lesion 3 other calcium, and a block the "model" missed ({@link #MISSED_ZYX}).
 */
final class ReviewFixture {
    static final int SX = 64;
    static final int SY = 64;
    static final int SZ = 40;
    static final double[] SPACING = {0.8, 0.8, 3.0};
    /** A voxel of the block no label covers (600 HU). */
    static final int[] MISSED_ZYX = {30, 16, 46};
    /** A voxel of soft tissue (40 HU): below the threshold. */
    static final int[] SOFT_ZYX = {20, 32, 20};
    static final String MODEL = "test model (blocks)";

    private ReviewFixture() {
    }

    /** Writes {@code count} scans (scan-0, scan-1, ...) into {@code dir}/scans and their outputs into {@code dir}/out; returns out. */
    static Path cohort(Path dir, int count) throws IOException {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Path out = Files.createDirectories(dir.resolve("out"));
        for (int k = 0; k < count; k++) {
            String name = "scan-" + k;
            Path ctPath = scans.resolve(name + ".nii.gz");
            Volume ct = ct();
            Volume labels = labels();
            VolumeIO.write(ct, ctPath);
            Path folder = Files.createDirectories(out.resolve(name));
            VolumeIO.write(labels, folder.resolve("labels.nii.gz"));
            CalciumScore s = new CalciumScorer().score(ct, labels);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("case", name);
            summary.put("status", "ok");
            summary.put("agatston", s.total().agatston());
            summary.put("category", s.category().label());
            summary.put("lesions", s.lesions().size());
            summary.put("warnings", k == 0 ? "" : "tube voltage 100 kVp: scored as 120 kVp");
            summary.put("message", "");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("summary", summary);
            json.put("scan", Map.of("name", name, "path", ctPath.toAbsolutePath().toString()));
            json.putAll(JsonFiles.mapper().convertValue(s.document(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { }));
            json.put("anatomy", new org.calcify.app.detect.ScanScores.AnatomySection(true, 100.0, false, true, 0, s.lesions().size(), 1.0));
            json.put("model", MODEL);
            JsonFiles.write(folder.resolve("scores.json"), json);
            Files.writeString(folder.resolve("report.html"), "<html><body>proposed report of " + name + "</body></html>");
        }
        return out;
    }

    static Geometry grid() {
        return Geometry.of(SX, SY, SZ, SPACING, new double[] {-25, -25, -60}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    static Volume ct() {
        short[] hu = new short[SX * SY * SZ];
        for (int z = 0; z < SZ; z++) {
            for (int y = 0; y < SY; y++) {
                for (int x = 0; x < SX; x++) {
                    double dx = (x - 31.5) / 30.0;
                    double dy = (y - 31.5) / 26.0;
                    hu[(z * SY + y) * SX + x] = (short) (dx * dx + dy * dy <= 1 ? 40 + ((x * 7 + y * 13 + z * 3) % 11) - 5 : -1000);
                }
            }
        }
        for (Block b : BLOCKS) {
            b.fill(hu, b.hu);
        }
        return Volume.ofShorts(grid(), hu);
    }

    static Volume labels() {
        byte[] l = new byte[SX * SY * SZ];
        for (Block b : BLOCKS) {
            if (b.label != 0) {
                b.fill(l, b.label);
            }
        }
        return Volume.ofBytes(grid(), l);
    }

    /** A calcified block: z, y, x ranges (inclusive), its HU and its proposed label. */
    record Block(int z0, int z1, int y0, int y1, int x0, int x1, int hu, int label) {
        void fill(short[] a, int v) {
            for (int z = z0; z <= z1; z++) {
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        a[(z * SY + y) * SX + x] = (short) v;
                    }
                }
            }
        }

        void fill(byte[] a, int v) {
            for (int z = z0; z <= z1; z++) {
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        a[(z * SY + y) * SX + x] = (byte) v;
                    }
                }
            }
        }
    }

    static final List<Block> BLOCKS = List.of(
            new Block(10, 12, 20, 25, 20, 25, 400, 2),   // lesion 1: LAD
            new Block(20, 21, 40, 44, 30, 34, 250, 4),   // lesion 2: RCA
            new Block(24, 25, 44, 48, 10, 14, 300, 5),   // lesion 3: other calcium
            new Block(29, 31, 14, 18, 44, 48, 600, 0));  // missed by the model
}
