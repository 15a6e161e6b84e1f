package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The two-step decision: coronary or not by summed probability, then the best class on that side. */
class DetectionClassTest {
    @Test
    void nonCoronaryMassSplitOverNoneAndOtherStillWins() {
        // argmax would say RCA (0.38); none and other calcium hold 0.62 between them
        assertThat(DetectionClass.decide(new double[] {0.31, 0, 0, 0, 0.38, 0.31})).isEqualTo(DetectionClass.NONE);
        assertThat(DetectionClass.decide(new double[] {0.30, 0, 0, 0, 0.38, 0.32})).isEqualTo(DetectionClass.OTHER_CALCIUM);
    }

    @Test
    void coronaryMassSplitOverArteriesStillWins() {
        // argmax would say other calcium (0.40); LM and LAD hold 0.60 between them
        assertThat(DetectionClass.decide(new double[] {0, 0.29, 0.31, 0, 0, 0.40})).isEqualTo(DetectionClass.LAD);
    }

    @Property(tries = 300)
    void agreesWithArgmaxWhenOneClassHoldsTheMajority(@ForAll @Size(6) java.util.List<@DoubleRange(min = 0, max = 1) Double> raw,
                                                      @ForAll @IntRange(min = 0, max = 5) int winner) {
        double[] p = new double[6];
        double rest = 0;
        for (int k = 0; k < 6; k++) {
            rest += k == winner ? 0 : raw.get(k);
        }
        for (int k = 0; k < 6; k++) {
            p[k] = k == winner ? 0.51 : rest == 0 ? 0.49 / 5 : 0.49 * raw.get(k) / rest;
        }
        assertThat(DetectionClass.decide(p).ordinal()).isEqualTo(winner);
    }

    @Test
    void refusesTheWrongNumberOfClasses() {
        assertThatThrownBy(() -> DetectionClass.decide(new double[] {0.5, 0.5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 class probabilities");
    }
}
