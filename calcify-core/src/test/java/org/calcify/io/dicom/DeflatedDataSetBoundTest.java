package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.calcify.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.6 for deflated DICOM (transfer syntax 1.2.840.10008.1.2.1.99): its data set states no size, so it
 * inflates up to a bound (1 GiB, or half the Java heap when that is less) and a larger one is refused, naming the
 * file, instead of an OutOfMemoryError.
 */
class DeflatedDataSetBoundTest {
    private static final int BYTES = 4 << 20;

    @Test
    void aDeflatedDataSetIsRefusedPastItsBound() throws IOException {
        Path file = Path.of("deflated.dcm");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(raw, new Deflater(9, true))) {
            out.write(new byte[BYTES]);
        }
        byte[] b = raw.toByteArray();
        assertThat(b.length).isLessThan(BYTES / 100);
        assertThat(DicomParser.inflate(file, b, 0, b.length, BYTES)).hasSize(BYTES);
        assertThatThrownBy(() -> DicomParser.inflate(file, b, 0, b.length, BYTES / 2 + 7)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining("inflates to more than " + (BYTES / 2 + 7) + " bytes");
        assertThat(DicomParser.inflateBound()).isLessThanOrEqualTo(DicomParser.MAX_INFLATED_BYTES)
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 2);
    }
}
