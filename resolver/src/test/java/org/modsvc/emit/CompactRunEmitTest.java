package org.modsvc.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.nixos.NixosEmitter;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/**
 * Two instances of one module from compact {@code run:} entries are two units with their own
 * settings on the systemd target, and two {@code system.services} on the nixos target (whose
 * values {@code NixosUnderNixTest} evaluates under real Nix).
 */
class CompactRunEmitTest {
    private static final Path SETUP = Path.of("src/test/resources/resolve/compact-run-instances");

    private static String text(Emission e, String path) {
        assertThat(e.files()).containsKey(path);
        return new String(e.files().get(path).content(), StandardCharsets.UTF_8);
    }

    @Test
    void twoInstancesOfOneModuleAreTwoUnitsWithTheirOwnSettings() throws IOException {
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(SETUP, "s");
        assertThat(loaded.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        assertThat(plan.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        var systemd = new SystemdEmitter().emit(plan, "web1");
        String eu = text(systemd, "web1/etc/systemd/system/modsvc-api-eu.service");
        String us = text(systemd, "web1/etc/systemd/system/modsvc-api-us.service");
        assertThat(eu)
                .contains(
                        "ExecStart=/usr/bin/api --port=8081", "Environment=\"REGION=eu\"", "Environment=\"LOG=info\"");
        assertThat(us).contains("ExecStart=/usr/bin/api --port=8082", "Environment=\"REGION=us\"");
        assertThat(text(systemd, "web1/etc/systemd/system/modsvc-front.service"))
                .contains("Requires=modsvc-api-eu.service", "Requires=modsvc-api-us.service");
        String nix = text(new NixosEmitter().emit(plan, "web1"), "web1/modsvc.nix");
        assertThat(nix).contains("    modsvc-api-eu = {", "    modsvc-api-us = {");
    }
}
