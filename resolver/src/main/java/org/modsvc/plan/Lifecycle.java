package org.modsvc.plan;

import java.util.List;

/**
 * What the manager runs around an instance's own process: the steps that keep a provider's
 * contract promises (a database and a role per requester, a password file, an ACL user).
 *
 * @param init run before every start, as the instance's user, once its state and runtime
 *     directories exist; idempotent by contract (empty when none)
 * @param fulfil one command per consumer bound to one of its provisions, run after the instance
 *     is ready and before any consumer starts, in consumer order; each is idempotent: it creates
 *     what is missing and never drops data. Sorted by provision, then consumer, then requirement.
 */
public record Lifecycle(List<Value> init, List<Fulfil> fulfil) {
    public static final Lifecycle NONE = new Lifecycle(List.of(), List.of());

    public Lifecycle {
        init = List.copyOf(init);
        fulfil = List.copyOf(fulfil);
    }

    public boolean isEmpty() {
        return init.isEmpty() && fulfil.isEmpty();
    }

    /**
     * The command that sees to one consumer's request.
     *
     * @param provision the provision it serves
     * @param consumer the consumer instance id
     * @param requirement the consumer's requirement
     * @param argv never empty; references to the request and the consumer already filled in
     */
    public record Fulfil(String provision, String consumer, String requirement, List<Value> argv) {
        public Fulfil {
            argv = List.copyOf(argv);
        }
    }
}
