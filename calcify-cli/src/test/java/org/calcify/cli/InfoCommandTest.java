package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    @Test
    void dicomShowsSeriesAndWarnings() {
        Path tilt = PythonOracle.realData().resolve("dcmqa-ct-ge-tilt");
        // the expected shape is pydicom's: images in the folder x Rows x Columns
        String shape = PythonOracle.run("""
                import sys, glob, os, pydicom
                ds = [pydicom.dcmread(f, stop_before_pixels=True) for f in glob.glob(os.path.join(sys.argv[1], '*.dcm'))]
                assert len({(d.Rows, d.Columns) for d in ds}) == 1
                print(len(ds), ds[0].Rows, ds[0].Columns)
                """, tilt.toString()).trim();
        String[] zyx = shape.split(" ");
        CliRunner r = CliRunner.run("info", tilt.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("format: DICOM", "shape_zyx: " + String.join(" x ", zyx), "gantry tilt", "18.5",
                "uneven slice spacing", "dicom.series:");
        CliRunner j = CliRunner.run("info", "--json", tilt.toString());
        String verdict = PythonOracle.run("""
                import sys, json
                d = json.loads(sys.argv[1])
                want = [int(x) for x in sys.argv[2].split()]
                assert d['format'] == 'DICOM' and d['shape_zyx'] == want, (d, want)
                assert any('tilt' in w for w in d['warnings'])
                print('ok')
                """, j.out(), shape);
        assertThat(verdict.trim()).isEqualTo("ok");
    }

    @Test
    void paddingAcquisitionAndSkippedFilesOfARealGeSeriesAgreeWithPydicom() {
        Path ct3 = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        CliRunner j = CliRunner.run("info", "--json", ct3.toString());
        assertThat(j.exitCode()).as(j.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, os, json, numpy as np, pydicom
                d = json.loads(sys.argv[1]); folder = sys.argv[2]
                dss, others = [], []
                for n in sorted(os.listdir(folder)):
                    try:
                        dss.append(pydicom.dcmread(os.path.join(folder, n)))
                    except Exception:
                        others.append(n)
                first = min(dss, key=lambda ds: float(ds.ImagePositionPatient[2]))
                # the fields info always had are still there
                for k in ['path', 'format', 'shape_zyx', 'spacing_mm_xyz', 'origin_lps_mm', 'direction', 'orientation',
                          'dtype', 'source_dtype', 'values', 'metadata', 'warnings']:
                    assert k in d, k
                p = d['padding']
                ppv = int(first.PixelPaddingValue)
                hu = ppv * float(first.RescaleSlope) + float(first.RescaleIntercept)
                count = sum(int((ds.pixel_array == ppv).sum()) for ds in dss)
                total = sum(ds.pixel_array.size for ds in dss)
                assert p['source'] == 'pixel_padding_value' and float(p['hu']) == hu, p
                assert p['voxels'] == count and abs(p['fraction'] - count / total) < 1e-6, (p, count, total)
                a = d['acquisition']
                assert a['kvp'] == float(first.KVP), a
                kernel = first.ConvolutionKernel
                assert a['kernel'] == ([str(k) for k in kernel] if isinstance(kernel, pydicom.multival.MultiValue) else [str(kernel)]), a
                assert a['slice_thickness_mm'] == float(first.SliceThickness), a
                assert a['manufacturer'] == first.Manufacturer and a['manufacturer_model_name'] == first.ManufacturerModelName, a
                assert a['patient_id'] == first.PatientID and a['study_date'] == first.StudyDate, a
                assert a['series_number'] == int(first.SeriesNumber) and a['image_type'] == list(first.ImageType), a
                assert a['reconstruction_diameter_mm'] == float(first.ReconstructionDiameter), a
                assert ('contrast_agent' in a) == bool(first.get('ContrastBolusAgent')), a
                w = [x for x in d['warnings'] if x.startswith('skipped ')]
                assert len(w) == 1 and w[0].startswith('skipped %d non-DICOM files' % len(others)), (w, others)
                assert all(n in w[0] for n in others if n.endswith('.nrrd')), (w, others)
                assert d['shape_zyx'][0] == len(dss), d['shape_zyx']
                print('ok')
                """, j.out(), ct3.toString());
        assertThat(verdict.trim()).isEqualTo("ok");

        CliRunner text = CliRunner.run("info", ct3.toString());
        assertThat(text.out()).contains("padding:\n  source: pixel_padding_value\n", "acquisition:\n", "  kvp: ",
                "  kernel:\n", "skipped ");
    }

    @Test
    void aNiftiWithoutHeaderPaddingShowsItsConstantFillAndNoAcquisition(@TempDir Path dir) {
        Path nii = dir.resolve("ct3.nii.gz");
        Path ct3 = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        assertThat(CliRunner.run("convert", ct3.toString(), nii.toString()).exitCode()).isZero();
        CliRunner j = CliRunner.run("info", "--json", nii.toString());
        assertThat(j.exitCode()).as(j.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, json, nibabel as nib, numpy as np
                d = json.loads(sys.argv[1]); a = np.asanyarray(nib.load(sys.argv[2]).dataobj)
                corner = a[0, 0, 0]
                p = d['padding']
                assert p['source'] == 'constant_fill' and float(p['hu']) == float(corner), p
                assert p['voxels'] == int((a == corner).sum()), (p, int((a == corner).sum()))
                assert d['acquisition'] == {}, d['acquisition']
                print('ok')
                """, j.out(), nii.toString());
        assertThat(verdict.trim()).isEqualTo("ok");
    }

    @Test
    void cohortFolderShowsFoldsScansVoxelsAndEmr(@TempDir Path dir) {
        SeedCohorts.write(dir, "[[(6, 32, 40), (4, 32, 40)], [(5, 16, 16)]]", "3");
        CliRunner r = CliRunner.run("info", "--json", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, json
                d = json.loads(sys.argv[1])
                assert d['format'] == 'joblib seed cohort' and d['folds'] == 2 and d['scans'] == 3 and d['voxels'] == 21, d
                f1 = d['per_fold'][0]
                assert f1['scan_shapes_zyx'] == ['(6, 32, 40) int16', '(4, 32, 40) int16'], f1
                assert sum(f1['voxels_per_answer'].values()) == 14 and f1['emr_shape'] == '2 x 20', f1
                print('ok')
                """, r.out());
        assertThat(verdict.trim()).isEqualTo("ok");
        CliRunner text = CliRunner.run("info", dir.toString());
        assertThat(text.out()).contains("fold: 1", "voxels_per_answer:");
    }

    @Test
    void convertsOneScanOfACohortPickle(@TempDir Path dir) {
        SeedCohorts.write(dir, "[[(6, 32, 40)]]", "3");
        Path out = dir.resolve("scan0.npy");
        CliRunner r = CliRunner.run("convert", dir.resolve("cross_validation_ct_threshold_1.pkl").toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, joblib, numpy as np
                ref = joblib.load(sys.argv[1])[0]; ours = np.load(sys.argv[2])
                assert ours.dtype == ref.dtype and np.array_equal(ours, ref)
                print('same')
                """, dir.resolve("cross_validation_ct_threshold_1.pkl").toString(), out.toString());
        assertThat(verdict.trim()).isEqualTo("same");
    }
}
