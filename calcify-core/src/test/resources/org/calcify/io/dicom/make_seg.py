# Writes a minimal binary DICOM Segmentation with pydicom (independent of Calcify's writer) and the label map
# pydicom itself reads back from it, as the oracle for Calcify's SEG reader.
#
# argv: source_folder masks.raw out.dcm spec.json
#   masks.raw: uint8 (S, Z, Y, X), 0/1, one mask per segment on the source series' slices (sorted along the normal)
#   spec: {"shape": [S,Z,Y,X], "labels": [SegmentLabel...], "values": [label value per segment],
#          "seed": 1, "implicit": false, "fractional": false, "shift_mm": [0,0,0], "frames_lie": 0, "truncate": 0, "rows_columns": null,
#          "frame_of_reference": null, "crop": null}
#   crop [y0, x0, rows, columns]: frames hold only that window of each slice (ImagePositionPatient moved to its corner)
#   (frames_lie adds to NumberOfFrames, truncate drops bytes of PixelData, rows_columns overrides Rows and Columns;
#   with any of them no oracle is written)
# Writes out.dcm and out.dcm.expected (uint8 (Z,Y,X): each voxel the lowest value of the segments covering it,
# computed from pydicom's pixel_array of the written file, frames placed by their ReferencedSOPInstanceUID).
import sys, os, glob, json, random
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import generate_uid, ExplicitVRLittleEndian, ImplicitVRLittleEndian

src_dir, masks_path, out_path, spec = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
src = [pydicom.dcmread(f) for f in sorted(glob.glob(os.path.join(src_dir, '*.dcm')))]
iop = np.array(src[0].ImageOrientationPatient, float)
normal = np.cross(iop[:3], iop[3:])
src.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, float))))
S, Z, Y, X = spec['shape']
assert Z == len(src) and Y == src[0].Rows and X == src[0].Columns, (Z, Y, X, len(src), src[0].Rows, src[0].Columns)
masks = np.fromfile(masks_path, np.uint8).reshape(S, Z, Y, X)
y0, x0, H, W = spec.get('crop') or (0, 0, Y, X)
masks = masks.copy()
window = np.zeros((Y, X), bool)
window[y0:y0 + H, x0:x0 + W] = True
masks[:, :, ~window] = 0  # a cropped SEG holds only its window
frames = [(s, z) for s in range(S) for z in range(Z) if masks[s, z].any()]
random.Random(spec.get('seed', 1)).shuffle(frames)

def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, scheme, meaning
    return c

meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.66.4'
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = ImplicitVRLittleEndian if spec.get('implicit') else ExplicitVRLittleEndian
ds = FileDataset(out_path, {}, file_meta=meta, preamble=b'\0' * 128)
ds.is_little_endian = True
ds.is_implicit_VR = bool(spec.get('implicit'))
ds.SOPClassUID = meta.MediaStorageSOPClassUID
ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
for k in ('PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyDate', 'StudyTime',
          'StudyID', 'AccessionNumber', 'ReferringPhysicianName', 'FrameOfReferenceUID'):
    setattr(ds, k, getattr(src[0], k, ''))
if spec.get('frame_of_reference'):
    ds.FrameOfReferenceUID = spec['frame_of_reference']
ds.Modality = 'SEG'
ds.SeriesInstanceUID = generate_uid()
ds.SeriesNumber = 300
ds.InstanceNumber = 1
ds.Manufacturer = 'pydicom test'
ds.ManufacturerModelName = 'make_seg.py'
ds.DeviceSerialNumber = '1'
ds.SoftwareVersions = pydicom.__version__
ds.ContentDescription = 'test segmentation'
ds.ContentCreatorName = ''
ds.LossyImageCompression = '00'
ds.ContentDate = '20260101'
ds.ContentTime = '120000'
ds.SeriesDate = '20260101'
ds.SeriesTime = '120000'
ds.ImageType = ['DERIVED', 'PRIMARY']
ds.ContentLabel = 'TEST'
fractional = bool(spec.get('fractional'))
ds.SegmentationType = 'FRACTIONAL' if fractional else 'BINARY'
if fractional:
    ds.SegmentationFractionalType = 'PROBABILITY'
    ds.MaximumFractionalValue = 255
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = 'MONOCHROME2'
ds.Rows, ds.Columns = H, W
ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = (8, 8, 7, 0) if fractional else (1, 1, 0, 0)
ds.NumberOfFrames = len(frames) + spec.get('frames_lie', 0)
segments = []
for i, label in enumerate(spec['labels']):
    item = Dataset()
    item.SegmentNumber = i + 1
    item.SegmentLabel = label
    item.SegmentAlgorithmType = 'MANUAL'
    item.SegmentedPropertyCategoryCodeSequence = [code('49755003', 'SCT', 'Morphologically Abnormal Structure')]
    item.SegmentedPropertyTypeCodeSequence = [code('18115005', 'SCT', 'Pathologic calcification')]
    segments.append(item)
ds.SegmentSequence = segments
ds.PositionReferenceIndicator = ''
dim_uid = generate_uid()
org = Dataset()
org.DimensionOrganizationUID = dim_uid
ds.DimensionOrganizationSequence = [org]
dims = []
for pointer, group, name in ((0x0062000B, 0x0062000A, 'Segment Number'), (0x00200032, 0x00209113, 'Image Position Patient')):
    d = Dataset()
    d.DimensionOrganizationUID = dim_uid
    d.DimensionIndexPointer = pointer
    d.FunctionalGroupPointer = group
    d.DimensionDescriptionLabel = name
    dims.append(d)
ds.DimensionIndexSequence = dims
shared = Dataset()
po = Dataset()
po.ImageOrientationPatient = list(src[0].ImageOrientationPatient)
pm = Dataset()
pm.PixelSpacing = list(src[0].PixelSpacing)
pm.SliceThickness = src[0].get('SliceThickness', 1)
shared.PlaneOrientationSequence = [po]
shared.PixelMeasuresSequence = [pm]
ds.SharedFunctionalGroupsSequence = [shared]
shift = np.array(spec.get('shift_mm', [0, 0, 0]), float)
per_frame = []
for s, z in frames:
    f = Dataset()
    pp = Dataset()
    sy, sx = (float(v) for v in src[0].PixelSpacing)
    corner = np.array(src[z].ImagePositionPatient, float) + x0 * sx * iop[:3] + y0 * sy * iop[3:]
    pp.ImagePositionPatient = [format(float(v), '.10g') for v in corner + shift]  # a DS holds 16 characters
    f.PlanePositionSequence = [pp]
    si = Dataset()
    si.ReferencedSegmentNumber = s + 1
    f.SegmentIdentificationSequence = [si]
    ref = Dataset()
    ref.ReferencedSOPClassUID = src[z].SOPClassUID
    ref.ReferencedSOPInstanceUID = src[z].SOPInstanceUID
    der = Dataset()
    ref.PurposeOfReferenceCodeSequence = [code('121322', 'DCM', 'Source image for image processing operation')]
    der.SourceImageSequence = [ref]
    der.DerivationCodeSequence = [code('113076', 'DCM', 'Segmentation')]
    f.DerivationImageSequence = [der]
    fc = Dataset()
    fc.DimensionIndexValues = [s + 1, z + 1]
    f.FrameContentSequence = [fc]
    per_frame.append(f)
ds.PerFrameFunctionalGroupsSequence = per_frame
rs = Dataset()
rs.SeriesInstanceUID = src[0].SeriesInstanceUID
insts = []
for s in src:
    r = Dataset()
    r.ReferencedSOPClassUID, r.ReferencedSOPInstanceUID = s.SOPClassUID, s.SOPInstanceUID
    insts.append(r)
rs.ReferencedInstanceSequence = insts
ds.ReferencedSeriesSequence = [rs]
bits = np.concatenate([masks[s, z, y0:y0 + H, x0:x0 + W].ravel() for s, z in frames]) if frames else np.zeros(0, np.uint8)
if fractional:
    # in the segment: 128..255 (more than half of 255); outside: 0..127, never 0 everywhere
    noise = np.random.default_rng(spec.get('seed', 1)).integers(0, 128, bits.size, dtype=np.uint8)
    packed = np.where(bits != 0, noise + 128, noise).astype(np.uint8)
else:
    packed = np.packbits(bits, bitorder='little')
if len(packed) % 2:
    packed = np.append(packed, np.uint8(0))
if spec.get('truncate', 0):
    packed = packed[:len(packed) - spec['truncate']]
ds['PixelData'] = pydicom.DataElement(0x7FE00010, 'OB', packed.tobytes())
if spec.get('rows_columns'):
    ds.Rows, ds.Columns = spec['rows_columns']
ds.save_as(out_path, write_like_original=False)

if spec.get('truncate', 0) or spec.get('frames_lie', 0) or spec.get('rows_columns'):
    sys.exit(0)
# the oracle: pydicom reads the file back and places each frame on the slice it derives from
back = pydicom.dcmread(out_path)
arr = back.pixel_array.reshape(int(back.NumberOfFrames), back.Rows, back.Columns)
index = {s.SOPInstanceUID: z for z, s in enumerate(src)}
values = spec['values']
expected = np.zeros((Z, Y, X), np.uint8)
for f, item in enumerate(back.PerFrameFunctionalGroupsSequence):
    z = index[item.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID]
    v = values[item.SegmentIdentificationSequence[0].ReferencedSegmentNumber - 1]
    on = (arr[f].astype(int) * 2 > int(back.MaximumFractionalValue)) if fractional else arr[f] != 0
    cur = expected[z, y0:y0 + H, x0:x0 + W]
    cur[on & ((cur == 0) | (cur > v))] = v
assert all(((arr[f] >= 128) if fractional else arr[f]).astype(np.uint8).tolist() == masks[s, z, y0:y0 + H, x0:x0 + W].tolist()
           for f, (s, z) in enumerate(frames))
expected.tofile(out_path + '.expected')
print(len(frames))
