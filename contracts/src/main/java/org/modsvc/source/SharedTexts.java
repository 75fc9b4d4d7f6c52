package org.modsvc.source;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each short scalar text seen by one {@link SourceReader}. A large setup repeats
 * the same keys and many values in every file; sharing them keeps millions of equal strings from
 * being alive together (and copied and marked by every collection) while a setup loads. Bounded,
 * so a reader that lives long does not grow without end; only ever added to, by any thread.
 */
final class SharedTexts {
    private static final int SHARED_TEXT_LENGTH = 48;
    private static final int SHARED_TEXTS = 1 << 20;

    private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

    /** The one instance of a short text, or {@code text} itself; never null for a non-null text. */
    String shared(String text) {
        if (text.length() > SHARED_TEXT_LENGTH) return text;
        String known = texts.get(text);
        if (known != null) return known;
        if (texts.size() >= SHARED_TEXTS) return text;
        known = texts.putIfAbsent(text, text);
        return known == null ? text : known;
    }
}
