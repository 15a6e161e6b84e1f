package org.calcify.io.joblib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NdArrayVolumes;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;

/**
 * One loaded fold of a seed cohort: its CT scans (NumPy arrays (z, y, x) in HU), candidate voxels and EMR
 * rows, validated against each other. Scans become volumes only when asked ({@link #scan(int)}).
 */
public final class CohortFold {
    private final int number;
    private final Path ctFile;
    private final List<NdArray> scans;
    private final List<CandidateVoxel> candidates;
    private final List<double[]> emrRows;

    CohortFold(int number, Path ctFile, List<NdArray> scans, List<CandidateVoxel> candidates, List<double[]> emrRows) {
        this.number = number;
        this.ctFile = ctFile;
        this.scans = List.copyOf(scans);
        this.candidates = List.copyOf(candidates);
        this.emrRows = List.copyOf(emrRows);
    }

    /** The fold number K of the file names ({@code ..._K.pkl}). */
    public int number() {
        return number;
    }

    public int scanCount() {
        return scans.size();
    }

    /** Scan {@code index} as stored (NumPy dtype and shape). */
    public NdArray scanArray(int index) {
        return scans.get(index);
    }

    /**
     * Scan {@code index} as a volume (1 mm isotropic; the pickle holds no geometry): INT16 when every value is
     * an integer in the int16 range, otherwise FLOAT32. Metadata "source.dtype" keeps the stored dtype.
     */
    public Volume scan(int index) throws InvalidInputException {
        return toVolume(ctFile, scans.get(index), number, index);
    }

    /** A cohort scan array as a volume: INT16 when every value is an integer in the int16 range, else FLOAT32. */
    static Volume toVolume(Path ctFile, NdArray a, int fold, int index) throws InvalidInputException {
        Volume v = NdArrayVolumes.toVolume(ctFile, a, "joblib pickle (seed cohort)");
        DataType target = fitsInt16(a) ? DataType.INT16 : DataType.FLOAT32;
        return v.convertTo(target).withMetadata("cohort.fold", Integer.toString(fold))
                .withMetadata("cohort.scan", Integer.toString(index));
    }

    private static boolean fitsInt16(NdArray a) {
        switch (a.dataType()) {
            case INT16, UINT8:
                return true;
            case INT32: {
                for (int v : (int[]) a.data()) {
                    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                        return false;
                    }
                }
                return true;
            }
            case INT64: {
                for (long v : (long[]) a.data()) {
                    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                        return false;
                    }
                }
                return true;
            }
            case FLOAT32: {
                for (float v : (float[]) a.data()) {
                    if (!(v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) || v != Math.rint(v)) {
                        return false;
                    }
                }
                return true;
            }
            default: {
                for (double v : (double[]) a.data()) {
                    if (!(v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) || v != Math.rint(v)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /** The candidate voxels in file order. */
    public List<CandidateVoxel> candidates() {
        return candidates;
    }

    /** EMR feature rows, one per scan, in scan order (copies). */
    public List<double[]> emrRows() {
        List<double[]> copy = new ArrayList<>(emrRows.size());
        for (double[] r : emrRows) {
            copy.add(r.clone());
        }
        return copy;
    }

    /** EMR row of scan {@code index} (a copy). */
    public double[] emr(int index) {
        return emrRows.get(index).clone();
    }

    /** This fold's part of {@code calcify info}. */
    public CohortSummary.Fold summary() {
        List<CohortSummary.Scan> s = new ArrayList<>();
        for (NdArray a : scans) {
            s.add(new CohortSummary.Scan(a.dtype().numpyName(), a.shapeText()));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CandidateVoxel c : candidates) {
            counts.merge(c.answerText(), 1L, Long::sum);
        }
        int cols = emrRows.isEmpty() ? 0 : emrRows.get(0).length;
        for (double[] r : emrRows) {
            if (r.length != cols) {
                cols = -1;
                break;
            }
        }
        return new CohortSummary.Fold(number, s, candidates.size(), counts, emrRows.size(), cols);
    }
}
