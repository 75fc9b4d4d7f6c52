package org.modsvc.emit;

import org.modsvc.plan.Plan;

/** Turns a plan into files. Reads only the plan; pure: it writes nothing itself. */
public interface Emitter {
    /**
     * @param node emit only this node, or null for every node the emitter serves
     */
    Emission emit(Plan plan, String node);
}
