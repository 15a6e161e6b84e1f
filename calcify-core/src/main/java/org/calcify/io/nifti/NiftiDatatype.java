package org.calcify.io.nifti;

import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.raw.RawType;
import org.calcify.volume.DataType;

/** NIfTI {@code datatype} codes and their on-disk element types. */
final class NiftiDatatype {
    private NiftiDatatype() {
    }

    static RawType rawType(int code, Path file) throws InvalidInputException {
        return switch (code) {
            case 2 -> RawType.UINT8;
            case 4 -> RawType.INT16;
            case 8 -> RawType.INT32;
            case 16 -> RawType.FLOAT32;
            case 64 -> RawType.FLOAT64;
            case 256 -> RawType.INT8;
            case 512 -> RawType.UINT16;
            case 768 -> RawType.UINT32;
            case 1024 -> RawType.INT64;
            case 1280 -> RawType.UINT64;
            default -> throw new InvalidInputException(file, "unsupported NIfTI datatype " + code + describe(code));
        };
    }

    private static String describe(int code) {
        return switch (code) {
            case 1 -> " (binary)";
            case 32, 1792, 2048 -> " (complex)";
            case 128, 2304 -> " (RGB colour)";
            case 1536 -> " (float128)";
            default -> "";
        };
    }

    /** {@code {datatype, bitpix}} for writing a volume of {@code type}. */
    static int[] codeOf(DataType type) {
        return switch (type) {
            case UINT8 -> new int[] {2, 8};
            case INT16 -> new int[] {4, 16};
            case INT32 -> new int[] {8, 32};
            case INT64 -> new int[] {1024, 64};
            case FLOAT32 -> new int[] {16, 32};
            case FLOAT64 -> new int[] {64, 64};
        };
    }
}
