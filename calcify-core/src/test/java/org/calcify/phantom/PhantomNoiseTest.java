package org.calcify.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noise a case gets, measured in NumPy against what was drawn: its standard deviation (over the
 * difference between a noisy case and the same case drawn noise-free, and in the flat regions of the
 * noisy case) and the shape of its power spectrum against the model {@code NPS(f) ∝ f exp(-2 (f/fc)^2)}
 * of filtered back-projection with the drawn kernel's cut-off.
 */
class PhantomNoiseTest {
    @TempDir
    Path dir;

    /**
     * argv: groups of (noisy.nii.gz, noise-free.nii.gz, drawn SD, cut-off per mm). Prints per group: SD of the
     * difference, SD in flat regions, correlation of the radial NPS with the model, measured and model peak
     * frequency, the NPS at the lowest frequency bin over its peak, and the bin width.
     */
    private static final String ORACLE = """
            import sys, numpy as np, nibabel as nib
            from scipy import ndimage
            a = sys.argv[1:]
            for g in range(0, len(a), 4):
                ni, fi = nib.load(a[g]), nib.load(a[g + 1])
                noisy = np.asarray(ni.dataobj).T.astype(np.float64)   # (z, y, x)
                free = np.asarray(fi.dataobj).T.astype(np.float64)
                sd, fc = float(a[g + 2]), float(a[g + 3])
                px = float(ni.header.get_zooms()[0])
                # far from the int16 clip limits nothing was clipped
                ok = (free > -900) & (free < 2900)
                diff = noisy - free
                sd_diff = diff[ok].std()
                # flat regions of the noise-free case: a 7 x 7 in-plane neighbourhood of one value
                flat = (ndimage.maximum_filter(free, size=(1, 7, 7)) == ndimage.minimum_filter(free, size=(1, 7, 7))) & ok
                sd_flat = np.sqrt(np.mean((noisy[flat] - free[flat]) ** 2))
                # noise power spectrum of the difference in the largest central square without clipping, radially averaged
                nz, ny, nx = diff.shape
                h = min(ny, nx) // 2
                while h > 8 and not ok[:, ny // 2 - h // 2: ny // 2 + h // 2, nx // 2 - h // 2: nx // 2 + h // 2].all():
                    h -= 8
                roi = diff[:, ny // 2 - h // 2: ny // 2 + h // 2, nx // 2 - h // 2: nx // 2 + h // 2]
                roi = roi - roi.mean(axis=(1, 2), keepdims=True)
                nps = (np.abs(np.fft.fft2(roi)) ** 2).mean(axis=0)
                f1 = np.fft.fftfreq(roi.shape[1], px)
                fr = np.hypot(*np.meshgrid(f1, f1, indexing='ij'))
                width = 2.0 / (roi.shape[1] * px)
                edges = np.arange(width / 2, 0.5 / px, width)
                idx = np.digitize(fr.ravel(), edges)
                meas = np.array([nps.ravel()[idx == i].mean() for i in range(1, len(edges))])
                centre = 0.5 * (edges[1:] + edges[:-1])
                model = centre * np.exp(-2 * (centre / fc) ** 2)
                r = np.corrcoef(meas, model)[0, 1]
                # the cut-off that fits the measured spectrum best (least squares, free amplitude): uses every bin,
                # where the peak's bin alone moves with the noise of a small region
                best, fit = None, None
                for c in np.linspace(0.5 * fc, 1.5 * fc, 401):
                    m = centre * np.exp(-2 * (centre / c) ** 2)
                    res = np.sum((meas - (m @ meas) / (m @ m) * m) ** 2)
                    if best is None or res < best:
                        best, fit = res, c
                print(f"{sd_diff:.4f} {sd_flat:.4f} {int(flat.sum())} {r:.4f} {centre[np.argmax(meas)]:.4f} {centre[np.argmax(model)]:.4f} "
                      f"{meas[0] / meas.max():.4f} {width:.4f} {h} {fit / fc:.4f}")
            """;

    @Test
    void noiseHasTheDrawnSdAndTheKernelsSpectrum() throws IOException {
        List<String> args = new ArrayList<>();
        double[] peak = new double[Kernel.values().length];
        for (Kernel k : Kernel.values()) {
            PhantomOptions o = PhantomOptions.builder().sizeXy(512).slices(8, 8).sliceThicknessMm(Range.exactly(2.5))
                    .pixelMm(Range.of(0.5, 0.6)).noiseHu(Range.exactly(30)).kernels(k).kvp(Range.exactly(120)).build();
            long seed = PhantomCohort.caseSeed(31, k.ordinal());
            PhantomCase noisy = CardiacPhantom.generate(o, seed);
            PhantomCase free = CardiacPhantom.generate(o.toBuilder().optNoiseFree(true).build(), seed);
            assertThat(free.acquisition()).isEqualTo(noisy.acquisition());
            assertThat(noisy.ct().metadata()).containsEntry("phantom.noiseHu", "30.00").containsEntry("phantom.kernel", k.label())
                    .containsEntry("phantom.kvp", "120").containsEntry("phantom.sliceThicknessMm", "2.500");
            Path a = dir.resolve(k.label() + "-noisy.nii.gz");
            Path b = dir.resolve(k.label() + "-free.nii.gz");
            VolumeIO.write(noisy.ct(), a);
            VolumeIO.write(free.ct(), b);
            args.addAll(List.of(a.toString(), b.toString(), "30", Double.toString(noisy.acquisition().cutoffPerMm())));
        }
        List<String> lines = PythonOracle.run(ORACLE, args.toArray(new String[0])).lines().toList();
        System.out.println("noise oracle (sd_diff sd_flat n_flat r_nps peak model_peak low/peak bin roi fitted/drawn cut-off): " + lines);
        assertThat(lines).hasSize(Kernel.values().length);
        for (Kernel k : Kernel.values()) {
            String[] f = lines.get(k.ordinal()).split(" ");
            double sdDiff = Double.parseDouble(f[0]);
            double sdFlat = Double.parseDouble(f[1]);
            double width = Double.parseDouble(f[7]);
            assertThat(sdDiff).as("%s: SD of noisy minus noise-free", k).isBetween(30 * 0.97, 30 * 1.03);
            assertThat(Integer.parseInt(f[2])).as("%s: voxels in flat regions", k).isGreaterThan(2000);
            assertThat(sdFlat).as("%s: SD in the flat regions", k).isBetween(30 * 0.9, 30 * 1.1);
            assertThat(Double.parseDouble(f[3])).as("%s: correlation of the measured NPS with f exp(-2 (f/fc)^2)", k).isGreaterThan(0.97);
            assertThat(Double.parseDouble(f[9])).as("%s: cut-off fitted to the measured NPS over the drawn one", k).isBetween(0.92, 1.08);
            assertThat(Double.parseDouble(f[4])).as("%s: NPS peak (cycles/mm) against the model's", k)
                    .isCloseTo(Double.parseDouble(f[5]), org.assertj.core.data.Offset.offset(2.01 * width));
            assertThat(Double.parseDouble(f[6])).as("%s: NPS at the lowest frequencies over its peak (not white)", k).isLessThan(0.5);
            peak[k.ordinal()] = Double.parseDouble(f[4]);
        }
        assertThat(peak[Kernel.SMOOTH.ordinal()]).as("smooth grain coarser than standard").isLessThan(peak[Kernel.STANDARD.ordinal()]);
        assertThat(peak[Kernel.STANDARD.ordinal()]).as("standard grain coarser than sharp").isLessThan(peak[Kernel.SHARP.ordinal()]);
    }
}
