package org.calcify.io.nifti;

import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.volume.Geometry;
import org.calcify.volume.Matrix3;

/**
 * Converts between NIfTI's voxel-to-RAS affines and Calcify's LPS {@link Geometry}.
 *
 * <p>The affine is chosen exactly as nibabel's {@code Nifti1Header.get_best_affine()} does: the
 * sform when {@code sform_code != 0}, else the qform when {@code qform_code != 0} (quaternion,
 * {@code pixdim[1..3]} and qfac = {@code pixdim[0]}, 0 taken as 1), else nibabel's base affine
 * ({@code diag(-pixdim[1], pixdim[2], pixdim[3])} centred on the middle of the grid). World LPS is
 * {@code diag(-1, -1, 1) * affine_RAS * (i, j, k, 1)}; our x, y, z are NIfTI's i, j, k; no
 * reorientation is ever done.
 */
final class NiftiGeometry {
    private static final double ORTHOGONALITY_TOLERANCE = 1e-4;

    private NiftiGeometry() {
    }

    /** Which transform the geometry came from, for metadata. */
    static String source(NiftiHeader h) {
        if (h.sformCode() != 0) {
            return "sform";
        }
        return h.qformCode() != 0 ? "qform" : "pixdim";
    }

    /** nibabel's {@code img.affine}: the RAS 3x4 affine (row-major) of the header. */
    static double[] bestAffineRas(NiftiHeader h) {
        if (h.sformCode() != 0) {
            return h.srow().clone();
        }
        if (h.qformCode() != 0) {
            return qformAffine(h);
        }
        return baseAffine(h);
    }

    private static double[] qformAffine(NiftiHeader h) {
        double b = h.quatern()[0];
        double c = h.quatern()[1];
        double d = h.quatern()[2];
        double a = Math.sqrt(Math.max(0, 1.0 - (b * b + c * c + d * d)));
        double[] r = quaternionToMatrix(a, b, c, d);
        double qfac = h.pixdim()[0] == -1 ? -1 : 1;
        double[] vox = {Math.abs(h.pixdim()[1]), Math.abs(h.pixdim()[2]), Math.abs(h.pixdim()[3]) * qfac};
        double[] out = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                out[row * 4 + col] = r[row * 3 + col] * vox[col];
            }
            out[row * 4 + 3] = h.qoffset()[row];
        }
        return out;
    }

    /** nibabel's quat2mat for quaternion (w, x, y, z); row-major 3x3. */
    static double[] quaternionToMatrix(double w, double x, double y, double z) {
        double nq = w * w + x * x + y * y + z * z;
        if (nq < 1e-15) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double s = 2.0 / nq;
        double xs = x * s;
        double ys = y * s;
        double zs = z * s;
        double wx = w * xs;
        double wy = w * ys;
        double wz = w * zs;
        double xx = x * xs;
        double xy = x * ys;
        double xz = x * zs;
        double yy = y * ys;
        double yz = y * zs;
        double zz = z * zs;
        return new double[] {
            1.0 - (yy + zz), xy - wz, xz + wy,
            xy + wz, 1.0 - (xx + zz), yz - wx,
            xz - wy, yz + wx, 1.0 - (xx + yy)};
    }

    private static double[] baseAffine(NiftiHeader h) {
        int ndim = (int) Math.min(3, h.dim()[0]);
        double[] zooms = {1, 1, 1};
        double[] shape = {1, 1, 1};
        for (int i = 0; i < ndim; i++) {
            zooms[i] = h.pixdim()[i + 1];
            shape[i] = h.dim()[i + 1];
        }
        zooms[0] = -zooms[0];
        double[] out = new double[12];
        for (int i = 0; i < 3; i++) {
            out[i * 4 + i] = zooms[i];
            out[i * 4 + 3] = -(shape[i] - 1) / 2.0 * zooms[i];
        }
        return out;
    }

    /**
     * The LPS geometry of an RAS affine scaled by {@code unitMm} (mm per stored unit). Spacing is the
     * column norms, direction the normalised columns; a sheared affine keeps its normalised columns
     * and adds a warning, a zero column gets spacing 1 and the direction completing a right-handed
     * frame.
     */
    static Geometry toGeometry(double[] affineRas, int sizeX, int sizeY, int sizeZ, double unitMm,
            List<String> warnings, Path file) throws InvalidInputException {
        double[] lps = new double[12];
        for (int i = 0; i < 12; i++) {
            double sign = i < 8 ? -1 : 1;
            lps[i] = sign * affineRas[i] * unitMm;
            if (!Double.isFinite(lps[i])) {
                throw new InvalidInputException(file, "NIfTI affine holds a non-finite value");
            }
        }
        double[][] columns = new double[3][];
        double[] spacing = new double[3];
        int zeroColumn = -1;
        for (int c = 0; c < 3; c++) {
            double[] v = {lps[c], lps[4 + c], lps[8 + c]};
            double norm = Math.sqrt(Matrix3.dot(v, v));
            if (norm == 0) {
                if (zeroColumn >= 0) {
                    throw new InvalidInputException(file, "NIfTI affine has two zero columns");
                }
                zeroColumn = c;
                spacing[c] = 1;
                continue;
            }
            spacing[c] = norm;
            columns[c] = new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
        }
        if (zeroColumn >= 0) {
            columns[zeroColumn] = Matrix3.cross(columns[(zeroColumn + 1) % 3], columns[(zeroColumn + 2) % 3]);
            warnings.add("NIfTI affine column " + zeroColumn + " is zero (pixdim 0?); assumed 1 mm along the normal");
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                if (Math.abs(Matrix3.dot(columns[a], columns[b])) > ORTHOGONALITY_TOLERANCE) {
                    warnings.add("NIfTI affine is not orthogonal (sheared); kept the normalised axis directions");
                    a = 3;
                    break;
                }
            }
        }
        double[] direction = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                direction[r * 3 + c] = columns[c][r];
            }
        }
        if (Math.abs(Matrix3.determinant(direction)) < 1e-6) {
            throw new InvalidInputException(file, "NIfTI affine is singular (axes are parallel)");
        }
        try {
            return Geometry.of(sizeX, sizeY, sizeZ, spacing, new double[] {lps[3], lps[7], lps[11]}, direction);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "unusable NIfTI geometry: " + e.getMessage(), e);
        }
    }

    /** RAS 3x4 affine (row-major) of a Calcify geometry. */
    static double[] rasAffine(Geometry g) {
        double[] lps = g.affineLps();
        double[] ras = new double[12];
        for (int i = 0; i < 12; i++) {
            ras[i] = i < 8 ? -lps[i] : lps[i];
        }
        return ras;
    }

    /**
     * The qform of a geometry: {@code {b, c, d, qfac}} of the rotation part of the RAS direction
     * (nifti1_io's nifti_mat44_to_quatern). qfac is -1 when the axes are left-handed in RAS.
     */
    static double[] quaternion(Geometry g) {
        double[] d = g.direction();
        double[] r = new double[9];
        for (int i = 0; i < 9; i++) {
            r[i] = i < 6 ? -d[i] : d[i];
        }
        double qfac = 1;
        if (Matrix3.determinant(r) < 0) {
            qfac = -1;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        double r11 = r[0], r12 = r[1], r13 = r[2], r21 = r[3], r22 = r[4], r23 = r[5], r31 = r[6], r32 = r[7], r33 = r[8];
        double a = r11 + r22 + r33 + 1.0;
        double b;
        double c;
        double dd;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            dd = 0.25 * (r21 - r12) / a;
        } else {
            double xd = 1.0 + r11 - (r22 + r33);
            double yd = 1.0 + r22 - (r11 + r33);
            double zd = 1.0 + r33 - (r11 + r22);
            if (xd > 1.0) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                dd = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            } else if (yd > 1.0) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                dd = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            } else {
                dd = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r13 + r31) / dd;
                c = 0.25 * (r23 + r32) / dd;
                a = 0.25 * (r21 - r12) / dd;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                dd = -dd;
            }
        }
        return new double[] {b, c, dd, qfac};
    }
}
