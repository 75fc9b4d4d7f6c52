package org.modsvc.plan;

import org.modsvc.model.Target;

/**
 * A node as the emitters see it.
 *
 * @param subServicesPartOf whether its sub-services are {@code PartOf=} their owner and wanted by it
 *     (the setup's {@code subServices.partOf}, default true), or only owned, as nixpkgs has it
 */
public record PlanNode(String name, String address, Target target, boolean subServicesPartOf) {
    /** A node with modsvc's default sub-service ordering. */
    public PlanNode(String name, String address, Target target) {
        this(name, address, target, true);
    }
}
