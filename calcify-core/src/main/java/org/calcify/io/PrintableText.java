package org.calcify.io;

/**
 * Text from a file made safe for a one-line message on a terminal: control characters (C0, DEL, C1, among
 * them ESC, which starts terminal escape sequences) and invisible formatting characters (bidirectional
 * overrides, zero-width marks) are written as escapes ({@code \n}, {@code \t}, {@code \x1b},
 * {@code \u202e}); everything else passes unchanged.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /** {@code text} with every control and formatting character escaped; null stays null. */
    public static String escape(String text) {
        if (text == null || text.codePoints().noneMatch(PrintableText::unsafe)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!unsafe(c)) {
                sb.appendCodePoint(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c <= 0xFF) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append(String.format(c <= 0xFFFF ? "\\u%04x" : "\\U%08x", c));
            }
        });
        return sb.toString();
    }

    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
