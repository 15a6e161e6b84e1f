package org.calcify.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calcify.testing.PythonOracle;

/**
 * pydicom (Debian's python3-pydicom, via {@link PythonOracle}) as the reference for the DICOM reader:
 * per file {@code pixel_array * RescaleSlope + RescaleIntercept} as float64, plus header values; per
 * folder the series stacked in pydicom's own sort by IPP projected on the IOP normal.
 */
final class PydicomOracle {
    private PydicomOracle() {
    }

    /** One file or series as pydicom sees it: voxels (z, y, x) and "key values..." header lines. */
    record Result(double[] values, Map<String, String> fields) {
        double[] numbers(String key) {
            String v = fields.get(key);
            if (v == null || v.isBlank()) {
                return null;
            }
            return Arrays.stream(v.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        }

        String text(String key) {
            return fields.get(key);
        }
    }

    private static final String COMMON = String.join("\n",
            "import sys, os, warnings, numpy as np, pydicom",
            "warnings.simplefilter('ignore')",
            "def rescaled(ds):",
            "    a = ds.pixel_array.astype(np.float64)",
            "    s = float(ds.get('RescaleSlope', 1) or 1); b = float(ds.get('RescaleIntercept', 0) or 0)",
            "    return a * s + b",
            "def nums(v):",
            "    return ' '.join(repr(float(x)) for x in v) if v is not None else ''",
            "");

    private static final String FILES_SCRIPT = COMMON + String.join("\n",
            "out = sys.argv[1]; pixels = sys.argv[2] == '1'",
            "for i, f in enumerate(sys.argv[3:]):",
            "    ds = pydicom.dcmread(f, force=True)",
            "    print('file', i)",
            "    ts = getattr(getattr(ds, 'file_meta', None), 'TransferSyntaxUID', None)",
            "    print('ts', ts if ts else '')",
            "    for k in ['Modality', 'SeriesInstanceUID', 'Rows', 'Columns', 'BitsAllocated', 'BitsStored',",
            "              'PixelRepresentation', 'PhotometricInterpretation', 'SeriesDescription', 'Manufacturer']:",
            "        v = ds.get(k)",
            "        print(k, '' if v is None else v)",
            "    for k in ['ImagePositionPatient', 'ImageOrientationPatient', 'PixelSpacing']:",
            "        print(k, nums(ds.get(k)))",
            "    print('HasPixelData', 'PixelData' in ds)",
            "    print('implicit', ds.is_implicit_VR); print('little', ds.is_little_endian)",
            "    print('SOPClassUID', ds.get('SOPClassUID', ''))",
            "    if 'PixelData' in ds: print('PixelDataLength', len(ds.PixelData))",
            "    if pixels:",
            "        if not ts:  # no meta header: decode with the encoding pydicom guessed while reading",
            "            from pydicom.uid import ImplicitVRLittleEndian, ExplicitVRLittleEndian, ExplicitVRBigEndian",
            "            ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian if ds.is_implicit_VR else (",
            "                ExplicitVRLittleEndian if ds.is_little_endian else ExplicitVRBigEndian)",
            "        a = rescaled(ds)",
            "        print('shape', ' '.join(str(x) for x in a.shape))",
            "        a.astype('<f8').tofile(os.path.join(out, '%d.raw' % i))",
            "");

    private static final String SERIES_SCRIPT = COMMON + String.join("\n",
            "out = sys.argv[1]; folder = sys.argv[2]",
            "dss = []",
            "for root, dirs, files in os.walk(folder):",
            "    for n in files:",
            "        try:",
            "            dss.append(pydicom.dcmread(os.path.join(root, n)))",
            "        except Exception:",
            "            pass",
            "dss = [d for d in dss if 'PixelData' in d]",
            "iop = np.array([float(x) for x in dss[0].ImageOrientationPatient])",
            "normal = np.cross(iop[:3], iop[3:])",
            "dss.sort(key=lambda d: float(np.dot([float(x) for x in d.ImagePositionPatient], normal)))",
            "pos = [float(np.dot([float(x) for x in d.ImagePositionPatient], normal)) for d in dss]",
            "vol = np.stack([rescaled(d) for d in dss])",
            "vol.astype('<f8').tofile(os.path.join(out, 'series.raw'))",
            "print('shape', ' '.join(str(x) for x in vol.shape))",
            "print('positions', nums(pos))",
            "print('origin', nums(dss[0].ImagePositionPatient))",
            "print('normal', nums(normal))",
            "print('iop', nums(iop))",
            "ps = dss[0].PixelSpacing",
            "print('spacing', nums([ps[1], ps[0], float(np.median(np.diff(pos))) if len(pos) > 1 else 0.0]))",
            "print('ipp', ' '.join(nums(d.ImagePositionPatient) for d in dss))",
            "");

    /** pydicom's view of each file; {@code withPixels} also decodes the pixels. */
    static List<Result> files(boolean withPixels, List<Path> files) {
        try {
            Path out = Files.createTempDirectory("pydicom-oracle");
            List<String> args = new ArrayList<>();
            args.add(out.toString());
            args.add(withPixels ? "1" : "0");
            files.forEach(f -> args.add(f.toString()));
            String stdout = PythonOracle.run(FILES_SCRIPT, args.toArray(String[]::new));
            List<Map<String, String>> blocks = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("file ")) {
                    blocks.add(new HashMap<>());
                    continue;
                }
                int sp = line.indexOf(' ');
                String k = sp < 0 ? line : line.substring(0, sp);
                blocks.get(blocks.size() - 1).put(k, sp < 0 ? "" : line.substring(sp + 1));
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                Path raw = out.resolve(i + ".raw");
                results.add(new Result(withPixels ? readDoubles(raw) : null, blocks.get(i)));
                Files.deleteIfExists(raw);
            }
            Files.deleteIfExists(out);
            return results;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Result file(Path file) {
        return files(true, List.of(file)).get(0);
    }

    /** pydicom's stack of the images in {@code folder}, sorted along the slice normal. */
    static Result series(Path folder) {
        try {
            Path out = Files.createTempDirectory("pydicom-series");
            String stdout = PythonOracle.run(SERIES_SCRIPT, out.toString(), folder.toString());
            Map<String, String> fields = new HashMap<>();
            for (String line : stdout.split("\n")) {
                int sp = line.indexOf(' ');
                if (sp > 0) {
                    fields.put(line.substring(0, sp), line.substring(sp + 1));
                }
            }
            Path raw = out.resolve("series.raw");
            double[] v = readDoubles(raw);
            Files.deleteIfExists(raw);
            Files.deleteIfExists(out);
            return new Result(v, fields);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double[] readDoubles(Path raw) throws IOException {
        byte[] b = Files.readAllBytes(raw);
        double[] d = new double[b.length / 8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
        return d;
    }

    static Path testFile(String name) {
        return TestFiles.PYDICOM.resolve(name);
    }

    /** Lazily computed folders. */
    static final class TestFiles {
        static final Path PYDICOM = PythonOracle.pydicomTestFiles();
        static final Path REAL = PythonOracle.realData();

        private TestFiles() {
        }
    }
}
