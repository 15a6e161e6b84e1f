package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Acquisition;
import org.calcify.volume.ValueRange;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Acquisition} against pydicom's view of the same attributes, computed now: series-level
 * attributes from the first slice in pydicom's sort along the normal, tube current and exposure as
 * their range over all slices; an attribute pydicom does not find (or finds empty) must be absent.
 */
class DicomAcquisitionTest {
    static final Path REAL = PydicomOracle.TestFiles.REAL;

    @TempDir
    Path tmp;

    private static final String SCRIPT = """
            import sys, os, warnings, numpy as np, pydicom
            from pydicom.multival import MultiValue
            warnings.simplefilter('ignore')
            folder = sys.argv[1]
            dss = []
            for root, dirs, files in os.walk(folder):
                for n in files:
                    try:
                        dss.append(pydicom.dcmread(os.path.join(root, n), stop_before_pixels=True))
                    except Exception:
                        pass
            iop = np.array([float(v) for v in dss[0].ImageOrientationPatient])
            normal = np.cross(iop[:3], iop[3:])
            dss.sort(key=lambda d: float(np.dot([float(v) for v in d.ImagePositionPatient], normal)))
            first = dss[0]
            def text(v):
                if isinstance(v, MultiValue):
                    return '\\\\'.join(str(x) for x in v)
                return str(v)
            for k in ['Modality', 'Manufacturer', 'ManufacturerModelName', 'KVP', 'ConvolutionKernel', 'SliceThickness',
                      'ContrastBolusAgent', 'ContrastBolusRoute', 'ReconstructionDiameter', 'BodyPartExamined', 'PatientID',
                      'StudyDate', 'StudyInstanceUID', 'SeriesInstanceUID', 'SeriesNumber', 'SeriesDescription', 'ImageType']:
                v = first.get(k)
                if v is not None and text(v).strip() != '':
                    print(k + '\\t' + text(v).strip())
            if first.get('StudyDate'):
                import datetime
                try:
                    print('StudyDateIso\t' + datetime.datetime.strptime(str(first.StudyDate), '%Y%m%d').date().isoformat())
                except ValueError:
                    pass
            for k in ['XRayTubeCurrent', 'Exposure']:
                vals = [float(d.get(k)) for d in dss if d.get(k) is not None and str(d.get(k)).strip() != '']
                if vals:
                    print(k + '\\t' + repr(min(vals)) + '\\t' + repr(max(vals)))
            """;

    /** pydicom's attributes: keyword → tab-separated value(s). */
    static Map<String, String> pydicom(Path folder) {
        Map<String, String> m = new HashMap<>();
        for (String line : PythonOracle.run(SCRIPT, folder.toString()).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return m;
    }

    private static Double number(Map<String, String> m, String k) {
        return m.containsKey(k) ? Double.valueOf(m.get(k)) : null;
    }

    private static List<String> values(Map<String, String> m, String k) {
        return m.containsKey(k) ? Arrays.stream(m.get(k).split("\\\\", -1)).map(String::strip).toList() : List.of();
    }

    private static ValueRange range(Map<String, String> m, String k) {
        if (!m.containsKey(k)) {
            return null;
        }
        String[] p = m.get(k).split("\t");
        return new ValueRange(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
    }

    static void assertMatchesPydicom(Path folder) throws Exception {
        Volume v = VolumeIO.read(folder);
        Map<String, String> m = pydicom(folder);
        Acquisition expected = new Acquisition(m.get("Modality"), m.get("Manufacturer"), m.get("ManufacturerModelName"),
                number(m, "KVP"), values(m, "ConvolutionKernel"), number(m, "SliceThickness"), m.get("ContrastBolusAgent"),
                m.get("ContrastBolusRoute"), number(m, "ReconstructionDiameter"), range(m, "XRayTubeCurrent"),
                range(m, "Exposure"), m.get("BodyPartExamined"), m.get("PatientID"), m.get("StudyDate"),
                m.get("StudyInstanceUID"), m.get("SeriesInstanceUID"),
                m.containsKey("SeriesNumber") ? Integer.valueOf(m.get("SeriesNumber")) : null,
                m.get("SeriesDescription"), values(m, "ImageType"));
        Acquisition got = Acquisition.of(v);
        assertThat(got).as(folder.toString()).isEqualTo(expected);
        assertThat(got.studyLocalDate()).as("study date").isEqualTo(java.util.Optional.ofNullable(m.get("StudyDateIso"))
                .map(java.time.LocalDate::parse));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcmqi-ct-3slice", "dcmqa-ct-ge-tilt", "totalseg/example_ct_dicom", "tcia-lungdx-a0001-chest/dicom",
            "tcia-lungdx-a0001-chest/dicom-kernel-L"})
    void realSeriesAcquisitionEqualsPydicom(String name) throws Exception {
        assertMatchesPydicom(REAL.resolve(name));
    }

    @Test
    void syntheticSeriesWithEveryAttributeOrNoneEqualPydicom() throws Exception {
        Path canon = SyntheticCtSeries.write("canon", tmp.resolve("canon"));
        assertMatchesPydicom(canon);
        Acquisition a = Acquisition.of(VolumeIO.read(canon));
        assertThat(a.kernel()).as("multi-valued kernel").hasSize(2);
        assertThat(a.tubeCurrentMa().isSingleValue()).as("tube current modulated over the slices").isFalse();
        assertThat(a.contrastAgent()).isNull();
        assertThat(a.studyLocalDate()).isPresent();

        Path range = SyntheticCtSeries.write("range", tmp.resolve("range"));
        assertMatchesPydicom(range);
        assertThat(Acquisition.of(VolumeIO.read(range)).contrastAgent()).isNotNull();

        Path bare = SyntheticCtSeries.write("air", tmp.resolve("air"));
        assertMatchesPydicom(bare);
        Acquisition none = Acquisition.of(VolumeIO.read(bare));
        assertThat(none.kvp()).isNull();
        assertThat(none.kernel()).isEmpty();
        assertThat(none.sliceThicknessMm()).isNull();
        assertThat(none.manufacturer()).isNull();
    }

    @Test
    void otherFormatsGiveAnEmptyAcquisition() throws Exception {
        Volume nifti = VolumeIO.read(REAL.resolve("totalseg/example_ct_sm.nii.gz"));
        assertThat(Acquisition.of(nifti)).isEqualTo(Acquisition.UNKNOWN);
        assertThat(Acquisition.of(nifti).isEmpty()).isTrue();
        assertThat(Acquisition.of(nifti).toMap()).isEmpty();
        Volume nrrd = VolumeIO.read(REAL.resolve("dcmqi-ct-3slice/liver_seg.nrrd"));
        assertThat(Acquisition.of(nrrd).isEmpty()).isTrue();
    }
}
