package org.modsvc.load;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Span;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Scalar;
import org.modsvc.source.SrcNode;

/**
 * A module's {@code systemd:} passthrough: sections {@code Unit}, {@code Service}, {@code Install}
 * and keys of systemd's form, each value a string or a list of them. Whether systemd knows a key
 * is the systemd target's check (it knows the version); here only the form is checked (E062).
 */
final class SystemdPassthrough {
    private SystemdPassthrough() {}

    /** @param keySpans receives each kept key's own span, by {@code Section.Key} */
    static SortedMap<String, SortedMap<String, List<Scalar>>> read(SrcNode n, Shape shape, Map<String, Span> keySpans) {
        var out = new TreeMap<String, SortedMap<String, List<Scalar>>>();
        shape.entries(n, "systemd", sec -> {
            String section = sec.key().text();
            if (!Keys.SYSTEMD_SECTIONS.contains(section)) {
                String near = Suggest.closest(section, Keys.SYSTEMD_SECTIONS);
                shape.diags()
                        .add(
                                Code.BAD_SYSTEMD_KEY,
                                sec.key().span(),
                                "unknown systemd section '" + Shape.printable(section) + "'",
                                near != null ? "did you mean '" + near + "'?" : "sections: Unit, Service, Install");
                return null;
            }
            var keys = new TreeMap<String, List<Scalar>>();
            shape.entries(sec.value(), "systemd." + section, kv -> {
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
            out.put(section, keys);
            return null;
        });
        return out;
    }
}
