package org.calcify.io.dicom;

import java.nio.file.Path;
import org.calcify.testing.PythonOracle;

/**
 * Small CT series written at test time with pydicom (4 slices of 96 x 96, a body with lungs inside
 * noisy air, seeded), one kind per padding case:
 * <ul>
 *   <li>{@code canon}: signed, explicit VR, PixelPaddingValue −2048 (SS) outside the inscribed circle,
 *       intercept 0, and a full set of acquisition attributes (multi-valued kernel, per-slice tube current);</li>
 *   <li>{@code range}: signed, implicit VR (the padding VR is "US or SS"), PixelPaddingValue −2000 and
 *       PixelPaddingRangeLimit −2048 (in reverse order), random stored values in that range outside
 *       radius 0.97, RescaleIntercept −1024 and −1000 on alternate slices, contrast attributes;</li>
 *   <li>{@code unsigned}: unsigned, PixelPaddingValue 0 (US) outside the circle, intercept −1024, so air
 *       clipped at −1024 inside the body is padding too by DICOM's definition;</li>
 *   <li>{@code fill}: as {@code canon} but without PixelPaddingValue nor other attributes: a constant
 *       −2048 fill only the voxels tell;</li>
 *   <li>{@code air}: no padding at all, noisy air (clipped at −1024) up to the slice edges.</li>
 * </ul>
 */
final class SyntheticCtSeries {
    static final String[] KINDS = {"canon", "range", "unsigned", "fill", "air"};

    private static final String SCRIPT = """
import sys, os, numpy as np, pydicom, warnings
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid
warnings.simplefilter('ignore')
kind, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder, exist_ok=True)
rng = np.random.default_rng(sum(map(ord, kind)))
n, nz = 96, 4
y, x = np.mgrid[:n, :n]
c = (n - 1) / 2
r = np.hypot((x - c) / (n / 2), (y - c) / (n / 2))
body = np.hypot((x - c) / (0.7 * n / 2), (y - c) / (0.5 * n / 2)) <= 1
lung = (np.hypot(x - 0.35 * n, y - c) < 0.12 * n) & body
study, series = generate_uid(), generate_uid()
CT = '1.2.840.10008.5.1.4.1.1.2'
signed = kind != 'unsigned'
for z in range(nz):
    hu = rng.normal(-1000, 20, (n, n))
    hu[body] = rng.normal(40, 15, body.sum())
    hu[lung] = rng.normal(-850, 40, lung.sum())
    hu = np.clip(np.rint(hu), -1024, 3071).astype(np.int32)
    intercept = {'canon': 0, 'fill': 0, 'range': (-1024, -1000)[z % 2]}.get(kind, -1024)
    stored = hu - intercept
    if kind in ('canon', 'fill'):
        stored[r > 1] = -2048
    elif kind == 'range':
        outside = r > 0.97
        stored[outside] = rng.integers(-2048, -2000, outside.sum(), endpoint=True)
    elif kind == 'unsigned':
        stored[r > 1] = 0
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CT
    meta.MediaStorageSOPInstanceUID = generate_uid()
    implicit = kind == 'range'
    meta.TransferSyntaxUID = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
    path = os.path.join(folder, 'slice%02d.dcm' % z)
    ds = FileDataset(path, {}, file_meta=meta, preamble=b'\\0' * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = implicit
    ds.SOPClassUID = CT
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = 'CT'
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.InstanceNumber = z + 1
    ds.ImagePositionPatient = [-24.0, -24.0, -60.0 + 2.5 * z]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [0.5, 0.5]
    ds.Rows = ds.Columns = n
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1 if signed else 0
    ds.RescaleSlope = 1
    ds.RescaleIntercept = intercept
    if kind == 'canon':
        ds.PixelPaddingValue = -2048
        ds.Manufacturer = 'CANON_MEC'
        ds.ManufacturerModelName = 'Aquilion ONE'
        ds.KVP = '120'
        ds.ConvolutionKernel = ['FC12', 'AIDR 3D STD']
        ds.SliceThickness = '3.0'
        ds.ReconstructionDiameter = '220.0'
        ds.XRayTubeCurrent = 200 + 15 * z
        ds.Exposure = 40 + 3 * z
        ds.BodyPartExamined = 'HEART'
        ds.PatientID = 'CALC-0001'
        ds.StudyDate = '20240102'
        ds.SeriesNumber = 5
        ds.SeriesDescription = 'CaScore 3.0 FC12'
        ds.ImageType = ['ORIGINAL', 'PRIMARY', 'AXIAL']
    elif kind == 'range':
        ds.PixelPaddingValue = -2000
        ds.PixelPaddingRangeLimit = -2048
        ds.Manufacturer = 'SIEMENS'
        ds.KVP = '100'
        ds.ConvolutionKernel = 'Qr36d'
        ds.SliceThickness = '1.5'
        ds.ContrastBolusAgent = 'OMNIPAQUE 350'
        ds.ContrastBolusRoute = 'IV'
        ds.PatientID = 'CALC-0002'
    elif kind == 'unsigned':
        ds.PixelPaddingValue = 0
    ds.PixelData = stored.astype('<i2' if signed else '<u2').tobytes()
    ds.save_as(path, write_like_original=False)
""";

    private SyntheticCtSeries() {
    }

    /** Writes the series {@code kind} into {@code folder} (created); returns the folder. */
    static Path write(String kind, Path folder) {
        PythonOracle.run(SCRIPT, kind, folder.toString());
        return folder;
    }
}
