package org.calcify.bench;

import java.nio.file.Path;
import org.calcify.nn.training.Throughput;
import org.calcify.patch.ContextCube;

/**
 * Writes an untrained fold ensemble shaped like the detection model (cnn3d, 9x33x33 cubes, the default
 * context cube, artery task with the "other" class) for bench/classify-bench.sh. Arguments: DIR FOLDS.
 */
public final class WriteEnsemble {
    private WriteEnsemble() {
    }

    public static void main(String[] args) throws Exception {
        Throughput.writeUntrainedEnsemble(Path.of(args[0]), Integer.parseInt(args[1]), new int[] {9, 33, 33}, ContextCube.DEFAULT);
    }
}
