package org.calcify.io.numpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads arrays numpy wrote at test time (every supported dtype, both byte orders, C and Fortran order, 2D
 * and 3D, .npz stored and deflated) and compares each element with the values numpy itself exported as
 * widened little-endian raw bytes; writes .npy files and has numpy load them back.
 */
class NumpyFormatTest {
    private static final List<String> KINDS = List.of("b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8");

    /** Python: for every case writes CASE.npy and CASE.raw (values widened to Calcify's type, little endian, C order). */
    private static final String WRITE_CASES = """
            import sys, numpy as np
            out = sys.argv[1]
            rng = np.random.default_rng(7)
            widen = {'b1': '<u1', 'i1': '<i2', 'u1': '<u1', 'i2': '<i2', 'u2': '<i4', 'i4': '<i4', 'u4': '<i8',
                     'i8': '<i8', 'u8': '<f8', 'f2': '<f4', 'f4': '<f4', 'f8': '<f8'}
            def values(kind, shape):
                dt = np.dtype(kind)
                n = int(np.prod(shape))
                if kind == 'b1':
                    a = rng.integers(0, 2, n).astype(bool)
                elif kind[0] in 'iu':
                    info = np.iinfo(dt)
                    a = rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)
                    a[0] = info.min; a[-1] = info.max
                else:
                    a = (rng.standard_normal(n) * 1000).astype(dt)
                    a[0] = np.inf; a[1] = -np.inf; a[2] = np.nan; a[3] = -0.0
                return a.reshape(shape)
            for kind in sys.argv[2].split(','):
                for order in '<>':
                    for layout in 'CF':
                        for shape in [(5, 7, 9), (6, 11)]:
                            a = values(kind, shape)
                            name = '%s_%s_%s_%dd' % (kind, 'le' if order == '<' else 'be', layout, len(shape))
                            d = a.astype(np.dtype(kind).newbyteorder(order))
                            d = np.asfortranarray(d) if layout == 'F' else np.ascontiguousarray(d)
                            np.save('%s/%s.npy' % (out, name), d)
                            open('%s/%s.raw' % (out, name), 'wb').write(np.ascontiguousarray(a.astype(widen[kind])).tobytes())
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeCases() {
        PythonOracle.run(WRITE_CASES, dir.toString(), String.join(",", KINDS));
    }

    @Test
    void readsEveryDtypeOrderAndLayoutLikeNumpy() throws IOException {
        int cases = 0;
        for (String kind : KINDS) {
            for (String order : List.of("le", "be")) {
                for (String layout : List.of("C", "F")) {
                    for (int ndim : new int[] {3, 2}) {
                        String name = kind + "_" + order + "_" + layout + "_" + ndim + "d";
                        Volume v = VolumeIO.read(dir.resolve(name + ".npy"));
                        assertThat(v.geometry().shapeZyx()).as(name).containsExactly(ndim == 3 ? new int[] {5, 7, 9} : new int[] {1, 6, 11});
                        assertThat(v.metadata()).containsEntry("source.dtype", NumpyDtype.parse(kind).numpyName())
                                .containsEntry("geometry", NdArrayVolumes.NO_GEOMETRY)
                                .containsEntry("npy.fortran_order", layout.equals("F") ? "True" : "False");
                        assertSameData(name, v.type(), v.data(), Files.readAllBytes(dir.resolve(name + ".raw")));
                        cases++;
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(KINDS.size() * 8);
    }

    @Test
    void mapsDtypesToCalcifyTypes() {
        assertThat(NumpyDtype.parse("<i2").dataType()).isEqualTo(DataType.INT16);
        assertThat(NumpyDtype.parse("|i1").dataType()).isEqualTo(DataType.INT16);
        assertThat(NumpyDtype.parse(">u2").dataType()).isEqualTo(DataType.INT32);
        assertThat(NumpyDtype.parse("u4").dataType()).isEqualTo(DataType.INT64);
        assertThat(NumpyDtype.parse("=u8").dataType()).isEqualTo(DataType.FLOAT64);
        assertThat(NumpyDtype.parse("<f2").dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(NumpyDtype.parse("?").dataType()).isEqualTo(DataType.UINT8);
        assertThatThrownBy(() -> NumpyDtype.parse("<c16")).hasMessageContaining("complex");
        assertThatThrownBy(() -> NumpyDtype.parse("|O")).hasMessageContaining("object arrays are not supported");
    }

    @Test
    void readsNpzStoredAndCompressed() throws IOException {
        PythonOracle.run("""
                import sys, numpy as np
                d = sys.argv[1]
                a = (np.arange(4 * 5 * 6) - 60).astype('<i2').reshape(4, 5, 6)
                b = np.linspace(-1, 1, 12, dtype='>f4').reshape(3, 4)
                np.savez(d + '/plain.npz', a)
                np.savez_compressed(d + '/packed.npz', label=b, ct=a)
                np.savez(d + '/named.npz', v=np.ones(3), img=b)
                open(d + '/a.raw', 'wb').write(a.astype('<i2').tobytes())
                open(d + '/b.raw', 'wb').write(b.astype('<f4').tobytes())
                """, dir.toString());
        byte[] a = Files.readAllBytes(dir.resolve("a.raw"));
        byte[] b = Files.readAllBytes(dir.resolve("b.raw"));

        Volume plain = VolumeIO.read(dir.resolve("plain.npz"));
        assertThat(plain.metadata()).containsEntry("npz.arrays", "arr_0").containsEntry("format", "NumPy .npz");
        assertSameData("plain", plain.type(), plain.data(), a);

        Volume packed = VolumeIO.read(dir.resolve("packed.npz"));
        assertThat(packed.metadata()).containsEntry("npz.arrays", "label, ct").containsEntry("npz.array", "ct");
        assertSameData("packed ct", packed.type(), packed.data(), a);
        NdArray label = NpzReader.read(dir.resolve("packed.npz"), "label");
        assertThat(label.shape()).containsExactly(3, 4);
        assertSameData("packed label", label.dataType(), label.data(), b);

        Volume named = VolumeIO.read(dir.resolve("named.npz"));
        assertThat(named.metadata()).containsEntry("npz.array", "img");
        assertSameData("named img", named.type(), named.data(), b);
        assertThatThrownBy(() -> NpzReader.read(dir.resolve("named.npz"), "nope"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no array 'nope'");
    }

    @Test
    void numpyLoadsWhatWeWriteAndWritesTheSameBytes() throws IOException {
        Geometry g = Geometry.of(9, 7, 5);
        int n = g.voxelCount();
        for (DataType type : DataType.values()) {
            Object data = type.allocate(n);
            for (int i = 0; i < n; i++) {
                double v = (i * 37 % 101) - 50 + (type.isInteger() ? 0 : 0.25);
                switch (type) {
                    case UINT8 -> ((byte[]) data)[i] = (byte) (i * 7);
                    case INT16 -> ((short[]) data)[i] = (short) (v * 300);
                    case INT32 -> ((int[]) data)[i] = (int) (v * 1e7);
                    case INT64 -> ((long[]) data)[i] = (long) (v * 1e15);
                    case FLOAT32 -> ((float[]) data)[i] = (float) v;
                    case FLOAT64 -> ((double[]) data)[i] = v / 3;
                }
            }
            Path npy = dir.resolve("ours_" + type + ".npy");
            VolumeIO.write(Volume.of(g, type, data), npy);
            // numpy loads it, re-saves it with np.save, and reports whether the bytes are identical
            String report = PythonOracle.run("""
                    import sys, io, numpy as np
                    a = np.load(sys.argv[1])
                    buf = io.BytesIO(); np.save(buf, a)
                    same = buf.getvalue() == open(sys.argv[1], 'rb').read()
                    open(sys.argv[2], 'wb').write(a.astype(a.dtype.newbyteorder('<')).tobytes())
                    print(a.dtype.name, a.shape, a.flags.c_contiguous, same)
                    """, npy.toString(), dir.resolve("back.raw").toString()).trim();
            assertThat(report).as(type.name()).isEqualTo(type.numpyName() + " (5, 7, 9) True True");
            assertSameData(type.name(), type, data, Files.readAllBytes(dir.resolve("back.raw")));
            Volume again = VolumeIO.read(npy);
            assertThat(again.type()).isEqualTo(type);
            assertThat(again.data()).isEqualTo(data);
        }
    }

    @Test
    void refusesUnsupportedArraysWithClearErrors() throws IOException {
        PythonOracle.run("""
                import sys, numpy as np
                d = sys.argv[1]
                np.save(d + '/object.npy', np.array([{'a': 1}, None], dtype=object), allow_pickle=True)
                np.save(d + '/record.npy', np.zeros(3, dtype=[('x', '<i4'), ('y', '<f8')]))
                np.save(d + '/four.npy', np.zeros((2, 3, 4, 5), dtype='<i2'))
                np.save(d + '/complex.npy', np.zeros((2, 3), dtype='<c16'))
                np.save(d + '/empty.npy', np.zeros((0, 3, 4), dtype='<i2'))
                """, dir.toString());
        assertRefused("object.npy", "object arrays are not supported (would need pickle)");
        assertRefused("record.npy", "structured (record) arrays are not supported");
        assertRefused("four.npy", "is not an image");
        assertRefused("complex.npy", "complex");
        assertRefused("empty.npy", "is empty");
    }

    @Test
    void refusesTruncatedAndHostileFilesWithoutHugeAllocations() throws IOException {
        byte[] good = Files.readAllBytes(dir.resolve("i2_le_C_3d.npy"));
        Files.write(dir.resolve("cut_data.npy"), Arrays.copyOf(good, good.length - 7));
        Files.write(dir.resolve("cut_header.npy"), Arrays.copyOf(good, 40));
        Files.write(dir.resolve("cut_magic.npy"), Arrays.copyOf(good, 7));
        assertRefused("cut_data.npy", "needs 630 bytes but only 623 remain");
        assertRefused("cut_header.npy", "header length");
        assertRefused("cut_magic.npy", "file ends inside");

        Files.write(dir.resolve("absurd.npy"), npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000, 100000), }"));
        assertRefused("absurd.npy", "too large");
        Files.write(dir.resolve("big.npy"), npy("{'descr': '<i2', 'fortran_order': False, 'shape': (300, 512, 512), }"));
        assertRefused("big.npy", "needs 157286400 bytes but only 0 remain");
        Files.write(dir.resolve("negative.npy"), npy("{'descr': '<i2', 'fortran_order': False, 'shape': (-3, 4, 4), }"));
        assertRefused("negative.npy", "bad shape");
        Files.write(dir.resolve("garbage.npy"), npy("{'descr': __import__('os').system('echo hi'), }"));
        assertRefused("garbage.npy", "corrupt .npy header");
        Files.write(dir.resolve("deep.npy"), npy("(".repeat(5000)));
        assertRefused("deep.npy", "nested too deeply");
        Files.write(dir.resolve("hugeheader.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, -1, -1, -1, 127, '{', '}'});
        assertRefused("hugeheader.npy", "header length 2147483647 exceeds the file");
        Files.write(dir.resolve("version9.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9, 0, 0, 0});
        assertRefused("version9.npy", "unsupported .npy format version 9.0");
        PythonOracle.run("""
                import sys, numpy as np
                np.savez_compressed(sys.argv[1], np.arange(5000, dtype='<i4').reshape(10, 20, 25))
                """, dir.resolve("deflated.npz").toString());
        byte[] npz = Files.readAllBytes(dir.resolve("deflated.npz"));
        byte[] corrupt = npz.clone();
        for (int i = 120; i < 400; i++) {
            corrupt[i] ^= 0x33;
        }
        Files.write(dir.resolve("corrupt.npz"), corrupt);
        assertRefused("corrupt.npz", "");
        Files.write(dir.resolve("cut.npz"), Arrays.copyOf(npz, npz.length / 2));
        assertRefused("cut.npz", "corrupt .npz archive");
        Files.write(dir.resolve("junk.npz"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertRefused("junk.npz", "corrupt .npz archive");
    }

    private static byte[] npy(String dict) {
        byte[] text = (dict + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
        return b.array();
    }

    private static void assertRefused(String file, String message) {
        assertThatThrownBy(() -> VolumeIO.read(dir.resolve(file))).as(file)
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    /** Compares a primitive array with little-endian raw bytes of the same Calcify type, element by element. */
    static void assertSameData(String what, DataType type, Object actual, byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        Object expected = type.allocate(raw.length / type.bytes());
        switch (type) {
            case UINT8 -> b.get((byte[]) expected);
            case INT16 -> b.asShortBuffer().get((short[]) expected);
            case INT32 -> b.asIntBuffer().get((int[]) expected);
            case INT64 -> b.asLongBuffer().get((long[]) expected);
            case FLOAT32 -> b.asFloatBuffer().get((float[]) expected);
            case FLOAT64 -> b.asDoubleBuffer().get((double[]) expected);
        }
        assertThat(actual).as(what).isEqualTo(expected);
    }
}
