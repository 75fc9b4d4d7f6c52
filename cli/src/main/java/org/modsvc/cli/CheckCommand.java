package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.modsvc.boot.BootCheck;
import org.modsvc.boot.BootReport;
import org.modsvc.boot.Requirements;
import org.modsvc.boot.RootFs;
import org.modsvc.diag.Diagnostic;
import org.modsvc.load.LoadResult;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Boot a setup and probe every binding: each node in a container with a real systemd as PID 1"
                    + " (systemd-nspawn), the node's units installed and its target started (or, with --target"
                    + " wrapper, its bin/modsvc.up run as an unprivileged user), then each contract's probe run"
                    + " as the consumer."
        },
        footer = {
            "",
            "Examples:",
            "  modsvc check --boot samples/webapp",
            "  modsvc check --boot samples/three-nodes --format json",
            "  modsvc check --boot samples/devbox --target wrapper",
            "",
            "Needs root, systemd-nspawn (systemd-container), debootstrap, zstd and iproute2. The first run"
                    + " builds a Debian 12 root in $MODSVC_CACHE (default /var/cache/modsvc; a few minutes); later runs"
                    + " reuse it.",
            "Exit codes: 0 every binding ok, 1 some failed (or the setup has errors), 2 usage or environment."
        })
final class CheckCommand extends SetupCommand<Plan> {
    /** The targets on the command line. */
    enum TargetArg {
        systemd,
        wrapper
    }

    @Option(names = "--boot", required = true, description = "boot the setup in containers and probe it")
    boolean boot;

    @Option(names = "--target", paramLabel = "TARGET", description = "systemd or wrapper (default: ${DEFAULT-VALUE})")
    TargetArg target = TargetArg.systemd;

    @Mixin
    FormatOption format;

    @Option(
            names = "--node-files",
            paramLabel = "DIR",
            description = "copy DIR/<node>/... into each node's / before starting (e.g. the secrets delivered to"
                    + " each node)")
    java.nio.file.Path nodeFiles;

    CheckCommand(Context ctx) {
        super(ctx);
    }

    @Override
    Integer checkArguments() {
        if (nodeFiles != null && !Files.isDirectory(ctx.cwd().resolve(nodeFiles))) {
            ctx.err().println("modsvc check: --node-files " + nodeFiles + " is not a directory");
            return ExitCode.USAGE;
        }
        return null;
    }

    @Override
    Plan resolve(LoadResult loaded) {
        // The resolver runs only on a clean load, as for every command.
        if (loaded.hasErrors() || loaded.setup() == null) return null;
        return new Resolver(limits(), progress()).resolve(loaded.setup());
    }

    @Override
    int render(LoadResult loaded, Plan plan) throws IOException {
        if (plan == null) {
            renderer(loaded).text(loaded.diagnostics(), ctx.err());
            return ExitCode.INVALID;
        }
        if (plan.hasErrors()) {
            renderer(loaded)
                    .text(
                            plan.diagnostics().stream()
                                    .filter(Diagnostic::isError)
                                    .toList(),
                            ctx.err());
            return ExitCode.INVALID;
        }
        RootFs rootFs = RootFs.standard(ctx.env());
        String missing = Requirements.missing(ctx.env(), Files.isDirectory(rootFs.directory()));
        if (missing != null) {
            ctx.err().println("modsvc check: " + missing);
            return ExitCode.USAGE;
        }
        var check = new BootCheck(
                plan,
                loaded.setup().contracts(),
                target == TargetArg.wrapper ? BootCheck.Target.WRAPPER : BootCheck.Target.SYSTEMD,
                rootFs,
                ctx.terminal() ? line -> ctx.err().println("modsvc check: " + line) : line -> {});
        if (nodeFiles != null) check.withNodeFiles(ctx.cwd().resolve(nodeFiles));
        BootReport report;
        try {
            report = check.run();
        } catch (IOException e) {
            // The surroundings failed (debootstrap, a container that does not boot), not the setup.
            ctx.err().println("modsvc check: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (format.json()) Json.write(ctx.out(), g -> json(report, g));
        else ctx.out().print(report.text());
        ctx.out().flush();
        return report.ok() ? ExitCode.OK : ExitCode.INVALID;
    }

    private static void json(BootReport r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("setup", r.setup());
        g.writeStringField("target", r.target());
        g.writeBooleanField("ok", r.ok());
        g.writeArrayFieldStart("bindings");
        for (var b : r.bindings()) {
            g.writeStartObject();
            g.writeStringField("consumer", b.consumer());
            g.writeStringField("requirement", b.requirement());
            g.writeStringField("provider", b.provider());
            g.writeStringField("provision", b.provision());
            g.writeStringField("contract", b.contract());
            g.writeStringField("status", b.status().word.toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("reason", b.reason());
            lines("output", b.output(), g);
            lines("journal", b.journal(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("checks");
        for (var f : r.checks()) {
            g.writeStartObject();
            g.writeStringField("kind", f.kind());
            g.writeStringField("subject", f.subject());
            g.writeStringField("status", f.status().word.toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("detail", f.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
        lines("timings", r.timings(), g);
        g.writeEndObject();
    }

    private static void lines(String key, List<String> lines, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart(key);
        for (String l : lines) g.writeString(l);
        g.writeEndArray();
    }
}
