package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify convert} checked against pydicom, nibabel, NumPy and dcm2niix at test time. */
class ConvertCommandTest {

    /** pydicom's view of a series: slices sorted along the normal, pixel_array * slope + intercept. */
    private static final String PYDICOM_STACK = """
            import sys, glob, os, numpy as np, pydicom
            def stack(folder):
                ds = [pydicom.dcmread(f) for f in sorted(glob.glob(os.path.join(folder, '*.dcm')))]
                iop = np.array(ds[0].ImageOrientationPatient, float)
                normal = np.cross(iop[:3], iop[3:])
                ds.sort(key=lambda d: float(np.dot(normal, np.array(d.ImagePositionPatient, float))))
                return np.stack([d.pixel_array * float(getattr(d, 'RescaleSlope', 1)) + float(getattr(d, 'RescaleIntercept', 0)) for d in ds])
            """;

    @Test
    void dicomSeriesToNpyEqualsPydicom(@TempDir Path dir) {
        Path series = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        Path out = dir.resolve("ct.npy");
        CliRunner r = CliRunner.run("convert", series.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run(PYDICOM_STACK + """
                ref = stack(sys.argv[1])
                ours = np.load(sys.argv[2])
                assert ours.shape == ref.shape, (ours.shape, ref.shape)
                assert np.array_equal(ours.astype(float), ref), np.abs(ours - ref).max()
                print('same', ours.dtype)
                """, series.toString(), out.toString());
        assertThat(verdict).startsWith("same int16");
    }

    @Test
    void windowedConversionEqualsTheThreadOnPydicomValues(@TempDir Path dir) {
        Path series = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        Path out = dir.resolve("ct_w.npy");
        CliRunner r = CliRunner.run("convert", "--window", "mediastinum", series.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run(PYDICOM_STACK + """
                def window_leveling(x, c=50, w=400, ymin=0, ymax=255):
                    output = x.copy()
                    wmin = (c - 0.5) - ((w - 1) / 2)
                    wmax = (c - 0.5) + ((w - 1) / 2)
                    output = ((wmin < x) & (x <= wmax)) * ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin
                    output[x <= wmin] = ymin
                    output[x > wmax] = ymax
                    return output.astype(np.uint8)
                ref = window_leveling(stack(sys.argv[1]).astype(np.int16))
                ours = np.load(sys.argv[2])
                assert ours.dtype == np.uint8 and np.array_equal(ours, ref), (ours.dtype, (ours != ref).sum())
                print('same')
                """, series.toString(), out.toString());
        assertThat(verdict).startsWith("same");
    }

    @Test
    void niftiToNpyIsTheStoredArrayWithAxesReversed(@TempDir Path dir) {
        Path nifti = PythonOracle.nibabelTestData().resolve("anatomical.nii");
        Path out = dir.resolve("anat.npy");
        CliRunner r = CliRunner.run("convert", nifti.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, numpy as np, nibabel as nib
                img = nib.load(sys.argv[1])
                ref = np.asarray(img.get_fdata()).T
                ours = np.load(sys.argv[2])
                assert ours.shape == ref.shape, (ours.shape, ref.shape)
                assert np.allclose(ours, ref, rtol=1e-6, atol=1e-6)
                print('same')
                """, nifti.toString(), out.toString());
        assertThat(verdict).startsWith("same");
    }

    /**
     * The cross-check: Calcify's NIfTI of a DICOM series puts every voxel at the same world
     * coordinate with the same value as dcm2niix's, after both are reoriented to the closest canonical
     * orientation by nibabel.
     */
    @Test
    void dicomToNiftiMatchesDcm2niix(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"dcmqi-ct-3slice", "totalseg/example_ct_dicom"}) {
            Path series = PythonOracle.realData().resolve(name);
            Path ours = dir.resolve(name.replace('/', '_') + ".nii.gz");
            CliRunner r = CliRunner.run("convert", series.toString(), ours.toString());
            assertThat(r.exitCode()).as(name + ": " + r.err()).isZero();
            Path ref = Files.createDirectories(dir.resolve(name.replace('/', '_') + "-dcm2niix"));
            String verdict = PythonOracle.run("""
                    import sys, glob, subprocess, numpy as np, nibabel as nib
                    series, refdir, ours = sys.argv[1:4]
                    subprocess.run(['dcm2niix', '-z', 'y', '-f', 'ref', '-o', refdir, series], check=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    refs = sorted(glob.glob(refdir + '/ref*.nii.gz'))
                    assert refs, 'dcm2niix wrote nothing'
                    a = nib.as_closest_canonical(nib.load(ours))
                    b = nib.as_closest_canonical(nib.load(refs[0]))
                    assert a.shape == b.shape, (a.shape, b.shape)
                    assert np.allclose(a.affine, b.affine, atol=1e-3), (a.affine, b.affine)
                    da, db = a.get_fdata(), b.get_fdata()
                    assert np.array_equal(da, db), np.abs(da - db).max()
                    print('same', a.shape)
                    """, series.toString(), ref.toString(), ours.toString());
            assertThat(verdict).as(name).startsWith("same");
        }
    }

    @Test
    void badInputLeavesNoOutput(@TempDir Path dir) throws IOException {
        Path src = PythonOracle.realData().resolve("dcmqi-ct-3slice/01.dcm");
        byte[] all = Files.readAllBytes(src);
        Path truncated = dir.resolve("in/truncated.dcm");
        Files.createDirectories(truncated.getParent());
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
        Path outDir = Files.createDirectories(dir.resolve("out"));
        CliRunner r = CliRunner.run("convert", truncated.toString(), outDir.resolve("x.nii.gz").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("calcify: error: ").contains("truncated.dcm");
        try (Stream<Path> s = Files.list(outDir)) {
            assertThat(s).isEmpty();
        }
        r = CliRunner.run("convert", src.toString(), outDir.resolve("x.tiff").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("x.tiff");
    }

    @Test
    void phantomToDicomSeriesHoldsTheSameHu(@TempDir Path dir) throws IOException {
        CliRunner p = CliRunner.run("phantom", "--out", dir.resolve("ph").toString(), "--count", "1", "--size", "96",
                "--slices", "12-12", "--seed", "3");
        assertThat(p.exitCode()).as(p.err()).isZero();
        Path nii = dir.resolve("ph/case-0000/ct.nii.gz");
        Path series = dir.resolve("series");
        CliRunner r = CliRunner.run("convert", nii.toString(), series.toString(), "--to", "dicom", "--kvp", "100");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("12 CT slices of 96 x 96");
        org.calcify.testing.DicomTools.Result check = org.calcify.testing.DicomTools.dciodvfy(series.resolve("ct0006.dcm"));
        assertThat(check.errors()).as(check.output()).isEmpty();
        String verdict = PythonOracle.run(PYDICOM_STACK + """
                import nibabel as nib
                ref = np.asanyarray(nib.load(sys.argv[2]).dataobj).transpose(2, 1, 0)
                ours = stack(sys.argv[1])
                assert ours.shape == ref.shape, (ours.shape, ref.shape)
                assert np.array_equal(ours, ref.astype(float)), np.abs(ours - ref).max()
                d = pydicom.dcmread(os.path.join(sys.argv[1], 'ct0001.dcm'))
                assert float(d.KVP) == 100 and d.SOPClassUID == '1.2.840.10008.5.1.4.1.1.2'
                print('same', ours.shape)
                """, series.toString(), nii.toString());
        assertThat(verdict).startsWith("same (12, 96, 96)");

        // a folder that holds something, or --window (uint8 display values, not HU), is refused
        CliRunner again = CliRunner.run("convert", nii.toString(), series.toString(), "--to", "dicom");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("not empty");
        CliRunner windowed = CliRunner.run("convert", nii.toString(), dir.resolve("w").toString(), "--to", "dicom", "--window", "calcium");
        assertThat(windowed.exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("w"))).isFalse();
    }
}
