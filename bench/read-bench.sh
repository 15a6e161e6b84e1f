#!/usr/bin/env bash
# Reading speed: a 512x512x300 int16 CT as an uncompressed DICOM series, .nii.gz and .npy, read by
# Calcify and, side by side in the same run, by pydicom, nibabel and numpy (Debian's python3-*),
# plus `gzip -dc` on the same .nii.gz. Usage: bench/read-bench.sh [WORKDIR] [REPEAT]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/calcify-read-bench}"
repeat="${2:-5}"
py=/usr/bin/python3
mkdir -p "$work"

if [ ! -f "$work/ct.npy" ]; then
  echo "writing test data to $work ..." >&2
  "$py" - "$work" <<'PY'
import sys, os, numpy as np, nibabel as nib, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
work = sys.argv[1]
rng = np.random.default_rng(0)
z, y, x = 300, 512, 512
yy, xx = np.mgrid[0:y, 0:x]
body = ((xx - 256) / 220.0) ** 2 + ((yy - 256) / 170.0) ** 2 < 1
ct = np.full((z, y, x), -1000, np.int16)
ct[:, body] = 40
ct += rng.normal(0, 15, size=ct.shape).astype(np.int16)
np.save(os.path.join(work, 'ct.npy'), ct)
aff = np.diag([-0.7, -0.7, 1.0, 1.0]); aff[:3, 3] = [179, 179, -150]
nib.save(nib.Nifti1Image(ct.T, aff), os.path.join(work, 'ct.nii.gz'))
d = os.path.join(work, 'dicom'); os.makedirs(d, exist_ok=True)
series, study = generate_uid(), generate_uid()
for k in range(z):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset(); ds.file_meta = meta
    ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = 'CT'; ds.SeriesInstanceUID = series; ds.StudyInstanceUID = study
    ds.InstanceNumber = k + 1
    ds.ImagePositionPatient = [-179.0, -179.0, -150.0 + k]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [0.7, 0.7]; ds.SliceThickness = 1.0
    ds.Rows, ds.Columns = y, x
    ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.BitsAllocated = 16; ds.BitsStored = 16; ds.HighBit = 15; ds.PixelRepresentation = 0
    ds.RescaleSlope = 1; ds.RescaleIntercept = -1024
    ds.PixelData = (ct[k].astype(np.int32) + 1024).astype(np.uint16).tobytes()
    ds.save_as(os.path.join(d, f'{k:04d}.dcm'), write_like_original=False)
PY
fi

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; repeat=$repeat"
ls -l "$work/ct.npy" "$work/ct.nii.gz" | awk '{print "# " $5 " bytes " $9}'
echo "# $(du -sb "$work/dicom" | cut -f1) bytes in $(ls "$work/dicom" | wc -l) DICOM files"

# The same files, read by the Python reference libraries (in-process timings, best of runs).
"$py" - "$work" "$repeat" <<'PY'
import sys, os, glob, time, numpy as np, nibabel as nib, pydicom
work, repeat = sys.argv[1], int(sys.argv[2])
def bench(name, path, fn):
    fn()
    t = []
    for _ in range(repeat):
        t0 = time.perf_counter(); a = fn(); t.append((time.perf_counter() - t0) * 1000)
    t.sort()
    print(f"{name}\t{os.path.basename(path)}\tmedian_ms={t[len(t)//2]:.1f}\tbest_ms={t[0]:.1f}\t(shape {a.shape})")
files = sorted(glob.glob(os.path.join(work, 'dicom', '*.dcm')))
def read_dicom():
    ds = [pydicom.dcmread(f) for f in files]
    return np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in ds])
bench('pydicom', 'dicom', read_dicom)
bench('nibabel', 'ct.nii.gz', lambda: np.asanyarray(nib.load(os.path.join(work, 'ct.nii.gz')).dataobj))
bench('numpy', 'ct.npy', lambda: np.load(os.path.join(work, 'ct.npy')))
PY

# gzip -dc on the same .nii.gz
gzip_t=()
for i in $(seq "$repeat"); do
  s=$(date +%s%N); gzip -dc "$work/ct.nii.gz" > /dev/null; e=$(date +%s%N)
  gzip_t+=($(( (e - s) / 1000000 )))
done
printf 'gzip -dc\tct.nii.gz\tmedian_ms=%s\tbest_ms=%s\n' \
  "$(printf '%s\n' "${gzip_t[@]}" | sort -n | sed -n "$(( (repeat + 1) / 2 ))p")" \
  "$(printf '%s\n' "${gzip_t[@]}" | sort -n | head -1)"

# Calcify, in-process after warm-up reads.
if [ ! -f "$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar" ] || [ -n "$(find "$root"/calcify-core/src/main -newer "$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl calcify-bench -am package >&2)
fi
java -Xmx4g -cp "$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar:$root/calcify-bench/target/lib/*" \
  org.calcify.bench.ReadBenchmark "$repeat" 2 "$work/dicom" "$work/ct.nii.gz" "$work/ct.npy"
