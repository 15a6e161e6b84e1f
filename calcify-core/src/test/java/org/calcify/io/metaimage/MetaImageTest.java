package org.calcify.io.metaimage;

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
import org.calcify.io.raw.OracleVoxels;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MetaImage files written by Python in ITK's layout (numpy bytes, header text as ITK writes it),
 * read by Calcify and compared with an independent Python parse (header text + np.frombuffer /
 * zlib); and Calcify's own files parsed by the same Python oracle.
 */
class MetaImageTest {
    static final String GENERATE = """
            import sys, os, zlib, numpy as np
            d = sys.argv[1]
            rng = np.random.default_rng(11)
            names = []
            def header(ndims, dims, etype, datafile, msb=False, compressed=False, extra='', csize=None):
                tm = {3: '0.98 0.17 0.1 -0.17 0.985 0 -0.1 0 0.995', 2: '0 1 -1 0'}[ndims]
                h = 'ObjectType = Image\\nNDims = %d\\nBinaryData = True\\nBinaryDataByteOrderMSB = %s\\n' % (ndims, msb)
                h += 'CompressedData = %s\\n' % compressed
                if csize is not None: h += 'CompressedDataSize = %d\\n' % csize
                h += 'TransformMatrix = %s\\nOffset = %s\\nCenterOfRotation = 0 0 0\\nAnatomicalOrientation = RAI\\n' % (tm, ' '.join(['-195.5', '-200.25', '-335.7'][:ndims]))
                h += 'ElementSpacing = %s\\n%sDimSize = %s\\nElementType = %s\\nElementDataFile = %s\\n' % (' '.join(['0.703125', '0.703125', '2.5'][:ndims]), extra, ' '.join(map(str, dims)), etype, datafile)
                return h.encode()
            types = {'MET_UCHAR': 'u1', 'MET_CHAR': 'i1', 'MET_SHORT': 'i2', 'MET_USHORT': 'u2', 'MET_INT': 'i4',
                     'MET_UINT': 'u4', 'MET_LONG_LONG': 'i8', 'MET_ULONG_LONG': 'u8', 'MET_FLOAT': 'f4', 'MET_DOUBLE': 'f8'}
            dims = (6, 5, 4)
            def arr(dt):
                dt = np.dtype(dt)
                if dt.kind == 'f': return (rng.standard_normal(dims[::-1]) * 500).astype(dt)
                i = np.iinfo(dt); return rng.integers(i.min, i.max, size=dims[::-1], dtype=dt, endpoint=True)
            for et, dt in types.items():
                for msb in (False, True):
                    a = arr(dt).astype(np.dtype(dt).newbyteorder('>' if msb else '<'))
                    base = f'{et}_{"msb" if msb else "lsb"}'
                    open(os.path.join(d, base + '.raw'), 'wb').write(a.tobytes())
                    open(os.path.join(d, base + '.mhd'), 'wb').write(header(3, dims, et, base + '.raw', msb))
                    names.append(base + '.mhd')
            luna = rng.integers(-1024, 3000, size=(7, 9, 8)).astype('<i2')
            open(os.path.join(d, 'luna.raw'), 'wb').write(luna.tobytes())
            open(os.path.join(d, 'luna.mhd'), 'wb').write(header(3, (8, 9, 7), 'MET_SHORT', 'luna.raw').replace(b'0.98 0.17 0.1 -0.17 0.985 0 -0.1 0 0.995', b'1 0 0 0 1 0 0 0 1'))
            names.append('luna.mhd')
            z = zlib.compress(arr('i2').tobytes())
            open(os.path.join(d, 'packed.zraw'), 'wb').write(z)
            open(os.path.join(d, 'packed.mhd'), 'wb').write(header(3, dims, 'MET_SHORT', 'packed.zraw', compressed=True, csize=len(z)))
            names.append('packed.mhd')
            open(os.path.join(d, 'local.mha'), 'wb').write(header(3, dims, 'MET_FLOAT', 'LOCAL') + arr('f4').tobytes())
            names.append('local.mha')
            open(os.path.join(d, 'local_z.mha'), 'wb').write(header(3, dims, 'MET_UCHAR', 'LOCAL', compressed=True) + zlib.compress(arr('u1').tobytes()))
            names.append('local_z.mha')
            open(os.path.join(d, 'skip.raw'), 'wb').write(b'\\x07' * 100 + arr('i2').tobytes())
            open(os.path.join(d, 'skip.mhd'), 'wb').write(header(3, dims, 'MET_SHORT', 'skip.raw', extra='HeaderSize = 100\\n'))
            names.append('skip.mhd')
            open(os.path.join(d, 'tail.raw'), 'wb').write(b'\\x07' * 33 + arr('i2').tobytes())
            open(os.path.join(d, 'tail.mhd'), 'wb').write(header(3, dims, 'MET_SHORT', 'tail.raw', extra='HeaderSize = -1\\n'))
            names.append('tail.mhd')
            flat = rng.integers(0, 255, size=(5, 6)).astype('u1')
            open(os.path.join(d, 'flat.raw'), 'wb').write(flat.tobytes())
            open(os.path.join(d, 'flat.mhd'), 'wb').write(header(2, (6, 5), 'MET_UCHAR', 'flat.raw'))
            names.append('flat.mhd')
            print('\\n'.join(os.path.join(d, n) for n in names))
            """;

    /** Independent MetaImage parser: prints the LPS affine (x, y, z index to LPS mm) and writes the voxels in C order. */
    static final String ORACLE = """
            import sys, os, zlib, numpy as np
            out = sys.argv[1]
            types = {'MET_UCHAR': 'u1', 'MET_CHAR': 'i1', 'MET_SHORT': 'i2', 'MET_USHORT': 'u2', 'MET_INT': 'i4',
                     'MET_UINT': 'u4', 'MET_LONG_LONG': 'i8', 'MET_ULONG_LONG': 'u8', 'MET_FLOAT': 'f4', 'MET_DOUBLE': 'f8'}
            for n, f in enumerate(sys.argv[2:]):
                raw = open(f, 'rb').read()
                fields, pos = {}, 0
                while True:
                    end = raw.index(b'\\n', pos)
                    k, v = raw[pos:end].decode().split('=', 1)
                    fields[k.strip()] = v.strip(); pos = end + 1
                    if k.strip() == 'ElementDataFile': break
                nd = int(fields['NDims'])
                dims = [int(x) for x in fields['DimSize'].split()]
                sp = [float(x) for x in fields['ElementSpacing'].split()]
                off = [float(x) for x in fields['Offset'].split()]
                tm = np.array([float(x) for x in fields['TransformMatrix'].split()]).reshape(nd, nd)
                m = np.eye(4)
                m[:nd, :nd] = tm.T @ np.diag(sp)  # TransformMatrix row a = direction of index axis a
                m[:nd, 3] = off
                dt = np.dtype(types[fields['ElementType']]).newbyteorder('>' if fields.get('BinaryDataByteOrderMSB') == 'True' else '<')
                count = int(np.prod(dims))
                if fields['ElementDataFile'] == 'LOCAL':
                    data = raw[pos:]
                else:
                    data = open(os.path.join(os.path.dirname(f), fields['ElementDataFile']), 'rb').read()
                if fields.get('CompressedData') == 'True':
                    data = zlib.decompress(data)
                hs = int(fields.get('HeaderSize', 0))
                data = data[len(data) - count * dt.itemsize:] if hs == -1 else data[hs:]
                a = np.frombuffer(data, dtype=dt, count=count)
                a.astype('<f8').tofile(f'{out}/{n}.f64')
                print(n, ','.join(repr(float(v)) for v in m.ravel()), sep='|')
            """;

    @TempDir
    Path tmp;

    private void assertMatchesOracle(List<Path> files, List<Volume> volumes) throws IOException {
        Path out = Files.createTempDirectory(tmp, "oracle");
        List<String> args = new ArrayList<>(List.of(out.toString()));
        files.forEach(f -> args.add(f.toString()));
        String[] lines = PythonOracle.run(ORACLE, args.toArray(String[]::new)).strip().split("\n");
        assertThat(lines).hasSameSizeAs(files);
        for (String line : lines) {
            String[] p = line.split("\\|");
            int n = Integer.parseInt(p[0]);
            double[] affine = Arrays.stream(p[1].split(",")).mapToDouble(Double::parseDouble).toArray();
            String what = files.get(n).getFileName().toString();
            OracleVoxels.assertSameVoxels(volumes.get(n), OracleVoxels.load(out.resolve(n + ".f64")), what);
            OracleVoxels.assertSameAffine(volumes.get(n).geometry().affineLps(), affine, 1e-12, what);
        }
    }

    @Test
    void readsItkStyleFilesLikeAnIndependentParser() throws IOException {
        List<Path> files = PythonOracle.run(GENERATE, tmp.toString()).lines().map(Path::of).toList();
        assertThat(files).hasSize(27);
        List<Volume> volumes = new ArrayList<>();
        for (Path f : files) {
            Volume v = VolumeIO.read(f);
            assertThat(v.metadata()).containsEntry("format", "MetaImage");
            volumes.add(v);
        }
        assertMatchesOracle(files, volumes);
        assertThat(VolumeIO.read(tmp.resolve("MET_USHORT_msb.mhd")).type()).isEqualTo(DataType.INT32);
        assertThat(VolumeIO.read(tmp.resolve("MET_CHAR_lsb.mhd")).metadata()).containsEntry("source.dtype", "int8");
        assertThat(VolumeIO.read(tmp.resolve("flat.mhd")).sizeZ()).isEqualTo(1);
    }

    @Test
    void theOracleParsesWhatWeWrite() throws IOException {
        List<Path> files = new ArrayList<>();
        List<Volume> volumes = new ArrayList<>();
        long seed = 1;
        for (DataType type : DataType.values()) {
            for (String ext : new String[] {".mhd", ".mha"}) {
                Volume v = org.calcify.io.nifti.NiftiTestVolumes.random(type, seed++, seed % 2 == 0);
                Path p = tmp.resolve(type + ext);
                VolumeIO.write(v, p);
                files.add(p);
                volumes.add(v);
            }
        }
        assertThat(Files.readString(tmp.resolve("INT16.mhd"))).contains("ElementDataFile = INT16.raw")
                .contains("AnatomicalOrientation = RAI").contains("ElementType = MET_SHORT");
        assertMatchesOracle(files, volumes);
    }

    @Test
    void badInputIsInvalidInput() throws IOException {
        PythonOracle.run(GENERATE, tmp.toString());
        Files.delete(tmp.resolve("luna.raw"));
        assertInvalid(tmp.resolve("luna.mhd"), "is missing");
        Files.write(tmp.resolve("MET_SHORT_lsb.raw"), new byte[10]);
        assertInvalid(tmp.resolve("MET_SHORT_lsb.mhd"), "fewer than the 240 the header needs");
        byte[] z = Files.readAllBytes(tmp.resolve("packed.zraw"));
        Files.write(tmp.resolve("packed.zraw"), Arrays.copyOf(z, z.length / 2));
        assertInvalid(tmp.resolve("packed.mhd"), "");
        String h = Files.readString(tmp.resolve("MET_INT_lsb.mhd"));
        Files.writeString(tmp.resolve("huge.mhd"), h.replace("DimSize = 6 5 4", "DimSize = 1073741824 1 1"));
        assertInvalid(tmp.resolve("huge.mhd"), "fewer than");
        Files.writeString(tmp.resolve("neg.mhd"), h.replace("DimSize = 6 5 4", "DimSize = 6 -5 4"));
        assertInvalid(tmp.resolve("neg.mhd"), "DimSize");
        Files.writeString(tmp.resolve("4d.mhd"), h.replace("NDims = 3", "NDims = 4"));
        assertInvalid(tmp.resolve("4d.mhd"), "NDims = 4");
        Files.writeString(tmp.resolve("rgb.mhd"), h.replace("ElementType = MET_INT", "ElementNumberOfChannels = 3\nElementType = MET_INT"));
        assertInvalid(tmp.resolve("rgb.mhd"), "ElementNumberOfChannels");
        Files.writeString(tmp.resolve("list.mhd"), h.replace("ElementDataFile = MET_INT_lsb.raw", "ElementDataFile = LIST"));
        assertInvalid(tmp.resolve("list.mhd"), "several files");
        Files.writeString(tmp.resolve("type.mhd"), h.replace("MET_INT", "MET_FLOAT_ARRAY"));
        assertInvalid(tmp.resolve("type.mhd"), "ElementType");
        Files.writeString(tmp.resolve("nofile.mhd"), "ObjectType = Image\nNDims = 3\n");
        assertInvalid(tmp.resolve("nofile.mhd"), "ElementDataFile");
        Files.writeString(tmp.resolve("nan.mhd"), h.replace("ElementSpacing = 0.703125", "ElementSpacing = nan"));
        assertInvalid(tmp.resolve("nan.mhd"), "bad number");
    }

    private static void assertInvalid(Path p, String part) {
        assertThatThrownBy(() -> VolumeIO.read(p)).isInstanceOf(InvalidInputException.class).hasMessageContaining(part);
    }
}
