package org.calcify.nn.model;

/**
 * One batch as primitive arrays, ready to become engine arrays.
 *
 * @param size    samples in the batch
 * @param images  one flat float array per image input (size x patch, C order)
 * @param emr     standardised EMR (size x k), empty without EMR
 * @param classes class of each sample (-1 when unknown)
 * @param samples sample numbers in the data the batch was loaded from (nn.data's {@code PatchData})
 */
public record Batch(int size, float[][] images, float[] emr, int[] classes, int[] samples) {
}
