package org.calcify.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The two-step decision: coronary or not by summed probability, then the best class on that side. */
class CalciumLabelTest {
    @Test
    void nonCoronaryMassSplitOverNoneAndOtherStillWins() {
        // argmax would say RCA (0.38); none and other calcium hold 0.62 between them
        assertThat(CalciumLabel.decide(new double[] {0.31, 0, 0, 0, 0.38, 0.31})).isEqualTo(CalciumLabel.NONE);
        assertThat(CalciumLabel.decide(new double[] {0.30, 0, 0, 0, 0.38, 0.32})).isEqualTo(CalciumLabel.OTHER_CALCIUM);
    }

    @Test
    void coronaryMassSplitOverArteriesStillWins() {
        // argmax would say other calcium (0.40); LM and LAD hold 0.60 between them
        assertThat(CalciumLabel.decide(new double[] {0, 0.29, 0.31, 0, 0, 0.40})).isEqualTo(CalciumLabel.LAD);
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
        assertThat(CalciumLabel.decide(p).ordinal()).isEqualTo(winner);
    }

    @Test
    void refusesTheWrongNumberOfClasses() {
        assertThatThrownBy(() -> CalciumLabel.decide(new double[] {0.5, 0.5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 class probabilities");
    }

    @Test
    void oneLabelSetForMapsClassesAndPictures() {
        assertThat(CalciumLabel.values()).extracting(CalciumLabel::label).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(CalciumLabel.classNames(java.util.List.of(CalciumLabel.values()))).containsExactly("none", "LM", "LAD", "LCX", "RCA", "other");
        for (Artery a : Artery.values()) {
            assertThat(a.calciumLabel().artery()).isEqualTo(a);
            assertThat(a.calciumLabel().isCoronary()).isTrue();
            assertThat(CalciumLabel.ofClassName(a.name())).isEqualTo(a.calciumLabel());
        }
        assertThat(CalciumLabel.of(5).displayName()).isEqualTo("other calcium");
        assertThat(org.calcify.render.LabelColors.name(5)).isEqualTo("other calcium");
        assertThat(org.calcify.render.LabelColors.name(7)).isEqualTo("label 7");
        assertThat(CalciumLabel.isCoronary(0)).isFalse();
        assertThat(CalciumLabel.isCoronary(5)).isFalse();
        assertThatThrownBy(() -> CalciumLabel.of(6)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0..5");
        assertThatThrownBy(() -> CalciumLabel.ofClassName("calcium")).isInstanceOf(IllegalArgumentException.class);
    }
}
