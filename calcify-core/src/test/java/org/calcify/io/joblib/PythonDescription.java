package org.calcify.io.joblib;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.calcify.io.numpy.NdArray;

/**
 * A canonical text of a loaded Python object, built the same way by {@link #PYTHON_DESCRIBE} in Python, so
 * that the test compares our reading with what Python itself says the file holds. Arrays are numbered in
 * traversal order (Python saves each as arr_K.npy for a value-by-value comparison).
 */
final class PythonDescription {
    /** Python source of {@code describe(v, arrays)}; arrays collects ndarrays in traversal order. */
    static final String PYTHON_DESCRIBE = """
            import numpy as np
            def describe(v, arrays):
                if isinstance(v, np.ndarray):
                    arrays.append(v)
                    return 'array#%d(%s,%s)' % (len(arrays) - 1, v.dtype.name, v.shape)
                if isinstance(v, np.generic):
                    return 'np.%s(%s)' % (v.dtype.name, str(v))
                if isinstance(v, bool):
                    return 'bool(%s)' % v
                if isinstance(v, int):
                    return 'int(%s)' % v
                if isinstance(v, float):
                    return 'float(%r)' % v
                if isinstance(v, str):
                    return 'str(%s)' % v
                if isinstance(v, (bytes, bytearray)):
                    return 'bytes(%s)' % bytes(v).hex()
                if v is None:
                    return 'None'
                if isinstance(v, list):
                    return '[' + ', '.join(describe(x, arrays) for x in v) + ']'
                if isinstance(v, tuple):
                    return '(' + ', '.join(describe(x, arrays) for x in v) + ')'
                if isinstance(v, dict):
                    return '{' + ', '.join(describe(k, arrays) + ': ' + describe(x, arrays) for k, x in v.items()) + '}'
                if isinstance(v, (set, frozenset)):
                    return 'set(' + ', '.join(describe(x, arrays) for x in v) + ')'
                raise TypeError(type(v))
            """;

    private PythonDescription() {
    }

    static String describe(Object v, List<NdArray> arrays) {
        if (v instanceof NdArray a) {
            arrays.add(a);
            return "array#" + (arrays.size() - 1) + "(" + a.dtype().numpyName() + "," + a.shapeText() + ")";
        }
        if (v instanceof NumpyScalar s) {
            return "np." + s.dtype().numpyName() + "(" + s.pythonStr() + ")";
        }
        if (v instanceof Boolean b) {
            return "bool(" + PythonText.str(b) + ")";
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "int(" + v + ")";
        }
        if (v instanceof Double d) {
            return "float(" + PythonText.floatRepr(d) + ")";
        }
        if (v instanceof String s) {
            return "str(" + s + ")";
        }
        if (v instanceof byte[] b) {
            return "bytes(" + HexFormat.of().formatHex(b) + ")";
        }
        if (v == null) {
            return "None";
        }
        StringBuilder sb = new StringBuilder();
        if (v instanceof List<?> l) {
            boolean tuple = l.getClass().getName().contains("Unmodifiable");
            sb.append(tuple ? "(" : "[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(describe(l.get(i), arrays));
            }
            return sb.append(tuple ? ")" : "]").toString();
        }
        if (v instanceof Map<?, ?> m) {
            sb.append("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(describe(e.getKey(), arrays)).append(": ").append(describe(e.getValue(), arrays));
                first = false;
            }
            return sb.append("}").toString();
        }
        if (v instanceof Set<?> s) {
            sb.append("set(");
            boolean first = true;
            for (Object o : s) {
                sb.append(first ? "" : ", ").append(describe(o, arrays));
                first = false;
            }
            return sb.append(")").toString();
        }
        throw new AssertionError("unexpected " + v.getClass());
    }
}
