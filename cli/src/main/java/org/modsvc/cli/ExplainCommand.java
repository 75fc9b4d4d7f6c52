package org.modsvc.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsvc.diag.Suggest;
import org.modsvc.load.LoadResult;
import org.modsvc.model.Module;
import org.modsvc.model.Provision;
import org.modsvc.model.Setup;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Provided;
import org.modsvc.resolve.Candidate;
import org.modsvc.resolve.Decision;
import org.modsvc.resolve.Resolution;
import org.modsvc.resolve.ports.PortAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Explain one instance or binding: why it was chosen, and what fails with it.",
        footer = {
            "",
            "Examples:",
            "  modsvc explain samples/webapp web1/shop",
            "  modsvc explain samples/webapp web1/shop.db",
            "",
            "Exit codes: 0 explained, 1 the setup has errors (the explanation is still printed), "
                    + "2 usage error (bad or unknown REF)."
        })
final class ExplainCommand extends SetupCommand<Planned> {
    private static final Pattern REF = Pattern.compile("([^/.\\s]+)/([^/.\\s]+)(?:\\.([^/.\\s]+))?");

    @Parameters(index = "1", paramLabel = "REF", description = "node/instance or node/instance.requirement")
    String ref;

    ExplainCommand(Context ctx) {
        super(ctx);
    }

    /** The parsed REF; set by {@link #checkArguments}. */
    private Matcher m;

    @Override
    Integer checkArguments() {
        m = REF.matcher(ref);
        if (!m.matches()) {
            ctx.err()
                    .println("modsvc explain: '" + ref + "' is not node/instance or node/instance.requirement,"
                            + " such as web1/shop or web1/shop.db");
            return ExitCode.USAGE;
        }
        return null;
    }

    @Override
    Planned resolve(LoadResult loaded) {
        return Planned.of(loaded, limits(), null, true, progress());
    }

    @Override
    int render(LoadResult loaded, Planned planned) {
        renderer(loaded).text(planned.diagnostics(), ctx.err());
        if (planned.resolution() == null) return ExitCode.INVALID;
        Resolution res = planned.resolution();
        Plan plan = res.plan();
        String id = m.group(1) + "/" + m.group(2);
        Instance inst = plan.instance(id).orElse(null);
        if (inst == null) {
            String near = Suggest.closest(
                    id, plan.instances().stream().map(Instance::id).toList());
            ctx.err()
                    .println("modsvc explain: the plan has no instance '" + id + "'"
                            + (near != null ? "; did you mean '" + near + "'?" : ""));
            return ExitCode.USAGE;
        }
        var out = new StringBuilder();
        if (m.group(3) != null) {
            Decision d = res.decisions().get(id + "." + m.group(3));
            Module mod = loaded.setup().modules().get(inst.module());
            if (d == null && mod != null && mod.requires().containsKey(m.group(3))) {
                ctx.out().println(id + "." + m.group(3) + ": not resolved; the diagnostics above say why");
                return ExitCode.INVALID;
            }
            if (d == null) {
                var names = mod == null
                        ? List.<String>of()
                        : List.copyOf(mod.requires().keySet());
                String near = Suggest.closest(m.group(3), names);
                ctx.err()
                        .println("modsvc explain: " + id + " has no requirement '" + m.group(3) + "'"
                                + (near != null
                                        ? "; did you mean '" + near + "'?"
                                        : names.isEmpty() ? "" : "; it has " + String.join(", ", names)));
                return ExitCode.USAGE;
            }
            requirement(d, plan, loaded.setup(), out);
        } else {
            instance(inst, res, loaded.setup(), out);
        }
        ctx.out().print(out);
        return planned.hasErrors() ? ExitCode.INVALID : ExitCode.OK;
    }

    static void requirement(Decision d, Plan plan, Setup setup, StringBuilder b) {
        b.append(d.key())
                .append(": requires ")
                .append(d.contract())
                .append(' ')
                .append(d.range())
                .append('\n');
        b.append("  policy: ")
                .append(d.explicit() ? "(bind: entry)" : d.policy().word())
                .append('\n');
        if (d.provider() != null) {
            b.append("  bound to: ")
                    .append(d.provider())
                    .append('.')
                    .append(d.provision())
                    .append(" (")
                    .append(d.kind().word())
                    .append(")\n");
        } else {
            b.append("  bound to: nothing\n");
        }
        b.append("  because: ").append(d.reason()).append('\n');
        Binding bound = plan.index().binding(d.consumer(), d.requirement());
        if (bound != null) {
            if (!bound.request().isEmpty())
                b.append("  request: ").append(pairs(bound.request())).append('\n');
            if (!bound.result().isEmpty())
                b.append("  result: ").append(pairs(bound.result())).append('\n');
            Instance provider = plan.index().instance(bound.provider());
            if (provider != null) allocated(provider, setup, bound.provision(), b);
            if (bound.kind() == BindingKind.REMOTE) remoteWait(plan, setup, bound, b);
        }
        if (d.candidates().isEmpty()) {
            b.append("  running providers of ").append(d.contract()).append(": none\n");
        } else {
            b.append("  running providers of ").append(d.contract()).append(" (same node first):\n");
            for (Candidate c : d.candidates()) {
                boolean chosen =
                        c.instance().equals(d.provider()) && c.provision().equals(d.provision());
                b.append("    ")
                        .append(chosen ? "* " : c.accepted() ? "+ " : "- ")
                        .append(c.ref())
                        .append(c.version() == null ? "" : " " + c.version())
                        .append(": ")
                        .append(
                                chosen
                                        ? "chosen"
                                        : c.accepted() ? "would fit" : "rejected: " + String.join("; ", c.rejections()))
                        .append('\n');
            }
        }
        if (d.provider() != null) {
            var fails = plan.failsWith().getOrDefault(d.provider(), List.of());
            b.append("  if ")
                    .append(d.provider())
                    .append(" fails, these stop too: ")
                    .append(fails.isEmpty() ? "(none)" : String.join(", ", fails))
                    .append('\n');
            loses(plan.loses().getOrDefault(d.provider(), List.of()), b);
        }
    }

    private static void instance(Instance i, Resolution res, Setup setup, StringBuilder b) {
        Plan plan = res.plan();
        b.append(i.id())
                .append(": module ")
                .append(i.module())
                .append(", node ")
                .append(i.node());
        plan.node(i.node()).ifPresent(n -> b.append(" (")
                .append(n.address())
                .append(", ")
                .append(n.target().word())
                .append(")"));
        b.append('\n');
        b.append("  owner: ")
                .append(i.owner() == null ? "(none: the node runs it)" : i.owner())
                .append('\n');
        var owned = plan.index().ownedBy(i.id()).stream().map(Instance::id).toList();
        if (!owned.isEmpty())
            b.append("  owns: ").append(String.join(", ", owned)).append('\n');
        var order = plan.order().getOrDefault(i.node(), List.of());
        b.append("  start order on ")
                .append(i.node())
                .append(": ")
                .append(order.indexOf(i.id()) + 1)
                .append(" of ")
                .append(order.size())
                .append('\n');
        var mine = plan.index().bindingsOf(i.id());
        var unmet = res.decisions().values().stream()
                .filter(d -> d.consumer().equals(i.id()) && d.provider() == null)
                .toList();
        if (mine.isEmpty() && unmet.isEmpty()) b.append("  requires: nothing\n");
        else b.append("  requires:\n");
        for (Binding x : mine) {
            Decision d = res.decisions().get(x.consumer() + "." + x.requirement());
            b.append("    ")
                    .append(x.requirement())
                    .append(" -> ")
                    .append(x.provider())
                    .append('.')
                    .append(x.provision())
                    .append(" (")
                    .append(x.kind().word())
                    .append(")");
            if (d != null) b.append(": ").append(d.reason());
            b.append('\n');
        }
        for (Decision d : unmet) {
            b.append("    ")
                    .append(d.requirement())
                    .append(" -> nothing: ")
                    .append(d.reason())
                    .append('\n');
        }
        if (!i.provides().isEmpty()) b.append("  provides:\n");
        for (Provided p : i.provides()) {
            b.append("    ")
                    .append(p.name())
                    .append(": ")
                    .append(p.contract())
                    .append(p.version() == null ? "" : " " + p.version())
                    .append(", serves ")
                    .append(
                            p.consumers().isEmpty()
                                    ? "no one"
                                    : String.join(
                                            ", ",
                                            p.consumers().stream()
                                                    .map(c -> c.instance() + "." + c.requirement())
                                                    .toList()))
                    .append('\n');
        }
        if (!i.ports().isEmpty())
            b.append("  ports: ")
                    .append(String.join(
                            ", ", i.ports().stream().map(String::valueOf).toList()))
                    .append('\n');
        for (Provided p : i.provides()) allocated(i, setup, p.name(), b);
        var fails = plan.failsWith().getOrDefault(i.id(), List.of());
        b.append("  if it fails, these stop too: ")
                .append(fails.isEmpty() ? "(none)" : String.join(", ", fails))
                .append('\n');
        loses(plan.loses().getOrDefault(i.id(), List.of()), b);
    }

    /** What keeps running without a failed provider: across nodes nothing stops it. */
    private static void loses(List<String> loses, StringBuilder b) {
        if (loses.isEmpty()) return;
        b.append("  these lose it (other nodes, not stopped): ")
                .append(String.join(", ", loses))
                .append('\n');
    }

    /** How long a remote binding's consumer waits for its provider before each start, and why. */
    private static void remoteWait(Plan plan, Setup setup, Binding bound, StringBuilder b) {
        var r = plan.index().remoteOf(bound.consumer()).stream()
                .filter(x -> x.requirement().equals(bound.requirement()))
                .findFirst()
                .orElse(null);
        if (r == null) return;
        Instance consumer = plan.index().instance(bound.consumer());
        Module m = consumer == null ? null : setup.modules().get(consumer.module());
        var q = m == null ? null : m.requires().get(bound.requirement());
        String key = "requires." + bound.requirement() + ".remoteWait";
        String from = q == null ? key : q.remoteWait() != null ? key : "the default; set " + key + " to change it";
        String host = bound.result().get("host");
        String port = bound.result().get("port");
        b.append("  before each start: ");
        if (r.waitSeconds() == 0) b.append("no wait (").append(from).append(")\n");
        else if (host == null || port == null) b.append("no wait (the result has no host and port to try)\n");
        else
            b.append("waits up to ")
                    .append(r.waitSeconds())
                    .append(" s for ")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append(" to accept a connection (")
                    .append(from)
                    .append(")\n");
    }

    /** Says which result ports of {@code provision} were allocated from an {@code auto:N}. */
    private static void allocated(Instance i, Setup setup, String provision, StringBuilder b) {
        Module m = setup.modules().get(i.module());
        Provision p = m == null ? null : m.provides().get(provision);
        Provided planned = i.provides().stream()
                .filter(x -> x.name().equals(provision))
                .findFirst()
                .orElse(null);
        if (p == null || planned == null) return;
        for (var e : p.result().entrySet()) {
            int preferred = PortAllocator.parseAuto(e.getValue().text());
            if (preferred == 0) continue;
            String got = planned.result().get(e.getKey());
            b.append("  ")
                    .append(provision)
                    .append('.')
                    .append(e.getKey())
                    .append(" = ")
                    .append(got)
                    .append(": allocated on ")
                    .append(i.node())
                    .append(" from \"")
                    .append(e.getValue().text())
                    .append(
                            String.valueOf(preferred).equals(got)
                                    ? "\" (free)\n"
                                    : "\" (" + preferred + " is taken)\n");
        }
    }

    private static String pairs(java.util.Map<String, String> m) {
        var parts = new java.util.ArrayList<String>();
        for (var e : m.entrySet()) parts.add(e.getKey() + "=" + e.getValue());
        return String.join(", ", parts);
    }
}
