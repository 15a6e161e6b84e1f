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
