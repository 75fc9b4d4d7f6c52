package org.modsvc.model;

import org.modsvc.diag.Span;

/**
 * An explicit binding {@code node/instance.requirement: node/instance.provision}.
 *
 * @param consumer the left side; {@code member} is the requirement
 * @param provider the right side; {@code member} is the provision
 */
public record Bind(Ref consumer, Ref provider, Span span) {

    /** {@code node/instance.member} with the place it was written. */
    public record Ref(String node, String instance, String member, Span span) {
        public String instanceId() {
            return node + "/" + instance;
        }

        @Override
        public String toString() {
            return node + "/" + instance + "." + member;
        }
    }
}
