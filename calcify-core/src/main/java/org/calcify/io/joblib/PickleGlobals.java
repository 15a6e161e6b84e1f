package org.calcify.io.joblib;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NdArrayReader;
import org.calcify.io.numpy.NumpyDtype;

/**
 * The only Python globals a pickle may name: NumPy's array, dtype and scalar reconstruction, joblib's array
 * wrapper, and builtin containers and values. Every other global (os.system, builtins.eval, subprocess.Popen,
 * even razorvine's own datetime or decimal constructors) is refused before anything is constructed.
 */
final class PickleGlobals {
    /** A class the pickle names as a value (numpy.ndarray, or the subclass joblib records); never callable. */
    record PythonClass(String qualifiedName) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("calling " + qualifiedName + " is not supported");
        }
    }

    private static final PythonClass NDARRAY = new PythonClass("numpy.ndarray");

    private PickleGlobals() {
    }

    /** The constructor for {@code module.name}; throws {@link PickleRefusal} for anything not allowlisted. */
    static Object resolve(String module, String name) throws PickleRefusal {
        String m = module.replace("numpy._core.", "numpy.core.");
        switch (m + "." + name) {
            case "numpy.ndarray", "numpy.core.multiarray.ndarray":
                return NDARRAY;
            case "numpy.memmap", "numpy.core.memmap.memmap", "numpy.matrix", "numpy.matrixlib.defmatrix.matrix":
                return new PythonClass(m + "." + name); // joblib names the subclass; the data is read as a plain array
            case "numpy.core.multiarray._reconstruct":
                return (IObjectConstructor) args -> {
                    if (args.length < 1 || args[0] != NDARRAY) {
                        throw new PickleException("only plain numpy.ndarray arrays are supported");
                    }
                    return new ArrayState();
                };
            case "numpy.dtype", "numpy.core.multiarray.dtype":
                return (IObjectConstructor) args -> new DtypeState(string(args, 0));
            case "numpy.core.multiarray.scalar":
                return (IObjectConstructor) PickleGlobals::scalar;
            case "numpy.core.numeric._frombuffer":
                return (IObjectConstructor) args -> {
                    if (args.length != 4 || !(args[1] instanceof DtypeState ds)) {
                        throw new PickleException("unsupported _frombuffer call");
                    }
                    return decode(ds.dtype(), args[2], "F".equals(args[3]), args[0]);
                };
            case "joblib.numpy_pickle.NumpyArrayWrapper":
                return (IObjectConstructor) args -> new WrapperState();
            case "joblib.numpy_pickle_compat.NDArrayWrapper", "joblib.numpy_pickle_compat.ZNDArrayWrapper":
                throw new PickleRefusal("written by joblib older than 0.10 (arrays in separate files), which is not supported");
            case "_codecs.encode":
                return (IObjectConstructor) args -> string(args, 0).getBytes(StandardCharsets.ISO_8859_1);
            case "collections.OrderedDict":
                return (IObjectConstructor) args -> dict(args);
            default:
                break;
        }
        if (m.equals("builtins") || m.equals("__builtin__")) {
            IObjectConstructor c = builtin(name);
            if (c != null) {
                return c;
            }
        }
        throw new PickleRefusal("pickle refers to global '" + module + "." + name
                + "', which is not allowed (only numpy arrays and Python containers are read)");
    }

    private static IObjectConstructor builtin(String name) {
        return switch (name) {
            case "list" -> args -> new ArrayList<>(items(args));
            case "tuple" -> args -> items(args).toArray();
            case "set", "frozenset" -> PickleGlobals::set;
            case "dict" -> PickleGlobals::dict;
            case "int" -> args -> args.length == 0 ? Long.valueOf(0) : toInt(args[0]);
            case "float" -> args -> args.length == 0 ? 0.0 : Double.valueOf(scalarText(args[0]));
            case "bool" -> args -> args.length > 0 && Boolean.TRUE.equals(args[0]);
            case "str" -> args -> args.length == 0 ? "" : scalarText(args[0]);
            case "bytes", "bytearray" -> PickleGlobals::bytes;
            default -> null;
        };
    }

    private static List<Object> items(Object[] args) {
        if (args.length == 0) {
            return List.of();
        }
        if (args[0] instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (args[0] instanceof Object[] a) {
            return Arrays.asList(a);
        }
        throw new PickleException("expected a sequence argument");
    }

    /** {@code str(v)} of a scalar; a container (which may hold itself) is not printed. */
    private static String scalarText(Object v) {
        if (!PickleLimits.isScalar(v) || v instanceof byte[]) {
            throw new PickleException("unsupported argument " + PickleLimits.pythonName(v));
        }
        return String.valueOf(v);
    }

    private static Set<Object> set(Object[] args) {
        Set<Object> set = new LinkedHashSet<>();
        for (Object item : items(args)) {
            set.add(hashable(item));
        }
        return set;
    }

    private static Object hashable(Object v) {
        try {
            return PickleLimits.hashable(v);
        } catch (PickleRefusal e) {
            throw new PickleException(e.getMessage());
        }
    }

    private static Map<Object, Object> dict(Object[] args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (args.length > 0 && args[0] instanceof Map<?, ?> m) {
            map.putAll(m);
        } else if (args.length > 0) {
            for (Object item : items(args)) {
                List<Object> pair = items(new Object[] {item});
                if (pair.size() != 2) {
                    throw new PickleException("dict items must be pairs");
                }
                map.put(hashable(pair.get(0)), pair.get(1));
            }
        }
        return map;
    }

    private static Object toInt(Object v) {
        if (v instanceof Number n && !(v instanceof Double)) {
            return n;
        }
        if (v instanceof String s) {
            try {
                return PickleLimits.parseInt(s);
            } catch (PickleRefusal e) {
                throw new PickleException(e.getMessage());
            }
        }
        throw new PickleException("unsupported int() argument");
    }

    private static byte[] bytes(Object[] args) {
        if (args.length == 0) {
            return new byte[0];
        }
        if (args[0] instanceof byte[] b) {
            return b.clone();
        }
        if (args[0] instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1); // ('\x01...', 'latin-1') as protocol 2 writes bytes
        }
        List<Object> items = items(args);
        byte[] b = new byte[items.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = ((Number) items.get(i)).byteValue();
        }
        return b;
    }

    private static String string(Object[] args, int i) {
        if (args.length <= i || !(args[i] instanceof String s)) {
            throw new PickleException("expected a string argument");
        }
        return s;
    }

    /** {@code numpy.core.multiarray.scalar(dtype, raw_bytes)}. */
    private static Object scalar(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof DtypeState ds) || !(args[1] instanceof byte[] raw)) {
            throw new PickleException("unsupported numpy scalar");
        }
        NumpyDtype dtype = ds.dtype();
        if (raw.length != dtype.itemBytes()) {
            throw new PickleException("numpy scalar of " + dtype.numpyName() + " has " + raw.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(dtype.order());
        Object value = switch (dtype.kind()) {
            case 'b' -> raw[0] != 0;
            case 'i' -> switch (dtype.itemBytes()) {
                case 1 -> (long) b.get();
                case 2 -> (long) b.getShort();
                case 4 -> (long) b.getInt();
                default -> b.getLong();
            };
            case 'u' -> switch (dtype.itemBytes()) {
                case 1 -> (long) (b.get() & 0xFF);
                case 2 -> (long) (b.getShort() & 0xFFFF);
                case 4 -> b.getInt() & 0xFFFFFFFFL;
                default -> b.getLong();
            };
            default -> switch (dtype.itemBytes()) {
                case 2 -> (double) halfToFloat(b.getShort());
                case 4 -> (double) b.getFloat();
                default -> b.getDouble();
            };
        };
        return new NumpyScalar(dtype, value);
    }

    private static float halfToFloat(short h) {
        return NdArrayReader.halfToFloat(h);
    }

    /** Decodes raw array bytes; problems surface as {@link PickleException} naming them. */
    static NdArray decode(NumpyDtype dtype, Object shapeTuple, boolean fortran, Object raw) {
        if (!(raw instanceof byte[] bytes)) {
            throw new PickleException(raw instanceof List<?> ? "object arrays are not supported (would need pickle)"
                    : "unsupported ndarray data (out-of-band buffers are not supported)");
        }
        try {
            return NdArrayReader.fromBytes(null, dtype, shape(shapeTuple), fortran, bytes);
        } catch (InvalidInputException e) {
            throw new PickleException(e.problem());
        } catch (java.io.IOException e) {
            throw new PickleException(e.getMessage());
        }
    }

    /** A Python shape tuple as longs. */
    static long[] shape(Object tuple) {
        List<Object> dims = tuple instanceof Object[] a ? Arrays.asList(a) : tuple instanceof List<?> l ? new ArrayList<>(l) : null;
        if (dims == null) {
            throw new PickleException("array shape is not a tuple");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Number n) || dims.get(i) instanceof Double || n.longValue() < 0) {
                throw new PickleException("bad array shape " + dims);
            }
            shape[i] = n.longValue();
        }
        return shape;
    }

    /** A {@code numpy.dtype} under construction: the type string, then the byte order from its BUILD state. */
    static final class DtypeState {
        private final String typeString;
        private String orderChar = "=";

        DtypeState(String typeString) {
            this.typeString = typeString;
        }

        void setState(Object state) {
            if (state instanceof Object[] t && t.length > 1 && t[1] instanceof String o) {
                orderChar = o;
                return;
            }
            throw new PickleException("unsupported numpy dtype state");
        }

        NumpyDtype dtype() {
            try {
                return NumpyDtype.parse(orderChar + typeString);
            } catch (IllegalArgumentException e) {
                throw new PickleException(e.getMessage());
            }
        }
    }

    /** An ndarray made by {@code _reconstruct}, waiting for its BUILD state (version, shape, dtype, fortran, bytes). */
    static final class ArrayState {
        Object array;
    }

    /** joblib's NumpyArrayWrapper: its state names the array whose bytes follow in the stream. */
    static final class WrapperState {
        Object array;
    }
}
