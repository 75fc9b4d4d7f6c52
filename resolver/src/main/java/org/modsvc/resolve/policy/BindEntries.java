package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Bind;
import org.modsvc.model.Requirement;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Instances;

/** The setup's {@code bind:} entries: which one a requirement follows, and those nothing used. */
public final class BindEntries {
    private final List<Bind> binds;
    /** The entries by consumer instance id, in setup order. */
    private final Map<String, List<Bind>> byConsumer = new HashMap<>();
    /** Entries that bound a requirement; by identity (a record's hash reads every field). */
    private final Set<Bind> used = Collections.newSetFromMap(new IdentityHashMap<>());

    public BindEntries(List<Bind> binds) {
        this.binds = binds;
        for (Bind b : binds)
            byConsumer
                    .computeIfAbsent(b.consumer().instanceId(), k -> new ArrayList<>(2))
                    .add(b);
    }

    /**
     * The entry for requirement {@code r} of {@code i}, marked as used; the last one when several
     * name it; null when none does.
     */
    public Bind take(Inst i, Requirement r) {
        List<Bind> mine = byConsumer.get(i.id);
        if (mine == null) return null;
        for (int k = mine.size() - 1; k >= 0; k--) {
            Bind b = mine.get(k);
            if (b.consumer().member().equals(r.name())) {
                used.add(b);
                return b;
            }
        }
        return null;
    }

    /** Reports every entry that bound nothing: its consumer or requirement does not exist. */
    public void checkUnused(Instances instances, Diagnostics diags) {
        for (Bind b : binds) {
            if (used.contains(b)) continue;
            Bind.Ref from = b.consumer();
            Inst i = instances.byId(from.instanceId());
            if (i == null) {
                String near = Suggest.closest(from.instanceId(), instances.ids());
                diags.add(
                        Code.BAD_BIND,
                        from.span(),
                        "bind: there is no instance '" + from.instanceId() + "'",
                        near != null
                                ? "did you mean '" + near + "." + from.member() + "'?"
                                : "instances are NODE/NAME, such as web1/app");
            } else {
                String near = Suggest.closest(from.member(), i.module.requires().keySet());
                diags.add(
                        Code.BAD_BIND,
                        from.span(),
                        "bind: instance '" + i.id + "' has no requirement '" + from.member() + "'",
                        near != null
                                ? "did you mean '" + i.id + "." + near + "'?"
                                : i.module.requires().isEmpty()
                                        ? "it requires nothing"
                                        : "its requirements: "
                                                + String.join(
                                                        ", ",
                                                        i.module.requires().keySet()));
            }
        }
    }
}
