package org.calcify.io.joblib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.numpy.NdArray;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Arrays reach a sink one at a time, in order, and the loaded object keeps only what the sink returned. */
class StreamedLoadTest {

    @ParameterizedTest(name = "compress={0}")
    @ValueSource(ints = {0, 3})
    void arraysAreHandedOverInOrder(int compress, @TempDir Path dir) throws IOException {
        Path f = dir.resolve("cts.pkl");
        PythonOracle.run("""
                import sys, joblib, numpy as np
                joblib.dump([np.full((k + 1, 4, 5), k, np.int16) for k in range(4)], sys.argv[1], compress=int(sys.argv[2]))
                """, f.toString(), Integer.toString(compress));
        List<String> seen = new ArrayList<>();
        Object o = JoblibReader.load(f, a -> {
            seen.add(a.shapeText() + "=" + (int) a.getDouble(0));
            return new ArraySink.Released(a.dtype().numpyName(), a.shapeText());
        });
        assertThat(seen).containsExactly("(1, 4, 5)=0", "(2, 4, 5)=1", "(3, 4, 5)=2", "(4, 4, 5)=3");
        assertThat((List<?>) o).hasSize(4).allMatch(x -> x instanceof ArraySink.Released).noneMatch(x -> x instanceof NdArray);
    }
}
