package org.modsvc.emit.systemd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code [Unit]}, {@code [Service]} and {@code [Install]} keys systemd 252 knows (the resource
 * {@code known-keys.txt}, generated with {@code systemd --dump-configuration-items}). Keys starting
 * with {@code X-} are extensions that systemd ignores and are always allowed. Immutable.
 */
public final class KnownKeys {
    /** The sections a service unit may have, in the order they are written. */
    public static final List<String> SECTIONS = List.of("Unit", "Service", "Install");

    private final Map<String, SortedSet<String>> keys;
    private final NewerKeys newer;

    private KnownKeys(Map<String, SortedSet<String>> keys, NewerKeys newer) {
        this.keys = keys;
        this.newer = newer;
    }

    /** The keys and values systemd 253–257 added, which 252 ignores. */
    NewerKeys newer() {
        return newer;
    }

    /** Reads the bundled list. */
    public static KnownKeys load() {
        var map = new TreeMap<String, SortedSet<String>>();
        for (String s : SECTIONS) map.put(s, new TreeSet<>());
        try (var in = Objects.requireNonNull(KnownKeys.class.getResourceAsStream("known-keys.txt"), "known-keys.txt");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split(" ");
                map.get(f[0]).add(f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var frozen = new TreeMap<String, SortedSet<String>>();
        map.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSortedSet(v)));
        return new KnownKeys(Collections.unmodifiableMap(frozen), NewerKeys.load());
    }

    public boolean isSection(String section) {
        return keys.containsKey(section);
    }

    /** Whether {@code key} may appear in {@code section}; false for an unknown section. */
    public boolean isKey(String section, String key) {
        if (!keys.containsKey(section)) return false;
        return key.startsWith("X-") || keys.get(section).contains(key);
    }

    /** The keys of a section, sorted; empty for an unknown section. */
    public SortedSet<String> keys(String section) {
        return keys.getOrDefault(section, Collections.emptySortedSet());
    }

    /** The other section that knows {@code key}, or null. */
    public String sectionOf(String key) {
        for (var e : keys.entrySet()) if (e.getValue().contains(key)) return e.getKey();
        return null;
    }
}
