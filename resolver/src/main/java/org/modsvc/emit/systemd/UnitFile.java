package org.modsvc.emit.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit file being assembled: sections in a fixed order, each a list of {@code Key=value} lines in
 * the order they were added. Values are already in unit-file syntax. Mutable, used by one emitter
 * run only.
 */
final class UnitFile {
    private record Line(String key, String value) {}

    /**
     * Takes every line and keeps none: a check walks the same code as emit, and a 100 000-unit
     * plan's lines would otherwise be built only to be dropped. Stateless, so one is shared.
     */
    static final UnitFile DISCARD = new UnitFile(List.of(), true);

    private final List<String> header = new ArrayList<>();
    private final Map<String, List<Line>> sections = new LinkedHashMap<>();
    private final boolean discard;

    UnitFile(List<String> sectionOrder) {
        this(sectionOrder, false);
    }

    private UnitFile(List<String> sectionOrder, boolean discard) {
        this.discard = discard;
        for (String s : sectionOrder) sections.put(s, new ArrayList<>());
    }

    void comment(String text) {
        if (!discard) header.add(text);
    }

    // The section the last line went to: lines come in runs of one section, and the lookup was a
    // visible share of making 250 000 units.
    private String lastSection;
    private List<Line> lastLines;

    void add(String section, String key, String value) {
        if (discard) return; // before any state: the discarding unit is shared between threads
        if (section != lastSection) {
            lastLines = sections.get(section);
            lastSection = section;
        }
        lastLines.add(new Line(key, value));
    }

    /**
     * Replaces every line of {@code key} with {@code values} at the place of the first one (or at the
     * end); an empty list removes the key.
     */
    void replace(String section, String key, List<String> values) {
        if (discard) return;
        List<Line> lines = sections.get(section);
        int at = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).key().equals(key)) {
                lines.remove(i);
                at = i;
            }
        }
        if (at < 0) at = lines.size();
        for (String v : values) lines.add(at++, new Line(key, v));
    }

    String render() {
        if (discard) throw new IllegalStateException("a discarding unit has no text");
        var b = new StringBuilder(2048);
        for (String c : header) b.append("# ").append(c).append('\n');
        boolean first = true;
        for (var e : sections.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            if (!first || !header.isEmpty()) b.append('\n');
            first = false;
            b.append('[').append(e.getKey()).append("]\n");
            for (Line l : e.getValue())
                b.append(l.key()).append('=').append(l.value()).append('\n');
        }
        return b.toString();
    }
}
