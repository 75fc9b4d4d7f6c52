package org.modsvc.cli;

import java.util.List;
import org.modsvc.load.LoadResult;
import org.modsvc.model.Policy;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.Provided;
import org.modsvc.plan.RemoteDependency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Resolve a setup and print the plan: instances per node in start order, with their bindings.",
        footer = {
            "",
            "Examples:",
            "  modsvc plan samples/webapp",
            "  modsvc plan samples/webapp --policy shared --format json",
            "",
            "Exit codes: 0 resolved (warnings allowed), 1 errors, 2 usage error."
        })
final class PlanCommand extends SetupCommand<Planned> {

    @Option(
            names = "--policy",
            paramLabel = "POLICY",
            description = "sub-service, shared or auto (default: the setup's policy:)")
    String policyArg;

    @Mixin
    FormatOption format;

    /** The --policy value; null for the setup's own. */
    private Policy policy;

    PlanCommand(Context ctx) {
        super(ctx);
    }

    /** The --policy value, or null after printing a usage error. */
    static Policy policy(String arg, Context ctx) {
        Policy p = Policy.parse(arg);
        if (p == null) ctx.err().println("modsvc: --policy " + arg + ": use sub-service, shared or auto");
        return p;
    }

    @Override
    Integer checkArguments() {
        if (policyArg != null && (policy = policy(policyArg, ctx)) == null) return ExitCode.USAGE;
        return null;
    }

    @Override
    Planned resolve(LoadResult loaded) {
        return Planned.of(loaded, limits(), policy, false, progress());
    }

    @Override
    int render(LoadResult loaded, Planned planned) {
        if (format.json()) {
            // Hundreds of megabytes for a large setup: the fast writer (same bytes as Jackson's).
            Json.pretty(ctx.out(), g -> {
                if (planned.resolution() != null) {
                    PlanJson.write(planned.resolution().plan(), planned.diagnostics(), g);
                } else {
                    g.writeStartObject();
                    PlanJson.diagnostics(planned.diagnostics(), g);
                    g.writeBooleanField("valid", false);
                    g.writeEndObject();
                }
            });
        } else {
            renderer(loaded).text(planned.diagnostics(), ctx.err());
            if (planned.resolution() != null)
                ctx.out().print(text(planned.resolution().plan()));
        }
        return planned.hasErrors() ? ExitCode.INVALID : ExitCode.OK;
    }

    /** The plan as text: each node with its instances in start order and their bindings. */
    static String text(Plan plan) {
        var b = new StringBuilder();
        b.append("plan for setup '")
                .append(plan.setup())
                .append("' (policy ")
                .append(plan.policy().word())
                .append(")\n");
        PlanIndex index = plan.index();
        for (PlanNode n : plan.nodes()) {
            b.append("\nnode ")
                    .append(n.name())
                    .append(" (")
                    .append(n.address())
                    .append(", ")
                    .append(n.target().word())
                    .append(")\n");
            List<String> ids = plan.order().getOrDefault(n.name(), List.of());
            if (ids.isEmpty()) b.append("  (no instances)\n");
            int k = 1;
            for (String id : ids) {
                Instance i = index.instance(id);
                b.append("  ")
                        .append(k++)
                        .append(". ")
                        .append(i.name())
                        .append("  [module ")
                        .append(i.module());
                if (i.owner() != null) b.append(", owned by ").append(i.owner());
                if (!i.ports().isEmpty())
                    b.append(i.ports().size() == 1 ? ", port " : ", ports ")
                            .append(String.join(
                                    " ", i.ports().stream().map(String::valueOf).toList()));
                b.append("]\n");
                for (Provided p : i.provides()) {
                    b.append("       provides ").append(p.name()).append(": ").append(p.contract());
                    if (p.version() != null) b.append(' ').append(p.version());
                    b.append(" (").append(p.consumers().size()).append(" consumer(s))\n");
                }
                for (Binding x : index.bindingsOf(id)) {
                    b.append("       requires ")
                            .append(x.requirement())
                            .append(" -> ")
                            .append(x.provider())
                            .append('.')
                            .append(x.provision())
                            .append(" (")
                            .append(x.kind().word())
                            .append(x.explicit() ? ", bind:" : "")
                            .append(")\n");
                }
            }
        }
        if (!plan.remote().isEmpty()) {
            b.append("\nremote dependencies (not ordered by any one service manager):\n");
            for (RemoteDependency r : plan.remote()) {
                b.append("  ")
                        .append(r.consumer())
                        .append('.')
                        .append(r.requirement())
                        .append(" -> ")
                        .append(r.provider())
                        .append(" at ")
                        .append(r.address())
                        .append(r.waitSeconds() == 0 ? ", no wait" : ", waits up to " + r.waitSeconds() + " s")
                        .append('\n');
            }
        }
        return b.toString();
    }
}
