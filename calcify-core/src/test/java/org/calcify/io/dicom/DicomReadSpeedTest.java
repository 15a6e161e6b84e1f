package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.calcify.io.ReadOptions;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 512x512x300 int16 uncompressed series (300 copies of a real CT slice at 1 mm steps, written by
 * pydicom) must read at least as fast as pydicom reads it (dcmread + pixel_array + rescale per file,
 * stacked), timed inside Python so its start-up is not counted.
 */
class DicomReadSpeedTest {
    @TempDir
    Path tmp;

    private static final String WRITE_AND_TIME = String.join("\n",
            "import sys, os, time, numpy as np, pydicom",
            "src, out = sys.argv[1], sys.argv[2]",
            "ds = pydicom.dcmread(src)",
            "x, y, z0 = [float(v) for v in ds.ImagePositionPatient]",
            "for i in range(300):",
            "    ds.ImagePositionPatient = [x, y, '%.3f' % (z0 - i)]",
            "    ds.InstanceNumber = i + 1; ds.SOPInstanceUID = '1.2.826.0.1.3680043.2.1125.%d' % (i + 1)",
            "    ds.save_as(os.path.join(out, '%03d.dcm' % i), write_like_original=False)",
            "best = 1e9",
            "for rep in range(2):",
            "    t = time.perf_counter()",
            "    arrs = []",
            "    for n in sorted(os.listdir(out)):",
            "        d = pydicom.dcmread(os.path.join(out, n))",
            "        arrs.append(d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept))",
            "    vol = np.stack(arrs)",
            "    best = min(best, time.perf_counter() - t)",
            "print(best)",
            "");

    @Test
    void readsA300SliceSeriesFasterThanPydicom() throws Exception {
        Path source = PydicomOracle.TestFiles.REAL.resolve("dcmqi-ct-3slice/01.dcm");
        double pydicomSeconds = Double.parseDouble(PythonOracle.run(WRITE_AND_TIME, source.toString(), tmp.toString()).trim());
        DicomFormat format = new DicomFormat();
        Volume v = format.read(tmp, ReadOptions.DEFAULT); // warm-up
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            v = format.read(tmp, ReadOptions.DEFAULT);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        assertThat(new int[] {v.sizeZ(), v.sizeY(), v.sizeX()}).containsExactly(300, 512, 512);
        assertThat(v.geometry().spacingZ()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        double[] slice = PydicomOracle.file(source).values();
        int n = 512 * 512;
        for (int z : new int[] {0, 150, 299}) {
            double[] got = new double[n];
            for (int i = 0; i < n; i++) {
                got[i] = v.valueAt(z * n + i);
            }
            assertThat(Arrays.equals(got, slice)).as("slice " + z + " equals pydicom of the source").isTrue();
        }
        System.out.printf("DICOM 512x512x300 int16: Calcify %.3f s, pydicom %.3f s%n", best, pydicomSeconds);
        assertThat(best).as("Calcify seconds vs pydicom " + pydicomSeconds + " s").isLessThanOrEqualTo(pydicomSeconds);
    }
}
