package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modsvc.diag.Suggest;
import org.modsvc.load.CatalogueModels;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.Module;
import org.modsvc.model.Provision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "contracts",
        mixinStandardHelpOptions = true,
        description = "List the contract catalogue, or show one contract with its fields and default provider.",
        footer = {
            "",
            "Examples:",
            "  modsvc contracts",
            "  modsvc contracts database.postgresql",
            "  modsvc contracts kv.redis --format json",
            "  modsvc contracts --setup samples/webapp",
            "",
            "A setup adds or overrides contracts in its contracts/ folder (note N001)."
        })
final class ContractsCommand implements Callable<Integer> {
    private final Context ctx;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "a contract name, such as kv.redis")
    String name;

    @Mixin
    FormatOption format;

    @Option(
            names = "--setup",
            paramLabel = "SETUP",
            description = "also show the contracts a setup adds or overrides in its contracts/ folder")
    String setupPath;

    ContractsCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws java.io.IOException {
        var models = CatalogueModels.of(ctx.catalogue().get());
        if (setupPath != null) {
            var p = ctx.cwd().resolve(setupPath);
            if (!java.nio.file.Files.exists(p)) {
                ctx.err().println("modsvc: no such file or directory: " + setupPath);
                return ExitCode.USAGE;
            }
            var loaded = new org.modsvc.load.SetupLoader(
                            org.modsvc.source.Limits.DEFAULT, ctx.catalogue().get())
                    .load(p, setupPath);
            if (loaded.setup() == null) {
                new DiagnosticRenderer(loaded.sources(), loaded.secretFields(), ctx.colour())
                        .text(loaded.diagnostics(), ctx.err());
                return loaded.diagnostics().stream().anyMatch(d -> d.code() == org.modsvc.diag.Code.NO_SETUP)
                        ? ExitCode.USAGE
                        : ExitCode.INVALID;
            }
            models = new CatalogueModels(
                    loaded.setup().contracts(), loaded.setup().modules(), loaded.diagnostics());
        }
        final var shown = models;
        if (name == null) {
            if (format.json()) {
                Json.write(ctx.out(), g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("contracts");
                    for (Contract c : shown.contracts().values()) contract(c, shown, g);
                    g.writeEndArray();
                    g.writeEndObject();
                });
            } else {
                list(shown);
            }
            return ExitCode.OK;
        }
        Contract c = shown.contracts().get(name);
        if (c == null) {
            ctx.err().println("modsvc contracts: no contract '" + name + "' in the catalogue");
            String near = Suggest.closest(name, models.contracts().keySet());
            if (near != null) ctx.err().println("  help: did you mean '" + near + "'?");
            else ctx.err().println("  help: 'modsvc contracts' lists them all");
            return ExitCode.USAGE;
        }
        if (format.json()) {
            Json.write(ctx.out(), g -> contract(c, shown, g));
        } else {
            detail(c, models);
        }
        return ExitCode.OK;
    }

    private void list(CatalogueModels models) {
        int w = 8;
        for (String n : models.contracts().keySet()) w = Math.max(w, n.length());
        var b = new StringBuilder();
        b.append(String.format(
                                Locale.ROOT,
                                "%-" + w + "s  %-9s  %-7s  %-6s  %-16s  %s",
                                "CONTRACT",
                                "FROM",
                                "REACH",
                                "SHARED",
                                "DEFAULT PROVIDER",
                                "DESCRIPTION")
                        .stripTrailing())
                .append('\n');
        for (Contract c : models.contracts().values()) {
            b.append(String.format(
                                    Locale.ROOT,
                                    "%-" + w + "s  %-9s  %-7s  %-6s  %-16s  %s",
                                    c.name(),
                                    origin(c),
                                    reach(c),
                                    c.shared() ? "yes" : "no",
                                    c.defaultProvider() == null
                                            ? "-"
                                            : c.defaultProvider().text(),
                                    c.description())
                            .stripTrailing())
                    .append('\n');
        }
        ctx.out().print(b);
        ctx.out().flush();
    }

    private void detail(Contract c, CatalogueModels models) {
        var b = new StringBuilder();
        b.append(c.name()).append('\n');
        if (!c.description().isEmpty()) b.append("  ").append(c.description()).append('\n');
        b.append("  reach:    ")
                .append(reach(c))
                .append(c.reach() == org.modsvc.model.Reach.LOCAL ? " (same node only)" : " (usable across nodes)")
                .append('\n');
        b.append("  shared:   ")
                .append(c.shared() ? "yes (one provider may serve many requesters)" : "no (one requester each)")
                .append('\n');
        Provision main = defaultProvision(c, models);
        if (c.defaultProvider() != null) {
            b.append("  default provider: ").append(c.defaultProvider().text());
            if (main != null && main.version() != null)
                b.append(" (provision main, version ")
                        .append(main.version().text())
                        .append(')');
            b.append('\n');
        }
        fields(b, "request (filled by the requester)", c.request());
        fields(b, "result (filled by the provider)", c.result());
        if (c.probe() == null) {
            b.append("  probe: none\n");
        } else {
            b.append("  probe (run as the requester by modsvc check --boot):\n   ");
            c.probe().words().forEach(a -> b.append(' ').append(a.replace("\n", " ")));
            b.append('\n');
        }
        Module m = c.defaultProvider() == null
                ? null
                : models.modules().get(c.defaultProvider().text());
        if (m != null && !m.process().argv().isEmpty()) {
            b.append("  provider command line:\n   ");
            m.process().argv().forEach(a -> b.append(' ').append(a.text().replace("\n", " ")));
            b.append('\n');
        }
        ctx.out().print(b);
        ctx.out().flush();
    }

    private static void fields(StringBuilder b, String title, Map<String, Field> fields) {
        b.append("  ").append(title).append(':');
        if (fields.isEmpty()) {
            b.append(" none\n");
            return;
        }
        b.append('\n');
        for (Field f : fields.values()) {
            b.append("    ").append(f.name()).append(": ").append(type(f));
            if (f.secret()) b.append(", secret (a file path)");
            if (f.optional()) b.append(", optional");
            if (!f.description().isEmpty()) b.append(" — ").append(f.description());
            b.append('\n');
        }
    }

    private static Provision defaultProvision(Contract c, CatalogueModels models) {
        if (c.defaultProvider() == null) return null;
        Module m = models.modules().get(c.defaultProvider().text());
        return m == null ? null : m.provides().get("main");
    }

    /** "catalogue" for a shipped contract, "setup" for one a setup declares (or overrides). */
    private static String origin(Contract c) {
        return c.builtin() ? "catalogue" : "setup";
    }

    private static String reach(Contract c) {
        return c.reach().name().toLowerCase(Locale.ROOT);
    }

    private static String type(Field f) {
        return f.type().name().toLowerCase(Locale.ROOT);
    }

    private static void contract(Contract c, CatalogueModels models, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("description", c.description());
        g.writeStringField("from", origin(c));
        g.writeStringField("reach", reach(c));
        g.writeBooleanField("shared", c.shared());
        if (c.defaultProvider() == null) g.writeNullField("defaultProvider");
        else g.writeStringField("defaultProvider", c.defaultProvider().text());
        Provision main = defaultProvision(c, models);
        if (main == null || main.version() == null) g.writeNullField("defaultProviderVersion");
        else g.writeStringField("defaultProviderVersion", main.version().text());
        jsonFields("request", c.request(), g);
        jsonFields("result", c.result(), g);
        if (c.probe() == null) {
            g.writeNullField("probe");
        } else {
            g.writeObjectFieldStart("probe");
            g.writeArrayFieldStart("argv");
            for (String w : c.probe().words()) g.writeString(w);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void jsonFields(String key, Map<String, Field> fields, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart(key);
        for (Field f : fields.values()) {
            g.writeObjectFieldStart(f.name());
            g.writeStringField("type", type(f));
            g.writeBooleanField("secret", f.secret());
            g.writeBooleanField("optional", f.optional());
            g.writeStringField("description", f.description());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
