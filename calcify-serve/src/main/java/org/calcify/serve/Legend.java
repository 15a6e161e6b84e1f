package org.calcify.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.calcify.render.LabelColors;
import org.calcify.score.CalciumLabel;
import org.calcify.window.WindowPreset;

/**
 * What the viewer needs to know of Calcify's label set and windows, from their one definition ({@link CalciumLabel},
 * {@link LabelColors}, {@link WindowPreset}), so that the pages list no label, colour or window of their own.
 */
record Legend(@JsonProperty("classes") List<ClassEntry> classes, @JsonProperty("windows") Map<String, double[]> windowsHu) {

    /** One class: its label value, the name requests use, the name shown, its colour, and the key that sets it. */
    record ClassEntry(@JsonProperty("label") int label, @JsonProperty("name") String name, @JsonProperty("display") String display,
                      @JsonProperty("rgb") String rgb, @JsonProperty("key") String key) {
    }

    static Legend of() {
        List<ClassEntry> classes = new ArrayList<>();
        for (CalciumLabel l : CalciumLabel.values()) {
            String display = l == CalciumLabel.NONE ? "not calcium" : l.displayName();
            classes.add(new ClassEntry(l.label(), l.className(), display, String.format(Locale.ROOT, "#%06x", LabelColors.rgb(l.label())),
                    Integer.toString(l.label())));
        }
        Map<String, double[]> windows = new LinkedHashMap<>();
        for (WindowPreset p : new WindowPreset[] {WindowPreset.MEDIASTINUM, WindowPreset.CALCIUM, WindowPreset.BONE}) {
            windows.put(p.name().toLowerCase(Locale.ROOT), new double[] {p.window().lowHu(), p.window().highHu()});
        }
        return new Legend(classes, windows);
    }
}
