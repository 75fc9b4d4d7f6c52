package org.modsvc.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.emit.nixos.NixosEmitter;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/**
 * {@code subServices: { partOf: false }} gives nixpkgs' semantics (a sub-service is owned, not
 * tied): no {@code PartOf=} on the child, no {@code Wants=} on the owner, on the systemd and the
 * nixos target alike; without it modsvc's default ties them.
 */
class SubServiceOwnershipTest {
    private static final Path SETUP = Path.of("src/test/resources/emit/sub-service-ownership");

    @TempDir
    Path tmp;

    private static Plan plan(Path dir) throws IOException {
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(dir, "s");
        assertThat(loaded.diagnostics()).isEmpty();
        return new Resolver(Limits.DEFAULT)
                .resolve(loaded.setup(), loaded.setup().policy());
    }

    private static String text(Emission e, String path) {
        assertThat(e.files()).containsKey(path);
        return new String(e.files().get(path).content(), StandardCharsets.UTF_8);
    }

    /** The same setup without the switch: modsvc's default. */
    private Path tied() throws IOException {
        Path dir = tmp.resolve("tied");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("setup.yaml"),
                Files.readString(SETUP.resolve("setup.yaml")).replace("subServices: { partOf: false }\n", ""));
        return dir;
    }

    @Test
    void ownershipOnlyWritesNeitherPartOfNorWants() throws IOException {
        Plan plan = plan(SETUP);
        var systemd = new SystemdEmitter().emit(plan, "n1");
        assertThat(text(systemd, "n1/etc/systemd/system/modsvc-shop-worker.service"))
                .doesNotContain("PartOf=");
        assertThat(text(systemd, "n1/etc/systemd/system/modsvc-shop.service"))
                .doesNotContain("Wants=modsvc-shop-worker.service");
        // Both are still started: the setup's target wants every unit of the node.
        assertThat(text(systemd, "n1/etc/systemd/system/modsvc-sub-service-ownership.target"))
                .contains("Wants=modsvc-shop-worker.service", "Wants=modsvc-shop.service");
        String nix = text(new NixosEmitter().emit(plan, "n1"), "n1/modsvc.nix");
        assertThat(nix).doesNotContain("partOf").contains("worker");
        // The one wants list is the setup target's.
        assertThat(nix.split("wants = \\[", -1)).hasSize(2);
    }

    @Test
    void theDefaultTiesASubServiceToItsOwner() throws IOException {
        Plan plan = plan(tied());
        var systemd = new SystemdEmitter().emit(plan, "n1");
        assertThat(text(systemd, "n1/etc/systemd/system/modsvc-shop-worker.service"))
                .contains("PartOf=modsvc-shop.service");
        assertThat(text(systemd, "n1/etc/systemd/system/modsvc-shop.service"))
                .contains("Wants=modsvc-shop-worker.service");
        String nix = text(new NixosEmitter().emit(plan, "n1"), "n1/modsvc.nix");
        assertThat(nix).contains("partOf = [\n          \"modsvc-shop.service\"\n        ];");
        assertThat(nix.split("wants = \\[", -1)).hasSize(3);
    }
}
