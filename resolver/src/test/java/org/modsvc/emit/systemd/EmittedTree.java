package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.modsvc.emit.Emission;
import org.modsvc.emit.TreeWriter;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Reload;

/** A plan emitted and written with {@link TreeWriter}, as the CLI does. */
final class EmittedTree {
    private EmittedTree() {}

    /** Emits every systemd node of the plan into {@code out} (which must not exist yet). */
    static Emission write(Plan plan, Path out) throws Exception {
        Emission e = new SystemdEmitter().emit(plan, null);
        assertThat(e.hasErrors()).as("%s", e.diagnostics()).isFalse();
        new TreeWriter().write(out, e.files(), false);
        return e;
    }

    /**
     * Makes a node tree usable with {@code systemd-analyze --root}: stub executables at every
     * argv[0] (and /bin/kill), and the host's targets and slices that default dependencies name.
     */
    static void prepareForAnalyze(Plan plan, Path nodeRoot, String node) throws IOException {
        var exes = new ArrayList<String>(List.of("/bin/kill"));
        for (Instance i : plan.instances()) {
            if (!i.node().equals(node) || i.argv().isEmpty()) continue;
            exes.add(i.argv().get(0).plain());
            if (i.reload() instanceof Reload.Command c) exes.add(c.argv().get(0).plain());
        }
        for (String exe : exes) {
            Path p = nodeRoot.resolve(exe.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path units = nodeRoot.resolve("usr/lib/systemd/system");
        Files.createDirectories(units);
        try (Stream<Path> host = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path p : (Iterable<Path>) host::iterator) {
                String n = p.getFileName().toString();
                if ((n.endsWith(".target") || n.endsWith(".slice")) && Files.isRegularFile(p)) {
                    Files.copy(p, units.resolve(n));
                }
            }
        }
    }

    /** The unit file names in a node's tree, sorted. */
    static List<String> units(Path nodeRoot) throws IOException {
        try (Stream<Path> s = Files.list(nodeRoot.resolve("etc/systemd/system"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
