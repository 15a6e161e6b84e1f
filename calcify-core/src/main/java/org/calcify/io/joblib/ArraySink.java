package org.calcify.io.joblib;

import java.io.IOException;
import org.calcify.io.numpy.NdArray;

/** Receives each NumPy array of a pickle as soon as it is read (see {@link JoblibReader#load(java.nio.file.Path, ArraySink)}). */
@FunctionalInterface
public interface ArraySink {
    /** Handles {@code array}; returns what the unpickled object keeps in its place (the array, or a {@link Released}). */
    Object accept(NdArray array) throws IOException;

    /** Stands for an array that a sink consumed and released: its dtype name and shape only. */
    record Released(String dtype, String shape) {
    }
}
