package org.modsvc.emit.systemd;

import java.util.List;
import java.util.TreeMap;
import org.modsvc.emit.Emission;
import org.modsvc.emit.Emitter;
import org.modsvc.plan.Plan;

/** Writes one {@code .service} per instance and one {@code <setup>.target} per node. */
public final class SystemdEmitter implements Emitter {
    @Override
    public Emission emit(Plan plan, String node) {
        return new Emission(new TreeMap<>(), List.of());
    }
}
