package org.modsvc.resolve.version;

import java.util.Arrays;

/**
 * A provision's version: dot-separated non-negative integers ({@code 16}, {@code 16.2},
 * {@code 1.2.3}). Missing components compare as 0, so {@code 16} equals {@code 16.0}. Immutable.
 *
 * @param parts never empty
 */
public record Version(long[] parts) implements Comparable<Version> {

    public Version {
        parts = parts.clone();
    }

    /** The version spelled {@code text}, or null when it is not dot-separated integers. */
    public static Version parse(String text) {
        if (text.isEmpty() || text.length() > 64) return null;
        String[] words = text.split("\\.", -1);
        long[] p = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty() || w.length() > 9) return null;
            for (int j = 0; j < w.length(); j++) if (w.charAt(j) < '0' || w.charAt(j) > '9') return null;
            p[i] = Long.parseLong(w);
        }
        return new Version(p);
    }

    /** Component {@code i}, 0 past the end. */
    public long at(int i) {
        return i < parts.length ? parts[i] : 0;
    }

    public int size() {
        return parts.length;
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.length, o.parts.length);
        for (int i = 0; i < n; i++) {
            int c = Long.compare(at(i), o.at(i));
            if (c != 0) return c;
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int n = parts.length;
        while (n > 1 && parts[n - 1] == 0) n--;
        return Arrays.hashCode(Arrays.copyOf(parts, n));
    }

    @Override
    public String toString() {
        var b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) b.append('.');
            b.append(parts[i]);
        }
        return b.toString();
    }
}
