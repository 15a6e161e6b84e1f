package org.calcify.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent DICOM tools the writer's tests ask: dicom3tools' {@code dciodvfy} (the IOD checker),
 * dcmtk's {@code dsrdump}, and pydicom through {@link PythonOracle}. {@code .ci/run} installs them.
 */
public final class DicomTools {
    private DicomTools() {
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
        /** The lines dciodvfy marks as errors. */
        public List<String> errors() {
            return output.lines().filter(l -> l.startsWith("Error")).toList();
        }
    }

    public static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(command[0] + " timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (installed by .ci/run): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** dciodvfy's verdict on {@code file}. */
    public static Result dciodvfy(Path file) {
        return run("dciodvfy", file.toString());
    }

    /** dcmtk's rendering of a structured report. */
    public static Result dsrdump(Path file) {
        List<String> cmd = new ArrayList<>(List.of("dsrdump", "-Ee", "-Ec", "+Pl", file.toString()));
        return run(cmd.toArray(String[]::new));
    }

    /**
     * pydicom's reading of a binary SEG as a label map on its source series: the source files sorted along
     * their normal (pydicom's own ordering), each frame placed on the slice of its ReferencedSOPInstanceUID,
     * after checking that the frame's ImagePositionPatient is that slice's. Segment n gets the label
     * {@code labels[n-1]}. Returns the map as bytes in (z, y, x) order.
     */
    public static byte[] segToLabels(Path seg, Path sourceFolder, int[] labels, Path out) throws IOException {
        String script = """
import sys, glob, os, numpy as np, pydicom
seg = pydicom.dcmread(sys.argv[1])
labels = [int(v) for v in sys.argv[3].split(',')]
src = [pydicom.dcmread(f, stop_before_pixels=True) for f in sorted(glob.glob(os.path.join(sys.argv[2], '*')))
       if not f.endswith(('.txt', '.md', '.nrrd', '.json', 'SOURCE_COMMIT'))]
src = [s for s in src if s.SeriesInstanceUID == seg.ReferencedSeriesSequence[0].SeriesInstanceUID]
iop = np.array(src[0].ImageOrientationPatient, float)
normal = np.cross(iop[:3], iop[3:])
src.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, float))))
index = {s.SOPInstanceUID: z for z, s in enumerate(src)}
assert seg.FrameOfReferenceUID == src[0].FrameOfReferenceUID
assert seg.StudyInstanceUID == src[0].StudyInstanceUID
shared = seg.SharedFunctionalGroupsSequence[0]
assert np.allclose(np.array(shared.PlaneOrientationSequence[0].ImageOrientationPatient, float), iop, atol=1e-6)
frames = seg.pixel_array.reshape(int(seg.NumberOfFrames), seg.Rows, seg.Columns)
out = np.zeros((len(src), seg.Rows, seg.Columns), np.uint8)
for f, item in enumerate(seg.PerFrameFunctionalGroupsSequence):
    ref = item.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID
    z = index[ref]
    ipp = np.array(item.PlanePositionSequence[0].ImagePositionPatient, float)
    assert np.allclose(ipp, np.array(src[z].ImagePositionPatient, float), atol=1e-4), (ipp, src[z].ImagePositionPatient)
    n = item.SegmentIdentificationSequence[0].ReferencedSegmentNumber
    out[z][frames[f] != 0] = labels[n - 1]
out.tofile(sys.argv[4])
print(len(seg.PerFrameFunctionalGroupsSequence))
""";
        StringBuilder l = new StringBuilder();
        for (int v : labels) {
            l.append(l.length() == 0 ? "" : ",").append(v);
        }
        PythonOracle.run(script, seg.toString(), sourceFolder.toString(), l.toString(), out.toString());
        return java.nio.file.Files.readAllBytes(out);
    }

    /**
     * Runs {@code make_seg.py} (a test resource): pydicom writes a binary SEG of {@code masks} (uint8 (S, Z, Y, X))
     * on the series in {@code sourceFolder} to {@code out}, and, unless the spec makes it hostile, the label map
     * pydicom reads back from it to {@code out + ".expected"}. See the script for {@code specJson}.
     */
    public static Path makeSeg(Path sourceFolder, Path masks, Path out, String specJson) throws IOException {
        String script;
        try (java.io.InputStream in = DicomTools.class.getResourceAsStream("/org/calcify/io/dicom/make_seg.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PythonOracle.run(script, sourceFolder.toString(), masks.toString(), out.toString(), specJson);
        return out;
    }
}
