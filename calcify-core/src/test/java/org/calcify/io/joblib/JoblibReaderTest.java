package org.calcify.io.joblib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NpyReader;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads files written by Debian's joblib and pickle at test time and compares them with Python's own
 * description of the same object (types, str() of every value) and with every array element (numpy saves
 * each array as .npy, read by our tested npy reader).
 */
class JoblibReaderTest {
    /** The object dumped in every variant: arrays of many dtypes and layouts, numpy scalars, Python values. */
    private static final String MAKE_OBJECT = """
            import numpy as np
            rng = np.random.default_rng(3)
            def make():
                scans = [rng.integers(-1024, 3000, (z, 6, 8)).astype(t) for z, t in [(5, np.int16), (6, np.float32), (7, np.float64)]]
                return {
                    'scans': scans,
                    'fortran': np.asfortranarray(rng.standard_normal((3, 4, 5)).astype(np.float32)),
                    'big_endian': np.arange(24, dtype='>i4').reshape(2, 3, 4),
                    'small': [np.array([True, False, True]), np.arange(-5, 5, dtype=np.int8), np.arange(7, dtype=np.uint16),
                              np.array([0, 2**63 + 5], dtype=np.uint64), np.array(2.5), np.array([1.5, -2], dtype=np.float16),
                              np.zeros((0, 3), dtype=np.int32)],
                    'voxels': [(0, 1, 2, 3, 1), (1, 2, 3, 4, np.int64(0)), (2, 0, 0, 0, True), (0, 4, 5, 7, 1.0),
                               (1, 1, 1, 1, np.bool_(False)), (2, 3, 3, 3, np.float64(0.1)), (0, 0, 0, 1, np.float32(0.1)),
                               (0, 0, 0, 2, np.int32(-7)), (0, 0, 0, 3, np.uint8(200)), (0, 0, 0, 4, 1e-05), (0, 0, 0, 5, 1e16)],
                    'emr': [[1.0, 2.5, -3.0], np.array([4.0, 5.0, 6.0]), (7, 8, 9.5)],
                    'values': [None, 'héllo', b'\\x00\\xff', 2**70, -2**40, 3.14159, float('inf'), {1, 2, 3}, frozenset([4]),
                               bytearray(b'ab'), (), (1,), {'nested': {'k': [1, (2, 3)]}}],
                }
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void dumpVariants() {
        PythonOracle.run(MAKE_OBJECT + """
                import sys, io, joblib, pickle, collections
                d = sys.argv[1]
                obj = make()
                joblib.dump(obj, d + '/plain.pkl')
                joblib.dump(obj, d + '/zlib.pkl', compress=3)
                joblib.dump(obj, d + '/gzip.pkl', compress=('gzip', 3))
                joblib.dump(obj, d + '/bz2.pkl', compress=('bz2', 3))
                joblib.dump(obj, d + '/xz.pkl', compress=('xz', 3))
                joblib.dump(obj, d + '/lzma.pkl', compress=('lzma', 3))
                joblib.dump(obj, d + '/proto2.pkl', protocol=2)
                with open(d + '/fileobj.pkl', 'wb') as f:  # no tell(): old layout without alignment padding
                    class NoTell:
                        def __init__(s, f): s.f = f
                        def write(s, b): return s.f.write(b)
                        def tell(s): raise io.UnsupportedOperation()
                    joblib.dump(obj, NoTell(f))
                for p in (2, 4, 5):
                    with open(d + '/pickle%d.pkl' % p, 'wb') as f:
                        pickle.dump(obj, f, protocol=p)
                with open(d + '/ordered.pkl', 'wb') as f:
                    pickle.dump(collections.OrderedDict([('b', 1), ('a', np.int16(2))]), f, protocol=2)
                joblib.dump(obj['scans'][0], d + '/single.pkl')
                joblib.dump(obj['scans'], d + '/list.pkl', compress=3)
                """, dir.toString());
    }

    @Test
    void readsWhatJoblibAndPickleWrote() throws IOException {
        String expected = pythonDescription("plain.pkl");
        for (String name : List.of("plain.pkl", "zlib.pkl", "gzip.pkl", "proto2.pkl", "fileobj.pkl",
                "pickle2.pkl", "pickle4.pkl", "pickle5.pkl")) {
            List<NdArray> arrays = new ArrayList<>();
            String ours = PythonDescription.describe(JoblibReader.load(dir.resolve(name)), arrays);
            assertThat(ours).as(name).isEqualTo(expected);
            for (int i = 0; i < arrays.size(); i++) {
                NdArray numpy = NpyReader.read(dir.resolve("arr_" + i + ".npy")); // numpy.load made it native-endian
                assertThat(arrays.get(i).dtype().numpyName()).as(name + " array " + i).isEqualTo(numpy.dtype().numpyName());
                assertThat(arrays.get(i).shape()).as(name + " array " + i).isEqualTo(numpy.shape());
                assertThat(arrays.get(i).data()).as(name + " array " + i).isEqualTo(numpy.data());
            }
        }
        assertThat(JoblibReader.compressionOf(dir.resolve("zlib.pkl"))).isEqualTo(JoblibReader.Compression.ZLIB);
        assertThat(JoblibReader.compressionOf(dir.resolve("gzip.pkl"))).isEqualTo(JoblibReader.Compression.GZIP);
    }

    @Test
    void keepsDictOrderAndNumpyScalarsOfOrderedDicts() throws IOException {
        assertThat(PythonDescription.describe(JoblibReader.load(dir.resolve("ordered.pkl")), new ArrayList<>()))
                .isEqualTo(pythonDescription("ordered.pkl"));
    }

    @Test
    void refusesCompressionsTheJdkLacksWithAClearMessage() {
        for (String kind : List.of("bz2", "xz", "lzma")) {
            assertThatThrownBy(() -> JoblibReader.load(dir.resolve(kind + ".pkl"))).as(kind)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(kind + "-compressed joblib files are not supported; re-save with compress=('zlib', 3)");
        }
    }

    @Test
    void readsMemmapAndMatrixSubclassesAsPlainArrays() throws IOException {
        PythonOracle.run("""
                import sys, joblib, numpy as np
                d = sys.argv[1]
                m = np.memmap(d + '/mm.dat', dtype='int16', mode='w+', shape=(2, 3, 4))
                m[:] = np.arange(24).reshape(2, 3, 4) - 12
                joblib.dump([m, np.matrix([[1.5, 2.5], [3.5, 4.5]])], d + '/subclasses.pkl')
                np.save(d + '/mm.npy', np.asarray(m))
                """, dir.toString());
        List<?> loaded = (List<?>) JoblibReader.load(dir.resolve("subclasses.pkl"));
        assertThat(((NdArray) loaded.get(0)).data()).isEqualTo(NpyReader.read(dir.resolve("mm.npy")).data());
        assertThat(((NdArray) loaded.get(1)).data()).isEqualTo(new double[] {1.5, 2.5, 3.5, 4.5});
    }

    @Test
    void refusesLz4AndPreHistoricZfFilesByTheirMagic() throws IOException {
        Files.write(dir.resolve("lz4.pkl"), new byte[] {0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, (byte) 0xa7, 0, 0, 0, 0});
        assertRefused("lz4.pkl", "lz4-compressed joblib files are not supported; re-save with compress=('zlib', 3)");
        Files.write(dir.resolve("zf.pkl"), new byte[] {'Z', 'F', '0', 'x', '1', '0', ' ', ' '});
        assertRefused("zf.pkl", "'ZF' format (joblib < 0.9.3) are not supported");
        assertThat(new JoblibFormat().canRead(dir.resolve("lz4.pkl"))).isTrue();
    }

    @Test
    void joblibFormatReadsASingleArrayOrTheFirstOfAList() throws IOException {
        Volume single = VolumeIO.read(dir.resolve("single.pkl"));
        NdArray expected = NpyReader.read(dir.resolve("arr_0.npy"));
        assertThat(single.geometry().shapeZyx()).containsExactly(expected.shape());
        assertThat(single.data()).isEqualTo(expected.data());
        assertThat(single.metadata()).containsEntry("format", "joblib pickle").containsEntry("source.dtype", "int16")
                .containsEntry("joblib.compression", "none");
        Volume first = VolumeIO.read(dir.resolve("list.pkl"));
        assertThat(first.data()).isEqualTo(expected.data());
        assertThat(first.metadata()).containsEntry("joblib.arrays", "3").containsEntry("joblib.compression", "zlib");
        assertThat(new JoblibFormat().canRead(dir)).isFalse();
    }

    @Test
    void refusesDangerousGlobalsWithoutRunningThem() throws IOException {
        Path marker = dir.resolve("pwned");
        PythonOracle.run("""
                import sys, os, pickle, subprocess, builtins, datetime, decimal, joblib
                d, marker = sys.argv[1], sys.argv[2]
                class Sys:
                    def __reduce__(self): return (os.system, ('touch ' + marker,))
                class Eval:
                    def __reduce__(self): return (builtins.eval, ("open(%r, 'w').write('x')" % marker,))
                class Popen:
                    def __reduce__(self): return (subprocess.Popen, (['touch', marker],))
                for p in (0, 2, 4):
                    pickle.dump([1, Sys()], open(d + '/system%d.pkl' % p, 'wb'), protocol=p)
                pickle.dump({'a': Eval()}, open(d + '/eval.pkl', 'wb'), protocol=4)
                joblib.dump([Popen()], d + '/popen.pkl', compress=3)
                pickle.dump(datetime.datetime(2020, 1, 2), open(d + '/datetime.pkl', 'wb'), protocol=2)
                pickle.dump(decimal.Decimal('1.5'), open(d + '/decimal.pkl', 'wb'), protocol=2)
                """, dir.toString(), marker.toString());
        assertRefused("system0.pkl", "pickle refers to global 'posix.system', which is not allowed (only numpy arrays and Python containers are read)");
        assertRefused("system2.pkl", "global 'posix.system', which is not allowed");
        assertRefused("system4.pkl", "global 'posix.system', which is not allowed");
        assertRefused("eval.pkl", "global 'builtins.eval', which is not allowed");
        assertRefused("popen.pkl", "global 'subprocess.Popen', which is not allowed");
        assertRefused("datetime.pkl", "global 'datetime.datetime', which is not allowed");
        assertRefused("decimal.pkl", "global 'decimal.Decimal', which is not allowed");
        assertThat(marker).doesNotExist();
    }

    @Test
    void refusesTruncatedAndLyingPicklesWithoutHugeAllocations() throws IOException {
        byte[] plain = Files.readAllBytes(dir.resolve("plain.pkl"));
        for (int cut : new int[] {1, 10, 200, plain.length / 2, plain.length - 1}) {
            Files.write(dir.resolve("cut.pkl"), Arrays.copyOf(plain, cut));
            assertThatThrownBy(() -> JoblibReader.load(dir.resolve("cut.pkl"))).as("cut at " + cut)
                    .isInstanceOf(InvalidInputException.class);
        }
        byte[] zlib = Files.readAllBytes(dir.resolve("zlib.pkl"));
        Files.write(dir.resolve("cutz.pkl"), Arrays.copyOf(zlib, zlib.length / 2));
        assertThatThrownBy(() -> JoblibReader.load(dir.resolve("cutz.pkl"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ends");
        byte[] corrupt = zlib.clone();
        for (int i = 20; i < 60; i++) {
            corrupt[i] ^= 0x5A;
        }
        Files.write(dir.resolve("corruptz.pkl"), corrupt);
        assertThatThrownBy(() -> JoblibReader.load(dir.resolve("corruptz.pkl"))).isInstanceOf(InvalidInputException.class);

        // BINBYTES8 / BINUNICODE / LONG4 claiming ~1 TB in a tiny file
        Files.write(dir.resolve("bytes8.pkl"), new byte[] {(byte) 0x80, 4, (byte) 0x8e, 0, 0, 0, 0, 0, 1, 0, 0, '.'});
        assertRefused("bytes8.pkl", "claims a 1099511627776-byte string");
        Files.write(dir.resolve("unicode.pkl"), new byte[] {(byte) 0x80, 2, 'X', -1, -1, -1, 127, 'a', '.'});
        assertRefused("unicode.pkl", "truncated or corrupt");
        Files.write(dir.resolve("long4.pkl"), new byte[] {(byte) 0x80, 2, (byte) 0x8b, -1, -1, -1, -1, '.'});
        assertRefused("long4.pkl", "truncated or corrupt");
        // a joblib wrapper announcing a (100000, 100000, 100000) float64 array in a few hundred bytes
        PythonOracle.run("""
                import sys, joblib, numpy as np
                joblib.dump(np.zeros((2, 3, 4)), sys.argv[1])
                data = open(sys.argv[1], 'rb').read()
                data = data.replace(b'K\\x02K\\x03K\\x04\\x87', b'J\\xa0\\x86\\x01\\x00J\\xa0\\x86\\x01\\x00J\\xa0\\x86\\x01\\x00\\x87')
                open(sys.argv[1], 'wb').write(data)
                """, dir.resolve("absurd.pkl").toString());
        assertRefused("absurd.pkl", "too large");
        Files.write(dir.resolve("garbage.pkl"), new byte[] {(byte) 0x80, 4, (byte) 0xff, 1, 2});
        assertRefused("garbage.pkl", "");
        Files.write(dir.resolve("deep.pkl"), ("(".repeat(100000) + "l".repeat(100000) + ".").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertRefused("deep.pkl", "nested too deeply");
    }

    private static void assertRefused(String file, String message) {
        assertThatThrownBy(() -> JoblibReader.load(dir.resolve(file))).as(file)
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    /** Python's description of what joblib.load returns; saves its arrays as arr_K.npy. */
    private static String pythonDescription(String file) {
        return PythonOracle.run(PythonDescription.PYTHON_DESCRIBE + """
                import sys, joblib
                arrays = []
                text = describe(joblib.load(sys.argv[1]), arrays)
                for i, a in enumerate(arrays):
                    np.save('%s/arr_%d.npy' % (sys.argv[2], i), a)
                print(text)
                """, dir.resolve(file).toString(), dir.toString()).trim();
    }
}
