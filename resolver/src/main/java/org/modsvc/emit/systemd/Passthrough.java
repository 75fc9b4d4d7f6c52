package org.modsvc.emit.systemd;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.diag.Suggest;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Origins;

/**
 * An instance's {@code systemd:} passthrough section in its unit: each key checked against the
 * keys systemd 252 knows (newer ones written with W062, unknown ones E062 at the key), each value
 * checked as a unit line, and the key's lines replaced by the given ones.
 */
final class Passthrough {
    private Passthrough() {}

    static void write(InstanceUnit unit, KnownKeys known, Instance inst, Diagnostics diags, UnitFile u) {
        for (var sec : inst.systemd().entrySet()) {
            String section = sec.getKey();
            if (ExtraUnits.isExtra(section)) continue; // its own unit: ExtraUnits
            if (!known.isSection(section)) {
                String near = Suggest.closest(section, KnownKeys.SECTIONS);
                unit.badKey(
                        inst.span(),
                        "systemd." + section + " is not a section of a service unit",
                        near != null
                                ? "did you mean '" + near + "'?"
                                : "the sections are " + String.join(", ", KnownKeys.SECTIONS));
                continue;
            }
            for (var key : sec.getValue().entrySet()) {
                String k = key.getKey();
                Span keyAt = inst.at(Origins.systemdKey(section, k));
                Integer since = known.isKey(section, k) ? null : known.newer().key(section, k);
                if (since != null) NewerKeys.warn(diags, keyAt, inst.id(), section + "." + k, since);
                if (!known.isKey(section, k) && since == null) {
                    String near = Suggest.closest(k, known.keys(section));
                    String elsewhere = known.sectionOf(k);
                    String hint = elsewhere != null
                            ? k + " belongs in the " + elsewhere + " section"
                            : near != null
                                    ? "did you mean '" + near + "'?"
                                    : "see systemd.directives(7) for the keys systemd knows";
                    unit.badKey(
                            keyAt,
                            "systemd." + section + "." + k + " is not a key systemd 252 knows in [" + section + "]",
                            hint);
                    continue;
                }
                u.replace(section, k, values(unit, known, inst, diags, section, section, k, key.getValue()));
            }
        }
    }

    /**
     * The values of key {@code k} of {@code section}, each checked as a unit line and located in
     * the plan under {@code path} (the section itself, or {@code sockets.<x>.<Section>} of an
     * extra unit); a value a later systemd added (W062) is written as given.
     */
    static List<String> values(
            InstanceUnit unit,
            KnownKeys known,
            Instance inst,
            Diagnostics diags,
            String path,
            String section,
            String k,
            List<String> given) {
        var values = new ArrayList<String>(given.size());
        for (int n = 0; n < given.size(); n++) {
            Span at = inst.at(Origins.systemdValue(path, k, n));
            String v = unit.checked(given.get(n), at);
            unit.checkLine(section, k, v, at);
            Integer since = known.newer().value(section, k, v);
            if (since != null) NewerKeys.warn(diags, at, inst.id(), path + "." + k + "=" + v.strip(), since);
            values.add(v);
        }
        return values;
    }
}
