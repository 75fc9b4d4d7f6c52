package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.nixos.NixosEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Reload;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/**
 * nixpkgs' reloadCommand, a command line in systemd syntax: {@code $MAINPID} reaches systemd as
 * {@code $MAINPID} (the list form doubles every {@code $}, since it is exec'ed as is).
 */
class ReloadLineTest {
    @TempDir
    Path dir;

    private Plan plan(String reload) throws IOException {
        Files.writeString(dir.resolve("setup.yaml"), "name: r\nnodes:\n  n1: { address: 10.0.0.1, run: [app] }\n");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("services/app.yaml"),
                "name: app\nprocess:\n  argv: [/usr/bin/app]\n  reloadCommand: " + reload + "\n");
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, "r");
        assertThat(loaded.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        assertThat(plan.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        return plan;
    }

    private static String unit(Plan plan) {
        var e = new SystemdEmitter().emit(plan, "n1");
        assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        return new String(
                e.files().get("n1/etc/systemd/system/modsvc-app.service").content(), StandardCharsets.UTF_8);
    }

    @Test
    void theStringFormKeepsMainPidForSystemd() throws IOException {
        Plan plan = plan("\"/bin/kill -USR2 $MAINPID\"");
        assertThat(plan.instances().get(0).reload()).isInstanceOf(Reload.Line.class);
        assertThat(unit(plan)).contains("\nExecReload=/bin/kill -USR2 $MAINPID\n");
        String nix = new String(
                new NixosEmitter().emit(plan, "n1").files().get("n1/modsvc.nix").content(), StandardCharsets.UTF_8);
        assertThat(nix).contains("reloadCommand = \"/bin/kill -USR2 \\$MAINPID\";");
    }

    @Test
    void theListFormIsExecedAsIsSoItsDollarIsLiteral() throws IOException {
        assertThat(unit(plan("[/usr/bin/app, reload, $MAINPID]")))
                .contains("\nExecReload=/usr/bin/app reload $$MAINPID\n");
    }

    @Test
    void theStringFormPassesSystemdAnalyzeVerify() throws Exception {
        Path analyze = org.modsvc.testing.Tools.require("systemd-analyze");
        Plan plan = plan("\"/bin/kill -USR2 $MAINPID\"");
        Path out = dir.resolve("out");
        EmittedTree.write(plan, out);
        Path root = out.resolve("n1");
        EmittedTree.prepareForAnalyze(plan, root, "n1");
        var cmd = new java.util.ArrayList<>(
                java.util.List.of(analyze.toString(), "verify", "--man=no", "--root=" + root));
        cmd.addAll(EmittedTree.units(root));
        var r = Processes.run(cmd, java.util.Map.of("SYSTEMD_LOG_COLOR", "0"), 60);
        assertThat(r.all()).isEmpty();
        assertThat(r.exit()).isZero();
    }
}
