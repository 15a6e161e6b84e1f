package org.calcify.phantom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.calcify.io.AtomicOutput;
import org.calcify.io.pickle.JoblibPickleWriter;
import org.calcify.score.CalciumLabel;

/**
 * The forum thread's joblib cohort, one fold at a time: {@code cross_validation_ct_threshold_K.pkl}
 * (list of int16 HU arrays (z, y, x)), {@code cross_validation_voxel_list_postprocess_K.pkl} (list of
 * tuples {@code (image_index, z, y, x, answer)}) and {@code emr_data_K.pkl} (list of float64 rows of
 * {@value #EMR_LENGTH} features), K = 1.. the fold number.
 *
 * <p>Candidates of a scan: every voxel labelled coronary calcium (answer 1), every voxel labelled
 * non-coronary calcium (answer 0), and a random sample of the other voxels at or above 130 HU
 * (bone, noise; answer 0) of {@code max(200, 2 x positives)} voxels, in C order. EMR columns: see
 * {@link #EMR_COLUMNS}; the thread's script reads columns 1, 6, 9, 11, 14, 15, 16.
 */
final class SeedLayoutWriter {
    static final int EMR_LENGTH = 17;
    /** Names of the EMR row's columns, in order. */
    static final String[] EMR_COLUMNS = {"case_number", "age_years", "height_cm", "weight_kg", "systolic_bp_mmhg",
        "diastolic_bp_mmhg", "male", "heart_rate_bpm", "ldl_mmol_l", "bmi_kg_m2", "hdl_mmol_l", "smoker",
        "triglycerides_mmol_l", "glucose_mmol_l", "diabetes", "hypertension", "cholesterol_mmol_l"};

    private JoblibPickleWriter ct;
    private JoblibPickleWriter voxels;
    private JoblibPickleWriter emr;
    private int scans;

    SeedLayoutWriter() {
        reset();
    }

    private void reset() {
        ct = new JoblibPickleWriter(1 << 20);
        voxels = new JoblibPickleWriter(1 << 16);
        emr = new JoblibPickleWriter(1 << 12);
        scans = 0;
    }

    /** Adds a case to the current fold. */
    void add(PhantomCase c, int caseNumber) {
        int nx = c.ct().sizeX();
        int ny = c.ct().sizeY();
        int nz = c.ct().sizeZ();
        ct.int16Array(c.ct().shorts(), nz, ny, nx);
        SplittableRandom r = new SplittableRandom(c.seed() ^ 0x5EEDL);
        short[] hu = c.ct().shorts();
        byte[] lab = c.labels().bytes();
        int[] labelled = new int[1024];
        int nl = 0;
        int positives = 0;
        int[] other = new int[1024];
        int no = 0;
        for (int i = 0; i < hu.length; i++) {
            if (lab[i] != 0) {
                labelled = grow(labelled, nl);
                labelled[nl++] = i;
                positives += CalciumLabel.isCoronary(lab[i]) ? 1 : 0;
            } else if (hu[i] >= CardiacPhantom.CALCIUM_HU) {
                other = grow(other, no);
                other[no++] = i;
            }
        }
        int k = Math.min(no, Math.max(200, 2 * positives));
        for (int j = 0; j < k; j++) { // partial Fisher-Yates
            int pick = j + r.nextInt(no - j);
            int t = other[j];
            other[j] = other[pick];
            other[pick] = t;
        }
        int[] all = Arrays.copyOf(labelled, nl + k);
        System.arraycopy(other, 0, all, nl, k);
        Arrays.sort(all);
        int plane = nx * ny;
        for (int i : all) {
            int z = i / plane;
            int y = (i - z * plane) / nx;
            int x = i - z * plane - y * nx;
            voxels.intTuple(scans, z, y, x, CalciumLabel.isCoronary(lab[i]) ? 1 : 0);
        }
        emr.float64Array(emrRow(c.patient(), caseNumber, new SplittableRandom(c.seed() ^ 0xE3EL)), EMR_LENGTH);
        scans++;
    }

    private static int[] grow(int[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    /** Writes the current fold as fold {@code k} (1-based) and starts the next. */
    void writeFold(Path dir, int k) throws IOException {
        AtomicOutput.write(dir.resolve("cross_validation_ct_threshold_" + k + ".pkl"), ct.toByteArray());
        AtomicOutput.write(dir.resolve("cross_validation_voxel_list_postprocess_" + k + ".pkl"), voxels.toByteArray());
        AtomicOutput.write(dir.resolve("emr_data_" + k + ".pkl"), emr.toByteArray());
        reset();
    }

    static double[] emrRow(PatientRecord p, int caseNumber, SplittableRandom r) {
        double height = p.male() ? 176 + 7 * Plaque.gaussian(r) : 163 + 6 * Plaque.gaussian(r);
        double weight = p.bmiKgPerM2() * (height / 100) * (height / 100);
        double sbp = 122 + (p.hypertension() ? 16 : 0) + 0.3 * (p.ageYears() - 60) + 10 * Plaque.gaussian(r);
        double dbp = 0.6 * sbp + 6 * Plaque.gaussian(r);
        double ldl = Math.max(0.8, 0.62 * p.cholesterolMmolL() + 0.3 * Plaque.gaussian(r));
        double hdl = Math.max(0.5, 1.4 - 0.1 * p.risk() + 0.25 * Plaque.gaussian(r));
        double tg = Math.max(0.4, 1.5 + 0.3 * p.risk() + 0.5 * Plaque.gaussian(r));
        double glucose = (p.diabetes() ? 8.0 : 5.4) + 0.7 * Plaque.gaussian(r);
        double hr = 68 + 9 * Plaque.gaussian(r);
        double[] row = {caseNumber, p.ageYears(), height, weight, sbp, dbp, p.male() ? 1 : 0, hr, ldl, p.bmiKgPerM2(), hdl,
            p.smoker() ? 1 : 0, tg, glucose, p.diabetes() ? 1 : 0, p.hypertension() ? 1 : 0, p.cholesterolMmolL()};
        for (int i = 2; i < row.length; i++) {
            row[i] = Math.round(row[i] * 10) / 10.0;
        }
        return row;
    }
}
