package org.calcify.app.review;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One lesion of a review: a 3D component (26-connected) of the proposed map's labelled voxels, or one a reader added.
 *
 * @param id           1-based: proposed lesions in (z, y, x) C order of their first voxel, added ones after
 * @param proposed     the class the model gave it ({@code none} for an added lesion); class names as {@code CalciumLabel.className()}
 * @param current      its class now
 * @param added        true when a reader added it
 * @param voxels       its voxel count
 * @param volumeMm3    its volume in mm³
 * @param peakHu       its highest HU
 * @param peakZyx      the voxel of its peak (z, y, x): where the viewer jumps to
 * @param centroidZyx  its centroid in voxel indices (z, y, x)
 * @param peakRasMm    the centre of its peak voxel in patient coordinates RAS, mm (as NIfTI viewers place it)
 */
public record ReviewLesion(@JsonProperty("id") int id, @JsonProperty("proposed") String proposed, @JsonProperty("current") String current,
                           @JsonProperty("added") boolean added, @JsonProperty("voxels") int voxels,
                           @JsonProperty("volume_mm3") double volumeMm3, @JsonProperty("peak_hu") int peakHu,
                           @JsonProperty("peak_zyx") int[] peakZyx, @JsonProperty("centroid_zyx") double[] centroidZyx,
                           @JsonProperty("peak_ras_mm") double[] peakRasMm) {
}
