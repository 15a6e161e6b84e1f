package org.calcify.io.nrrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.raw.OracleVoxels;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NRRD read by Calcify against an independent Python parse (header text, gzip/zlib, np.frombuffer;
 * pynrrd is not packaged in Debian), on dcmqi's real label maps (also checked against the DICOM
 * geometry of the same folder, read with pydicom) and on files written by Python covering every
 * type, encoding, byte order, space and skip.
 */
class NrrdTest {
    static final String ORACLE = """
            import sys, os, gzip, re, numpy as np
            out = sys.argv[1]
            types = {'signed char': 'i1', 'uchar': 'u1', 'unsigned char': 'u1', 'short': 'i2', 'ushort': 'u2',
                     'unsigned short': 'u2', 'int': 'i4', 'uint': 'u4', 'long long': 'i8', 'int64': 'i8',
                     'unsigned long long': 'u8', 'uint64': 'u8', 'float': 'f4', 'double': 'f8', 'int16': 'i2',
                     'uint8': 'u1', 'int8': 'i1', 'uint16': 'u2', 'int32': 'i4', 'uint32': 'u4'}
            for n, f in enumerate(sys.argv[2:]):
                raw = open(f, 'rb').read()
                end = raw.index(b'\\n\\n') + 2 if b'\\n\\n' in raw else len(raw)
                fields = {}
                for line in raw[:end].decode('latin-1').splitlines()[1:]:
                    if not line or line.startswith('#') or ':=' in line: continue
                    k, v = line.split(': ', 1); fields[k] = v.strip()
                sizes = [int(s) for s in fields['sizes'].split()]
                dt = np.dtype(types[fields['type']]).newbyteorder('>' if fields.get('endian') == 'big' else '<')
                m = np.eye(4)
                if 'space directions' in fields:
                    vecs = [[float(x) for x in v.split(',')] for v in re.findall(r'\\(([^)]*)\\)', fields['space directions'])]
                    org = [float(x) for x in re.findall(r'\\(([^)]*)\\)', fields['space origin'])[0].split(',')]
                    flip = {'right-anterior-superior': [-1, -1, 1], 'RAS': [-1, -1, 1]}.get(fields.get('space'), [1, 1, 1])
                    for a, v in enumerate(vecs): m[:3, a] = np.array(v) * flip
                    m[:3, 3] = np.array(org) * flip
                    if len(vecs) == 2:
                        c = np.cross(m[:3, 0], m[:3, 1]); m[:3, 2] = c / np.linalg.norm(c)
                elif 'spacings' in fields:
                    for a, s in enumerate(fields['spacings'].split()): m[a, a] = float(s)
                if 'data file' in fields:
                    data = open(os.path.join(os.path.dirname(f), fields['data file']), 'rb').read()
                else:
                    data = raw[end:]
                for _ in range(int(fields.get('line skip', 0))):
                    data = data[data.index(b'\\n') + 1:]
                enc = fields['encoding']
                count = int(np.prod(sizes))
                if enc in ('gzip', 'gz'):
                    data = gzip.decompress(data)
                skip = int(fields.get('byte skip', 0))
                if enc in ('ascii', 'text', 'txt'):
                    a = np.array(data.decode().split(), dtype=dt.newbyteorder('='))[:count]
                else:
                    data = data[len(data) - count * dt.itemsize:] if skip == -1 else data[skip:]
                    a = np.frombuffer(data, dtype=dt, count=count)
                a.astype('<f8').tofile(f'{out}/{n}.f64')
                print(n, ','.join(repr(float(v)) for v in m.ravel()), sep='|')
            """;

    static final String GENERATE = """
            import sys, os, gzip, numpy as np
            d = sys.argv[1]
            rng = np.random.default_rng(5)
            sizes = (6, 5, 4)
            def arr(dt):
                dt = np.dtype(dt)
                if dt.kind == 'f': return (rng.standard_normal(sizes[::-1]) * 300).astype(dt)
                i = np.iinfo(dt); return rng.integers(i.min, i.max, size=sizes[::-1], dtype=dt, endpoint=True)
            geo = 'space directions: (0.5,0.1,0) (-0.1,0.6,0) (0,0,2.5)\\nspace origin: (-120.5,33.25,-7)\\n'
            def head(t, enc, endian='little', space='left-posterior-superior', extra='', dims=sizes, g=geo):
                return ('NRRD0004\\n# written by the test\\ntype: %s\\ndimension: %d\\nspace: %s\\nsizes: %s\\n%skinds: domain domain domain\\n'
                        'endian: %s\\nencoding: %s\\n%s' % (t, len(dims), space, ' '.join(map(str, dims)), g, endian, enc, extra))
            names = []
            def put(name, content):
                open(os.path.join(d, name), 'wb').write(content); names.append(os.path.join(d, name))
            types = {'signed char': 'i1', 'uchar': 'u1', 'short': 'i2', 'ushort': 'u2', 'int': 'i4', 'uint': 'u4',
                     'long long': 'i8', 'unsigned long long': 'u8', 'float': 'f4', 'double': 'f8'}
            for t, dt in types.items():
                for e in ('little', 'big'):
                    a = arr(dt).astype(np.dtype(dt).newbyteorder('<' if e == 'little' else '>'))
                    put(f'{dt}_{e}.nrrd', head(t, 'raw', e).encode() + b'key:=value\\n\\n' + a.tobytes())
            put('gzip.nrrd', head('int16', 'gzip').encode() + b'\\n' + gzip.compress(arr('i2').tobytes()))
            put('ras.nrrd', head('float', 'gz', space='right-anterior-superior').encode() + b'\\n' + gzip.compress(arr('f4').tobytes()))
            put('ascii.nrrd', head('int', 'ascii').encode() + b'\\n' + '\\n'.join(map(str, arr('i4').ravel())).encode() + b'\\n')
            put('skip.nrrd', head('ushort', 'raw', extra='byte skip: 17\\n').encode() + b'\\n' + b'x' * 17 + arr('u2').tobytes())
            put('tail.nrrd', head('short', 'raw', extra='byte skip: -1\\n').encode() + b'\\n' + b'x' * 9 + arr('i2').tobytes())
            open(os.path.join(d, 'detached.raw.gz'), 'wb').write(b'junk line\\n' + gzip.compress(arr('f8').tobytes()))
            put('detached.nhdr', head('double', 'gzip', extra='data file: detached.raw.gz\\nline skip: 1\\n').encode())
            flat = head('uchar', 'raw', dims=(6, 5), g='space directions: (0.7,0,0) (0,0.8,0)\\nspace origin: (1,2,3)\\n')
            put('flat.nrrd', flat.replace('domain domain domain', 'domain domain').encode() + b'\\n'
                + rng.integers(0, 255, size=(5, 6)).astype('u1').tobytes())
            put('spacings.nrrd', head('short', 'raw', g='spacings: 0.9 0.8 3\\n').replace('space: left-posterior-superior\\n', '').encode() + b'\\n' + arr('i2').tobytes())
            print('\\n'.join(names))
            """;

    /** pydicom's view of the DICOM grid: LPS affine of index (x, y, z) with z = 0 the most inferior slice. */
    static final String DICOM_GRID = """
            import sys, numpy as np, pydicom
            ds = [pydicom.dcmread(f) for f in sys.argv[1:]]
            iop = np.array(ds[0].ImageOrientationPatient, dtype=float)
            row, col = iop[:3], iop[3:]
            normal = np.cross(row, col)
            ds.sort(key=lambda s: float(np.dot(np.array(s.ImagePositionPatient, dtype=float), normal)))
            p0 = np.array(ds[0].ImagePositionPatient, dtype=float)
            p1 = np.array(ds[1].ImagePositionPatient, dtype=float)
            ps = [float(x) for x in ds[0].PixelSpacing]
            m = np.eye(4)
            m[:3, 0] = row * ps[1]; m[:3, 1] = col * ps[0]; m[:3, 2] = p1 - p0; m[:3, 3] = p0
            print(','.join(repr(float(v)) for v in m.ravel()), ds[0].Rows, ds[0].Columns, len(ds))
            """;

    @TempDir
    Path tmp;

    private List<Volume> assertMatchesOracle(List<Path> files) throws IOException {
        Path out = Files.createTempDirectory(tmp, "oracle");
        List<String> args = new ArrayList<>(List.of(out.toString()));
        files.forEach(f -> args.add(f.toString()));
        String[] lines = PythonOracle.run(ORACLE, args.toArray(String[]::new)).strip().split("\n");
        assertThat(lines).hasSameSizeAs(files);
        List<Volume> volumes = new ArrayList<>();
        for (String line : lines) {
            String[] p = line.split("\\|");
            int n = Integer.parseInt(p[0]);
            double[] affine = Arrays.stream(p[1].split(",")).mapToDouble(Double::parseDouble).toArray();
            String what = files.get(n).getFileName().toString();
            Volume v = VolumeIO.read(files.get(n));
            assertThat(v.metadata()).as(what).containsEntry("format", "NRRD");
            OracleVoxels.assertSameVoxels(v, OracleVoxels.load(out.resolve(n + ".f64")), what);
            OracleVoxels.assertSameAffine(v.geometry().affineLps(), affine, 1e-12, what);
            volumes.add(v);
        }
        return volumes;
    }

    @Test
    void readsDcmqiLabelMapsLikeAnIndependentParserAndOnTheDicomGrid() throws IOException {
        Path dir = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        List<Path> nrrds;
        List<String> dicoms;
        try (Stream<Path> s = Files.list(dir)) {
            nrrds = s.filter(p -> p.toString().endsWith(".nrrd")).sorted().toList();
        }
        try (Stream<Path> s = Files.list(dir)) {
            dicoms = s.filter(p -> p.toString().endsWith(".dcm")).map(Path::toString).sorted().toList();
        }
        assertThat(nrrds).hasSize(3);
        List<Volume> volumes = assertMatchesOracle(nrrds);

        String[] grid = PythonOracle.run(DICOM_GRID, dicoms.toArray(String[]::new)).strip().split(" ");
        double[] dicomAffine = Arrays.stream(grid[0].split(",")).mapToDouble(Double::parseDouble).toArray();
        for (Volume v : volumes) {
            assertThat(v.sizeX()).isEqualTo(Integer.parseInt(grid[2]));
            assertThat(v.sizeY()).isEqualTo(Integer.parseInt(grid[1]));
            assertThat(v.sizeZ()).isEqualTo(Integer.parseInt(grid[3]));
            OracleVoxels.assertSameAffine(v.geometry().affineLps(), dicomAffine, 1e-6, "NRRD grid vs DICOM grid");
            assertThat(v.type()).isEqualTo(DataType.INT16);
            assertThat(v.statistics().max()).isGreaterThan(0);
        }
    }

    @Test
    void readsEveryTypeEncodingAndSpaceLikeAnIndependentParser() throws IOException {
        List<Path> files = PythonOracle.run(GENERATE, tmp.toString()).lines().map(Path::of).toList();
        assertThat(files).hasSize(28);
        assertMatchesOracle(files);
        assertThat(VolumeIO.read(tmp.resolve("u2_big.nrrd")).type()).isEqualTo(DataType.INT32);
        assertThat(VolumeIO.read(tmp.resolve("flat.nrrd")).sizeZ()).isEqualTo(1);
        assertThat(VolumeIO.read(tmp.resolve("i1_little.nrrd")).metadata()).containsEntry("nrrd.key", "value");
    }

    @Test
    void badHeadersAndDataAreInvalidInput() throws IOException {
        PythonOracle.run(GENERATE, tmp.toString());
        String good = new String(Files.readAllBytes(tmp.resolve("i2_little.nrrd")), java.nio.charset.StandardCharsets.ISO_8859_1);
        bad("truncated.nrrd", good.substring(0, good.length() - 11), "truncated");
        bad("huge.nrrd", good.replace("sizes: 6 5 4", "sizes: 1073741824 1 1"), "fewer than");
        bad("neg.nrrd", good.replace("sizes: 6 5 4", "sizes: 6 -5 4"), "sizes");
        bad("nonint.nrrd", good.replace("sizes: 6 5 4", "sizes: 6 five 4"), "not an integer");
        bad("type.nrrd", good.replace("type: short", "type: block"), "unsupported NRRD type");
        bad("notype.nrrd", good.replace("type: short\n", ""), "'type'");
        bad("enc.nrrd", good.replace("encoding: raw", "encoding: bzip2"), "encoding");
        bad("space.nrrd", good.replace("left-posterior-superior", "somewhere"), "space");
        bad("vec.nrrd", good.replace("(0,0,2.5)", "(0,2.5)"), "needs 3 numbers");
        bad("nan.nrrd", good.replace("(0,0,2.5)", "(0,0,nan)"), "bad number");
        bad("4d.nrrd", good.replace("dimension: 3", "dimension: 4").replace("sizes: 6 5 4", "sizes: 3 6 5 4")
                .replace("space directions: ", "space directions: none "), "dimension 4 with sizes (3, 6, 5, 4)");
        bad("none.nrrd", good.replace("space directions: (0.5,0.1,0)", "space directions: none"), "none");
        bad("line.nrrd", good.replace("endian: little", "endian little"), "bad NRRD header line");
        bad("missing.nhdr", "NRRD0004\ntype: short\ndimension: 3\nsizes: 6 5 4\nencoding: raw\ndata file: nothere.raw\n", "is missing");
        bad("list.nhdr", "NRRD0004\ntype: short\ndimension: 3\nsizes: 6 5 4\nencoding: raw\ndata file: LIST\n", "several files");
        byte[] gz = Files.readAllBytes(tmp.resolve("gzip.nrrd"));
        Path cut = tmp.resolve("cut_gzip.nrrd");
        Files.write(cut, Arrays.copyOf(gz, gz.length - 40));
        assertThatThrownBy(() -> VolumeIO.read(cut)).isInstanceOf(InvalidInputException.class);
        bad("ascii_short.nrrd", "NRRD0004\ntype: int\ndimension: 3\nsizes: 2 2 2\nencoding: ascii\n\n1 2 3 4 5 6 7\n", "ends after 7 of 8");
        bad("ascii_nan.nrrd", "NRRD0004\ntype: int\ndimension: 3\nsizes: 2 2 2\nencoding: ascii\n\n1 2 3 x 5 6 7 8\n", "not a number");
    }

    private void bad(String name, String content, String part) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> VolumeIO.read(p)).as(name).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(part);
    }
}
