package org.calcify.nn.model;

import java.util.List;
import java.util.Locale;
import org.calcify.score.CalciumLabel;

/**
 * What the network predicts from a shard label (0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium).
 */
public enum Task {
    /** Coronary calcium (labels 1 to 4) or not (0, and 5 = non-coronary calcium). */
    BINARY,
    /** The artery: none, LM, LAD, LCX, RCA; label 5 counts as none unless the "other" class is on. */
    ARTERY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task parse(String s) {
        for (Task t : values()) {
            if (t.id().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + s + "' (binary or artery)");
    }

    /** The class names, index = class number: none, calcium; or the {@link CalciumLabel} class names (other only with the other class). */
    public List<String> classNames(boolean otherClass) {
        if (this == BINARY) {
            return List.of(CalciumLabel.NONE.className(), "calcium");
        }
        List<CalciumLabel> labels = List.of(CalciumLabel.values());
        return CalciumLabel.classNames(otherClass ? labels : labels.subList(0, CalciumLabel.OTHER_CALCIUM.ordinal()));
    }

    /** The class of a shard label ({@link CalciumLabel}), or -1 when the label is outside 0..5. */
    public int classOf(long label, boolean otherClass) {
        if (!CalciumLabel.isLabel(label)) {
            return -1;
        }
        if (this == BINARY) {
            return CalciumLabel.isCoronary(label) ? 1 : 0;
        }
        if (label == CalciumLabel.OTHER_CALCIUM.label()) {
            return otherClass ? CalciumLabel.OTHER_CALCIUM.label() : CalciumLabel.NONE.label();
        }
        return (int) label;
    }
}
