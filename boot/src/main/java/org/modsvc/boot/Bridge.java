package org.modsvc.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A host bridge joining the containers of one multi-node check. It has no address on the host:
 * the only addresses on it are the nodes', set inside the containers' own network namespaces, so
 * no traffic reaches or leaves the host. Removed by {@link #close()}, also after a failure.
 */
final class Bridge implements AutoCloseable {
    private final String name;
    private boolean closed;

    private Bridge(String name) {
        this.name = name;
    }

    /** Creates the bridge {@code name} (at most 15 bytes) and sets it up. */
    static Bridge create(String name) throws IOException {
        Exec.check(Duration.ofSeconds(10), List.of("ip", "link", "add", name, "type", "bridge"));
        var b = new Bridge(name);
        try {
            Exec.check(Duration.ofSeconds(10), List.of("ip", "link", "set", name, "up"));
        } catch (IOException e) {
            b.close();
            throw e;
        }
        return b;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            Exec.run(Duration.ofSeconds(10), List.of("ip", "link", "delete", name));
        } catch (IOException e) {
            // nothing more to do; the report of the run says what failed
        }
    }
}
