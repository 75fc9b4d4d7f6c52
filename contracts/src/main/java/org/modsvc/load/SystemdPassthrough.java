package org.modsvc.load;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Span;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Scalar;
import org.modsvc.source.SrcNode;

/**
 * A module's {@code systemd:} passthrough: sections {@code Unit}, {@code Service}, {@code Install}
 * and keys of systemd's form, each value a string or a list of them; and {@code sockets.<x>}, a
 * socket unit the service owns, with sections {@code Unit}, {@code Socket}, {@code Install}. Whether
 * systemd knows a key is the systemd target's check (it knows the version); here only the form is
 * checked (E062).
 *
 * <p>A socket's sections are kept in the same section → key map as {@code sockets.<x>.<Section>}
 * (see {@link #SOCKETS}), so that references, spans and the plan carry them as they carry every
 * passthrough key, and the span path {@code systemd.sockets.<x>.Socket.Key} is the path written.
 */
final class SystemdPassthrough {
    /** The section-name prefix of a socket unit's sections in the passthrough map. */
    static final String SOCKETS = "sockets.";

    private static final Set<String> SOCKET_SECTIONS = Set.of("Unit", "Socket", "Install");

    private SystemdPassthrough() {}

    /** @param keySpans receives each kept key's own span, by {@code Section.Key} */
    static SortedMap<String, SortedMap<String, List<Scalar>>> read(SrcNode n, Shape shape, Map<String, Span> keySpans) {
        var out = new TreeMap<String, SortedMap<String, List<Scalar>>>();
        shape.entries(n, "systemd", sec -> {
            String section = sec.key().text();
            if (section.equals("sockets")) {
                sockets(sec.value(), shape, keySpans, out);
                return null;
            }
            if (!Keys.SYSTEMD_SECTIONS.contains(section)) {
                String near = Suggest.closest(section, Keys.SYSTEMD_SECTIONS);
                shape.diags()
                        .add(
                                Code.BAD_SYSTEMD_KEY,
                                sec.key().span(),
                                "unknown systemd section '" + Shape.printable(section) + "'",
                                near != null
                                        ? "did you mean '" + near + "'?"
                                        : "sections: Unit, Service, Install, sockets");
                return null;
            }
            out.put(section, keys(sec.value(), section, shape, keySpans));
            return null;
        });
        return out;
    }

    private static void sockets(
            SrcNode n,
            Shape shape,
            Map<String, Span> keySpans,
            SortedMap<String, SortedMap<String, List<Scalar>>> out) {
        shape.entries(n, "systemd.sockets", s -> {
            String name = s.key().text();
            if (!Names.NAME.matcher(name).matches()) {
                shape.diags()
                        .add(
                                Code.BAD_SYSTEMD_KEY,
                                s.key().span(),
                                "'" + Shape.printable(name) + "' is not a socket name",
                                "the socket unit is named <instance>-<name>.socket: letters, digits, _ and - only");
                return null;
            }
            shape.entries(s.value(), "systemd.sockets." + name, sec -> {
                String section = sec.key().text();
                if (!SOCKET_SECTIONS.contains(section)) {
                    String near = Suggest.closest(section, SOCKET_SECTIONS);
                    shape.diags()
                            .add(
                                    Code.BAD_SYSTEMD_KEY,
                                    sec.key().span(),
                                    "unknown socket unit section '" + Shape.printable(section) + "'",
                                    near != null ? "did you mean '" + near + "'?" : "sections: Unit, Socket, Install");
                    return null;
                }
                String full = SOCKETS + name + "." + section;
                out.put(full, keys(sec.value(), full, shape, keySpans));
                return null;
            });
            return null;
        });
    }

    private static SortedMap<String, List<Scalar>> keys(
            SrcNode n, String section, Shape shape, Map<String, Span> keySpans) {
        var keys = new TreeMap<String, List<Scalar>>();
        shape.entries(n, "systemd." + section, kv -> {
            String key = kv.key().text();
            if (!Names.SYSTEMD_KEY.matcher(key).matches()) {
                shape.diags()
                        .add(
                                Code.BAD_SYSTEMD_KEY,
                                kv.key().span(),
                                "'" + Shape.printable(key) + "' is not a systemd key name",
                                "keys look like LimitNOFILE or ExecStartPre");
                return null;
            }
            keys.put(key, shape.stringOrStrings(kv.value(), "systemd." + section + "." + key));
            keySpans.put(section + "." + key, kv.key().span());
            return null;
        });
        return keys;
    }
}
