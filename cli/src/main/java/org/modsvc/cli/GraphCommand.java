package org.modsvc.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.load.LoadResult;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = "Draw the resolved graph as Graphviz dot or Mermaid: nodes as clusters, sub-services "
                + "inside their owner; sub-service bindings dashed, local solid, remote bold.",
        footer = {
            "",
            "Examples:",
            "  modsvc graph samples/webapp | dot -Tsvg > webapp.svg",
            "  modsvc graph samples/webapp --format mermaid",
            "",
            "Exit codes: 0 drawn, 1 the setup has errors (a partial graph is still drawn), 2 usage error."
        })
final class GraphCommand extends SetupCommand<Planned> {

    /** The drawing languages. */
    enum GraphFormat {
        dot,
        mermaid
    }

    @Option(names = "--format", paramLabel = "FORMAT", description = "dot or mermaid (default: ${DEFAULT-VALUE})")
    GraphFormat format = GraphFormat.dot;

    GraphCommand(Context ctx) {
        super(ctx);
    }

    @Override
    Planned resolve(LoadResult loaded) {
        return Planned.of(loaded, limits(), null, false, progress());
    }

    @Override
    int render(LoadResult loaded, Planned planned) {
        renderer(loaded).text(planned.diagnostics(), ctx.err());
        if (planned.resolution() == null) return ExitCode.INVALID;
        Plan plan = planned.resolution().plan();
        ctx.out().print(format == GraphFormat.dot ? dot(plan) : mermaid(plan));
        return planned.hasErrors() ? ExitCode.INVALID : ExitCode.OK;
    }

    /** Instances by owner id ("" for top-level), each list sorted by id as in the plan. */
    private static Map<String, List<Instance>> owned(Plan plan) {
        var m = new HashMap<String, List<Instance>>();
        for (Instance i : plan.instances())
            m.computeIfAbsent(i.owner() == null ? "" : i.owner(), k -> new ArrayList<>())
                    .add(i);
        return m;
    }

    static String dot(Plan plan) {
        var b = new StringBuilder();
        b.append("digraph ").append(q(plan.setup())).append(" {\n");
        b.append("  rankdir=LR;\n  compound=true;\n  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n");
        b.append("  edge [fontname=\"sans-serif\", fontsize=10];\n");
        var owned = owned(plan);
        int[] cluster = {0};
        for (PlanNode n : plan.nodes()) {
            b.append("  subgraph ").append(q("cluster_" + cluster[0]++)).append(" {\n");
            b.append("    label=")
                    .append(q(n.name() + " (" + n.address() + ", " + n.target().word() + ")"))
                    .append(";\n");
            b.append("    style=solid;\n");
            for (Instance i : owned.getOrDefault("", List.of())) {
                if (i.node().equals(n.name())) dotInstance(i, owned, b, "    ", cluster);
            }
            b.append("  }\n");
        }
        for (Binding x : plan.bindings()) {
            b.append("  ")
                    .append(q(x.consumer()))
                    .append(" -> ")
                    .append(q(x.provider()))
                    .append(" [label=");
            b.append(q(x.requirement() + (x.kind() == BindingKind.REMOTE ? " (remote)" : "")));
            b.append(
                    switch (x.kind()) {
                        case SUB_SERVICE -> ", style=dashed";
                        case LOCAL -> ", style=solid";
                        case REMOTE -> ", style=bold, color=\"#1f5fbf\"";
                    });
            b.append("];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static void dotInstance(
            Instance i, Map<String, List<Instance>> owned, StringBuilder b, String indent, int[] cluster) {
        var subs = owned.getOrDefault(i.id(), List.of());
        String label = q(i.name() + "\n" + i.module());
        if (subs.isEmpty()) {
            b.append(indent).append(q(i.id())).append(" [label=").append(label).append("];\n");
            return;
        }
        b.append(indent)
                .append("subgraph ")
                .append(q("cluster_" + cluster[0]++))
                .append(" {\n");
        b.append(indent)
                .append("  label=")
                .append(q(i.name() + " and its sub-services"))
                .append(";\n");
        b.append(indent).append("  style=dashed;\n");
        b.append(indent)
                .append("  ")
                .append(q(i.id()))
                .append(" [label=")
                .append(label)
                .append("];\n");
        for (Instance s : subs) dotInstance(s, owned, b, indent + "  ", cluster);
        b.append(indent).append("}\n");
    }

    /** A dot double-quoted string. */
    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String mermaid(Plan plan) {
        var b = new StringBuilder("flowchart LR\n");
        var ids = new HashMap<String, String>();
        for (int k = 0; k < plan.instances().size(); k++)
            ids.put(plan.instances().get(k).id(), "i" + k);
        var owned = owned(plan);
        int[] group = {0};
        for (PlanNode n : plan.nodes()) {
            b.append("  subgraph n")
                    .append(group[0]++)
                    .append("[\"")
                    .append(m(n.name() + " (" + n.address() + ")"))
                    .append("\"]\n");
            for (Instance i : owned.getOrDefault("", List.of())) {
                if (i.node().equals(n.name())) mermaidInstance(i, owned, ids, b, "    ", group);
            }
            b.append("  end\n");
        }
        for (Binding x : plan.bindings()) {
            String label = m(x.requirement());
            b.append("  ").append(ids.get(x.consumer()));
            b.append(
                    switch (x.kind()) {
                        case SUB_SERVICE -> " -.->|\"" + label + "\"| ";
                        case LOCAL -> " -->|\"" + label + "\"| ";
                        case REMOTE -> " ==>|\"" + label + " (remote)\"| ";
                    });
            b.append(ids.get(x.provider())).append('\n');
        }
        return b.toString();
    }

    private static void mermaidInstance(
            Instance i,
            Map<String, List<Instance>> owned,
            Map<String, String> ids,
            StringBuilder b,
            String indent,
            int[] group) {
        var subs = owned.getOrDefault(i.id(), List.of());
        String node = ids.get(i.id()) + "[\"" + m(i.name()) + "<br/>(" + m(i.module()) + ")\"]";
        if (subs.isEmpty()) {
            b.append(indent).append(node).append('\n');
            return;
        }
        b.append(indent)
                .append("subgraph g")
                .append(group[0]++)
                .append("[\"")
                .append(m(i.name() + " and its sub-services"))
                .append("\"]\n");
        b.append(indent).append("  ").append(node).append('\n');
        for (Instance s : subs) mermaidInstance(s, owned, ids, b, indent + "  ", group);
        b.append(indent).append("end\n");
    }

    /** Text inside a Mermaid quoted label. */
    private static String m(String s) {
        return s.replace("&", "#amp;")
                .replace("\"", "#quot;")
                .replace("<", "#lt;")
                .replace(">", "#gt;");
    }
}
