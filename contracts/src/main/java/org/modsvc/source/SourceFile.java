package org.modsvc.source;

/**
 * The text of one input file, kept so that diagnostics can show the offending line.
 *
 * @param display the path as shown to the user, never null
 * @param text the decoded text without a BOM, never null
 */
public record SourceFile(String display, String text) {

    /** The 1-based line {@code n} without its line end, or "" when out of range. */
    public String line(int n) {
        if (n < 1) return "";
        int start = 0;
        for (int i = 1; i < n; i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) return "";
            start = nl + 1;
        }
        int end = text.indexOf('\n', start);
        if (end < 0) end = text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, end);
    }
}
