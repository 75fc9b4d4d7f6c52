package org.modsvc.resolve.graph;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;

/**
 * A dependency cycle as a value: what it is made of, apart from how it is told. {@link
 * #diagnostic()} is the one place that turns it into text.
 *
 * @param path the steps that lead into the cycle from where it was found; empty when the search
 *     started on the cycle itself (as it does today: one cycle per strongly connected component,
 *     from its first instance by id). Never null.
 * @param cycle the steps around the cycle; the last element repeats the first, so a cycle of
 *     {@code n} bindings has {@code n + 1} elements. Never null, at least two elements.
 * @param fixes bind: entries that break it, each checked to close no other cycle; may be empty,
 *     never null
 */
public record Cycle(List<Step> path, List<Step> cycle, List<Fix> fixes) {
    /**
     * A bind: entry that breaks the cycle: {@code step}'s requirement bound to {@code provider}'s
     * {@code provision}, which is off the cycle and does not depend on the consumer.
     */
    public record Fix(Step step, String provider, String provision) {}

    public Cycle(List<Step> path, List<Step> cycle) {
        this(path, cycle, List.of());
    }

    /**
     * One binding along the way: consumer instance, its requirement, and the provision it is
     * bound to.
     *
     * @param consumerName the instance name without its node
     * @param requirementSpan where the requirement is declared
     * @param boundAt the bind: entry that made the binding, else the requirement
     */
    public record Step(
            String consumer,
            String consumerName,
            String node,
            String requirement,
            String provider,
            String provision,
            Span requirementSpan,
            Span boundAt) {}

    public Cycle {
        path = List.copyOf(path);
        cycle = List.copyOf(cycle);
        fixes = List.copyOf(fixes);
        if (cycle.size() < 2 || !cycle.get(0).equals(cycle.get(cycle.size() - 1)))
            throw new IllegalArgumentException("a cycle ends where it starts");
    }

    /**
     * What breaks it. An optional requirement still binds whenever a provider exists, so making
     * one optional does not: only binding a requirement off the cycle, or removing one, does.
     */
    private List<String> hints() {
        var out = new ArrayList<String>();
        for (Fix f : fixes) {
            out.add("break it with  bind: { " + f.step().consumer() + "."
                    + f.step().requirement() + ": " + f.provider()
                    + "." + f.provision() + " }  (" + f.provider() + " is outside the cycle and does not depend on "
                    + f.step().consumer() + ")");
        }
        if (out.isEmpty()) {
            var names = new ArrayList<String>();
            for (Step s : cycle.subList(0, cycle.size() - 1)) names.add(s.consumer() + "." + s.requirement());
            out.add("no running provider outside the cycle serves any of " + String.join(", ", names)
                    + ": run one on a node and bind one of them to it with bind:, or remove one of these"
                    + " requirements (making it optional is not enough: it is still bound)");
        }
        return out;
    }

    /** Whether its instances run on more than one node. */
    public boolean crossesNodes() {
        for (Step s : cycle) if (!s.node().equals(cycle.get(0).node())) return true;
        return false;
    }

    /** E046, at the first requirement, with each binding along the cycle as a related place. */
    public Diagnostic diagnostic() {
        boolean oneNode = !crossesNodes();
        var text = new StringBuilder();
        var rel = new ArrayList<Diagnostic.Related>();
        for (Step s : cycle.subList(0, cycle.size() - 1)) {
            String who = oneNode ? s.consumerName() : s.consumer();
            text.append(who).append('.').append(s.requirement()).append(" -> ");
            rel.add(new Diagnostic.Related(
                    who + "." + s.requirement() + " is bound to " + s.provider() + "." + s.provision(), s.boundAt()));
        }
        Step first = cycle.get(0);
        text.append(oneNode ? first.consumerName() : first.consumer());
        return Diagnostic.of(
                        Code.CYCLE,
                        first.requirementSpan(),
                        "dependency cycle" + (oneNode ? "" : " across nodes") + ": " + text,
                        hints().toArray(String[]::new))
                .withRelated(rel);
    }
}
