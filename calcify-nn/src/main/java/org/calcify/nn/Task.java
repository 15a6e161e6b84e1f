package org.calcify.nn;

import java.util.List;
import java.util.Locale;

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

    /** The class names, index = class number. */
    public List<String> classNames(boolean otherClass) {
        if (this == BINARY) {
            return List.of("none", "calcium");
        }
        return otherClass ? List.of("none", "LM", "LAD", "LCX", "RCA", "other") : List.of("none", "LM", "LAD", "LCX", "RCA");
    }

    /** The class of a shard label, or -1 when the label is outside 0..5. */
    public int classOf(long label, boolean otherClass) {
        if (label < 0 || label > 5) {
            return -1;
        }
        if (this == BINARY) {
            return label >= 1 && label <= 4 ? 1 : 0;
        }
        if (label == 5) {
            return otherClass ? 5 : 0;
        }
        return (int) label;
    }
}
