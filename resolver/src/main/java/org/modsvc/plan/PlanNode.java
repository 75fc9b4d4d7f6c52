package org.modsvc.plan;

import org.modsvc.model.Target;

/** A node as the emitters see it. */
public record PlanNode(String name, String address, Target target) {}
