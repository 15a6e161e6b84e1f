#!/usr/bin/env bash
# The pictures of docs/phantom.md: the real calcium-free chest (TCIA Lung-PET-CT-Dx A0001, Philips kernel B,
# 5 mm) and two contrasting phantom cases, each as axial, coronal and sagittal views through the heart
# (`calcify render scan`, mediastinal window c=50 w=400, and the lung window for the phantom's thin-slice case),
# and the anatomy truth map of one case (NumPy + PIL, Debian's python3).
# Usage: docs/phantom-figures.sh [REALDATA]   (REALDATA defaults to the project's testdata/realdata)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
real="${1:-$root/testdata/realdata}/tcia-lungdx-a0001-chest/dicom"
img="$root/docs/img"
work="${TMPDIR:-/tmp}/calcify-phantom-figures"
C="$root/calcify"
rm -rf "$work"
mkdir -p "$work" "$img"
# case A: like the real scan's protocol (5 mm, 0.84 mm pixels, 120 kVp, standard kernel)
"$C" phantom --out "$work/a" --count 1 --seed 11 --anatomy --slice-mm 5 --pixel-mm 0.84 --kvp 120 --kernel standard
# case B: a thin-slice sharp-kernel low-kVp scan on a small field of view (third case of the cohort: a woman with breasts)
"$C" phantom --out "$work/b" --count 3 --seed 12 --anatomy --slice-mm 0.625 --pixel-mm 0.45..0.55 --kernel sharp --kvp 80..100
heart() { # median voxel (z,y,x) of the heart region in an anatomy map
  /usr/bin/python3 -c "
import sys, numpy as np, nibabel as nib
an = np.asarray(nib.load(sys.argv[1]).dataobj).T
z, y, x = np.nonzero(an == 5)
print(f'{int(np.median(z))},{int(np.median(y))},{int(np.median(x))}')" "$1"
}
"$C" render scan "$real" --at 32,256,256 --out "$img/phantom-real-chest.png"
"$C" render scan "$work/a/case-0000/ct.nii.gz" --at "$(heart "$work/a/case-0000/anatomy.nii.gz")" --out "$img/phantom-case-a.png"
"$C" render scan "$work/b/case-0002/ct.nii.gz" --at "$(heart "$work/b/case-0002/anatomy.nii.gz")" --out "$img/phantom-case-b.png"
"$C" render scan "$work/b/case-0002/ct.nii.gz" --at "$(heart "$work/b/case-0002/anatomy.nii.gz")" --window lung --out "$img/phantom-case-b-lung.png"
"$C" render scan "$real" --at 32,256,256 --window lung --out "$img/phantom-real-chest-lung.png"
/usr/bin/python3 - "$work/a/case-0000" "$img/phantom-anatomy.png" <<'PY'
import sys, numpy as np, nibabel as nib
from PIL import Image, ImageDraw
d, out = sys.argv[1], sys.argv[2]
ct = np.asarray(nib.load(d + '/ct.nii.gz').dataobj).T
an = np.asarray(nib.load(d + '/anatomy.nii.gz').dataobj).T
z = int(np.median(np.nonzero(an == 5)[0]))
colours = np.array([[0, 0, 0], [205, 150, 110], [70, 90, 210], [245, 245, 245], [220, 40, 40], [240, 120, 170], [80, 190, 80]], np.uint8)
names = ['0 outside', '1 soft tissue', '2 lung', '3 bone, cartilage', '4 aorta', '5 heart region', '6 table, objects']
gray = (np.clip((ct[z].astype(float) + 150) / 400, 0, 1) * 255).astype(np.uint8)
left = Image.fromarray(gray).convert('RGB')
right = Image.fromarray(colours[an[z]])
n = gray.shape[0]
canvas = Image.new('RGB', (2 * n + 190, n), (24, 24, 24))
canvas.paste(left, (0, 0))
canvas.paste(right, (n, 0))
draw = ImageDraw.Draw(canvas)
for i, (c, t) in enumerate(zip(colours, names)):
    draw.rectangle([2 * n + 12, 20 + 26 * i, 2 * n + 30, 38 + 26 * i], fill=tuple(int(v) for v in c), outline=(128, 128, 128))
    draw.text((2 * n + 38, 22 + 26 * i), t, fill=(230, 230, 230))
draw.text((8, 8), f'axial z={z}  c=50,w=400', fill=(230, 230, 230))
draw.text((n + 8, 8), 'anatomy.nii.gz', fill=(230, 230, 230))
canvas.save(out)
PY
cat "$work/a/cohort.csv" "$work/b/cohort.csv" | cut -d, -f1,4-6,11-15,26-
echo "pictures in $img"
