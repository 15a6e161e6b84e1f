package org.calcify.io.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.calcify.volume.Volume;

/** Writes a volume's voxels as raw binary in a chosen byte order, chunk by chunk with bulk buffer views. */
public final class RawVoxelWriter {
    private static final int CHUNK_BYTES = 1 << 20;

    private RawVoxelWriter() {
    }

    /** Writes all voxels of {@code volume} in (z, y, x) C order, in the volume's own type. */
    public static void write(OutputStream out, Volume volume, ByteOrder order) throws IOException {
        Object data = volume.data();
        int count = volume.geometry().voxelCount();
        if (data instanceof byte[] b) {
            out.write(b, 0, count);
            return;
        }
        int elemBytes = volume.type().bytes();
        int chunkElems = CHUNK_BYTES / elemBytes;
        byte[] chunk = new byte[Math.min(count, chunkElems) * elemBytes];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(order);
        for (int done = 0; done < count; done += chunkElems) {
            int n = Math.min(chunkElems, count - done);
            buf.clear();
            switch (volume.type()) {
                case INT16 -> buf.asShortBuffer().put((short[]) data, done, n);
                case INT32 -> buf.asIntBuffer().put((int[]) data, done, n);
                case INT64 -> buf.asLongBuffer().put((long[]) data, done, n);
                case FLOAT32 -> buf.asFloatBuffer().put((float[]) data, done, n);
                case FLOAT64 -> buf.asDoubleBuffer().put((double[]) data, done, n);
                case UINT8 -> throw new AssertionError("handled above");
            }
            out.write(chunk, 0, n * elemBytes);
        }
    }
}
