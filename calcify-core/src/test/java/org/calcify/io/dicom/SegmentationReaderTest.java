package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.write.CtImageSeries;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.calcify.testing.DicomTools;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calcify's own SEG reader against SEGs that pydicom writes in the test ({@code make_seg.py}): frames in shuffled
 * order, overlapping segments, 13 x 11 frames (143 bits: frames start mid-byte, PS3.5 8.1.1), an oblique series,
 * explicit and implicit VR. The oracle is pydicom's own reading of the file it wrote. Hostile SEGs are refused on
 * one line.
 */
class SegmentationReaderTest {
    static final int NX = 13;
    static final int NY = 11;
    static final int NZ = 5;

    @TempDir
    Path tmp;

    Path series;
    Volume ct;
    byte[] masks;

    @BeforeEach
    void obliqueOddSeries() throws IOException {
        double a = Math.toRadians(20);
        double[] direction = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        Geometry g = Geometry.of(NX, NY, NZ, new double[] {0.7, 0.9, 2.5}, new double[] {-30.25, 20.5, -100}, direction);
        short[] hu = new short[g.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (i % 300 - 100);
        }
        series = tmp.resolve("ct");
        CtImageSeries.write(Volume.ofShorts(g, hu), series, CtImageSeries.Identity.newStudy("seg test", 120.0, "test"));
        ct = VolumeIO.read(series);
        masks = new byte[3 * NZ * NY * NX];
        Random r = new Random(16);
        for (int s = 0; s < 3; s++) {
            for (int z = 0; z < NZ; z++) {
                if (z == s) {
                    continue; // each segment misses a slice: no frame there
                }
                for (int i = 0; i < NY * NX; i++) {
                    masks[(s * NZ + z) * NY * NX + i] = (byte) (r.nextInt(4) == 0 ? 1 : 0);
                }
            }
        }
        masks[(2 * NZ + 4) * NY * NX + NY * NX - 1] = 1; // the last pixel of a frame
    }

    /** Runs make_seg.py; returns the SEG written. */
    Path pydicomSeg(String name, String extraSpec) throws IOException {
        Path raw = tmp.resolve(name + ".masks");
        Files.write(raw, masks);
        Path out = tmp.resolve(name);
        String spec = String.format(Locale.ROOT, "{\"shape\": [3, %d, %d, %d], \"labels\": [\"LAD\", \"RCA calcification\", \"Aortic valve\"],"
                + " \"values\": [2, 4, 5], \"seed\": 7%s}", NZ, NY, NX, extraSpec);
        return DicomTools.makeSeg(series, raw, out, spec);
    }

    @Test
    void pydicomSegsWithShuffledFramesAreReadExactlyAsPydicomReadsThem() throws Exception {
        for (String syntax : List.of("", ", \"implicit\": true", ", \"fractional\": true", ", \"crop\": [2, 3, 7, 9]")) {
            Path seg = pydicomSeg("seg" + syntax.length() + ".dcm", syntax);
            assertThat(DicomTools.dciodvfy(seg).errors()).as(DicomTools.dciodvfy(seg).output()).isEmpty();
            byte[] expected = Files.readAllBytes(Path.of(seg + ".expected"));
            DicomSegmentation s = SegmentationReader.read(seg);
            assertThat(s.type()).isEqualTo(syntax.contains("fractional") ? DicomSegmentation.Type.FRACTIONAL : DicomSegmentation.Type.BINARY);
            assertThat(s.segments()).extracting(DicomSegmentation.Segment::label).containsExactly("LAD", "RCA calcification", "Aortic valve");
            assertThat(s.segments().get(0).propertyType().value()).isEqualTo("18115005");
            assertThat(s.frames()).hasSize(12);
            assertThat(s.columns()).isEqualTo(syntax.contains("crop") ? 9 : NX);
            assertThat(s.referencedSeries()).singleElement().extracting(DicomSegmentation.ReferencedSeries::instances).isEqualTo(NZ);
            int[] values = {0, 2, 4, 5};
            Volume fromGrid = SegmentationGrid.place(s, ct.geometry(), null, n -> values[n]);
            assertThat(fromGrid.bytes()).isEqualTo(expected);
            assertThat(fromGrid.geometry()).isEqualTo(ct.geometry());
            List<double[]> positions = new ArrayList<>();
            for (DicomSeriesReference.Image im : DicomSeriesReference.read(series, null).images()) {
                positions.add(im.imagePositionPatientMm());
            }
            assertThat(SegmentationGrid.place(s, ct.geometry(), positions, n -> values[n]).bytes()).isEqualTo(expected);
        }
    }

    @Test
    void overlapsGoToTheLowestLabelWhateverTheFrameOrder() throws Exception {
        Path seg = pydicomSeg("overlap.dcm", "");
        DicomSegmentation s = SegmentationReader.read(seg);
        byte[] high = SegmentationGrid.place(s, ct.geometry(), null, n -> new int[] {0, 5, 3, 1}[n]).bytes();
        int overlap = 0;
        for (int z = 0; z < NZ; z++) {
            for (int i = 0; i < NY * NX; i++) {
                int min = 0;
                for (int k = 0; k < 3; k++) {
                    int v = new int[] {5, 3, 1}[k];
                    if (masks[(k * NZ + z) * NY * NX + i] != 0 && (min == 0 || v < min)) {
                        min = v;
                    }
                }
                overlap += masks[z * NY * NX + i] + masks[(NZ + z) * NY * NX + i] + masks[(2 * NZ + z) * NY * NX + i] > 1 ? 1 : 0;
                assertThat(high[z * NY * NX + i]).isEqualTo((byte) min);
            }
        }
        assertThat(overlap).isPositive();
    }

    @Test
    void hostileSegsAreRefusedOnOneLine() throws Exception {
        refused(() -> SegmentationReader.read(pydicomSeg("lie.dcm", ", \"frames_lie\": 1")), "NumberOfFrames is 13 but the Per-frame");
        refused(() -> SegmentationReader.read(pydicomSeg("trunc.dcm", ", \"truncate\": 2")), "pixel data truncated");
        refused(() -> SegmentationReader.read(pydicomSeg("huge.dcm", ", \"rows_columns\": [65535, 65535]")), "larger than Calcify can hold");
        Path seg = pydicomSeg("ok.dcm", "");
        DicomSegmentation s = SegmentationReader.read(seg);
        // half a slice off along the normal; 0.3 pixel off in-plane
        double[] n = ct.geometry().axis(2);
        double[] x = ct.geometry().axis(0);
        refused(() -> SegmentationGrid.place(SegmentationReader.read(pydicomSeg("zshift2.dcm", shift(n, 1.25))), ct.geometry(), null, v -> 1),
                "not on the scan's grid");
        refused(() -> SegmentationGrid.place(SegmentationReader.read(pydicomSeg("xshift.dcm", shift(x, 0.21))), ct.geometry(), null, v -> 1),
                "not on the scan's pixel grid");
        refused(() -> SegmentationGrid.place(s, ct.geometry().withSpacing(new double[] {0.8, 0.9, 2.5}), null, v -> 1), "PixelSpacing");
        refused(() -> SegmentationGrid.place(s, ct.geometry().withDirection(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), null, v -> 1),
                "ImageOrientationPatient");
        refused(() -> SegmentationGrid.place(s, ct.geometry().withSize(NX - 1, NY, NZ), null, v -> 1), "does not fit");
        // not a SEG at all
        refused(() -> SegmentationReader.read(series.resolve("ct0001.dcm")), "not a DICOM Segmentation");
        // the file cut short anywhere
        byte[] whole = Files.readAllBytes(seg);
        for (int cut : new int[] {200, 700, whole.length / 3, whole.length - 40}) {
            Path part = tmp.resolve("cut" + cut + ".dcm");
            Files.write(part, java.util.Arrays.copyOf(whole, cut));
            refused(() -> SegmentationReader.read(part), null);
        }
    }

    @Test
    void mutatedSegsAreReadOrRefusedNeverCrash() throws Exception {
        byte[][] files = {Files.readAllBytes(pydicomSeg("fuzz.dcm", "")), Files.readAllBytes(pydicomSeg("fuzzi.dcm", ", \"implicit\": true"))};
        Random r = new Random(1616);
        int read = 0;
        int refused = 0;
        for (int k = 0; k < 400; k++) {
            byte[] b = files[k % 2].clone();
            int flips = 1 + r.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = 132 + r.nextInt(Math.min(b.length, 6000) - 132); // the header, where structure lives
                b[at] = (byte) (r.nextInt(3) == 0 ? 0xFF : r.nextInt(256));
            }
            Path f = tmp.resolve("fuzz" + k + ".dcm");
            Files.write(f, b);
            try {
                SegmentationGrid.place(SegmentationReader.read(f), ct.geometry(), null, n -> 1);
                read++;
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
                refused++;
            }
        }
        assertThat(read + refused).isEqualTo(400);
        assertThat(refused).isPositive();
    }

    private static String shift(double[] axis, double mm) {
        return String.format(Locale.ROOT, ", \"shift_mm\": [%.6f, %.6f, %.6f]", axis[0] * mm, axis[1] * mm, axis[2] * mm);
    }

    @Test
    void parserBoundsNestingAndLengths() throws Exception {
        // 20 nested undefined-length sequences
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            b.writeBytes(explicitSq(0x00620002));
            b.writeBytes(item());
        }
        refused(() -> DicomDataSetParser.parse(tmp.resolve("deep.dcm"), withMeta(b.toByteArray())), "nested more than 16");
        // an element whose length runs past the end
        ByteBuffer e = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        e.putShort((short) 0x0062).putShort((short) 0x0005).put("LO".getBytes(StandardCharsets.US_ASCII)).putShort((short) 400);
        refused(() -> DicomDataSetParser.parse(tmp.resolve("long.dcm"), withMeta(e.array())), "past the end");
        // an item longer than its sequence
        ByteBuffer s = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        s.putShort((short) 0x0062).putShort((short) 0x0002).put("SQ".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(8);
        s.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(100);
        refused(() -> DicomDataSetParser.parse(tmp.resolve("item.dcm"), withMeta(s.array())), "(FFFE,E000) at byte 180 has length 100, past the end");
        // encapsulated OB inside an item (an icon) is skipped fragment by fragment; what follows it is read
        ByteBuffer icon = ByteBuffer.allocate(12 + 8 + 12 + 8 + 4 + 8 + 10 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        icon.put(explicitSq(0x00620002)).put(item());
        icon.putShort((short) 0x7FE0).putShort((short) 0x0010).put("OB".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(-1);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(4).putInt(0xE0DDFFFE); // a fragment that looks like a delimiter
        icon.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        icon.putShort((short) 0x0062).putShort((short) 0x0005).put("LO".getBytes(StandardCharsets.US_ASCII)).putShort((short) 2).put("AB".getBytes(StandardCharsets.US_ASCII));
        icon.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        DicomDataSetParser.Parsed parsed = DicomDataSetParser.parse(tmp.resolve("icon.dcm"), withMeta(icon.array()));
        assertThat(parsed.dataSet().sequence(0x00620002)).singleElement().satisfies(i -> assertThat(i.string(0x00620005)).isEqualTo("AB"));
        // an undefined-length sequence never closed
        ByteArrayOutputStream open = new ByteArrayOutputStream();
        open.writeBytes(explicitSq(0x00620002));
        open.writeBytes(item());
        refused(() -> DicomDataSetParser.parse(tmp.resolve("open.dcm"), withMeta(open.toByteArray())), "not closed");
    }

    private static byte[] explicitSq(int tag) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).put("SQ".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(-1);
        return b.array();
    }

    private static byte[] item() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
        return b.array();
    }

    /** A Part 10 file: preamble, DICM and a meta group naming explicit VR little endian, then {@code body}. */
    private static byte[] withMeta(byte[] body) {
        byte[] uid = "1.2.840.10008.1.2.1\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(132 + 8 + uid.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.position(128);
        b.put("DICM".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0x0002).putShort((short) 0x0010).put("UI".getBytes(StandardCharsets.US_ASCII)).putShort((short) uid.length).put(uid);
        b.put(body);
        return b.array();
    }

    @FunctionalInterface
    interface Call {
        Object call() throws Exception;
    }

    private static void refused(Call call, String reason) {
        assertThatThrownBy(call::call).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> {
                    if (reason != null) {
                        assertThat(e.getMessage()).contains(reason);
                    }
                });
    }
}
