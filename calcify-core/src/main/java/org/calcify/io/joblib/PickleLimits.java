package org.calcify.io.joblib;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bounds on what a pickle may ask of Calcify, beyond the byte budgets of {@link PickleInput}: how many
 * opcodes the unpickler runs, how deep and how many objects the result may hold (walked once, shared objects
 * once), how long a Python int may be, and which values may be dict keys or set members (Python's hashable
 * values: a list, dict or set never is, so no key can hold itself). A structure that holds itself is refused.
 */
final class PickleLimits {
    /** Opcodes one pickle may run: a fold's voxel list of a few million tuples takes about 8 per voxel. */
    static final long MAX_OPCODES = 100_000_000L;
    /** Objects the unpickled result may hold, counting every reference once. */
    static final long MAX_OBJECTS = 50_000_000L;
    /** Containers nested deeper than this are refused (Calcify's data nests 3 deep). */
    static final int MAX_DEPTH = 100;
    /** Python's own limit on the decimal digits of an int read from text (sys.get_int_max_str_digits). */
    static final int MAX_INT_DIGITS = 4300;
    /** The same bound for a binary int (LONG4): 4300 decimal digits are at most 1786 bytes. */
    static final int MAX_INT_BYTES = 1800;

    private PickleLimits() {
    }

    /** {@code key} itself, when Python could hash it; a list, dict or set as a key or set member is refused. */
    static Object hashable(Object key) throws PickleRefusal {
        if (key instanceof List<?> || key instanceof Map<?, ?> || key instanceof Set<?>) {
            throw new PickleRefusal("pickle uses a " + pythonName(key) + " as a dict key or set member (unhashable in Python; corrupt or hostile)");
        }
        return key;
    }

    /** True for the values that need no walking: None, bool, int, float, str, bytes, NumPy scalars. */
    static boolean isScalar(Object v) {
        return v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof Double || v instanceof BigInteger || v instanceof byte[] || v instanceof NumpyScalar;
    }

    /**
     * A decimal int from a text opcode or {@code int(str)}, refused beyond {@link #MAX_INT_DIGITS} digits
     * (parsing is quadratic in the digits, and printing it too).
     */
    static Object parseInt(String text) throws PickleRefusal {
        String s = text.trim();
        if (s.length() > MAX_INT_DIGITS + 1) {
            throw new PickleRefusal("pickle holds an int of " + s.length() + " digits (more than Python's " + MAX_INT_DIGITS + ")");
        }
        try {
            BigInteger b = new BigInteger(s);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        } catch (NumberFormatException e) {
            throw new PickleRefusal("pickle holds a malformed int");
        }
    }

    static String pythonName(Object v) {
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        if (v instanceof Set<?>) {
            return "set";
        }
        return v == null ? "None" : v.getClass().getSimpleName();
    }
}
