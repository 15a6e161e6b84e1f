package org.calcify.io.joblib;

import java.io.IOException;

/** A pickle Calcify will not read (forbidden global, unsupported content, corrupt stream); mapped to an InvalidInputException. */
final class PickleRefusal extends IOException {
    PickleRefusal(String problem) {
        super(problem);
    }
}
