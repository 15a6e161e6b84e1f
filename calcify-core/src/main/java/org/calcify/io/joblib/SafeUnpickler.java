package org.calcify.io.joblib;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.calcify.io.joblib.PickleGlobals.ArrayState;
import org.calcify.io.joblib.PickleGlobals.DtypeState;
import org.calcify.io.joblib.PickleGlobals.WrapperState;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NdArrayReader;
import org.calcify.io.numpy.NumpyDtype;

/**
 * razorvine's unpickler with the opcodes that reach classes, lengths or the stream taken over: globals
 * are resolved only through {@link PickleGlobals}' allowlist, BUILD only applies to NumPy dtypes, arrays and
 * joblib's NumpyArrayWrapper (whose raw bytes are then read from the stream exactly as joblib's
 * {@code NumpyArrayWrapper.read_array} does), and every length is checked against what the stream can still
 * hold before anything is allocated. Dicts keep their insertion order.
 */
final class SafeUnpickler extends Unpickler {
    private static final int MAX_NAME_BYTES = 512;
    private static final int IN_MEMORY_LIMIT = 1 << 24;

    private final PickleInput in;
    private final java.nio.file.Path file;
    private final ArraySink sink;
    private long opcodes;

    SafeUnpickler(PickleInput in, java.nio.file.Path file, ArraySink sink) {
        this.in = in;
        this.file = file;
        this.sink = sink;
    }

    /** Unpickles the whole stream. */
    Object load() throws IOException {
        return load(in);
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        in.startOpcode();
        if (++opcodes > PickleLimits.MAX_OPCODES) {
            throw new PickleRefusal("pickle runs more than " + PickleLimits.MAX_OPCODES + " opcodes (corrupt or hostile)");
        }
        switch (key) {
            case 'c' -> { // GLOBAL
                String module = line();
                String name = line();
                stack.add(PickleGlobals.resolve(module, name));
            }
            case 0x93 -> { // STACK_GLOBAL
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleRefusal("STACK_GLOBAL needs two strings");
                }
                stack.add(PickleGlobals.resolve(m, n));
            }
            case 'i' -> { // INST
                String module = line();
                String name = line();
                Object cls = PickleGlobals.resolve(module, name);
                List<Object> args = stack.pop_all_since_marker();
                stack.add(((IObjectConstructor) cls).construct(args.toArray()));
            }
            case 'b' -> build();
            case '}' -> stack.add(new LinkedHashMap<>()); // EMPTY_DICT
            case 'd' -> { // DICT
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    map.put(PickleLimits.hashable(items.get(i)), items.get(i + 1));
                }
                stack.add(map);
            }
            case 'u' -> { // SETITEMS: in order (razorvine goes through a HashMap)
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> map = dictOnStack();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    map.put(PickleLimits.hashable(items.get(i)), items.get(i + 1));
                }
            }
            case 's' -> { // SETITEM
                Object value = stack.pop();
                Object k = stack.pop();
                dictOnStack().put(PickleLimits.hashable(k), value);
            }
            case 0x8f -> stack.add(new LinkedHashSet<>()); // EMPTY_SET
            case 0x90 -> { // ADDITEMS
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Set<?> target)) {
                    throw new PickleRefusal("ADDITEMS needs a set");
                }
                @SuppressWarnings("unchecked")
                Set<Object> set = (Set<Object>) target;
                for (Object item : items) {
                    set.add(PickleLimits.hashable(item));
                }
            }
            case 0x91 -> { // FROZENSET
                List<Object> items = stack.pop_all_since_marker();
                Set<Object> set = new LinkedHashSet<>();
                for (Object item : items) {
                    set.add(PickleLimits.hashable(item));
                }
                stack.add(Collections.unmodifiableSet(set));
            }
            case 'I' -> { // INT (text): "00" False, "01" True, else a decimal int
                String text = line(PickleLimits.MAX_INT_DIGITS + 2, "INT");
                stack.add(text.equals("00") ? Boolean.FALSE : text.equals("01") ? Boolean.TRUE : PickleLimits.parseInt(text));
            }
            case 'L' -> { // LONG (text): decimal digits, an optional trailing L
                String text = line(PickleLimits.MAX_INT_DIGITS + 2, "LONG");
                stack.add(PickleLimits.parseInt(text.endsWith("L") ? text.substring(0, text.length() - 1) : text));
            }
            case 'T' -> stack.add(new String(blob(int32()), StandardCharsets.ISO_8859_1)); // BINSTRING
            case 'B' -> stack.add(blob(uint32())); // BINBYTES
            case 'X' -> stack.add(new String(blob(uint32()), StandardCharsets.UTF_8)); // BINUNICODE
            case 0x8d -> stack.add(new String(blob(int64()), StandardCharsets.UTF_8)); // BINUNICODE8
            case 0x8e, 0x96 -> stack.add(blob(int64())); // BINBYTES8, BYTEARRAY8
            case 0x8b -> { // LONG4
                long length = int32();
                if (length < 0 || length > PickleLimits.MAX_INT_BYTES) {
                    throw new PickleRefusal("pickle claims a " + length + "-byte int (truncated or corrupt; at most " + PickleLimits.MAX_INT_BYTES
                            + " bytes, Python's limit of " + PickleLimits.MAX_INT_DIGITS + " digits, are read)");
                }
                stack.add(PickleUtils.decode_long(blob(length)));
            }
            case 0x82, 0x83, 0x84 -> throw new PickleRefusal("pickle uses the copyreg extension registry, which is not supported");
            case 'P', 'Q' -> throw new PickleRefusal("pickle uses persistent ids, which are not supported");
            case 0x97 -> throw new PickleRefusal("pickle uses out-of-band buffers, which are not supported");
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private void build() throws IOException {
        Object state = stack.pop();
        Object target = stack.peek();
        if (target instanceof DtypeState d) {
            d.setState(state);
        } else if (target instanceof ArrayState a) {
            if (!(state instanceof Object[] t) || t.length != 5 || !(t[2] instanceof DtypeState ds)) {
                throw new PickleRefusal("unsupported ndarray state");
            }
            a.array = PickleGlobals.decode(ds.dtype(), t[1], Boolean.TRUE.equals(t[3]), t[4]);
            if (sink != null && a.array instanceof NdArray nd) {
                a.array = sink.accept(nd);
            }
        } else if (target instanceof WrapperState w) {
            stack.pop();
            NdArray nd = readWrappedArray(state);
            w.array = sink == null ? nd : sink.accept(nd);
            stack.add(w.array);
        } else {
            throw new PickleRefusal("pickle sets the state of an unsupported object ("
                    + (target == null ? "None" : target.getClass().getSimpleName()) + ")");
        }
    }

    /** joblib's NumpyArrayWrapper.read_array: optional alignment padding, then count * itemsize raw bytes. */
    private NdArray readWrappedArray(Object state) throws IOException {
        if (!(state instanceof Map<?, ?> s) || !(s.get("dtype") instanceof DtypeState ds)) {
            throw new PickleRefusal("unsupported joblib NumpyArrayWrapper state");
        }
        NumpyDtype dtype;
        try {
            dtype = ds.dtype();
        } catch (PickleException e) {
            throw new PickleRefusal(e.getMessage());
        }
        long[] shape = PickleGlobals.shape(s.get("shape"));
        Object order = s.get("order");
        if (s.get("numpy_array_alignment_bytes") != null) {
            int padding = in.read();
            if (padding < 0) {
                throw new EOFException();
            }
            in.readFullyRaw(new byte[padding], 0, padding);
        }
        return NdArrayReader.read(file, dtype, shape, "F".equals(order), in.arraySource(), in.remaining());
    }

    private String line() throws IOException {
        return line(MAX_NAME_BYTES, "global name");
    }

    /** One text line of at most {@code max} bytes, without its newline. */
    private String line(int max, String what) throws IOException {
        byte[] buf = new byte[max];
        for (int n = 0; n < buf.length; n++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                return new String(buf, 0, n, StandardCharsets.UTF_8);
            }
            buf[n] = (byte) b;
        }
        throw new PickleRefusal(what + " longer than " + max + " bytes");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictOnStack() throws PickleRefusal {
        if (!(stack.peek() instanceof Map<?, ?> map)) {
            throw new PickleRefusal("SETITEM needs a dict");
        }
        return (Map<Object, Object>) map;
    }

    private long int32() throws IOException {
        byte[] b = fixed(4);
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | ((long) b[3]) << 24;
    }

    private long uint32() throws IOException {
        return int32() & 0xFFFFFFFFL;
    }

    private long int64() throws IOException {
        byte[] b = fixed(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }

    private byte[] fixed(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFullyRaw(b, 0, n);
        return b;
    }

    /** {@code length} bytes, refused when longer than the stream can hold; large ones grow as data arrives. */
    private byte[] blob(long length) throws IOException {
        if (length < 0 || length > in.remaining() || length > NdArrayReader.MAX_ELEMENTS) {
            throw new PickleRefusal("pickle claims a " + length + "-byte string but the file holds at most "
                    + in.remaining() + " more bytes (truncated or corrupt)");
        }
        int n = (int) length;
        if (n <= IN_MEMORY_LIMIT) {
            byte[] b = new byte[n];
            in.readFullyRaw(b, 0, n);
            return b;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(IN_MEMORY_LIMIT);
        byte[] chunk = new byte[1 << 20];
        int left = n;
        while (left > 0) {
            int take = Math.min(chunk.length, left);
            in.readFullyRaw(chunk, 0, take);
            out.write(chunk, 0, take);
            left -= take;
        }
        return out.toByteArray();
    }

}
