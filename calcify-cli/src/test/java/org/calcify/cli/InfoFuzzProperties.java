package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Fuzzing: small valid files of every format Calcify reads, mutated (bytes flipped, set to boundary values,
 * 16/32/64-bit fields overwritten with boundary numbers, cut, grown, chunks repeated or removed), go through
 * the entry point of {@code calcify info} ({@link org.calcify.app.info.PathInfo#describe}). Whatever the bytes, the only thing
 * that may escape is an {@link InvalidInputException}, and every input is answered within 2 seconds.
 *
 * <p>Compressed formats are mutated twice: the compressed bytes (mostly checksum and stream errors), and the
 * content before compression (header fields behind a valid gzip/zlib/zip layer). The number of inputs per
 * format is jqwik's {@code jqwik.tries.default} (100 in the build, see junit-platform.properties;
 * {@code bench/fuzz.sh} runs 10,000 and more).
 */
class InfoFuzzProperties {
    private static final Duration PER_INPUT = Duration.ofSeconds(2);
    private static Seeds seeds;
    /** Per seed: inputs read, inputs refused, slowest answer in ms (printed after the run, for docs/benchmarks.md). */
    private static final Map<String, long[]> COUNTS = new java.util.concurrent.ConcurrentSkipListMap<>();

    @AfterContainer
    static void printCounts() {
        long total = 0;
        for (Map.Entry<String, long[]> e : COUNTS.entrySet()) {
            long[] c = e.getValue();
            total += c[0] + c[1];
            System.out.printf(java.util.Locale.ROOT, "fuzz %-12s %7d inputs: %6d read, %7d refused (InvalidInputException), slowest %5d ms%n",
                    e.getKey(), c[0] + c[1], c[0], c[1], c[2]);
        }
        System.out.printf(java.util.Locale.ROOT, "fuzz total %d inputs, no other exception%n", total);
    }

    /** The valid files mutated, written once per run. */
    private record Seeds(Path dir, Map<String, byte[]> files) {
    }

    private static synchronized Seeds seeds() throws IOException {
        if (seeds == null) {
            Path dir = Files.createTempDirectory("calcify-fuzz-seeds");
            dir.toFile().deleteOnExit();
            Map<String, byte[]> files = new LinkedHashMap<>();
            Volume v = smallScan();
            for (String name : new String[] {"seed.nii", "seed.mha", "seed.mhd", "seed.npy"}) {
                VolumeIO.write(v, dir.resolve(name));
                files.put(name, Files.readAllBytes(dir.resolve(name)));
            }
            files.put("seed.nrrd", nrrd(v, false));
            files.put("seedgz.nrrd", nrrd(v, true));
            PythonOracle.run("""
                    import sys, os, numpy as np, joblib, pydicom, warnings
                    from pydicom.dataset import FileDataset, FileMetaDataset
                    from pydicom.uid import ExplicitVRLittleEndian, generate_uid
                    warnings.simplefilter('ignore')
                    d = sys.argv[1]
                    a = (np.arange(6 * 5 * 4) % 300 - 100).astype(np.int16).reshape(4, 5, 6)
                    np.savez(d + '/seed.npz', a)
                    np.savez_compressed(d + '/seedz.npz', a)
                    joblib.dump([a, a[:2]], d + '/seed.pkl')
                    joblib.dump([a], d + '/seedz.pkl', compress=3)
                    meta = FileMetaDataset()
                    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
                    meta.MediaStorageSOPInstanceUID = generate_uid()
                    meta.TransferSyntaxUID = ExplicitVRLittleEndian
                    ds = FileDataset(None, {}, file_meta=meta, preamble=b'\\0' * 128)
                    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
                    ds.Modality, ds.SeriesInstanceUID, ds.InstanceNumber = 'CT', generate_uid(), 1
                    ds.ImagePositionPatient, ds.ImageOrientationPatient = [-10, -12, 30], [1, 0, 0, 0, 1, 0]
                    ds.PixelSpacing, ds.SliceThickness, ds.KVP, ds.ConvolutionKernel = [0.7, 0.7], 3, 120, 'B30f'
                    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.PhotometricInterpretation = 6, 5, 1, 'MONOCHROME2'
                    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 1
                    ds.RescaleSlope, ds.RescaleIntercept, ds.PixelPaddingValue = 1, -1024, -2000
                    ds.PixelData = (np.arange(30) * 40).astype(np.int16).tobytes()
                    ds.save_as(d + '/seed.dcm', write_like_original=False)
                    """, dir.toString());
            for (String name : new String[] {"seed.npz", "seedz.npz", "seed.pkl", "seedz.pkl", "seed.dcm"}) {
                files.put(name, Files.readAllBytes(dir.resolve(name)));
            }
            files.put("seedseg.dcm", segmentation(v, dir));
            seeds = new Seeds(dir, files);
        }
        return seeds;
    }

    /** Calcify's SEG of two classes on {@code scan} written as a DICOM series. */
    private static byte[] segmentation(Volume scan, Path dir) throws IOException {
        Path series = dir.resolve("segsource");
        org.calcify.io.dicom.write.CtImageSeries.write(scan, series,
                org.calcify.io.dicom.write.CtImageSeries.Identity.newStudy("fuzz", null, "test"));
        Volume ct = VolumeIO.read(series);
        byte[] labels = new byte[ct.geometry().voxelCount()];
        labels[3] = 2;
        labels[labels.length - 1] = 5;
        labels[40] = 2;
        Volume map = Volume.ofBytes(ct.geometry(), labels);
        Path seg = dir.resolve("seedseg.dcm");
        org.calcify.io.dicom.write.DicomFileWriter.write(org.calcify.io.dicom.write.Segmentation.build(
                org.calcify.io.dicom.DicomSeriesReference.read(series, null), map,
                org.calcify.io.dicom.write.Segmentation.present(map, org.calcify.report.dicom.CalciumSegments.ALL),
                org.calcify.report.dicom.CalciumSegments.algorithm("test", "fuzz"),
                org.calcify.io.dicom.write.DerivedInstance.of(901, "fuzz", "CALCIUM", "coronary calcium", "test")), seg);
        return Files.readAllBytes(seg);
    }

    /** A 6 x 5 x 4 int16 scan with a non-trivial grid. */
    private static Volume smallScan() {
        short[] hu = new short[6 * 5 * 4];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (i * 37 % 400 - 1000);
        }
        return Volume.ofShorts(Geometry.of(6, 5, 4, new double[] {0.7, 0.8, 3}, new double[] {-10, 20, 30},
                new double[] {1, 0, 0, 0, 0, 1, 0, -1, 0}), hu);
    }

    private static byte[] nrrd(Volume v, boolean gzip) throws IOException {
        String header = "NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 6 5 4\n"
                + "space directions: (0.7,0,0) (0,0,-0.8) (0,3,0)\nspace origin: (-10,20,30)\nkinds: domain domain domain\n"
                + "endian: little\nencoding: " + (gzip ? "gzip" : "raw") + "\n\n";
        ByteArrayOutputStream voxels = new ByteArrayOutputStream();
        for (short s : v.shorts()) {
            voxels.write(s & 0xFF);
            voxels.write((s >> 8) & 0xFF);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(gzip ? gzip(voxels.toByteArray()) : voxels.toByteArray());
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    // ---- mutations ----

    /** One edit of a file: {@code at} is taken modulo the file's length. */
    record Mutation(Kind kind, int at, long value, int length) {
        enum Kind { FLIP_BIT, SET_BYTE, SET_SHORT, SET_INT, SET_LONG, TRUNCATE, INSERT, REPEAT, DELETE }

        private static final long[] BOUNDARY = {0, 1, -1, 2, 7, 8, 16, 255, 256, 348, 540, 1024, 32767, 32768, 65535, 65536,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFFFFF0L, 1L << 31, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 61836419L};

        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int pos = Math.floorMod(at, in.length);
            byte[] b = in.clone();
            long v = value >= 0 && value < BOUNDARY.length ? BOUNDARY[(int) value] : value;
            switch (kind) {
                case FLIP_BIT -> b[pos] ^= (byte) (1 << (value & 7));
                case SET_BYTE -> b[pos] = (byte) v;
                case SET_SHORT -> put(b, pos, v, 2);
                case SET_INT -> put(b, pos, v, 4);
                case SET_LONG -> put(b, pos, v, 8);
                case TRUNCATE -> b = java.util.Arrays.copyOf(in, pos);
                case INSERT -> b = splice(in, pos, 0, filler(length, v));
                case REPEAT -> b = splice(in, pos, 0, java.util.Arrays.copyOfRange(in, pos, Math.min(in.length, pos + length)));
                case DELETE -> b = splice(in, pos, Math.min(length, in.length - pos), new byte[0]);
            }
            return b;
        }

        private static void put(byte[] b, int pos, long v, int bytes) {
            boolean bigEndian = (v & 1) == 1 && v > 1000;
            for (int i = 0; i < bytes && pos + i < b.length; i++) {
                int shift = 8 * (bigEndian ? bytes - 1 - i : i);
                b[pos + i] = (byte) (v >>> shift);
            }
        }

        private static byte[] filler(int n, long v) {
            byte[] f = new byte[n];
            java.util.Arrays.fill(f, (byte) v);
            return f;
        }

        private static byte[] splice(byte[] in, int pos, int remove, byte[] insert) {
            byte[] out = new byte[in.length - remove + insert.length];
            System.arraycopy(in, 0, out, 0, pos);
            System.arraycopy(insert, 0, out, pos, insert.length);
            System.arraycopy(in, pos + remove, out, pos + insert.length, in.length - pos - remove);
            return out;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.of(Mutation.Kind.class),
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 23), Arbitraries.longs()),
                Arbitraries.integers().between(1, 64)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    private static byte[] mutate(byte[] seed, List<Mutation> mutations) {
        byte[] b = seed;
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }

    /**
     * Writes {@code content} as {@code name} in a fresh folder (with the .mhd's data file beside it) and asks what
     * {@code calcify info} asks: only an {@link InvalidInputException} may escape, within {@link #PER_INPUT}.
     */
    private static void assertOnlyInvalidInput(String name, byte[] content) throws IOException {
        Path dir = Files.createTempDirectory(seeds().dir(), "in");
        try {
            Path file = dir.resolve(name.replace("seedz", "seed").replace("seedgz", "seed"));
            Files.write(file, content);
            if (name.endsWith(".mhd")) {
                Files.copy(seeds().dir().resolve("seed.raw"), dir.resolve("seed.raw"));
            }
            long t0 = System.nanoTime();
            boolean read = false;
            try {
                org.calcify.app.info.PathInfo d = org.calcify.app.info.PathInfo.describe(file, null);
                org.calcify.app.info.InfoText.of(d);
                org.calcify.io.text.JsonFiles.toJson(d);
                read = true;
            } catch (InvalidInputException expected) {
                assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n", "\u001b");
            } catch (Throwable t) {
                Path kept = Files.copy(file, Path.of("target").toAbsolutePath().resolve("fuzz-failure-" + file.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                throw new AssertionError(name + ": " + t + " (input kept as " + kept + ")", t);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            long[] c = COUNTS.computeIfAbsent(name, k -> new long[3]);
            synchronized (c) {
                c[read ? 0 : 1]++;
                c[2] = Math.max(c[2], took.toMillis());
            }
            assertThat(took).as(name + " answered").isLessThan(PER_INPUT);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void fuzz(String seed, List<Mutation> m) throws IOException {
        assertOnlyInvalidInput(seed, mutate(seeds().files().get(seed), m));
    }

    /** Mutates the content and then compresses it as the format does. */
    private static void fuzzBehindCompression(String seed, byte[] plain, java.util.function.Function<byte[], byte[]> compress,
            List<Mutation> m) throws IOException {
        assertOnlyInvalidInput(seed, compress.apply(mutate(plain, m)));
    }

    @Property
    void nifti(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seed.nii", m);
    }

    @Property
    void niftiGzip(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzzBehindCompression("seed.nii.gz", seeds().files().get("seed.nii"), InfoFuzzProperties::gzipUnchecked, m);
        assertOnlyInvalidInput("seed.nii.gz", mutate(gzipUnchecked(seeds().files().get("seed.nii")), m));
    }

    @Property
    void nrrd(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seed.nrrd", m);
        fuzz("seedgz.nrrd", m);
    }

    @Property
    void metaImage(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seed.mha", m);
        fuzz("seed.mhd", m);
    }

    @Property
    void dicom(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seed.dcm", m);
    }

    @Property
    void dicomSegmentation(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seedseg.dcm", m);
    }

    @Property
    void npy(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seed.npy", m);
    }

    @Property
    void npz(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seed.npz", m);
        fuzz("seedz.npz", m);
    }

    @Property
    void joblib(@ForAll("mutations") List<Mutation> m) throws IOException {
        fuzz("seed.pkl", m);
        fuzz("seedz.pkl", m);
        fuzzBehindCompression("seedz.pkl", seeds().files().get("seed.pkl"), InfoFuzzProperties::zlibUnchecked, m);
    }

    private static byte[] gzipUnchecked(byte[] b) {
        try {
            return gzip(b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] zlibUnchecked(byte[] b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.DeflaterOutputStream(bytes)) {
            out.write(b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
