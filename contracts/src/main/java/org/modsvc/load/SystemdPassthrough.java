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
 * socket unit the service owns, with sections {@code Unit}, {@code Socket}, {@code Install}, and
 * {@code services.<x>}, an extra service unit it owns (sections as the passthrough's). Whether
 * systemd knows a key is the systemd target's check (it knows the version); here only the form is
 * checked (E062).
 *
 * <p>A socket's sections are kept in the same section → key map as {@code sockets.<x>.<Section>}
 * (or {@code services.<x>.<Section>}), so that references, spans and the plan carry them as they carry every
 * passthrough key, and the span path {@code systemd.sockets.<x>.Socket.Key} is the path written.
 */
final class SystemdPassthrough {
    private static final Set<String> SOCKET_SECTIONS = Set.of("Unit", "Socket", "Install");

    private SystemdPassthrough() {}

    /** @param keySpans receives each kept key's own span, by {@code Section.Key} */
    static SortedMap<String, SortedMap<String, List<Scalar>>> read(SrcNode n, Shape shape, Map<String, Span> keySpans) {
        var out = new TreeMap<String, SortedMap<String, List<Scalar>>>();
        shape.entries(n, "systemd", sec -> {
            String section = sec.key().text();
            if (section.equals("sockets")) {
                extraUnits(sec.value(), "sockets", SOCKET_SECTIONS, shape, keySpans, out);
                return null;
            }
            if (section.equals("services")) {
                extraUnits(sec.value(), "services", Keys.SYSTEMD_SECTIONS, shape, keySpans, out);
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
                                        : "sections: Unit, Service, Install, sockets, services");
                return null;
            }
            out.put(section, keys(sec.value(), section, shape, keySpans));
            return null;
        });
        return out;
    }

    /** {@code kind} is {@code sockets} or {@code services}; {@code sections} the sections its units have. */
    private static void extraUnits(
            SrcNode n,
            String kind,
            Set<String> sections,
            Shape shape,
            Map<String, Span> keySpans,
            SortedMap<String, SortedMap<String, List<Scalar>>> out) {
        String unit = kind.equals("sockets") ? "socket" : "service";
        shape.entries(n, "systemd." + kind, s -> {
            String name = s.key().text();
            if (!Names.NAME.matcher(name).matches()) {
                shape.diags()
                        .add(
                                Code.BAD_SYSTEMD_KEY,
                                s.key().span(),
                                "'" + Shape.printable(name) + "' is not a " + unit + " name",
                                "the unit is named modsvc-<instance>-<name>." + unit
                                        + ": letters, digits, _ and - only");
                return null;
            }
            shape.entries(s.value(), "systemd." + kind + "." + name, sec -> {
                String section = sec.key().text();
                if (!sections.contains(section)) {
                    String near = Suggest.closest(section, sections);
                    shape.diags()
                            .add(
                                    Code.BAD_SYSTEMD_KEY,
                                    sec.key().span(),
                                    "unknown " + unit + " unit section '" + Shape.printable(section) + "'",
                                    near != null
                                            ? "did you mean '" + near + "'?"
                                            : "sections: Unit, " + (unit.equals("socket") ? "Socket" : "Service")
                                                    + ", Install");
                    return null;
                }
                String full = kind + "." + name + "." + section;
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
