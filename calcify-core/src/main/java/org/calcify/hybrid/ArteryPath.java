package org.calcify.hybrid;

import java.util.List;

/**
 * The course of one artery through a real scan: its points snapped into epicardial fat, in order from
 * the ostium; gaps where no fat was found near the template are simply skipped.
 *
 * @param site   the artery (a coronary {@link LesionSite})
 * @param points snapped points, proximal first
 */
public record ArteryPath(LesionSite site, List<Point> points) {
    public ArteryPath {
        if (!site.coronary()) {
            throw new IllegalArgumentException("an artery path needs a coronary site, not " + site);
        }
        points = List.copyOf(points);
    }

    /**
     * One snapped point.
     *
     * @param voxelZyx  the fat voxel (z, y, x) it was snapped to
     * @param lps       that voxel's centre, LPS mm
     * @param tangent   unit direction of the template course there (proximal to distal)
     * @param fraction  position along the artery's template, 0 at the ostium, 1 at its end
     */
    public record Point(int[] voxelZyx, double[] lps, double[] tangent, double fraction) {
        public Point {
            voxelZyx = voxelZyx.clone();
            lps = lps.clone();
            tangent = tangent.clone();
        }
    }
}
