package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.calcify.io.ReadOptions;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lossless JPEG decoder on files made now by independent encoders: DCMTK's dcmcjpeg (IJG
 * library) for the seven predictors and the point transform on a real CT slice, checked against
 * pydicom of the uncompressed original (and of dcmdjpeg's decode for the lossy point transform),
 * and a straight-from-T.81 encoder written in Python/NumPy here for restart intervals, precisions
 * 2 to 16, signed data and long Huffman codes, checked against the array it encoded.
 */
class JpegLosslessDecoderTest {
    static final Path CT_SLICE = PydicomOracle.TestFiles.REAL.resolve("dcmqi-ct-3slice/01.dcm");

    @TempDir
    Path tmp;

    private static boolean hasDcmtk() {
        return Files.isExecutable(Path.of("/usr/bin/dcmcjpeg")) && Files.isExecutable(Path.of("/usr/bin/dcmdjpeg"));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    @Test
    void allSevenPredictorsFromDcmtkDecodeToTheOriginal() throws Exception {
        Assumptions.assumeTrue(hasDcmtk(), "dcmtk (dcmcjpeg) not installed: .ci/run installs it");
        PydicomOracle.Result original = PydicomOracle.file(CT_SLICE);
        for (int sv = 1; sv <= 7; sv++) {
            Path out = tmp.resolve("sv" + sv + ".dcm");
            run("dcmcjpeg", "+el", "+sv", Integer.toString(sv), CT_SLICE.toString(), out.toString());
            assertThat(DicomParser.readHeader(out).transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.57");
            Volume v = new DicomFormat().read(out, ReadOptions.DEFAULT);
            VolumeAssert.assertVoxelsEqual(v, original.values(), "predictor " + sv);
        }
        // fragments of at most 8 KiB: one frame in many fragments
        Path fragmented = tmp.resolve("fragmented.dcm");
        run("dcmcjpeg", "+el", "+sv", "5", "+fs", "8", CT_SLICE.toString(), fragmented.toString());
        VolumeAssert.assertVoxelsEqual(new DicomFormat().read(fragmented, ReadOptions.DEFAULT), original.values(), "fragmented");
    }

    @Test
    void pointTransformMatchesDcmtksOwnDecoder() throws Exception {
        Assumptions.assumeTrue(hasDcmtk(), "dcmtk (dcmcjpeg) not installed: .ci/run installs it");
        Path coded = tmp.resolve("pt2.dcm");
        Path decoded = tmp.resolve("pt2-decoded.dcm");
        run("dcmcjpeg", "+el", "+sv", "4", "+pt", "2", CT_SLICE.toString(), coded.toString());
        run("dcmdjpeg", coded.toString(), decoded.toString());
        Volume v = new DicomFormat().read(coded, ReadOptions.DEFAULT);
        VolumeAssert.assertVoxelsEqual(v, PydicomOracle.file(decoded).values(), "point transform 2");
    }

    /** A lossless JPEG encoder written from ITU T.81 Annex H, wrapping its output with pydicom. */
    private static final String ENCODER = String.join("\n",
            "import sys, numpy as np, pydicom",
            "from pydicom.dataset import Dataset, FileMetaDataset",
            "from pydicom.encaps import encapsulate",
            "from pydicom.uid import UID",
            "out, P, pred, pt, restart, signed = sys.argv[1], *[int(a) for a in sys.argv[2:7]]",
            "src = pydicom.dcmread(sys.argv[7]).pixel_array.astype(np.int64)[100:164, 200:290]",
            "rng = np.random.default_rng(P * 100 + pred)",
            "img = (src - src.min()) % (1 << P)",
            "img[5:9, 10:30] = rng.integers(0, 1 << P, size=(4, 20))  # noise: large differences, long codes",
            "if signed: img[20:30, :] = (1 << P) - 1 - img[20:30, :] // 7  # high bit set: negative values",
            "h, w = img.shape",
            "x = img >> pt",
            "lens = {0: 2, 1: 3, 2: 3, 3: 4, 4: 4, 5: 5, 6: 5, 7: 6, 8: 6, 9: 7, 10: 7, 11: 8, 12: 8, 13: 9, 14: 10, 15: 11, 16: 12}",
            "codes = {}; code = 0",
            "for L in range(1, 17):",
            "    for s in [s for s in range(17) if lens[s] == L]:",
            "        codes[s] = (code, L); code += 1",
            "    code <<= 1",
            "bits = []; data = bytearray()",
            "def put(v, n):",
            "    for i in range(n - 1, -1, -1): bits.append((v >> i) & 1)",
            "def flush():",
            "    while len(bits) % 8: bits.append(1)",
            "    for i in range(0, len(bits), 8):",
            "        b = int(''.join(map(str, bits[i:i + 8])), 2); data.append(b)",
            "        if b == 0xFF: data.append(0)",
            "    bits.clear()",
            "n = 0; rst = 0; first_row = 0",
            "for y in range(h):",
            "    for c in range(w):",
            "        if restart and n and n % restart == 0:",
            "            flush(); data += bytes([0xFF, 0xD0 + rst % 8]); rst += 1; first_row = y",
            "        start = restart and n % restart == 0",
            "        if n == 0 or start: p = 1 << (P - pt - 1)",
            "        elif y == first_row: p = x[y, c - 1]",
            "        elif c == 0: p = x[y - 1, c]",
            "        else:",
            "            ra, rb, rc = int(x[y, c - 1]), int(x[y - 1, c]), int(x[y - 1, c - 1])",
            "            p = [None, ra, rb, rc, ra + rb - rc, ra + ((rb - rc) >> 1), rb + ((ra - rc) >> 1), (ra + rb) >> 1][pred]",
            "        d = (int(x[y, c]) - int(p)) % 65536",
            "        if d >= 32768: d -= 65536",
            "        s = 0 if d == 0 else (16 if d == -32768 else abs(d).bit_length())",
            "        put(*codes[s])",
            "        if 0 < s < 16: put(d if d > 0 else d + (1 << s) - 1, s)",
            "        n += 1",
            "flush()",
            "def seg(m, body): return bytes([0xFF, m]) + (len(body) + 2).to_bytes(2, 'big') + body",
            "counts = [sum(1 for s in lens if lens[s] == L) for L in range(1, 17)]",
            "dht = bytes([0x00]) + bytes(counts) + bytes(sorted(range(17), key=lambda s: (lens[s], s)))",
            "jpeg = b'\\xff\\xd8' + seg(0xC4, dht) + seg(0xC3, bytes([P]) + h.to_bytes(2, 'big') + w.to_bytes(2, 'big') + bytes([1, 1, 0x11, 0]))",
            "if restart: jpeg += seg(0xDD, restart.to_bytes(2, 'big'))",
            "jpeg += seg(0xDA, bytes([1, 1, 0x00, pred, 0, pt])) + bytes(data) + b'\\xff\\xd9'",
            "ds = Dataset(); ds.file_meta = FileMetaDataset()",
            "ds.file_meta.TransferSyntaxUID = UID('1.2.840.10008.1.2.4.57')",
            "ds.file_meta.MediaStorageSOPClassUID = UID('1.2.840.10008.5.1.4.1.1.7')",
            "ds.file_meta.MediaStorageSOPInstanceUID = UID('1.2.3.4')",
            "ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = '1.2.3.4'",
            "ds.SeriesInstanceUID = '1.2.3'; ds.Modality = 'OT'",
            "ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.PhotometricInterpretation = h, w, 1, 'MONOCHROME2'",
            "ds.BitsAllocated = 8 if P <= 8 else 16; ds.BitsStored = P; ds.HighBit = P - 1; ds.PixelRepresentation = signed",
            "ds.PixelData = encapsulate([jpeg]); ds['PixelData'].is_undefined_length = True; ds['PixelData'].VR = 'OB'",
            "ds.is_little_endian = True; ds.is_implicit_VR = False",
            "ds.save_as(out, write_like_original=False)",
            "expected = (x << pt).astype(np.int64)",
            "if signed: expected = np.where(expected >= (1 << (P - 1)), expected - (1 << P), expected)",
            "expected.astype('<f8').tofile(out + '.raw')",
            "");

    @Test
    void restartIntervalsPrecisionsAndSignedDataFromAT81Encoder() throws Exception {
        // {precision, predictor, point transform, restart interval in samples (0 = none; 90 = one row), signed}
        int[][] cases = {
            {16, 1, 0, 0, 0}, {16, 2, 0, 90, 0}, {16, 3, 0, 270, 0}, {16, 4, 0, 180, 1}, {16, 5, 1, 90, 0},
            {16, 6, 0, 450, 1}, {16, 7, 0, 90, 0}, {12, 4, 0, 90, 0}, {13, 6, 3, 0, 0}, {8, 7, 0, 450, 0},
            {2, 1, 0, 0, 0}, {5, 5, 0, 90, 0}, {12, 7, 2, 180, 1},
        };
        List<String> failures = new ArrayList<>();
        for (int[] c : cases) {
            Path out = tmp.resolve(String.format("P%d-sv%d-pt%d-ri%d-s%d.dcm", c[0], c[1], c[2], c[3], c[4]));
            PythonOracle.run(ENCODER, out.toString(), Integer.toString(c[0]), Integer.toString(c[1]),
                    Integer.toString(c[2]), Integer.toString(c[3]), Integer.toString(c[4]), CT_SLICE.toString());
            byte[] raw = Files.readAllBytes(Path.of(out + ".raw"));
            double[] expected = new double[raw.length / 8];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(expected);
            Volume v = new DicomFormat().read(out, ReadOptions.DEFAULT);
            try {
                VolumeAssert.assertVoxelsEqual(v, expected, out.getFileName().toString());
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }
}
