package org.calcify.score;

import java.util.List;
import java.util.Locale;

/**
 * The label set of Calcify's calcium label maps, one value per voxel: 0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA,
 * 5 other (non-coronary) calcium — aorta, valves, mitral annulus, never scored. Phantoms, hybrid cohorts,
 * shards, networks, detection and pictures all use this set; {@link #label()} is the value in a label map and
 * equals {@link #ordinal()}.
 */
public enum CalciumLabel {
    /** No calcium, label 0. */
    NONE("none", "none"),
    /** Left main, label 1. */
    LM("LM", "LM"),
    /** Left anterior descending, label 2. */
    LAD("LAD", "LAD"),
    /** Left circumflex, label 3. */
    LCX("LCX", "LCX"),
    /** Right coronary artery, label 4. */
    RCA("RCA", "RCA"),
    /** Calcium outside the coronary arteries, label 5: never scored. */
    OTHER_CALCIUM("other", "other calcium");

    /** Highest label value. */
    public static final int MAX = 5;

    private final String className;
    private final String displayName;

    CalciumLabel(String className, String displayName) {
        this.className = className;
        this.displayName = displayName;
    }

    /** The value in a label map. */
    public int label() {
        return ordinal();
    }

    /** The short name models and CSVs use for the class: none, LM, LAD, LCX, RCA, other. */
    public String className() {
        return className;
    }

    /** The name pictures and reports show: none, LM, LAD, LCX, RCA, other calcium. */
    public String displayName() {
        return displayName;
    }

    /** True for labels 1 to 4. */
    public boolean isCoronary() {
        return this != NONE && this != OTHER_CALCIUM;
    }

    /** The artery of a coronary label. */
    public Artery artery() {
        if (!isCoronary()) {
            throw new IllegalStateException(this + " is not a coronary label");
        }
        return Artery.ofLabel(label());
    }

    /** True when {@code value} is a label of this set (0 to 5). */
    public static boolean isLabel(long value) {
        return value >= 0 && value <= MAX;
    }

    /** True when {@code value} is a coronary label (1 to 4). */
    public static boolean isCoronary(long value) {
        return value >= LM.label() && value <= RCA.label();
    }

    /** The label of value {@code value}. */
    public static CalciumLabel of(long value) {
        if (!isLabel(value)) {
            throw new IllegalArgumentException("label " + value + " is not 0..5 (" + names() + ")");
        }
        return values()[(int) value];
    }

    /** The label whose {@link #className()} is {@code name} (ignoring case). */
    public static CalciumLabel ofClassName(String name) {
        for (CalciumLabel l : values()) {
            if (l.className.equalsIgnoreCase(name.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a class (" + names() + ")");
    }

    /** The class names of the given labels, in order. */
    public static List<String> classNames(List<CalciumLabel> labels) {
        return labels.stream().map(CalciumLabel::className).toList();
    }

    private static String names() {
        return String.join(", ", classNames(List.of(values()))).toLowerCase(Locale.ROOT);
    }

    /**
     * The decision for a candidate from its class probabilities (indexed by label), in two steps, as the score
     * needs them: coronary calcium or not first (the summed artery probabilities against none plus other
     * calcium), then the most probable class on that side. A plain argmax would let an artery win at 0.38
     * where none and other calcium share 0.62, and call aortic calcium coronary.
     */
    public static CalciumLabel decide(double[] probability) {
        return decide(probability, false);
    }

    /**
     * With {@code sureCalcium} the share of the arteries that makes a candidate coronary when the network's "none"
     * would otherwise win: see {@link #decide(double[], boolean)}.
     */
    public static final double SURE_CALCIUM_ARTERY_SHARE = 0.2;

    /**
     * {@link #decide(double[])}, for a candidate that may be known to be calcium by other means ({@code sureCalcium}:
     * in {@code detect}, far above the noise of its scan). Then the network's "none", learnt mostly from specks of
     * noise, does not decide whether it is coronary: it is coronary also when the arteries together hold at least
     * {@value #SURE_CALCIUM_ARTERY_SHARE} of the probability and more than other calcium. Without it a plaque the
     * network has not seen the like of (against the myocardium with no fat around it, or under heavy noise) is
     * dropped as "none" with its arteries still far ahead of other calcium.
     */
    public static CalciumLabel decide(double[] probability, boolean sureCalcium) {
        CalciumLabel[] all = values();
        if (probability.length != all.length) {
            throw new IllegalArgumentException("expected " + all.length + " class probabilities, got " + probability.length);
        }
        double coronary = 0;
        for (CalciumLabel c : all) {
            if (c.isCoronary()) {
                coronary += probability[c.ordinal()];
            }
        }
        double none = probability[NONE.ordinal()];
        double other = probability[OTHER_CALCIUM.ordinal()];
        boolean isCoronary = coronary > none + other
                || sureCalcium && coronary >= SURE_CALCIUM_ARTERY_SHARE * (coronary + none + other) && coronary > other;
        CalciumLabel best = null;
        for (CalciumLabel c : all) {
            if (c.isCoronary() == isCoronary && (best == null || probability[c.ordinal()] > probability[best.ordinal()])) {
                best = c;
            }
        }
        return best;
    }
}
