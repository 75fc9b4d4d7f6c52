package org.modsvc.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.diag.Span;

/**
 * A mapping with string keys in source order. Keys are unique: the reader reports duplicates and
 * keeps the first.
 */
public record SrcMap(List<Entry> entries, Span span) implements SrcNode {

    /** One key and its value; the key keeps its own position for "unknown key" diagnostics. */
    public record Entry(SrcScalar key, SrcNode value) {}

    public SrcMap {
        entries = List.copyOf(entries);
    }

    /** The value under {@code key}, or null when absent. Linear: mappings here are small. */
    public SrcNode get(String key) {
        for (Entry e : entries) {
            if (e.key().text().equals(key)) return e.value();
        }
        return null;
    }

    public Entry entry(String key) {
        for (Entry e : entries) {
            if (e.key().text().equals(key)) return e;
        }
        return null;
    }

    public Map<String, SrcNode> asMap() {
        var m = new LinkedHashMap<String, SrcNode>();
        for (Entry e : entries) m.put(e.key().text(), e.value());
        return m;
    }

    @Override
    public String kindName() {
        return "mapping";
    }
}
