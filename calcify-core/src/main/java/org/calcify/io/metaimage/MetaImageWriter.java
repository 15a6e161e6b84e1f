package org.calcify.io.metaimage;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.calcify.io.AtomicOutput;
import org.calcify.io.raw.RawVoxelWriter;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Writes MetaImage the way ITK does: {@code .mhd} with the voxels in a {@code .raw} next to it
 * (data written first, header last, each atomically) or {@code .mha} with the data inline
 * ({@code ElementDataFile = LOCAL}); little endian, uncompressed.
 */
final class MetaImageWriter {
    private MetaImageWriter() {
    }

    static void write(Volume volume, Path path, boolean local) throws IOException {
        String fileName = path.getFileName().toString();
        String rawName = fileName.substring(0, fileName.lastIndexOf('.')) + ".raw";
        byte[] header = header(volume, local ? "LOCAL" : rawName).getBytes(StandardCharsets.US_ASCII);
        if (local) {
            AtomicOutput.write(path, out -> {
                out.write(header);
                RawVoxelWriter.write(out, volume, ByteOrder.LITTLE_ENDIAN);
            });
        } else {
            AtomicOutput.write(path.resolveSibling(rawName), out -> RawVoxelWriter.write(out, volume, ByteOrder.LITTLE_ENDIAN));
            AtomicOutput.write(path, header);
        }
    }

    static String header(Volume volume, String dataFile) {
        Geometry g = volume.geometry();
        double[] d = g.direction();
        // TransformMatrix lists axis x's direction first: the columns of our direction matrix
        double[] transform = {d[0], d[3], d[6], d[1], d[4], d[7], d[2], d[5], d[8]};
        return "ObjectType = Image\n"
                + "NDims = 3\n"
                + "BinaryData = True\n"
                + "BinaryDataByteOrderMSB = False\n"
                + "CompressedData = False\n"
                + "TransformMatrix = " + numbers(transform) + "\n"
                + "Offset = " + numbers(g.originMm()) + "\n"
                + "CenterOfRotation = 0 0 0\n"
                + "AnatomicalOrientation = RAI\n"
                + "ElementSpacing = " + numbers(g.spacingMm()) + "\n"
                + "DimSize = " + g.sizeX() + " " + g.sizeY() + " " + g.sizeZ() + "\n"
                + "ElementType = " + elementType(volume) + "\n"
                + "ElementDataFile = " + dataFile + "\n";
    }

    private static String elementType(Volume volume) {
        return switch (volume.type()) {
            case UINT8 -> "MET_UCHAR";
            case INT16 -> "MET_SHORT";
            case INT32 -> "MET_INT";
            case INT64 -> "MET_LONG_LONG";
            case FLOAT32 -> "MET_FLOAT";
            case FLOAT64 -> "MET_DOUBLE";
        };
    }

    /** Numbers separated by spaces; integers without a decimal point, others in full precision. */
    private static String numbers(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            if (s.length() > 0) {
                s.append(' ');
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                s.append((long) v);
            } else {
                s.append(v);
            }
        }
        return s.toString();
    }
}
