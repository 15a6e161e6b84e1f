package org.calcify.io.joblib;

import org.calcify.io.numpy.NumpyDtype;

/**
 * A NumPy scalar from a pickle ({@code numpy.int64(1)}, {@code numpy.float32(0.5)}, {@code numpy.bool_(True)}),
 * keeping its dtype so that Python's {@code str()} of it can be reproduced.
 *
 * @param dtype the scalar's dtype
 * @param value {@link Boolean} for bool, {@link Long} for integers (uint64 as its two's complement bits),
 *              {@link Double} for floats
 */
public record NumpyScalar(NumpyDtype dtype, Object value) {

    /** The value as a double (uint64 read unsigned). */
    public double doubleValue() {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Long l) {
            return dtype.kind() == 'u' && dtype.itemBytes() == 8 && l < 0 ? Double.parseDouble(Long.toUnsignedString(l)) : l;
        }
        return (Double) value;
    }

    /** What Python's {@code str()} prints for this scalar: "1", "True", "0.5", "1e-05". */
    public String pythonStr() {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Long l) {
            return dtype.kind() == 'u' && dtype.itemBytes() == 8 ? Long.toUnsignedString(l) : Long.toString(l);
        }
        double d = (Double) value;
        return dtype.itemBytes() == 8 ? PythonText.floatRepr(d) : PythonText.float32Repr((float) d);
    }

    @Override
    public String toString() {
        return dtype.numpyName() + "(" + pythonStr() + ")";
    }
}
