package org.calcify.protocol;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How sharp a reconstruction kernel is, from its vendor name. Calcium is scored on soft-tissue
 * (smooth or standard) kernels; sharp kernels (lung, bone, high resolution) raise noise and the
 * edges of dense objects above 130 HU. Names follow the vendors' conventions:
 * <ul>
 *   <li>Siemens: a letter code and a number, {@code B35f}, {@code Br40d}, {@code Qr36}, {@code Bl57}: the number is
 *       the sharpness; up to 45 is soft tissue, 50 and above sharp;</li>
 *   <li>GE: {@code SOFT}, {@code STANDARD} (soft tissue), {@code DETAIL} (sharper), {@code LUNG}, {@code BONE},
 *       {@code BONEPLUS}, {@code EDGE}, {@code CHEST}, {@code ULTRA} (sharp);</li>
 *   <li>Philips: {@code A}, {@code B}, {@code CB}, {@code XCA} (soft tissue), {@code C} (sharper), {@code D},
 *       {@code E}, {@code L}, {@code Y*} (sharp);</li>
 *   <li>Canon/Toshiba: {@code FC01}–{@code FC18} soft tissue, {@code FC30} and above (bone, lung) sharp.</li>
 * </ul>
 * Anything else is {@link #UNKNOWN}: then only the measured noise speaks.
 */
public enum KernelSharpness {
    SOFT_TISSUE, SHARPER, SHARP, UNKNOWN;

    private static final Pattern SIEMENS = Pattern.compile("^[A-Z][A-Za-z]?(\\d{2})[A-Za-z]?$");
    private static final Pattern CANON = Pattern.compile("^FC(\\d{2})$");

    /**
     * @param manufacturer (0008,0070), may be null
     * @param kernel       every value of (0018,1210); empty when unknown
     */
    public static KernelSharpness of(String manufacturer, List<String> kernel) {
        if (kernel == null || kernel.isEmpty()) {
            return UNKNOWN;
        }
        String k = kernel.get(0).trim().toUpperCase(Locale.ROOT);
        String maker = manufacturer == null ? "" : manufacturer.toUpperCase(Locale.ROOT);
        if (maker.contains("GE ") || maker.startsWith("GE") || maker.contains("GENERAL ELECTRIC")) {
            return ge(k);
        }
        if (maker.contains("PHILIPS")) {
            return philips(k);
        }
        if (maker.contains("TOSHIBA") || maker.contains("CANON")) {
            return canon(k);
        }
        if (maker.contains("SIEMENS")) {
            return siemens(kernel.get(0).trim());
        }
        // no or another manufacturer: try the naming schemes that cannot be confused
        KernelSharpness s = canon(k);
        if (s != UNKNOWN) {
            return s;
        }
        s = ge(k);
        return s != UNKNOWN ? s : siemens(kernel.get(0).trim());
    }

    private static KernelSharpness ge(String k) {
        return switch (k) {
            case "SOFT", "STANDARD", "STND", "SMOOTH" -> SOFT_TISSUE;
            case "DETAIL" -> SHARPER;
            case "LUNG", "BONE", "BONEPLUS", "EDGE", "CHEST", "ULTRA", "SHARP" -> SHARP;
            default -> UNKNOWN;
        };
    }

    private static KernelSharpness philips(String k) {
        if (k.equals("A") || k.equals("B") || k.equals("CB") || k.equals("XCA") || k.equals("XCB") || k.equals("CA")) {
            return SOFT_TISSUE;
        }
        if (k.equals("C")) {
            return SHARPER;
        }
        if (k.equals("D") || k.equals("E") || k.equals("L") || k.equals("EC") || k.startsWith("Y")) {
            return SHARP;
        }
        return UNKNOWN;
    }

    private static KernelSharpness canon(String k) {
        Matcher m = CANON.matcher(k);
        if (!m.matches()) {
            return UNKNOWN;
        }
        int n = Integer.parseInt(m.group(1));
        return n <= 18 ? SOFT_TISSUE : n < 30 ? SHARPER : SHARP;
    }

    private static KernelSharpness siemens(String k) {
        Matcher m = SIEMENS.matcher(k);
        if (!m.matches()) {
            return UNKNOWN;
        }
        int n = Integer.parseInt(m.group(1));
        return n <= 45 ? SOFT_TISSUE : n < 50 ? SHARPER : SHARP;
    }
}
