package org.calcify.io.dicom.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.calcify.io.AtomicOutput;

/**
 * Writes a {@link DicomDataset} as a DICOM Part 10 file (PS3.10 section 7.1): a 128-byte zero preamble,
 * "DICM", the File Meta Information (group 0002, explicit VR little endian, with its group length
 * (0002,0000) as PS3.10 requires) and the data set in explicit VR little endian (1.2.840.10008.1.2.1).
 * Sequences and items are written with defined lengths; no other group length is written (they are
 * retired in the data set, PS3.5 section 7.2). The file is written under a temporary name and renamed
 * ({@link AtomicOutput}).
 */
public final class DicomFileWriter {
    private static final int SOP_CLASS_UID = 0x00080016;
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int ITEM = 0xFFFEE000;

    private DicomFileWriter() {
    }

    /** Writes {@code data} to {@code target}; its SOPClassUID and SOPInstanceUID go into the meta information. */
    public static void write(DicomDataset data, Path target) throws IOException {
        byte[] bytes = encode(data);
        AtomicOutput.write(target, bytes);
    }

    /** The whole Part 10 file. */
    public static byte[] encode(DicomDataset data) {
        String sopClass = text(data, SOP_CLASS_UID);
        String sopInstance = text(data, SOP_INSTANCE_UID);
        if (sopClass == null || sopInstance == null) {
            throw new IllegalArgumentException("a data set needs SOPClassUID and SOPInstanceUID to be written as a file");
        }
        DicomDataset meta = new DicomDataset()
                .bytes(0x00020001, Vr.OB, new byte[] {0, 1})
                .string(0x00020002, Vr.UI, sopClass)
                .string(0x00020003, Vr.UI, sopInstance)
                .string(0x00020010, Vr.UI, Uids.EXPLICIT_VR_LITTLE_ENDIAN)
                .string(0x00020012, Vr.UI, Uids.IMPLEMENTATION_CLASS_UID)
                .string(0x00020013, Vr.SH, Uids.IMPLEMENTATION_VERSION_NAME);
        ByteArrayOutputStream metaBytes = new ByteArrayOutputStream();
        writeElements(meta, metaBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        writeHeader(out, 0x00020000, Vr.UL, 4);
        writeInt(out, metaBytes.size());
        out.writeBytes(metaBytes.toByteArray());
        writeElements(data, out);
        return out.toByteArray();
    }

    private static String text(DicomDataset d, int tag) {
        DicomDataset.Element e = d.elements().get(tag);
        if (e == null || e.value() == null) {
            return null;
        }
        return new String(e.value(), StandardCharsets.ISO_8859_1).replace("\0", "").strip();
    }

    private static void writeElements(DicomDataset d, ByteArrayOutputStream out) {
        for (Map.Entry<Integer, DicomDataset.Element> e : d.elements().entrySet()) {
            int tag = e.getKey();
            DicomDataset.Element el = e.getValue();
            if (el.items() != null) {
                writeSequence(out, tag, el.items());
            } else {
                writeHeader(out, tag, el.vr(), el.value().length);
                out.writeBytes(el.value());
            }
        }
    }

    private static void writeSequence(ByteArrayOutputStream out, int tag, List<DicomDataset> items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (DicomDataset item : items) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            writeElements(item, content);
            writeTag(body, ITEM);
            writeInt(body, content.size());
            body.writeBytes(content.toByteArray());
        }
        writeHeader(out, tag, Vr.SQ, body.size());
        out.writeBytes(body.toByteArray());
    }

    private static void writeHeader(ByteArrayOutputStream out, int tag, Vr vr, int length) {
        writeTag(out, tag);
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.longLength()) {
            out.write(0);
            out.write(0);
            writeInt(out, length);
        } else {
            out.write(length & 0xFF);
            out.write((length >>> 8) & 0xFF);
        }
    }

    private static void writeTag(ByteArrayOutputStream out, int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        out.write(group & 0xFF);
        out.write(group >>> 8);
        out.write(element & 0xFF);
        out.write(element >>> 8);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }
}
