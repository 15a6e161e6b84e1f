"""Makes this folder's subset of ../shared/realdata/tcia-lungdx-a0001-chest and checks it.

Run from this folder:  /usr/bin/python3 subset.py /work/shared/realdata/tcia-lungdx-a0001-chest
(Debian python3-pydicom 2.3.1 + numpy, DCMTK 3.6.7 dcmconv on the PATH.)

1. Sort each source folder by ImagePositionPatient z, ascending.
2. dicom/ (kernel B): sorted indices 10..45 inclusive (36 slices); dicom-kernel-L/: the files at the z
   positions of kernel B's sorted indices 20..35 (16 slices). File names are kept.
3. Re-encode each as Deflated Explicit VR Little Endian:  dcmconv +td <source>/<dir>/<name> <dir>/<name>
4. Check with pydicom that every new file decodes to the same pixel values (same dtype, same shape,
   array_equal) and that every data set attribute (every element outside the file meta group 0002,
   nested sequence items included) has the same tag, VR and value; report the file meta elements that
   differ besides TransferSyntaxUID.
"""
import os
import subprocess
import sys

import numpy as np
import pydicom

SELECTION = {"dicom": (10, 45), "dicom-kernel-L": (20, 35)}


def sorted_by_z(folder):
    rows = []
    for name in os.listdir(folder):
        ds = pydicom.dcmread(os.path.join(folder, name), stop_before_pixels=True)
        rows.append((float(ds.ImagePositionPatient[2]), name))
    return sorted(rows)


def flat(ds, prefix=()):
    out = {}
    for elem in ds:
        key = prefix + (elem.tag,)
        if elem.VR == "SQ":
            out[key] = ("SQ", len(elem.value))
            for i, item in enumerate(elem.value):
                out.update(flat(item, key + (i,)))
        else:
            out[key] = (elem.VR, elem.value)
    return out


def main(source):
    b = sorted_by_z(os.path.join(source, "dicom"))
    chosen = {"dicom": [name for _, name in b[10:46]]}
    z_wanted = [z for z, _ in b[20:36]]
    l_rows = sorted_by_z(os.path.join(source, "dicom-kernel-L"))
    chosen["dicom-kernel-L"] = [name for z, name in l_rows if z in z_wanted]
    assert len(chosen["dicom"]) == 36 and len(chosen["dicom-kernel-L"]) == 16, {k: len(v) for k, v in chosen.items()}
    identical = True
    meta_diffs = set()
    for d, names in chosen.items():
        os.makedirs(d, exist_ok=True)
        zs = []
        for name in names:
            src, dst = os.path.join(source, d, name), os.path.join(d, name)
            subprocess.run(["dcmconv", "+td", src, dst], check=True)
            old, new = pydicom.dcmread(src), pydicom.dcmread(dst)
            assert new.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1.99", new.file_meta.TransferSyntaxUID
            po, pn = old.pixel_array, new.pixel_array
            same_pixels = po.dtype == pn.dtype and po.shape == pn.shape and np.array_equal(po, pn)
            same_header = flat(old) == flat(new)
            if not (same_pixels and same_header):
                identical = False
                print("DIFFERENT", dst, "pixels", same_pixels, "header", same_header)
            fo, fn = flat(old.file_meta), flat(new.file_meta)
            for k in set(fo) | set(fn):
                if fo.get(k) != fn.get(k) and k != (pydicom.tag.Tag(0x0002, 0x0010),):
                    meta_diffs.add("%s %s: %r -> %r" % (k[-1], pydicom.datadict.keyword_for_tag(k[-1]),
                                                        fo.get(k, (None, None))[1], fn.get(k, (None, None))[1]))
            zs.append(float(new.ImagePositionPatient[2]))
        print("%s: %d files, %s .. %s, z %.1f .. %.1f mm, originals %s" % (
            d, len(names), names[0], names[-1], min(zs), max(zs),
            sorted({str(pydicom.dcmread(os.path.join(source, d, n), stop_before_pixels=True).file_meta.TransferSyntaxUID) for n in names})))
    print("file meta differences other than TransferSyntaxUID (written by dcmconv, group length aside):")
    for m in sorted(meta_diffs):
        if "FileMetaInformationGroupLength" not in m:
            print("  " + m)
    print("identical:", str(identical).lower())


if __name__ == "__main__":
    main(sys.argv[1])
