package org.modsvc.emit.systemd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;

/**
 * Passthrough keys and values that systemd 253–257 added (the resource {@code newer-keys.txt}),
 * with the version that added each. systemd 252 ignores an unknown key (and an unknown value of a
 * key it knows) with a log line, so such a key is written as given and warned about (W062) rather
 * than refused: the unit still loads on 252, without that setting. Immutable.
 */
final class NewerKeys {
    /** By {@code Section.Key} or {@code Section.Key=VALUE}: the version that added it. */
    private final Map<String, Integer> added;

    private NewerKeys(Map<String, Integer> added) {
        this.added = added;
    }

    static NewerKeys load() {
        var map = new TreeMap<String, Integer>();
        try (var in = Objects.requireNonNull(NewerKeys.class.getResourceAsStream("newer-keys.txt"), "newer-keys.txt");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split(" ");
                map.put(f[0] + "." + f[1], Integer.parseInt(f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NewerKeys(Map.copyOf(map));
    }

    /** The version that added key {@code key} to {@code section}, or null (252 knows it, or no systemd does). */
    Integer key(String section, String key) {
        return added.get(section + "." + key);
    }

    /** Reports W062 for {@code what} ({@code Section.Key} or {@code Section.Key=VALUE}) of instance {@code id}. */
    static void warn(Diagnostics diags, Span at, String id, String what, int since) {
        diags.add(
                Code.NEWER_SYSTEMD,
                at,
                "'" + id + "': systemd." + what + " needs systemd " + since + " or newer; systemd 252 ignores it",
                "it is written as given; on systemd 252 the unit runs without it (see docs/systemd-target.md)");
    }

    /** The version that added {@code value} as a value of {@code key}, or null. */
    Integer value(String section, String key, String value) {
        return added.get(section + "." + key + "=" + value.strip());
    }
}
