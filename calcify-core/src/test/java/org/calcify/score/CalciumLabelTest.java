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

    @Test
    void forSureCalciumNoneDecidesNothing() {
        // none 0.55: not coronary by the plain rule; for a candidate known to be calcium the arteries (0.3) beat other (0.15)
        double[] p = {0.55, 0, 0.1, 0.2, 0, 0.15};
        assertThat(CalciumLabel.decide(p)).isEqualTo(CalciumLabel.NONE);
        assertThat(CalciumLabel.decide(p, true)).isEqualTo(CalciumLabel.LCX);
        // other calcium ahead of the arteries, or the arteries under the share: still not coronary
        assertThat(CalciumLabel.decide(new double[] {0.35, 0, 0.1, 0.2, 0, 0.35}, true)).isEqualTo(CalciumLabel.NONE);
        assertThat(CalciumLabel.decide(new double[] {0.3, 0, 0.1, 0.2, 0, 0.4}, true)).isEqualTo(CalciumLabel.OTHER_CALCIUM);
        assertThat(CalciumLabel.decide(new double[] {0.85, 0, 0.1, 0.05, 0, 0}, true)).isEqualTo(CalciumLabel.NONE);
        // the share is of the whole, so sums (as the detector passes them) decide as their means do
        assertThat(CalciumLabel.decide(new double[] {1.6, 0, 0.4, 0, 0, 0}, true)).isEqualTo(CalciumLabel.LAD);
        assertThat(CalciumLabel.decide(new double[] {1.7, 0, 0.3, 0, 0, 0}, true)).isEqualTo(CalciumLabel.NONE);
    }

    @Property(tries = 300)
    void sureCalciumOnlyEverTurnsNoneIntoAnArtery(@ForAll @Size(6) java.util.List<@DoubleRange(min = 0, max = 1) Double> raw) {
        double[] p = raw.stream().mapToDouble(Double::doubleValue).toArray();
        CalciumLabel plain = CalciumLabel.decide(p);
        CalciumLabel sure = CalciumLabel.decide(p, true);
        if (sure != plain) {
            assertThat(plain).isIn(CalciumLabel.NONE, CalciumLabel.OTHER_CALCIUM);
            assertThat(sure.isCoronary()).isTrue();
            double arteries = p[1] + p[2] + p[3] + p[4];
            assertThat(arteries).isGreaterThan(p[5]).isGreaterThanOrEqualTo(0.2 * (arteries + p[0] + p[5]));
        }
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
