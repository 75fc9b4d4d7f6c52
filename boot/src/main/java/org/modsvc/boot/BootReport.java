package org.modsvc.boot;

import java.util.List;

/**
 * What a boot check found: one entry per binding, and per-unit findings beyond connecting.
 *
 * @param target "systemd" or "wrapper"
 * @param bindings in plan order
 * @param checks further findings (security exposure, reload), in the order they were made
 * @param timings what took how long, in seconds, as "what: N.N s" lines
 */
public record BootReport(
        String setup, String target, List<BindingResult> bindings, List<Finding> checks, List<String> timings) {
    public BootReport {
        bindings = List.copyOf(bindings);
        checks = List.copyOf(checks);
        timings = List.copyOf(timings);
    }

    /** ok: the probe passed; fail: it did not; skip: the contract declares no probe. */
    public enum Status {
        OK("ok"),
        FAIL("FAIL"),
        SKIP("skip");

        public final String word;

        Status(String word) {
            this.word = word;
        }
    }

    /**
     * One binding's probe.
     *
     * @param output the probe's own output (trimmed to its last lines)
     * @param journal on failure: "unit on node" headers and the units' last journal lines
     */
    public record BindingResult(
            String consumer,
            String requirement,
            String provider,
            String provision,
            String contract,
            Status status,
            String reason,
            List<String> output,
            List<String> journal) {
        public BindingResult {
            output = List.copyOf(output);
            journal = List.copyOf(journal);
        }

        /** {@code web1/shop.db -> web1/shop-db.main (database.postgresql)}. */
        public String binding() {
            return consumer + "." + requirement + " -> " + provider + "." + provision + " (" + contract + ")";
        }
    }

    /** A check beyond connecting, such as {@code security web1/shop.service 1.9}. */
    public record Finding(String kind, String subject, Status status, String detail) {}

    public boolean ok() {
        return bindings.stream().noneMatch(b -> b.status() == Status.FAIL)
                && checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }

    /** The stable text form: one line per binding, failures followed by indented lines. */
    public String text() {
        var b = new StringBuilder();
        for (BindingResult r : bindings) {
            b.append(String.format("%-4s %s", r.status().word, r.binding()));
            if (r.reason() != null && !r.reason().isEmpty()) b.append(": ").append(r.reason());
            b.append('\n');
            if (r.status() == Status.FAIL) {
                for (String l : r.output()) b.append("    ").append(l).append('\n');
                for (String l : r.journal()) b.append("    ").append(l).append('\n');
            }
        }
        for (Finding f : checks) {
            b.append(String.format("%-4s %s %s", f.status().word, f.kind(), f.subject()));
            if (!f.detail().isEmpty()) b.append(": ").append(f.detail());
            b.append('\n');
        }
        long failed = bindings.stream().filter(r -> r.status() == Status.FAIL).count();
        long passed = bindings.stream().filter(r -> r.status() == Status.OK).count();
        b.append(setup)
                .append(" on ")
                .append(target)
                .append(": ")
                .append(passed)
                .append(" binding(s) ok, ")
                .append(failed)
                .append(" failed");
        long skipped = bindings.size() - passed - failed;
        if (skipped > 0) b.append(", ").append(skipped).append(" without a probe");
        b.append('\n');
        return b.toString();
    }
}
