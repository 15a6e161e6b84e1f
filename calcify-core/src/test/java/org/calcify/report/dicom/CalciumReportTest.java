package org.calcify.report.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.io.dicom.write.DerivedInstance;
import org.calcify.io.dicom.write.DicomDataset;
import org.calcify.io.dicom.write.DicomFileWriter;
import org.calcify.io.dicom.write.Segmentation;
import org.calcify.score.Artery;
import org.calcify.score.ScoreTriple;
import org.calcify.testing.DicomTools;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TID 1500 report of a score on a real series: dciodvfy, dsrdump and pydicom read it and find the SEG's segments. */
class CalciumReportTest {
    @TempDir
    Path tmp;

    @Test
    void reportPassesTheToolsAndLinksItsGroupsToTheSegments() throws Exception {
        Path series = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        DicomSeriesReference ref = DicomSeriesReference.read(series, null);
        Volume ct = VolumeIO.read(series);
        byte[] labels = new byte[ct.geometry().voxelCount()];
        labels[ct.geometry().index(1, 200, 210)] = 2;
        labels[ct.geometry().index(2, 300, 310)] = 4;
        Volume map = Volume.ofBytes(ct.geometry(), labels);
        List<Segmentation.Segment> present = Segmentation.present(map, CalciumSegments.ALL);
        DerivedInstance segInstance = DerivedInstance.of(901, "seg", "CALCIUM", "calcium", "test");
        Path segFile = tmp.resolve("seg.dcm");
        DicomFileWriter.write(Segmentation.build(ref, map, present, CalciumSegments.algorithm("test", "m"), segInstance), segFile);

        Map<Artery, ScoreTriple> arteries = new EnumMap<>(Artery.class);
        Map<Artery, Integer> counts = new EnumMap<>(Artery.class);
        for (Artery a : Artery.values()) {
            arteries.put(a, ScoreTriple.ZERO);
            counts.put(a, 0);
        }
        arteries.put(Artery.LAD, new ScoreTriple(12.5, 10.25, 2.125));
        arteries.put(Artery.RCA, new ScoreTriple(30, 20, 5));
        counts.put(Artery.LAD, 1);
        counts.put(Artery.RCA, 2);
        CalciumFindings f = new CalciumFindings(new ScoreTriple(42.5, 30.25, 7.125), "11-100", 3, arteries, counts, 0,
                List.of("slice thickness 2.5 mm is not the 3 mm of the Agatston protocol"), "unit-test model", "Reader^Rita");
        Map<Integer, Integer> numbers = new HashMap<>();
        for (int i = 0; i < present.size(); i++) {
            numbers.put(present.get(i).labelValue(), i + 1);
        }
        DicomDataset sr = CalciumReport.build(ref, f, new CalciumReport.SegmentationLink(segInstance.seriesInstanceUid(),
                segInstance.sopInstanceUid(), numbers), "test", DerivedInstance.of(902, "report", "CALCIUM", "report", "test"));
        Path srFile = tmp.resolve("sr.dcm");
        DicomFileWriter.write(sr, srFile);

        DicomTools.Result check = DicomTools.dciodvfy(srFile);
        assertThat(check.errors()).as(check.output()).isEmpty();
        DicomTools.Result dump = DicomTools.dsrdump(srFile);
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        assertThat(dump.output()).contains("Imaging Measurement Report", "Calcium score", "42.5", "Referenced Segment",
                "slice thickness 2.5 mm", "Person Observer Name", "Reader^Rita");

        String links = PythonOracle.run("""
import sys, pydicom
sr = pydicom.dcmread(sys.argv[1]); seg = pydicom.dcmread(sys.argv[2])
labels = {s.SegmentNumber: s.SegmentLabel for s in seg.SegmentSequence}
def walk(items):
    for it in items:
        yield it
        yield from walk(getattr(it, 'ContentSequence', []))
out = []
for it in walk(sr.ContentSequence):
    if it.ValueType == 'IMAGE' and 'ConceptNameCodeSequence' in it and it.ConceptNameCodeSequence[0].CodeValue == '121191':
        r = it.ReferencedSOPSequence[0]
        assert r.ReferencedSOPInstanceUID == seg.SOPInstanceUID
        out.append(labels[r.ReferencedSegmentNumber])
observers = [(it.ConceptNameCodeSequence[0].CodeValue, it.ValueType,
              it.ConceptCodeSequence[0].CodeValue if it.ValueType == 'CODE' else str(getattr(it, 'PersonName', '')))
             for it in sr.ContentSequence if it.RelationshipType == 'HAS OBS CONTEXT' and it.ConceptNameCodeSequence[0].CodeValue in ('121005', '121008')]
assert observers == [('121005', 'CODE', '121007'), ('121005', 'CODE', '121006'), ('121008', 'PNAME', 'Reader^Rita')], observers
print(';'.join(out))
""", srFile.toString(), segFile.toString());
        assertThat(links.strip()).isEqualTo("LAD calcium;RCA calcium");
    }
}
