package org.calcify.io.numpy;

import java.util.Arrays;
import org.calcify.volume.DataType;

/**
 * A NumPy array read from a file: its on-disk dtype, its shape and its elements in C order (last axis
 * fastest) in the primitive array of {@link NumpyDtype#dataType()} (byte[], short[], int[], long[], float[]
 * or double[]; booleans as 0/1 bytes). A shape of length 0 is a single scalar element.
 */
public record NdArray(NumpyDtype dtype, int[] shape, Object data) {

    public NdArray {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (java.lang.reflect.Array.getLength(data) != n) {
            throw new IllegalArgumentException("data holds " + java.lang.reflect.Array.getLength(data)
                    + " elements, shape " + Arrays.toString(shape) + " needs " + n);
        }
    }

    /** The shape (a copy), in NumPy axis order. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** The Calcify type of {@link #data()}. */
    public DataType dataType() {
        return dtype.dataType();
    }

    /** Element {@code i} (flat C-order index) as a double (bool as 0/1, uint8 unsigned). */
    public double getDouble(int i) {
        return switch (dataType()) {
            case UINT8 -> ((byte[]) data)[i] & 0xFF;
            case INT16 -> ((short[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
        };
    }

    /** Shape as NumPy prints it: "(5, 32, 48)", "(3,)", "()". */
    public String shapeText() {
        return shapeText(shape);
    }

    static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && dtype.equals(a.dtype) && Arrays.equals(shape, a.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {a.data});
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype.numpyName() + " " + shapeText() + "]";
    }
}
