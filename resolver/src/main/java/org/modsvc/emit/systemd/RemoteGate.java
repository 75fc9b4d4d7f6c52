package org.modsvc.emit.systemd;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.plan.Binding;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.RemoteDependency;
import org.modsvc.plan.Value;

/**
 * The readiness gate of a consumer of providers on other nodes: no manager orders units across
 * machines, so before the consumer starts, an {@code ExecStartPre=} waits (bounded, by each
 * requirement's {@code remoteWait}) until each remote provider's {@code host}:{@code port} accepts
 * a TCP connection. When the wait runs out the start fails and {@code Restart=} tries again later,
 * so a consumer whose database node boots last still comes up, without a busy start loop.
 */
public final class RemoteGate {
    /** systemd's default start timeout, in seconds: gates that fit in it need no other. */
    static final int DEFAULT_START_TIMEOUT = 90;

    /** Seconds left to the rest of the start (lifecycle steps, the daemon's readiness). */
    static final int START_MARGIN = 30;

    /**
     * bash, for its /dev/tcp: POSIX sh cannot open a TCP connection, and Debian's bash is
     * essential. Arguments: host, port, seconds, what it waits for.
     */
    private static final String SCRIPT = "i=0; while [ \"$i\" -lt \"$3\" ]; do"
            + " (exec 3<>\"/dev/tcp/$1/$2\") 2>/dev/null && exit 0; i=$((i + 1)); sleep 1; done;"
            + " echo \"modsvc: $4 at $1:$2 did not accept a connection within $3 s\" >&2; exit 1";

    /**
     * The gates of one consumer.
     *
     * @param argv each gate's command line, in requirement order; never null
     * @param seconds the waits added up
     */
    public record Gates(List<List<Value>> argv, int seconds) {
        /**
         * The {@code TimeoutStartSec=} the unit needs so that systemd does not end a start while
         * its gates still wait, or null when the default (90 s) leaves room enough.
         */
        public String startTimeout() {
            return seconds + START_MARGIN <= DEFAULT_START_TIMEOUT ? null : Integer.toString(seconds + START_MARGIN);
        }
    }

    private RemoteGate() {}

    /** The gates of {@code instance}; none when it has no remote provider with a host and port. */
    public static Gates of(PlanIndex index, String instance) {
        var out = new ArrayList<List<Value>>();
        int total = 0;
        for (RemoteDependency r : index.remoteOf(instance)) {
            if (r.waitSeconds() == 0) continue;
            Binding b = index.binding(r.consumer(), r.requirement());
            if (b == null) continue;
            String host = b.result().get("host");
            String port = b.result().get("port");
            if (host == null || port == null) continue;
            total += r.waitSeconds();
            out.add(List.of(
                    Value.of("/bin/bash"),
                    Value.of("-c"),
                    Value.of(SCRIPT),
                    Value.of("modsvc-wait"),
                    Value.of(host),
                    Value.of(port),
                    Value.of(Integer.toString(r.waitSeconds())),
                    Value.of(b.provider() + "." + b.provision())));
        }
        return new Gates(List.copyOf(out), total);
    }
}
