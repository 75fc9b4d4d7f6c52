package org.modsvc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modsvc import nix FILE}: a setup from what a NixOS configuration declares. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Write a modsvc setup from another tool's description of services.",
        subcommands = {ImportCommand.Nix.class})
final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(
            name = "nix",
            mixinStandardHelpOptions = true,
            description = {
                "Write a setup (one node) from the JSON of the system.services of a NixOS configuration, so"
                        + " its services can be validated, planned and compared.",
                "Portable options are read (process.argv, reloadSignal, reloadCommand, notificationProtocol,"
                        + " configData text, services); see docs/nixos-target.md."
            },
            footer = {
                "",
                "Example:",
                "  nix eval --json .#nixosConfigurations.host.config.system.services \\",
                "    --apply 'builtins.mapAttrs (n: s: removeAttrs s [ \"systemd\" ])' \\",
                "    > services.json",
                "  modsvc import nix services.json --out imported/ && modsvc plan imported/",
                "",
                "Exit codes: 0 written, 1 the JSON holds no usable services, 2 usage or I/O error."
            })
    static final class Nix implements Callable<Integer> {
        private final Context ctx;

        @Parameters(index = "0", paramLabel = "FILE", description = "the JSON nix eval --json printed")
        Path file;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the setup directory to write")
        Path out;

        @Option(
                names = "--node",
                paramLabel = "NAME",
                defaultValue = "nixos",
                description = "the node (default: ${DEFAULT-VALUE})")
        String node;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                defaultValue = "imported",
                description = "the setup's name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--force", description = "replace a non-empty output directory")
        boolean force;

        Nix(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String json;
            Path in = ctx.cwd().resolve(file);
            try {
                json = Files.readString(in, StandardCharsets.UTF_8);
            } catch (IOException e) {
                ctx.err().println("modsvc import nix: cannot read " + file + ": " + TreeWriter.describe(e));
                return ExitCode.USAGE;
            }
            if (!java.util.regex.Pattern.matches("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}", node)
                    || !java.util.regex.Pattern.matches("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}", name)) {
                ctx.err().println("modsvc import nix: --node and --name take names such as web1 ([A-Za-z0-9_-])");
                return ExitCode.USAGE;
            }
            NixImport.Result r;
            try {
                r = NixImport.convert(json, name, node);
            } catch (IOException e) {
                ctx.err().println("modsvc import nix: " + file + " is not JSON: " + e.getMessage());
                return ExitCode.INVALID;
            }
            for (String n : r.notes()) ctx.err().println("note: " + n);
            for (String e : r.errors()) ctx.err().println("error: " + e);
            if (!r.errors().isEmpty()) return ExitCode.INVALID;
            var files = new TreeMap<String, OutputFile>();
            for (var e : r.files().entrySet()) files.put(e.getKey(), OutputFile.text(e.getValue(), false));
            try {
                new TreeWriter().write(ctx.cwd().resolve(out).toAbsolutePath().normalize(), files, force);
            } catch (TreeWriter.RefusedException e) {
                ctx.err().println("modsvc import nix: " + e.getMessage());
                return ExitCode.USAGE;
            } catch (IOException e) {
                ctx.err().println("modsvc import nix: cannot write " + out + ": " + TreeWriter.describe(e));
                return ExitCode.USAGE;
            }
            ctx.out().println("wrote " + files.size() + " file(s) to " + out);
            return ExitCode.OK;
        }
    }
}
