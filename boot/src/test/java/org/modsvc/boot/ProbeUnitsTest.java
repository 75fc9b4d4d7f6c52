package org.modsvc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Value;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/** The probe of a binding as its consumer runs it: argv filled in, unit derived (no tools needed). */
class ProbeUnitsTest {
    private static final Path BASICS =
            Path.of("src/test/resources/setups/basics").toAbsolutePath();

    private record Loaded(Plan plan, org.modsvc.model.Setup setup) {}

    private static Loaded load() throws Exception {
        var loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(BASICS, "basics");
        return new Loaded(new Resolver(Limits.DEFAULT).resolve(loaded.setup()), loaded.setup());
    }

    private static Binding binding(Plan plan, String requirement) {
        return plan.bindings().stream()
                .filter(b -> b.requirement().equals(requirement))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aSecretResultFieldBecomesTheConsumersCredential() throws Exception {
        var l = load();
        Binding b = binding(l.plan(), "key");
        List<Value> argv = ProbeArgv.of(l.setup().contracts().get("secret"), b);
        Value last = argv.get(argv.size() - 1);
        assertThat(last.parts())
                .containsExactly(new Part.SecretFile("key-file", b.result().get("file")));
    }

    @Test
    void theProbeUnitKeepsTheSandboxAndDropsWhatMakesADaemon() throws Exception {
        var l = load();
        Binding b = binding(l.plan(), "key");
        var consumer = l.plan().instance(b.consumer()).orElseThrow();
        String unit = ProbeUnits.render(
                l.plan(), consumer, "key", ProbeArgv.of(l.setup().contracts().get("secret"), b));
        assertThat(unit)
                .contains("Type=oneshot\n", "User=app\n", "DynamicUser=yes\n", "PrivateUsers=yes\n")
                .contains("LoadCredential=key-file:" + b.result().get("file") + "\n")
                .contains("ExecStart=/bin/sh -c ", "%d/key-file")
                .doesNotContain("Restart=", "[Install]", "Requires=", "After=", "RuntimeDirectory=", "ExecStartPre=");
    }
}
