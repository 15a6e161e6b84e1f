package org.calcify.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading NIfTI files compared voxel by voxel, and affine by affine, with nibabel. */
class NiftiReadTest {
    /** Writes NIfTI files covering every datatype, both byte orders, scaling and every transform choice. */
    static final String GENERATE = """
            import sys, os, numpy as np, nibabel as nib
            d = sys.argv[1]
            rng = np.random.default_rng(7)
            def rot(a, b, c):
                ca, sa, cb, sb, cc, sc = np.cos(a), np.sin(a), np.cos(b), np.sin(b), np.cos(c), np.sin(c)
                rx = np.array([[1,0,0],[0,ca,-sa],[0,sa,ca]]); ry = np.array([[cb,0,sb],[0,1,0],[-sb,0,cb]])
                rz = np.array([[cc,-sc,0],[sc,cc,0],[0,0,1]])
                return rz @ ry @ rx
            aff = np.eye(4); aff[:3,:3] = rot(0.3, -0.2, 0.5) @ np.diag([0.7, 0.8, 2.5]); aff[:3,3] = [12.5, -80.25, 33.0]
            shape = (7, 5, 4)
            def data(dt):
                dt = np.dtype(dt)
                if dt.kind == 'f':
                    return (rng.standard_normal(shape) * 1000).astype(dt)
                info = np.iinfo(dt)
                return rng.integers(info.min, info.max, size=shape, dtype=dt, endpoint=True)
            names = []
            def save(img, name):
                p = os.path.join(d, name); nib.save(img, p); names.append(p)
            for dt in ['u1','i1','i2','u2','i4','u4','i8','u8','f4','f8']:
                for e in '<>':
                    img = nib.Nifti1Image(data(dt), aff, header=nib.Nifti1Header(endianness=e))
                    img.set_data_dtype(np.dtype(dt).newbyteorder(e))
                    save(img, f'dt_{dt}_{"le" if e == "<" else "be"}.nii' + ('.gz' if dt in ('i2', 'f4') else ''))
            def scaled(name, arr, slope, inter, cls=nib.Nifti1Image):
                img = cls(arr, aff); img.header.set_slope_inter(slope, inter); save(img, name)
            scaled('scl_i2_ct.nii.gz', rng.integers(0, 4000, size=shape).astype('i2'), 1, -1024)
            scaled('scl_u2_ct.nii', rng.integers(0, 4000, size=shape).astype('u2'), 1, -1024)
            scaled('scl_i2_float.nii', rng.integers(-500, 500, size=shape).astype('i2'), 0.5, 3.3)
            scaled('scl_u1_float.nii', rng.integers(0, 255, size=shape).astype('u1'), 0.25, -1)
            scaled('scl_f8.nii', data('f8'), 2.0, 1.5)
            scaled('scl_nifti2.nii', rng.integers(0, 4000, size=shape).astype('i2'), 2, -1024, nib.Nifti2Image)
            img = nib.Nifti1Image(data('i2'), aff); img.set_qform(None, code=0); img.set_sform(aff, code=2); save(img, 'sform_only.nii')
            img = nib.Nifti1Image(data('i2'), aff); img.set_sform(None, code=0); img.set_qform(aff, code=1); save(img, 'qform_only.nii.gz')
            flip = aff.copy(); flip[:3, 2] *= -1
            img = nib.Nifti1Image(data('i2'), flip); img.set_sform(None, code=0); img.set_qform(flip, code=1); save(img, 'qform_only_qfac.nii')
            img = nib.Nifti1Image(data('i2'), None); img.header.set_zooms((0.6, 0.7, 3.0)); save(img, 'no_transform.nii')
            assert nib.load(os.path.join(d, 'no_transform.nii')).header['sform_code'] == 0
            assert nib.load(os.path.join(d, 'no_transform.nii')).header['qform_code'] == 0
            img = nib.Nifti2Image(data('f4'), aff); save(img, 'nifti2.nii.gz')
            shear = aff.copy(); shear[0, 1] += 0.3; save(nib.Nifti1Image(data('i2'), shear), 'sheared.nii')
            img = nib.Nifti1Image(data('i2'), aff); save(img, 'gzipped.nii.gz')
            open(os.path.join(d, 'gzipped_named_plain.nii'), 'wb').write(open(names[-1], 'rb').read())
            img = nib.Nifti2Image(data('i2'), aff, header=nib.Nifti2Header(endianness='>')); save(img, 'nifti2_be.nii')
            img = nib.Nifti1Pair(data('i2'), aff); save(img, 'pair.hdr')
            img = nib.Nifti1Image(rng.integers(0, 100, size=(6, 5)).astype('i2'), aff); save(img, 'two_d.nii')
            img = nib.Nifti1Image(data('f4'), aff); img.header.set_xyzt_units('meter'); save(img, 'meters.nii')
            img = nib.Nifti1Image(data('i2')[..., None], aff); save(img, 'four_d_one_volume.nii')
            img = nib.Nifti1Image(rng.integers(0, 9, size=shape + (3,)).astype('i2'), aff); save(img, 'four_d.nii.gz')
            print('\\n'.join(names))
            """;

    @TempDir
    Path tmp;

    @Test
    void readsNibabelTestDataLikeNibabel() throws IOException {
        Path data = PythonOracle.nibabelTestData();
        List<Path> files;
        try (Stream<Path> s = Files.list(data)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.nii(\\.gz)?")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("anatomical.nii", "functional.nii", "example4d.nii.gz", "example_nifti2.nii.gz",
                        "standard.nii.gz", "reoriented_anat_moved.nii", "resampled_anat_moved.nii");
        List<Volume> read = NibabelOracle.assertReadsLikeNibabel(files, tmp);
        assertThat(read).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void readsTotalSegmentatorCtsAndLabelMapsLikeNibabel() throws IOException {
        Path root = PythonOracle.realData().resolve("totalseg");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".nii.gz")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        List<Volume> read = NibabelOracle.assertReadsLikeNibabel(files, tmp);
        assertThat(read).hasSameSizeAs(files);
    }

    @Test
    void readsEveryKindOfFileNibabelWritesLikeNibabel() throws IOException {
        List<Path> files = PythonOracle.run(GENERATE, tmp.toString()).lines().map(Path::of).toList();
        assertThat(files).hasSize(39);
        NibabelOracle.assertReadsLikeNibabel(files, tmp);

        assertThat(VolumeIO.read(tmp.resolve("scl_i2_ct.nii.gz")).type()).isEqualTo(DataType.INT16);
        assertThat(VolumeIO.read(tmp.resolve("scl_u2_ct.nii")).type()).isEqualTo(DataType.INT16);
        assertThat(VolumeIO.read(tmp.resolve("scl_i2_float.nii")).type()).isEqualTo(DataType.FLOAT32);
        assertThat(VolumeIO.read(tmp.resolve("scl_f8.nii")).type()).isEqualTo(DataType.FLOAT64);
        assertThat(VolumeIO.read(tmp.resolve("dt_u2_be.nii")).type()).isEqualTo(DataType.INT32);
        assertThat(VolumeIO.read(tmp.resolve("dt_u8_le.nii")).type()).isEqualTo(DataType.FLOAT64);
        assertThat(VolumeIO.read(tmp.resolve("pair.img")).sizeX()).isEqualTo(7);
        assertThat(VolumeIO.read(tmp.resolve("two_d.nii")).sizeZ()).isEqualTo(1);
        assertThat(VolumeIO.read(tmp.resolve("sheared.nii")).warnings()).anyMatch(w -> w.contains("not orthogonal"));
        assertThat(VolumeIO.read(tmp.resolve("dt_i2_le.nii.gz")).warnings()).isEmpty();
        assertThat(VolumeIO.read(tmp.resolve("gzipped_named_plain.nii")).data())
                .isEqualTo(VolumeIO.read(tmp.resolve("gzipped.nii.gz")).data());
        assertThat(VolumeIO.read(tmp.resolve("nifti2.nii.gz")).metadata()).containsEntry("format", "NIfTI-2");
        assertThat(VolumeIO.read(tmp.resolve("sform_only.nii")).metadata()).containsEntry("nifti.sform_code", "2");
        assertThat(VolumeIO.read(tmp.resolve("qform_only.nii.gz")).metadata()).containsEntry("nifti.geometry_from", "qform");
        assertThat(VolumeIO.read(tmp.resolve("no_transform.nii")).metadata()).containsEntry("nifti.geometry_from", "pixdim");
    }
}
