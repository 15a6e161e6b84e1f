package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomOptions;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * Chest in view or not, on real scans whose anatomy an independent tool states: TotalSegmentator's
 * segmentation of its upper-abdomen series (no lung lobe, no heart), the heart segmentation that ships
 * with the dcmqi chest slices, the head CT, the cardiac CTA; and on the phantom.
 */
class ThoraxCheckTest {
    private static final Path REAL = PythonOracle.realData();

    @Test
    void chestScansPass() throws IOException {
        Volume heart = VolumeIO.read(REAL.resolve("dcmqi-ct-3slice/heart_seg.nrrd"));
        assertThat(nonZero(heart)).as("heart voxels in dcmqi's heart segmentation of these slices").isPositive();
        assertThat(ThoraxCheck.largestLungAreaCm2(VolumeIO.read(REAL.resolve("dcmqi-ct-3slice"))))
                .isGreaterThanOrEqualTo(ThoraxCheck.MIN_LUNG_CM2);
        // cardiac CTA cropped to the heart and aorta: lung touches the border of the field of view
        assertThat(ThoraxCheck.largestLungAreaCm2(VolumeIO.read(REAL.resolve("totalseg/aorta_report/ct_cropped.nii.gz"))))
                .isGreaterThanOrEqualTo(ThoraxCheck.MIN_LUNG_CM2);
        for (long seed = 1; seed <= 3; seed++) {
            Volume ct = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(256).slices(12, 16).build(), seed).ct();
            assertThat(ThoraxCheck.largestLungAreaCm2(ct)).as("phantom %d", seed).isGreaterThanOrEqualTo(ThoraxCheck.MIN_LUNG_CM2);
        }
    }

    @Test
    void scansWithoutThoraxFail() throws IOException {
        // TotalSegmentator (v2 classes) found no lung lobe (10-14) and no heart (51) in this series
        Volume seg = VolumeIO.read(REAL.resolve("totalseg/example_seg_dicom.nii.gz"));
        int[] count = new int[256];
        for (int i = 0; i < seg.geometry().voxelCount(); i++) {
            count[(int) seg.valueAt(i)]++;
        }
        assertThat(count[10] + count[11] + count[12] + count[13] + count[14] + count[51]).as("lung and heart voxels").isZero();
        double abdomen = ThoraxCheck.largestLungAreaCm2(VolumeIO.read(REAL.resolve("totalseg/example_ct_dicom")));
        assertThat(abdomen).isLessThan(ThoraxCheck.MIN_LUNG_CM2 / 2);
        // head CT with gantry tilt: sinuses and mastoid air are neither large nor lung-dense
        double head = ThoraxCheck.largestLungAreaCm2(VolumeIO.read(REAL.resolve("dcmqa-ct-ge-tilt")));
        System.out.printf("largest lung cross-section: upper abdomen %.1f cm², head CT %.1f cm²%n", abdomen, head);
        assertThat(head)
                .isLessThan(ThoraxCheck.MIN_LUNG_CM2 / 2);
    }

    private static long nonZero(Volume v) {
        long n = 0;
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            n += v.valueAt(i) != 0 ? 1 : 0;
        }
        return n;
    }
}
