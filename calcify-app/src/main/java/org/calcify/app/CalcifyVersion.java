package org.calcify.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Calcify's version, as Maven filtered it into {@code version.properties}: what {@code --version} prints in every
 * front end and what the DICOM SEG and SR record as the software's version.
 */
public final class CalcifyVersion {
    private static final String VERSION = load();

    private CalcifyVersion() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the jar holds none. */
    public static String version() {
        return VERSION;
    }

    /** The lines of {@code --version}: Calcify's (with {@code detail} after it, when not empty) and Java's. */
    public static String[] versionLines(String detail) {
        return new String[] {"calcify " + VERSION + (detail == null || detail.isEmpty() ? "" : " " + detail),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = CalcifyVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
