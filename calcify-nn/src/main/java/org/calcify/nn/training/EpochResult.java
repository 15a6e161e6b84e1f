package org.calcify.nn.training;

/**
 * What one epoch gave: its number (1-based), the mean class-weighted training loss, the validation
 * loss and metrics, the learning rate used and the epoch's wall time in seconds.
 */
public record EpochResult(int epoch, double trainLoss, double validationLoss, Metrics validation, float learningRate, double seconds) {
}
