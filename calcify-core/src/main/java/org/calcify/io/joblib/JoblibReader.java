package org.calcify.io.joblib;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import net.razorvine.pickle.PickleException;
import org.calcify.io.InvalidInputException;
import org.calcify.io.joblib.PickleGlobals.ArrayState;
import org.calcify.io.joblib.PickleGlobals.DtypeState;
import org.calcify.io.joblib.PickleGlobals.WrapperState;

/**
 * Loads files written by {@code joblib.dump} (uncompressed, or compressed with zlib, joblib's default for
 * {@code compress=3}, or gzip) and plain pickles, safely: only NumPy arrays and Python containers and values
 * are read (see {@link PickleGlobals}); nothing in the file is ever executed.
 *
 * <p>Python values become: list and tuple {@link List} (tuples unmodifiable), dict {@link Map} (insertion
 * order), set {@link Set}, int {@link Long} (or {@link BigInteger} when larger), float {@link Double}, bool
 * {@link Boolean}, str {@link String}, bytes {@code byte[]}, None {@code null}, NumPy arrays
 * {@link org.calcify.io.numpy.NdArray} (C order), NumPy scalars {@link NumpyScalar}.
 */
public final class JoblibReader {
    /** Deflate expands at most about 1032 times: the bound on what a compressed file can hold. */
    private static final long MAX_INFLATE_RATIO = 1100;

    /** How a joblib file is compressed, detected by its first bytes as joblib does. */
    public enum Compression {
        NONE, ZLIB, GZIP, BZ2, LZMA, XZ, LZ4, JOBLIB_ZF;

        /** joblib's compressor name. */
        public String joblibName() {
            return this == JOBLIB_ZF ? "compat (ZF)" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private JoblibReader() {
    }

    /** The compression of {@code file} by its magic bytes. */
    public static Compression compressionOf(Path file) throws IOException {
        byte[] head = new byte[5];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return compressionOf(head, n);
    }

    static Compression compressionOf(byte[] h, int n) {
        if (starts(h, n, 'Z', 'F')) {
            return Compression.JOBLIB_ZF;
        }
        if (starts(h, n, 0x78)) {
            return Compression.ZLIB;
        }
        if (starts(h, n, 0x1f, 0x8b)) {
            return Compression.GZIP;
        }
        if (starts(h, n, 'B', 'Z')) {
            return Compression.BZ2;
        }
        if (starts(h, n, 0xfd, 0x37, 0x7a, 0x58, 0x5a)) {
            return Compression.XZ;
        }
        if (starts(h, n, 0x5d, 0x00)) {
            return Compression.LZMA;
        }
        if (starts(h, n, 0x04, 0x22, 0x4d, 0x18)) {
            return Compression.LZ4;
        }
        return Compression.NONE;
    }

    private static boolean starts(byte[] h, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Loads the object {@code joblib.load(file)} would return. */
    public static Object load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Loads {@code file}, handing every NumPy array to {@code sink} as soon as it is read; the object returned
     * holds what the sink returned in its place. With a sink that keeps nothing, a list of arrays larger than
     * memory is read one array at a time.
     */
    public static Object load(Path file, ArraySink sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such file");
        }
        long size = Files.size(file);
        Compression compression = compressionOf(file);
        switch (compression) {
            case BZ2, LZMA, XZ, LZ4 -> throw new InvalidInputException(file, compression.joblibName()
                    + "-compressed joblib files are not supported; re-save with compress=('zlib', 3)");
            case JOBLIB_ZF -> throw new InvalidInputException(file,
                    "joblib files of the 'ZF' format (joblib < 0.9.3) are not supported; re-save with a current joblib");
            default -> {
            }
        }
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream decoded;
            long limit;
            if (compression == Compression.NONE) {
                decoded = raw;
                limit = size;
            } else {
                InputStream buffered = new BufferedInputStream(raw, 1 << 16);
                decoded = compression == Compression.ZLIB
                        ? new InflaterInputStream(buffered, new Inflater(), 1 << 16)
                        : new GZIPInputStream(buffered, 1 << 16);
                limit = size * MAX_INFLATE_RATIO + (1 << 20);
            }
            PickleInput in = new PickleInput(new BufferedInputStream(decoded, 1 << 16), limit);
            Object result = new SafeUnpickler(in, file, sink).load();
            return new Normalizer().normalize(result, 0);
        } catch (InvalidInputException e) {
            throw e.file() == null ? new InvalidInputException(file, e.problem(), e) : e;
        } catch (PickleRefusal e) {
            throw new InvalidInputException(file, e.getMessage(), e);
        } catch (EOFException e) {
            throw new InvalidInputException(file, "file ends early (truncated?)", e);
        } catch (ZipException e) {
            throw new InvalidInputException(file, "corrupt " + compression.joblibName() + " data: " + e.getMessage(), e);
        } catch (PickleException e) {
            throw new InvalidInputException(file, "unreadable pickle: " + e.getMessage(), e);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("premature end") || m.contains("expected more bytes")) {
                throw new InvalidInputException(file, "file ends early (truncated?)", e);
            }
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(file, "corrupt pickle (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (OutOfMemoryError e) {
            throw new InvalidInputException(file, "pickle content does not fit in the Java heap (raise -Xmx)");
        } catch (StackOverflowError e) {
            throw new InvalidInputException(file, "pickle nested too deeply");
        }
    }

    /**
     * Turns razorvine's and our intermediate objects into the documented Java values, walking the result once
     * (an object referenced twice is converted once): refused when it nests deeper than
     * {@link PickleLimits#MAX_DEPTH}, holds more than {@link PickleLimits#MAX_OBJECTS} references, or holds
     * itself (a list that contains itself, directly or through other containers).
     */
    private static final class Normalizer {
        private final IdentityHashMap<Object, Object> done = new IdentityHashMap<>();
        private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private long visited;

        Object normalize(Object v, int depth) throws PickleRefusal {
            if (++visited > PickleLimits.MAX_OBJECTS) {
                throw new PickleRefusal("pickle holds more than " + PickleLimits.MAX_OBJECTS + " objects");
            }
            if (v == null || v instanceof String || v instanceof Boolean || v instanceof Double || v instanceof Long
                    || v instanceof NumpyScalar || v instanceof org.calcify.io.numpy.NdArray || v instanceof byte[]
                    || v instanceof ArraySink.Released || v instanceof PickleGlobals.PythonClass) {
                return v;
            }
            if (v instanceof Integer i) {
                return i.longValue();
            }
            if (v instanceof BigInteger b) {
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            if (v instanceof ArrayState a) {
                if (a.array == null) {
                    throw new PickleRefusal("ndarray without data");
                }
                return a.array;
            }
            if (v instanceof WrapperState w) {
                if (w.array == null) {
                    throw new PickleRefusal("joblib array wrapper without data");
                }
                return w.array;
            }
            if (v instanceof DtypeState d) {
                try {
                    return d.dtype();
                } catch (PickleException e) {
                    throw new PickleRefusal(e.getMessage());
                }
            }
            if (open.contains(v)) {
                throw new PickleRefusal("pickle holds a " + PickleLimits.pythonName(v instanceof Object[] ? List.of() : v)
                        + " that contains itself (cyclic structures are not read)");
            }
            Object seen = done.get(v);
            if (seen != null) {
                return seen;
            }
            if (depth >= PickleLimits.MAX_DEPTH) {
                throw new PickleRefusal("pickle containers nested too deeply (more than " + PickleLimits.MAX_DEPTH + " levels)");
            }
            open.add(v);
            Object out = container(v, depth + 1);
            open.remove(v);
            return out;
        }

        private Object container(Object v, int depth) throws PickleRefusal {
            if (v instanceof Object[] tuple) {
                List<Object> items = new ArrayList<>(tuple.length);
                List<Object> view = Collections.unmodifiableList(items);
                done.put(v, view);
                for (Object o : tuple) {
                    items.add(normalize(o, depth));
                }
                return view;
            }
            if (v instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) list;
                done.put(v, l);
                for (int i = 0; i < l.size(); i++) {
                    l.set(i, normalize(l.get(i), depth));
                }
                return l;
            }
            if (v instanceof Map<?, ?> map) {
                Map<Object, Object> m = new LinkedHashMap<>();
                done.put(v, m);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    m.put(key(normalize(e.getKey(), depth)), normalize(e.getValue(), depth));
                }
                return m;
            }
            if (v instanceof Set<?> set) {
                Set<Object> s = new LinkedHashSet<>();
                done.put(v, s);
                for (Object o : set) {
                    s.add(key(normalize(o, depth)));
                }
                return s;
            }
            throw new PickleRefusal("unsupported Python object " + v.getClass().getSimpleName());
        }

        /** A dict key or set member: a scalar, or a tuple of scalars (hashing anything deeper could take forever). */
        private static Object key(Object k) throws PickleRefusal {
            if (PickleLimits.isScalar(k) || k instanceof PickleGlobals.PythonClass) {
                return k;
            }
            if (k instanceof List<?> tuple && tuple.stream().allMatch(PickleLimits::isScalar)) {
                return k;
            }
            throw new PickleRefusal("pickle uses a " + PickleLimits.pythonName(k) + " holding containers as a dict key or set member (not supported)");
        }
    }
}
