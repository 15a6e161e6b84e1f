package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.calcify.io.InvalidInputException;
import org.calcify.score.CalciumLabel;
import org.junit.jupiter.api.Test;

class BackgroundClassifierTest {

    @Test
    void waitsForTheLoadAndThenIsTheLoadedClassifier() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundClassifier c = new BackgroundClassifier(() -> {
            release.await();
            return new ThresholdBaseline();
        });
        release.countDown();
        assertThat(c.describe()).isEqualTo(new ThresholdBaseline().describe());
        assertThat(c.classify(null, new int[][] {{0, 0, 0}}, null)[0][CalciumLabel.LAD.ordinal()]).isEqualTo(1f);
        c.close();
    }

    @Test
    void aFailedLoadSurfacesWithItsCauseAndCloseDoesNotThrow() {
        BackgroundClassifier c = new BackgroundClassifier(() -> {
            throw new InvalidInputException(Path.of("model"), "no such model folder");
        });
        assertThatThrownBy(c::describe).isInstanceOf(BackgroundClassifier.LoadFailure.class)
                .hasCauseInstanceOf(InvalidInputException.class).hasMessageContaining("no such model folder");
        c.close();
    }
}
