package org.calcify.nn.training;

import java.io.IOException;

/** Training could not go on (the loss became NaN or infinite); the last good checkpoint is kept. */
public final class TrainingStoppedException extends IOException {
    public TrainingStoppedException(String message) {
        super(message);
    }
}
