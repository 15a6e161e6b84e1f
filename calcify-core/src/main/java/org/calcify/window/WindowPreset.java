package org.calcify.window;

import java.util.Locale;

/** Named windows. {@code CALCIUM} shows 130..1000 HU (values at or below 130 HU are black). */
public enum WindowPreset {
    /** Soft tissue of the mediastinum: the thread's default, c=50 w=400. */
    MEDIASTINUM(WindowLevel.of(50, 400)),
    /** Lung parenchyma: c=-600 w=1500. */
    LUNG(WindowLevel.of(-600, 1500)),
    /** Bone: c=400 w=1800. */
    BONE(WindowLevel.of(400, 1800)),
    /** Calcium: the Agatston threshold 130 HU up to 1000 HU. */
    CALCIUM(WindowLevel.ofRange(130, 1000));

    private final WindowLevel window;

    WindowPreset(WindowLevel window) {
        this.window = window;
    }

    public WindowLevel window() {
        return window;
    }

    /**
     * Parses a preset name ({@code mediastinum}, {@code lung}, {@code bone}, {@code calcium}),
     * a centre and width {@code "c,w"} (e.g. {@code 50,400}) or a range {@code "lo..hi"}.
     */
    public static WindowLevel parse(String text) {
        String t = text.trim();
        for (WindowPreset p : values()) {
            if (p.name().equalsIgnoreCase(t)) {
                return p.window;
            }
        }
        try {
            if (t.contains("..")) {
                String[] parts = t.split("\\.\\.", 2);
                return WindowLevel.ofRange(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
            String[] parts = t.split(",");
            if (parts.length == 2) {
                return WindowLevel.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("window '" + text + "' is neither c,w (e.g. 50,400), lo..hi (e.g. 130..1000) nor one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
