package org.modsvc.emit.systemd;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.Value;

/**
 * The readiness gate of a consumer of providers on other nodes: no manager orders units across
 * machines, so before the consumer starts, an {@code ExecStartPre=} waits (bounded) until each
 * remote provider's {@code host}:{@code port} accepts a TCP connection. When the wait runs out the
 * start fails and {@code Restart=} tries again later, so a consumer whose database node boots
 * last still comes up, without a busy start loop.
 */
public final class RemoteGate {
    /** Seconds each start waits for one remote provider; systemd's start timeout is 90 s. */
    static final int WAIT_SECONDS = 60;

    /**
     * bash, for its /dev/tcp: POSIX sh cannot open a TCP connection, and Debian's bash is
     * essential. Arguments: host, port, seconds, what it waits for.
     */
    private static final String SCRIPT = "i=0; while [ \"$i\" -lt \"$3\" ]; do"
            + " (exec 3<>\"/dev/tcp/$1/$2\") 2>/dev/null && exit 0; i=$((i + 1)); sleep 1; done;"
            + " echo \"modsvc: $4 at $1:$2 did not accept a connection within $3 s\" >&2; exit 1";

    private RemoteGate() {}

    /** The argv of each gate of {@code instance}, in requirement order; empty when it has none. */
    public static List<List<Value>> of(PlanIndex index, String instance) {
        var out = new ArrayList<List<Value>>();
        for (Binding b : index.bindingsOf(instance)) {
            if (b.kind() != BindingKind.REMOTE) continue;
            String host = b.result().get("host");
            String port = b.result().get("port");
            if (host == null || port == null) continue;
            out.add(List.of(
                    Value.of("/bin/bash"),
                    Value.of("-c"),
                    Value.of(SCRIPT),
                    Value.of("modsvc-wait"),
                    Value.of(host),
                    Value.of(port),
                    Value.of(Integer.toString(WAIT_SECONDS)),
                    Value.of(b.provider() + "." + b.provision())));
        }
        return out;
    }
}
