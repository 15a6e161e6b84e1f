package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * The patient table under the back: a curved carbon-fibre shell (two thin skins around a foam core)
 * with a foam pad on top, constant along w. Its top surface at lateral offset u is
 * {@code v = topV - (R - sqrt(R^2 - u^2))} (v posterior: the shell curves up towards the sides).
 *
 * @param topV          v of the pad's top surface at u = 0, mm
 * @param radiusMm      radius of curvature R
 * @param padMm         pad thickness (0: none)
 * @param skinMm        thickness of each carbon-fibre skin
 * @param coreMm        foam core thickness between the skins
 * @param halfWidthMm   half-width of the table
 */
record PatientTable(double topV, double radiusMm, double padMm, double skinMm, double coreMm, double halfWidthMm) {

    /**
     * A table under {@code body}: touching the back (pressing it flat by up to 12 mm) in about 60 % of
     * cases, otherwise 2-40 mm below it (a gap of air or a thicker cushion).
     */
    static PatientTable under(BodyShape body, SplittableRandom r) {
        double back = body.backV();
        double top = r.nextDouble() < 0.6 ? back - BodyShape.uniform(r, 0, 12) : back + BodyShape.uniform(r, 2, 40);
        double pad = r.nextDouble() < 0.75 ? BodyShape.uniform(r, 2, 12) : 0;
        return new PatientTable(top, BodyShape.uniform(r, 320, 650), pad, BodyShape.uniform(r, 1.5, 3.0),
                BodyShape.uniform(r, 8, 20), BodyShape.uniform(r, 210, 260));
    }

    /** v of the top surface (pad top) at lateral offset {@code u}; +infinity beyond the table's edges. */
    double surfaceV(double u) {
        if (Math.abs(u) >= halfWidthMm) {
            return Double.POSITIVE_INFINITY;
        }
        return topV - (radiusMm - Math.sqrt(radiusMm * radiusMm - u * u));
    }

    /** Deepest v of the table (bottom skin at u = 0). */
    double bottomV() {
        return topV + padMm + 2 * skinMm + coreMm;
    }

    /** Paints the table over air (code 0) in the plane. */
    void paint(Plane p, Materials m) {
        int x0 = Math.max(0, p.xFloor(-halfWidthMm));
        int x1 = Math.min(p.nx - 1, p.xCeil(halfWidthMm));
        double top0 = topV - (radiusMm - Math.sqrt(radiusMm * radiusMm - halfWidthMm * halfWidthMm));
        int y0 = Math.max(0, p.yFloor(top0));
        int y1 = Math.min(p.ny - 1, p.yCeil(bottomV()));
        for (int x = x0; x <= x1; x++) {
            double s = surfaceV(p.u(x));
            if (!Double.isFinite(s)) {
                continue;
            }
            for (int y = y0; y <= y1; y++) {
                int i = y * p.nx + x;
                if (p.code[i] != AnatomyCode.OUT) {
                    continue;
                }
                double d = p.v(y) - s; // depth below the top surface
                float hu;
                if (d < 0) {
                    continue;
                } else if (d < padMm) {
                    hu = m.pad();
                } else if (d < padMm + skinMm) {
                    hu = m.carbon();
                } else if (d < padMm + skinMm + coreMm) {
                    hu = m.foam();
                } else if (d < padMm + 2 * skinMm + coreMm) {
                    hu = m.carbon();
                } else {
                    continue;
                }
                p.hu[i] = hu;
                p.code[i] = AnatomyCode.OBJECT_B;
            }
        }
    }
}
