package org.calcify.io.nifti;

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
import org.calcify.volume.Volume;

/**
 * nibabel as the oracle for NIfTI files: for each file it writes the voxels ({@code
 * np.asanyarray(img.dataobj)}, or {@code img.get_fdata()} when the header scales) in our (z, y, x)
 * order and prints the shape, the on-disk dtype and {@code img.affine} converted to LPS (and to mm
 * when xyzt_units says metres or microns).
 */
final class NibabelOracle {
    static final String SCRIPT = """
            import sys, numpy as np, nibabel as nib
            out = sys.argv[1]
            for n, f in enumerate(sys.argv[2:]):
                img = nib.load(f)
                if not hasattr(img.header, 'get_xyzt_units'):  # CIFTI-2: read the plain NIfTI-2 underneath
                    img = nib.Nifti2Image.from_filename(f)
                shape = img.shape
                hdr = img.header
                unit = {'meter': 1000.0, 'micron': 0.001}.get(hdr.get_xyzt_units()[0], 1.0)
                lps = np.diag([-1.0, -1.0, 1.0, 1.0]) @ img.affine
                lps[:3, :] *= unit
                status = 'OK'
                if len(shape) > 3 and any(s > 1 for s in shape[3:]):
                    status = 'ND'
                else:
                    slope, inter = hdr.get_slope_inter()
                    if slope is None or (slope == 1 and inter == 0):
                        arr = np.asanyarray(img.dataobj)
                    else:
                        arr = img.get_fdata()
                    np.asarray(arr, dtype='<f8').ravel(order='F').tofile(f'{out}/{n}.f64')
                print(n, status, ','.join(map(str, shape)), img.get_data_dtype().name,
                      ','.join(repr(float(v)) for v in lps.ravel()), sep='|')
            """;

    /** What nibabel says about one file. */
    record Answer(Path file, boolean spatial, String shape, String dtype, double[] affineLps, Path voxels) {
    }

    private NibabelOracle() {
    }

    static List<Answer> ask(List<Path> files, Path workDir) throws IOException {
        Path out = Files.createTempDirectory(workDir, "nibabel");
        List<String> args = new ArrayList<>();
        args.add(out.toString());
        files.forEach(f -> args.add(f.toString()));
        String stdout = PythonOracle.run(SCRIPT, args.toArray(String[]::new));
        List<Answer> answers = new ArrayList<>();
        for (String line : stdout.strip().split("\n")) {
            String[] p = line.split("\\|");
            int n = Integer.parseInt(p[0]);
            double[] affine = Arrays.stream(p[4].split(",")).mapToDouble(Double::parseDouble).toArray();
            answers.add(new Answer(files.get(n), p[1].equals("OK"), p[2], p[3], affine, out.resolve(n + ".f64")));
        }
        assertThat(answers).hasSameSizeAs(files);
        return answers;
    }

    /**
     * Reads every file with Calcify and checks it against nibabel: same voxels, same affine (LPS),
     * same on-disk dtype; images with a 4th axis longer than 1 must be refused naming their shape.
     */
    static List<Volume> assertReadsLikeNibabel(List<Path> files, Path workDir) throws IOException {
        List<Volume> volumes = new ArrayList<>();
        for (Answer a : ask(files, workDir)) {
            String what = a.file().getFileName().toString();
            if (!a.spatial()) {
                String shape = "(" + a.shape().replace(",", ", ") + ")";
                assertThatThrownBy(() -> VolumeIO.read(a.file())).as(what)
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining(shape);
                continue;
            }
            Volume v = VolumeIO.read(a.file());
            assertThat(v.metadata().get("source.dtype")).as(what + " dtype").isEqualTo(a.dtype());
            assertThat(v.metadata().get("format")).as(what).startsWith("NIfTI-");
            OracleVoxels.assertSameVoxels(v, OracleVoxels.load(a.voxels()), what);
            OracleVoxels.assertSameAffine(v.geometry().affineLps(), a.affineLps(), 1e-9, what);
            volumes.add(v);
        }
        return volumes;
    }
}
