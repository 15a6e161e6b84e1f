package org.calcify.app.dicomweb;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A study (or one series of it) on a DICOMweb server, as {@code calcify detect --input} takes it:
 * {@code dicomweb://HOST[:PORT]/PATH?StudyInstanceUID=UID[&SeriesInstanceUID=UID]} (plain HTTP) or
 * {@code dicomwebs://...} (HTTPS); {@code PATH} is the service's root, e.g. {@code /dicom-web}.
 *
 * @param base      the service's http(s) URL
 * @param seriesUid the series, or null for the study's CT series
 */
public record DicomWebSource(URI base, String studyUid, String seriesUid) {
    public static final String SCHEME = "dicomweb";
    public static final String SECURE_SCHEME = "dicomwebs";

    /** True if {@code s} is a dicomweb:// or dicomwebs:// address (to be parsed by {@link #parse}). */
    public static boolean isDicomWeb(String s) {
        return s.startsWith(SCHEME + "://") || s.startsWith(SECURE_SCHEME + "://");
    }

    /** Parses a dicomweb:// address; IllegalArgumentException saying what is wrong. */
    public static DicomWebSource parse(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + s + "' is not a URL: " + e.getReason());
        }
        if (!isDicomWeb(s) || u.getHost() == null) {
            throw new IllegalArgumentException("'" + s + "' is not dicomweb://HOST[:PORT]/PATH?StudyInstanceUID=UID");
        }
        String study = null;
        String series = null;
        if (u.getRawQuery() != null) {
            for (String kv : u.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                switch (k) {
                    case "StudyInstanceUID", "0020000D" -> study = v;
                    case "SeriesInstanceUID", "0020000E" -> series = v;
                    default -> throw new IllegalArgumentException("'" + s + "': unknown query key '" + k
                            + "' (StudyInstanceUID and SeriesInstanceUID are known)");
                }
            }
        }
        if (study == null || !DicomWebClient.isUid(study)) {
            throw new IllegalArgumentException("'" + s + "' needs ?StudyInstanceUID=UID (a DICOM UID: digits and dots)");
        }
        if (series != null && !DicomWebClient.isUid(series)) {
            throw new IllegalArgumentException("'" + s + "': SeriesInstanceUID '" + series + "' is not a DICOM UID");
        }
        String scheme = u.getScheme().equals(SECURE_SCHEME) ? "https" : "http";
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        URI base = URI.create(scheme + "://" + u.getRawAuthority() + path);
        return new DicomWebSource(base, study, series);
    }
}
