package org.calcify.io.joblib;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NdArray;
import org.calcify.volume.Volume;

/**
 * A fold of a seed cohort read scan by scan: the voxel list and EMR rows are in memory, each CT scan is handed
 * to a visitor as soon as it is unpickled and released afterwards. Voxels are checked against their scan when
 * it arrives; the scan count against the EMR rows at the end.
 */
public final class StreamedFold {
    /** Receives scan {@code index} of the fold as a volume (INT16 when its values allow, else FLOAT32). */
    @FunctionalInterface
    public interface ScanVisitor {
        void visit(int index, Volume ct) throws IOException;
    }

    private final int number;
    private final Path ctFile;
    private final Path voxelFile;
    private final Path emrFile;
    private final List<CandidateVoxel> candidates;
    private final List<double[]> emr;

    StreamedFold(int number, Path ctFile, Path voxelFile, Path emrFile, List<CandidateVoxel> candidates, List<double[]> emr) {
        this.number = number;
        this.ctFile = ctFile;
        this.voxelFile = voxelFile;
        this.emrFile = emrFile;
        this.candidates = List.copyOf(candidates);
        this.emr = List.copyOf(emr);
    }

    public int number() {
        return number;
    }

    public Path ctFile() {
        return ctFile;
    }

    public Path emrFile() {
        return emrFile;
    }

    /** The voxel list in file order (checked against its scans only as they are streamed). */
    public List<CandidateVoxel> candidates() {
        return candidates;
    }

    /** EMR row of scan {@code index} (a copy). */
    public double[] emr(int index) throws InvalidInputException {
        if (index >= emr.size()) {
            throw new InvalidInputException(emrFile, "fold " + number + " has " + emr.size() + " EMR rows, none for scan " + index);
        }
        return emr.get(index).clone();
    }

    /** Reads the CT pickle, visiting every scan in order; only one scan is held at a time. */
    public void forEachScan(ScanVisitor visitor) throws IOException {
        List<List<Integer>> byScan = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            int s = candidates.get(i).imageIndex();
            while (byScan.size() <= s) {
                byScan.add(new ArrayList<>());
            }
            byScan.get(s).add(i);
        }
        int[] count = {0};
        JoblibReader.load(ctFile, array -> {
            int index = count[0]++;
            if (array.ndim() != 3 || array.size() == 0) {
                throw new InvalidInputException(ctFile, "item " + index + " is an array of shape " + array.shapeText()
                        + ", not a non-empty 3D array (z, y, x)");
            }
            if (index < byScan.size()) {
                for (int i : byScan.get(index)) {
                    SeedCohort.checkVoxel(number, voxelFile, i, candidates.get(i), Integer.MAX_VALUE, array);
                }
            }
            visitor.visit(index, CohortFold.toVolume(ctFile, array, number, index));
            return new ArraySink.Released(array.dtype().numpyName(), array.shapeText());
        });
        int scans = count[0];
        if (byScan.size() > scans) {
            int i = byScan.get(byScan.size() - 1).get(0);
            SeedCohort.checkVoxel(number, voxelFile, i, candidates.get(i), scans, null);
        }
        if (emr.size() != scans) {
            throw new InvalidInputException(emrFile, "has " + emr.size() + " EMR rows but fold " + number + " has " + scans + " scans");
        }
    }
}
