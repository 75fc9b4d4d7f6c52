package org.modsvc.emit.wrapper;

import java.util.List;
import java.util.TreeMap;
import org.modsvc.emit.Emission;
import org.modsvc.emit.Emitter;
import org.modsvc.plan.Plan;

/** Writes one POSIX sh exec wrapper per instance under {@code <node>/bin/}. */
public final class WrapperEmitter implements Emitter {
    @Override
    public Emission emit(Plan plan, String node) {
        return new Emission(new TreeMap<>(), List.of());
    }
}
