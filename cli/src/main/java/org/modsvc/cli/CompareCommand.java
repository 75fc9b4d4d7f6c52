package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Function;
import org.modsvc.compare.Comparison;
import org.modsvc.diag.Diagnostic;
import org.modsvc.load.LoadResult;
import org.modsvc.model.Policy;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        // One string per paragraph: picocli wraps it to the help width (a line break written here
        // would break the sentence wherever the terminal is narrower).
        description = {
            "Resolve the setup under sub-service, shared and auto and lay the outcomes side by side: "
                    + "processes, bindings, providers and what stops when one fails, ports, diagnostics that "
                    + "only one strategy has, each requirement's binding, and a short summary.",
            "Each strategy applies to every requirement (per-requirement policy: is ignored); bind: entries "
                    + "are kept."
        },
        footer = {
            "",
            "Examples:",
            "  modsvc compare samples/two-apps",
            "  modsvc compare samples/three-nodes --format json",
            "",
            "Exit codes: 0 compared (some strategy may have errors: that is a finding), 1 the setup does not "
                    + "load or no strategy resolves it, 2 usage error."
        })
final class CompareCommand extends SetupCommand<Comparison> {

    /** At most this many ports per cell and diagnostics per strategy in text output. */
    private static final int MAX_PORTS = 8;

    private static final int MAX_DIAGNOSTICS = 20;

    @Mixin
    FormatOption format;

    CompareCommand(Context ctx) {
        super(ctx);
    }

    /** The three strategies side by side; null when the setup does not load. */
    @Override
    Comparison resolve(LoadResult loaded) {
        if (loaded.hasErrors() || loaded.setup() == null) return null;
        var forced = Comparison.forced(loaded.setup());
        var resolver = new Resolver(limits(), progress());
        var plans = new TreeMap<Policy, Plan>();
        for (Policy p : Policy.values()) plans.put(p, resolver.resolve(forced, p));
        return Comparison.of(forced.name(), loaded.setup().policy(), plans);
    }

    @Override
    int render(LoadResult loaded, Comparison c) {
        if (c == null) {
            if (format.json()) {
                Json.write(ctx.out(), g -> {
                    g.writeStartObject();
                    PlanJson.diagnostics(loaded.diagnostics(), g);
                    g.writeBooleanField("valid", false);
                    g.writeEndObject();
                });
            } else {
                renderer(loaded).text(loaded.diagnostics(), ctx.err());
            }
            return ExitCode.INVALID;
        }
        if (format.json()) {
            Json.write(ctx.out(), g -> json(c, loaded.diagnostics(), g));
        } else {
            if (!loaded.diagnostics().isEmpty()) renderer(loaded).text(loaded.diagnostics(), ctx.err());
            ctx.out().print(text(c));
        }
        // When no strategy resolves, the setup itself is broken: say so to scripts as well.
        return c.noStrategyResolves() ? ExitCode.INVALID : ExitCode.OK;
    }

    static String text(Comparison c) {
        var b = new StringBuilder();
        b.append("compare setup '")
                .append(c.setup())
                .append("' (it declares policy ")
                .append(c.declared().word())
                .append("; each strategy below applies to every requirement, bind: entries kept)\n\n");
        var ss = c.strategies();
        var t = new Table(header("", ss));
        t.row(
                "result",
                ss,
                s -> s.valid()
                        ? (s.warnings() == 0 ? "valid" : "valid, " + s.warnings() + " warning(s)")
                        : s.errors() + " error(s)");
        t.row("processes", ss, s -> Integer.toString(s.processes()));
        t.row("  of them sub-services", ss, s -> Integer.toString(s.subServices()));
        for (BindingKind k : BindingKind.values())
            t.row("bindings " + k.word(), ss, s -> Integer.toString(s.bindings(k)));
        t.row("providers", ss, s -> Integer.toString(s.providers().size()));
        t.row("blast radius largest", ss, s -> Integer.toString(s.largestBlast()));
        t.row("blast radius mean", ss, s -> String.format(Locale.ROOT, "%.2f", s.meanBlast()));
        t.row("remote loss largest", ss, s -> Integer.toString(s.largestLoss()));
        for (int n = 0; n < ss.get(0).nodes().size(); n++) {
            int at = n;
            t.row("node " + ss.get(0).nodes().get(n).node(), ss, s -> "");
            t.row("  processes (sub)", ss, s -> {
                var l = s.nodes().get(at);
                return l.processes() + " (" + l.subServices() + ")";
            });
            t.row("  bindings sub/local/remote", ss, s -> {
                var l = s.nodes().get(at);
                return l.bindings().get(BindingKind.SUB_SERVICE) + "/"
                        + l.bindings().get(BindingKind.LOCAL) + "/"
                        + l.bindings().get(BindingKind.REMOTE);
            });
            t.row("  ports", ss, s -> {
                var ports = s.nodes().get(at).ports();
                if (ports.isEmpty()) return "-";
                // A long list would make the column unreadable; JSON carries every port.
                var shown = ports.stream().limit(MAX_PORTS).map(String::valueOf).toList();
                String more = ports.size() > MAX_PORTS ? " … (" + ports.size() + " in all)" : "";
                return String.join(" ", shown) + more;
            });
        }
        b.append(t.render());

        if (!c.contracts().isEmpty()) {
            b.append("\nproviders per contract (instances, consumers in brackets)\n");
            var ct = new Table(header("", ss));
            for (Comparison.ContractRow r : c.contracts()) {
                ct.row(r.contract(), ss, s -> {
                    int n = r.providers().get(s.policy());
                    if (n == 0) return "-";
                    return n + " " + String.join("/", r.modules().get(s.policy())) + " ("
                            + r.consumers().get(s.policy()) + ")";
                });
            }
            b.append(ct.render());
        }

        if (!c.requirements().isEmpty()) {
            b.append("\nrequirements\n");
            var rt = new Table(header("", ss));
            for (Comparison.RequirementRow r : c.requirements()) {
                rt.row(r.consumer() + "." + r.requirement(), ss, s -> {
                    var o = r.outcome().get(s.policy());
                    return o == null ? "(no such instance)" : o.toString();
                });
            }
            b.append(rt.render());
        }

        b.append("\nwhat stops when a provider fails (and, across nodes, what only loses it)\n");
        for (Comparison.Strategy s : ss) {
            b.append("  ").append(s.policy().word()).append(":\n");
            if (s.providers().isEmpty()) b.append("    (no providers)\n");
            for (Comparison.ProviderLoad p : s.providers()) {
                b.append("    ")
                        .append(p.provider())
                        .append(" (")
                        .append(p.module())
                        .append(", ")
                        .append(p.dedicated() ? "dedicated" : "shared")
                        .append(", serves ")
                        .append(p.consumers())
                        .append("): ")
                        .append(p.failsWith().isEmpty() ? "nothing" : String.join(", ", p.failsWith()));
                if (!p.loses().isEmpty())
                    b.append("; other nodes lose it (not stopped): ").append(String.join(", ", p.loses()));
                b.append('\n');
            }
        }

        boolean any = ss.stream().anyMatch(s -> !s.own().isEmpty());
        if (any) {
            b.append("\ndiagnostics that not every strategy has\n");
            for (Comparison.Strategy s : ss) diagnostics(s.policy().word() + ": ", s.own(), b);
        }
        if (!c.common().isEmpty()) {
            b.append("\ndiagnostics of every strategy (the setup's own)\n");
            diagnostics("", c.common(), b);
        }

        b.append("\nsummary\n");
        for (String s : c.summary()) b.append("  - ").append(s).append('\n');
        return b.toString();
    }

    private static void diagnostics(String prefix, List<Diagnostic> ds, StringBuilder b) {
        if (ds.size() > MAX_DIAGNOSTICS)
            b.append("  ")
                    .append(prefix)
                    .append(ds.size())
                    .append(" in all, the first ")
                    .append(MAX_DIAGNOSTICS)
                    .append(" follow (--format json lists every one)\n");
        for (Diagnostic d : ds.subList(0, Math.min(MAX_DIAGNOSTICS, ds.size()))) {
            b.append("  ")
                    .append(prefix)
                    .append(d.severity().name().toLowerCase(Locale.ROOT))
                    .append('[')
                    .append(d.code().id())
                    .append("] ")
                    .append(d.message());
            if (!d.span().file().isEmpty())
                b.append(" (")
                        .append(d.span().file())
                        .append(':')
                        .append(d.span().line())
                        .append(':')
                        .append(d.span().column())
                        .append(')');
            b.append('\n');
        }
    }

    private static List<String> header(String first, List<Comparison.Strategy> ss) {
        var h = new ArrayList<String>();
        h.add(first);
        for (Comparison.Strategy s : ss) h.add(s.policy().word());
        return h;
    }

    /** A left-aligned text table: columns as wide as their widest cell, two spaces apart. */
    private static final class Table {
        private final List<List<String>> rows = new ArrayList<>();

        Table(List<String> header) {
            rows.add(header);
        }

        void row(String label, List<Comparison.Strategy> ss, Function<Comparison.Strategy, String> cell) {
            var r = new ArrayList<String>();
            r.add(label);
            for (Comparison.Strategy s : ss) r.add(cell.apply(s));
            rows.add(r);
        }

        String render() {
            int cols = rows.get(0).size();
            int[] w = new int[cols];
            for (var r : rows)
                for (int i = 0; i < cols; i++) w[i] = Math.max(w[i], r.get(i).length());
            var b = new StringBuilder();
            for (var r : rows) {
                var line = new StringBuilder("  ");
                for (int i = 0; i < cols; i++) {
                    line.append(r.get(i));
                    if (i < cols - 1) line.append(" ".repeat(w[i] - r.get(i).length() + 2));
                }
                b.append(line.toString().stripTrailing()).append('\n');
            }
            return b.toString();
        }
    }

    static void json(Comparison c, List<Diagnostic> loading, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("setup", c.setup());
        g.writeStringField("declaredPolicy", c.declared().word());
        g.writeStringField("perRequirementPolicy", "ignored");
        g.writeArrayFieldStart("strategies");
        for (Comparison.Strategy s : c.strategies()) {
            g.writeStartObject();
            g.writeStringField("policy", s.policy().word());
            g.writeBooleanField("valid", s.valid());
            g.writeNumberField("errors", s.errors());
            g.writeNumberField("warnings", s.warnings());
            g.writeNumberField("processes", s.processes());
            g.writeNumberField("subServices", s.subServices());
            g.writeObjectFieldStart("bindings");
            for (BindingKind k : BindingKind.values()) g.writeNumberField(k.word(), s.bindings(k));
            g.writeEndObject();
            g.writeObjectFieldStart("blastRadius");
            g.writeNumberField("largest", s.largestBlast());
            g.writeNumberField("mean", Math.round(s.meanBlast() * 1000) / 1000.0);
            g.writeNumberField("remoteLossLargest", s.largestLoss());
            g.writeEndObject();
            g.writeArrayFieldStart("nodes");
            for (Comparison.NodeLoad n : s.nodes()) {
                g.writeStartObject();
                g.writeStringField("name", n.node());
                g.writeNumberField("processes", n.processes());
                g.writeNumberField("subServices", n.subServices());
                g.writeObjectFieldStart("bindings");
                for (var e : n.bindings().entrySet())
                    g.writeNumberField(e.getKey().word(), e.getValue());
                g.writeEndObject();
                g.writeArrayFieldStart("ports");
                for (int p : n.ports()) g.writeNumber(p);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("providers");
            for (Comparison.ProviderLoad p : s.providers()) {
                g.writeStartObject();
                g.writeStringField("instance", p.provider());
                g.writeStringField("module", p.module());
                strings(g, "contracts", p.contracts());
                g.writeNumberField("consumers", p.consumers());
                g.writeBooleanField("dedicated", p.dedicated());
                strings(g, "failsWith", p.failsWith());
                strings(g, "loses", p.loses());
                g.writeEndObject();
            }
            g.writeEndArray();
            PlanJson.diagnostics("own", s.own(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("contracts");
        for (Comparison.ContractRow r : c.contracts()) {
            g.writeStartObject();
            g.writeStringField("contract", r.contract());
            for (Comparison.Strategy s : c.strategies()) {
                g.writeObjectFieldStart(s.policy().word());
                g.writeNumberField("providers", r.providers().get(s.policy()));
                strings(g, "modules", r.modules().get(s.policy()));
                g.writeNumberField("consumers", r.consumers().get(s.policy()));
                g.writeNumberField("largestBlast", r.largestBlast().get(s.policy()));
                g.writeNumberField("largestRemoteLoss", r.largestLoss().get(s.policy()));
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("requirements");
        for (Comparison.RequirementRow r : c.requirements()) {
            g.writeStartObject();
            g.writeStringField("consumer", r.consumer());
            g.writeStringField("requirement", r.requirement());
            g.writeStringField("contract", r.contract());
            for (Comparison.Strategy s : c.strategies()) {
                var o = r.outcome().get(s.policy());
                if (o == null) {
                    g.writeNullField(s.policy().word());
                    continue;
                }
                g.writeObjectFieldStart(s.policy().word());
                g.writeStringField("provider", o.provider());
                g.writeStringField("kind", o.kind() == null ? null : o.kind().word());
                g.writeBooleanField("explicit", o.explicit());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        PlanJson.diagnostics("common", c.common(), g);
        strings(g, "summary", c.summary());
        PlanJson.diagnostics(loading, g);
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }
}
