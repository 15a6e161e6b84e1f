package org.calcify.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.candidate.CandidateFinder;
import org.calcify.detect.HeartRegionGate;
import org.calcify.detect.NoiseGate;
import org.calcify.volume.Padding;
import org.calcify.candidate.Component;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ParallelMap;
import org.calcify.io.text.CsvFiles;
import org.calcify.io.text.CsvTable;
import org.calcify.io.VolumeIO;
import org.calcify.patch.ContextCube;
import org.calcify.patch.ContextExtractor;
import org.calcify.patch.CubeExtractor;
import org.calcify.patch.GridSampler;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.patch.TriplanarExtractor;
import org.calcify.sampling.BalancedSampler;
import org.calcify.seed.ProgressListener;
import org.calcify.seed.ShardWriter;
import org.calcify.volume.PatientOrder;
import org.calcify.volume.Resampler;
import org.calcify.volume.Volume;

/**
 * The general patch engine: for any readable scans, voxels from a list, from calcium candidates
 * (every voxel at or above a threshold, grouped in 3D components) or from a sliding-window grid,
 * cut tri-planar patches or cubes of the window-levelled (optionally resampled) scan and write them
 * as one shard set ({@code axial/sagittal/coronal.npy} or {@code cube.npy}, {@code labels.npy},
 * {@code index.csv}); with a context cube also {@code context.npy}; with candidates also
 * {@code components.csv}. Each scan is read and
 * window-levelled once per pass, a few scans at a time in parallel ({@link #SCANS_AT_ONCE}); the output is the
 * same whatever the cores.
 */
public final class PatchExtraction {
    /** Beside {@code context.npy}: the context cube as {@link ContextCube#text()}. */
    public static final String CONTEXT_FILE = "context.txt";
    /** Scans read, located and cut at the same time (one per core, at most this many: each holds its scan in memory). */
    static final int SCANS_AT_ONCE = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final ExtractOptions options;
    private final ProgressListener progress;

    /** The voxels chosen in one scan and its candidate components. */
    private record Selection(List<VoxelTarget> targets, List<ComponentRow> components) {
    }

    /** A scan prepared for cutting, with the source its context cubes are cut from (null without context). */
    private record Ready(Prepared prepared, PatchSource contextSource) {
    }

    public PatchExtraction(ExtractOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * A scan ready to cut: label map on the (possibly resampled) grid, and the windowed source in patient order
     * ({@link PatientOrder}: patches look the same however the scan's axes are stored).
     */
    private record Prepared(Volume ct, Volume labels, PatchSource source, PatientOrder order, double scaleZ, double scaleY, double scaleX) {
        /** Maps a voxel of the original grid to the resampled one. */
        int[] map(int z, int y, int x) {
            return new int[] {(int) Math.round(z * scaleZ), (int) Math.round(y * scaleY), (int) Math.round(x * scaleX)};
        }
    }

    private Prepared prepare(ScanInput in) throws IOException {
        Volume ct = VolumeIO.read(in.ct());
        Volume labels = null;
        if (in.labels() != null) {
            labels = VolumeIO.read(in.labels());
            if (labels.sizeX() != ct.sizeX() || labels.sizeY() != ct.sizeY() || labels.sizeZ() != ct.sizeZ()) {
                throw new InvalidInputException(in.labels(), "label map is " + labels.sizeZ() + "x" + labels.sizeY() + "x" + labels.sizeX()
                        + " but its scan is " + ct.sizeZ() + "x" + ct.sizeY() + "x" + ct.sizeX());
            }
        }
        double sz = 1;
        double sy = 1;
        double sx = 1;
        if (options.spacingMm() != null) {
            double[] old = ct.geometry().spacingMm();
            ct = Resampler.toSpacing(ct, options.spacingMm());
            if (labels != null) {
                labels = nearest(labels, ct);
            }
            sx = old[0] / options.spacingMm()[0];
            sy = old[1] / options.spacingMm()[1];
            sz = old[2] / options.spacingMm()[2];
        }
        PatientOrder order = PatientOrder.of(ct.geometry());
        return new Prepared(ct, labels, PatchSource.of(order.apply(options.window().applyToVolume(ct))), order, sz, sy, sx);
    }

    /** Nearest-neighbour resampling of a label map onto {@code grid}'s voxels (same origin and axes). */
    private static Volume nearest(Volume labels, Volume grid) {
        var g = grid.geometry();
        var lg = labels.geometry();
        byte[] out = new byte[g.voxelCount()];
        for (int z = 0; z < g.sizeZ(); z++) {
            int oz = Math.min(lg.sizeZ() - 1, (int) Math.round(z * g.spacingZ() / lg.spacingZ()));
            for (int y = 0; y < g.sizeY(); y++) {
                int oy = Math.min(lg.sizeY() - 1, (int) Math.round(y * g.spacingY() / lg.spacingY()));
                for (int x = 0; x < g.sizeX(); x++) {
                    int ox = Math.min(lg.sizeX() - 1, (int) Math.round(x * g.spacingX() / lg.spacingX()));
                    out[g.index(z, y, x)] = (byte) labels.value(oz, oy, ox);
                }
            }
        }
        return Volume.ofBytes(g, out);
    }

    /** Runs the job; {@code listed} are voxels from a CSV (scan index into {@code scans}), used when no other source is set. */
    public long run(List<ScanInput> scans, List<VoxelTarget> listed, Path output) throws IOException {
        return run(scans, listed, null, output);
    }

    /**
     * As {@link #run(List, List, Path)}, with EMR features per scan ({@code emr.get(i)} for {@code scans.get(i)},
     * all of one length) written to {@code emr.npy} beside the patches; {@code emr} null for none.
     */
    public long run(List<ScanInput> scans, List<VoxelTarget> listed, List<double[]> emr, Path output) throws IOException {
        if (emr != null && (emr.size() != scans.size() || emr.stream().map(e -> e.length).distinct().count() != 1)) {
            throw new IllegalArgumentException("give one EMR row of the same length per scan");
        }
        Files.createDirectories(output);
        AtomicOutput.removeLeftovers(output); // temporary files of a killed run
        List<VoxelTarget> targets = new ArrayList<>();
        List<ComponentRow> componentRows = new ArrayList<>();
        if (options.candidates() != null || options.stride() != null) {
            progress.start("finding voxels", scans.size());
            // a few scans at a time, one per core; results in scan order, so the output does not depend on the cores
            for (int from = 0; from < scans.size(); from += SCANS_AT_ONCE) {
                List<Integer> chunk = java.util.stream.IntStream.range(from, Math.min(scans.size(), from + SCANS_AT_ONCE)).boxed().toList();
                for (Selection sel : ParallelMap.map(chunk, SCANS_AT_ONCE, "calcify-extract", i -> {
                    List<ComponentRow> rows = new ArrayList<>();
                    List<VoxelTarget> t = select(i, scans.get(i), prepare(scans.get(i)), rows);
                    return new Selection(t, rows);
                })) {
                    targets.addAll(sel.targets());
                    componentRows.addAll(sel.components());
                }
                progress.advance(chunk.size());
            }
            progress.finish();
        } else {
            for (VoxelTarget t : listed) {
                if (t.scan() < 0 || t.scan() >= scans.size()) {
                    throw new IllegalArgumentException("voxel list names scan " + t.scan() + " but there are " + scans.size());
                }
            }
            targets.addAll(listed);
        }
        if (options.perClass() > 0) {
            // candidates: drawn evenly over the components (lesions) of each label, so that a few large lesions do not fill the quota
            targets = options.candidates() != null
                    ? BalancedSampler.sample(targets, VoxelTarget::label, VoxelTarget::group,
                            label -> label == 0 && options.perNegatives() > 0 ? options.perNegatives() : options.perClass(), options.seed())
                    : BalancedSampler.sample(targets, VoxelTarget::label, options.perClass(), options.seed());
        }
        if (options.context() != null) {
            // the context's geometry, which context.npy alone does not give: train copies it into the model's config
            AtomicOutput.write(output.resolve(CONTEXT_FILE), (options.context().text() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        write(scans, targets, emr, output);
        if (!componentRows.isEmpty() || options.candidates() != null) {
            CsvFiles.write(output.resolve("components.csv"), componentRows, ComponentRow.class);
        }
        return targets.size();
    }

    private List<VoxelTarget> select(int s, ScanInput in, Prepared p, List<ComponentRow> componentRows) {
        List<VoxelTarget> out = new ArrayList<>();
        Volume ct = p.ct();
        if (options.candidates() != null) {
            Volume air = Padding.of(ct).withAir();
            CandidateFinder.Candidates c = options.candidates().find(air);
            if (options.heartRegionOnly()) {
                ThoraxAnatomy anatomy = ThoraxSegmenter.segment(air);
                if (anatomy.hasHeart()) {
                    c = HeartRegionGate.filter(c, anatomy, new int[3], NoiseGate.significanceOnly(options.minSignificance()),
                            options.candidates().thresholdHu());
                }
            }
            var lab = c.labels();
            for (int k = 0; k < lab.size(); k++) {
                int i = lab.index(k);
                int z = i / (ct.sizeY() * ct.sizeX());
                int rem = i - z * ct.sizeY() * ct.sizeX();
                out.add(new VoxelTarget(s, z, rem / ct.sizeX(), rem % ct.sizeX(), p.labels() == null ? 0 : (long) p.labels().valueAt(i),
                        ((long) s << 32) | lab.label(k)));
            }
            for (Component comp : c.components()) {
                int[] pk = comp.peakZyx();
                long label = p.labels() == null ? 0 : (long) p.labels().value(pk[0], pk[1], pk[2]);
                componentRows.add(new ComponentRow(in.name(), comp.id(), comp.voxels(), comp.volumeMm3(), comp.peakHu(), comp.meanHu(),
                        comp.centroidZyx()[0], comp.centroidZyx()[1], comp.centroidZyx()[2], label));
            }
        } else {
            for (int[] c : GridSampler.centres(new int[] {ct.sizeZ(), ct.sizeY(), ct.sizeX()}, options.stride())) {
                out.add(new VoxelTarget(s, c[0], c[1], c[2], p.labels() == null ? 0 : (long) p.labels().value(c[0], c[1], c[2])));
            }
        }
        return out;
    }

    private void write(List<ScanInput> scans, List<VoxelTarget> targets, List<double[]> emr, Path output) throws IOException {
        PatchShape sh = options.shape();
        boolean cube = options.mode() == PatchMode.CUBE;
        List<ShardWriter.Plane> planes = cube ? List.of(new ShardWriter.Plane("cube.npy", sh.sizeZ(), sh.sizeY(), sh.sizeX()))
                : List.of(new ShardWriter.Plane("axial.npy", sh.sizeY(), sh.sizeX()), new ShardWriter.Plane("sagittal.npy", sh.sizeZ(), sh.sizeY()),
                        new ShardWriter.Plane("coronal.npy", sh.sizeZ(), sh.sizeX()));
        ContextCube cx = options.context();
        if (cx != null) {
            planes = new ArrayList<>(planes);
            planes.add(new ShardWriter.Plane("context.npy", cx.sizeZ(), cx.sizeY(), cx.sizeX()));
        }
        byte[] ctx = cx == null ? null : new byte[cx.length()];
        Map<Integer, List<VoxelTarget>> byScan = new TreeMap<>();
        for (VoxelTarget t : targets) {
            byScan.computeIfAbsent(t.scan(), k -> new ArrayList<>()).add(t);
        }
        boolean resampledSelection = options.candidates() != null || options.stride() != null;
        TriplanarExtractor tri = new TriplanarExtractor(sh);
        CubeExtractor cub = new CubeExtractor(sh);
        byte[] a = new byte[sh.axialLength()];
        byte[] s = new byte[sh.sagittalLength()];
        byte[] c = new byte[sh.coronalLength()];
        byte[] k = new byte[cube ? sh.cubeLength() : 0];
        progress.start("cutting patches", targets.size());
        try (ShardWriter out = new ShardWriter(output, targets.size(), planes, emr == null ? 0 : emr.get(0).length,
                List.of("scan", "z", "y", "x", "label"))) {
            List<Map.Entry<Integer, List<VoxelTarget>>> entries = new ArrayList<>(byScan.entrySet());
            List<Ready> ready = List.of();
            for (int n = 0; n < entries.size(); n++) {
                if (n % SCANS_AT_ONCE == 0) {
                    // the next few scans read and windowed (and located, for a heart-only context) in parallel; cut in order
                    List<Map.Entry<Integer, List<VoxelTarget>>> chunk = entries.subList(n, Math.min(entries.size(), n + SCANS_AT_ONCE));
                    ready = List.of(); // the last chunk's scans can go before the next are read
                    ready = ParallelMap.map(chunk, SCANS_AT_ONCE, "calcify-extract", en -> {
                        Prepared pr = prepare(scans.get(en.getKey()));
                        return new Ready(pr, cx == null ? null : cx.heartOnly() ? heartOnlySource(pr) : pr.source());
                    });
                }
                Map.Entry<Integer, List<VoxelTarget>> e = entries.get(n);
                ScanInput in = scans.get(e.getKey());
                Prepared p = ready.get(n % SCANS_AT_ONCE).prepared();
                var geo = p.ct().geometry();
                ContextExtractor contextCutter = cx == null ? null : new ContextExtractor(cx, p.order().spacingZyx(geo));
                PatchSource contextSource = ready.get(n % SCANS_AT_ONCE).contextSource();
                for (VoxelTarget t : e.getValue()) {
                    int[] at = resampledSelection ? new int[] {t.z(), t.y(), t.x()} : p.map(t.z(), t.y(), t.x());
                    if (!p.ct().geometry().contains(at[0], at[1], at[2])) {
                        throw new InvalidInputException(in.ct(), "voxel (z, y, x) = (" + t.z() + ", " + t.y() + ", " + t.x()
                                + ") is outside the scan (" + p.ct().sizeZ() + " x " + p.ct().sizeY() + " x " + p.ct().sizeX() + ")");
                    }
                    List<Object> fields = List.of(in.name(), t.z(), t.y(), t.x(), t.label());
                    at = p.order().toPatient(geo, at[0], at[1], at[2]);
                    byte[][] rows;
                    if (cube) {
                        cub.extract(p.source(), at[0], at[1], at[2], k, 0);
                        rows = new byte[][] {k};
                    } else {
                        tri.extract(p.source(), at[0], at[1], at[2], a, 0, s, 0, c, 0);
                        rows = new byte[][] {a, s, c};
                    }
                    if (contextCutter != null) {
                        contextCutter.extract(contextSource, at[0], at[1], at[2], ctx, 0);
                        rows = java.util.Arrays.copyOf(rows, rows.length + 1);
                        rows[rows.length - 1] = ctx;
                    }
                    out.append(rows, new int[rows.length], emr == null ? null : emr.get(t.scan()), t.label(), fields);
                    progress.advance(1);
                }
            }
            out.commit();
        } finally {
            progress.finish();
        }
    }

    /**
     * The window-levelled scan with everything outside the heart region set to 0 (as {@code detect} cuts a
     * heart-only context cube); the whole scan when no heart region is found.
     */
    private PatchSource heartOnlySource(Prepared p) {
        ThoraxAnatomy anatomy = ThoraxSegmenter.segment(Padding.of(p.ct()).withAir());
        return anatomy.hasHeart() ? PatchSource.of(p.order().apply(anatomy.heartOnly(options.window().applyToVolume(p.ct())))) : p.source();
    }

    /**
     * Reads a CSV of voxels ({@code scan,z,y,x[,label]}, with that header or none) as targets; {@code scanIndex}
     * maps the scan column.
     */
    public static List<VoxelTarget> readVoxelCsv(Path csv, java.util.function.Function<String, Integer> scanIndex) throws IOException {
        CsvTable t = CsvTable.readOptionalHeader(csv, List.of("scan", "z", "y", "x", "label"));
        if (t.header().size() < 4) {
            throw new InvalidInputException(csv, "expected columns scan,z,y,x[,label]");
        }
        List<VoxelTarget> out = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> f = t.rows().get(i);
            try {
                Integer s = scanIndex.apply(f.get(0).trim());
                if (s == null) {
                    throw new InvalidInputException(csv, "row " + (i + 2) + ": unknown scan '" + f.get(0).trim() + "'");
                }
                out.add(new VoxelTarget(s, Integer.parseInt(f.get(1).trim()), Integer.parseInt(f.get(2).trim()), Integer.parseInt(f.get(3).trim()),
                        f.size() > 4 && !f.get(4).isBlank() ? Math.round(Double.parseDouble(f.get(4).trim())) : 0));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(csv, "row " + (i + 2) + ": not a number in '" + String.join(",", f) + "'");
            }
        }
        return out;
    }
}
