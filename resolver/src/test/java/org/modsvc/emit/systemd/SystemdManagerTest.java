package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.model.Hardening;
import org.modsvc.model.Target;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;
import org.modsvc.testing.Tools;

/**
 * A round trip through a real systemd 252 manager: emitted units with seeded random argv and
 * environment values are loaded by a user manager ({@code systemd --user}) in a private mount
 * namespace; D-Bus reports what it parsed ({@code ExecStartEx}, {@code Environment}) and starting
 * each unit runs a stub that records its argv, environment and credential. Both must equal the plan.
 *
 * <p>How the manager runs (found by experiment, as root): {@code unshare -m} with a tmpfs on {@code
 * /run/systemd} holding {@code system/} so it believes it was booted with systemd; {@code
 * XDG_RUNTIME_DIR} (a tmpfs made shared inside the namespace: systemd mounts each service's
 * credentials directory from a child mount namespace, which reaches the manager only through a
 * shared mount), {@code HOME} and {@code SYSTEMD_UNIT_PATH} pointing into the test directory. The
 * manager's private socket ({@code $XDG_RUNTIME_DIR/systemd/private}) is a peer-to-peer D-Bus
 * connection, but busctl 252 with {@code --address} always says Hello as a bus client, which that
 * socket does not answer; so the test starts a private {@code dbus-daemon} at {@code
 * $XDG_RUNTIME_DIR/bus}, the manager registers there as org.freedesktop.systemd1, and busctl talks
 * to that bus.
 */
class SystemdManagerTest {
    private static final int UNITS = 5;
    private static final int ARGS_PER_UNIT = 200;
    private static final int ENV_PER_UNIT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static LongStream seeds() {
        String replay = System.getProperty("modsvc.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.of(7, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void managerParsesAndRunsRandomArgvAndEnvironmentExactly(long seed) throws Exception {
        Tools.requireRoot();
        Path systemd = Tools.require("/lib/systemd/systemd");
        Tools.require("unshare");
        Tools.require("busctl");
        Tools.require("dbus-daemon");
        String where = "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + ")";

        Path results = Files.createDirectories(tmp.resolve("results"));
        Path stub = Files.createDirectories(tmp.resolve("bin")).resolve("argv-dump");
        Files.writeString(
                stub,
                "#!/bin/sh\n"
                        + "out=" + results + "/$1\n"
                        + "cat \"$CREDENTIALS_DIRECTORY/secret\" > \"$out.cred\" 2>&1\n"
                        + "env -0 > \"$out.env\"\n"
                        + "printf '%s\\0' \"$@\" > \"$out.tmp\" && mv \"$out.tmp\" \"$out\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "s3cret\n");

        var r = new RandomStrings(seed);
        var plan = TestPlans.setup("rt").node("n1", "127.0.0.1", Target.SYSTEMD);
        var secretPart = new Part.SecretFile("secret", secret.toString());
        for (int u = 0; u < UNITS; u++) {
            String name = "rt" + u;
            var b = TestPlans.instance("n1", name).hardening(Hardening.NONE).argv(stub.toString(), name);
            b.argvValue(new Value(List.of(new Part.Literal("--secret="), secretPart)));
            for (int i = 0; i < ARGS_PER_UNIT; i++) b.argv(r.next());
            b.envValue("SECRET_FILE", new Value(List.of(secretPart)));
            for (int i = 0; i < ENV_PER_UNIT; i++) b.env("V_" + i, r.next());
            plan.instance(b.build());
        }
        Plan p = plan.build();
        Path out = tmp.resolve("out");
        EmittedTree.write(p, out);
        Path unitDir = out.resolve("n1/etc/systemd/system");
        Path runtime = tmp.resolve("xrd");

        String script = managerScript(systemd, unitDir, runtime, results);
        Path scriptFile = tmp.resolve("manager.sh");
        Files.writeString(scriptFile, script);
        var run = Processes.run(
                List.of("unshare", "-m", "--propagation", "private", "sh", scriptFile.toString()), Map.of(), 60);
        assertThat(run.exit()).as("manager script: %s", run.all()).isZero();

        for (var inst : p.instances()) {
            String unit = org.modsvc.plan.UnitNames.service(inst);
            String credDir = runtime + "/credentials/" + unit;
            var expectedArgv = new ArrayList<String>();
            for (Value v : inst.argv()) expectedArgv.add(plain(v, credDir));
            var expectedEnv = new LinkedHashMap<String, String>();
            inst.environment().forEach((k, v) -> expectedEnv.put(k, plain(v, credDir)));

            var props = Files.readAllLines(results.resolve(unit + ".props"), StandardCharsets.UTF_8);
            assertThat(props)
                    .as("%s busctl output for %s: %s", where, unit, run.all())
                    .hasSize(2);
            JsonNode exec = JSON.readTree(props.get(0)).get("data").get(0);
            assertThat(exec.get(0).asText()).as(where).isEqualTo(stub.toString());
            assertThat(exec.get(2))
                    .as("%s ExecStartEx flags of %s", where, unit)
                    .isEmpty();
            var parsedArgv = new ArrayList<String>();
            exec.get(1).forEach(n -> parsedArgv.add(n.asText()));
            // What systemd parsed still has $$ for $: the exec-time expansion is checked by running it.
            assertThat(parsedArgv)
                    .as("%s ExecStartEx of %s", where, unit)
                    .containsExactlyElementsOf(
                            expectedArgv.stream().map(s -> s.replace("$", "$$")).toList());
            var parsedEnv = new TreeMap<String, String>();
            JSON.readTree(props.get(1)).get("data").forEach(n -> {
                String s = n.asText();
                parsedEnv.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            });
            assertThat(parsedEnv).as("%s Environment of %s", where, unit).isEqualTo(new TreeMap<>(expectedEnv));

            byte[] ran = Files.readAllBytes(results.resolve(inst.name()));
            assertThat(splitNul(ran))
                    .as("%s argv the process of %s received", where, unit)
                    .containsExactlyElementsOf(expectedArgv.subList(1, expectedArgv.size()));
            var runEnv = new TreeMap<String, String>();
            for (String kv : splitNul(Files.readAllBytes(results.resolve(inst.name() + ".env")))) {
                int eq = kv.indexOf('=');
                if (expectedEnv.containsKey(kv.substring(0, eq))) runEnv.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            assertThat(runEnv)
                    .as("%s environment the process of %s received", where, unit)
                    .isEqualTo(new TreeMap<>(expectedEnv));
            assertThat(Files.readString(results.resolve(inst.name() + ".cred"))).isEqualTo("s3cret\n");
        }
    }

    /** The value as the service sees it: each secret is the file in its credentials directory. */
    private static String plain(Value v, String credDir) {
        var b = new StringBuilder();
        for (Part part : v.parts()) {
            if (part instanceof Part.Literal l) b.append(l.text());
            else if (part instanceof Part.SecretFile s)
                b.append(credDir).append('/').append(s.credential());
        }
        return b.toString();
    }

    private static List<String> splitNul(byte[] bytes) {
        var out = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    /** D-Bus object path label of a unit name (sd-bus bus_label_escape). */
    static String busLabel(String s) {
        var b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (plain) b.append(c);
            else b.append('_').append(String.format("%02x", (int) c));
        }
        return b.toString();
    }

    private static String managerScript(Path systemd, Path unitDir, Path runtime, Path results) {
        var units = new ArrayList<String>();
        for (int u = 0; u < UNITS; u++) units.add("modsvc-rt" + u + ".service");
        var s = new StringBuilder();
        s.append("set -u\n");
        s.append("R=").append(runtime).append('\n');
        s.append("O=").append(results).append('\n');
        s.append("mpid= dpid=\n");
        s.append("trap 'kill $mpid $dpid 2>/dev/null; wait' EXIT\n");
        s.append(
                "mkdir -p /run/systemd && mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/system || exit 90\n");
        // A shared tmpfs, private to this namespace: systemd fills a service's credentials directory
        // from a child mount namespace, and only a shared mount lets that mount reach the manager.
        s.append("mkdir -p $R && mount -t tmpfs -o mode=700 tmpfs $R && mount --make-shared $R || exit 89\n");
        s.append("mkdir -p $R/home\n");
        s.append("dbus-daemon --session --address=unix:path=$R/bus --nofork --nopidfile --nosyslog 2>/dev/null &\n");
        s.append("dpid=$!\n");
        s.append("i=0; while [ ! -S $R/bus ]; do i=$((i+1)); [ $i -gt 200 ] && exit 91; sleep 0.05; done\n");
        s.append("env -i PATH=/usr/bin:/bin XDG_RUNTIME_DIR=$R HOME=$R/home SYSTEMD_UNIT_PATH=")
                .append(unitDir)
                .append(": DBUS_SESSION_BUS_ADDRESS=unix:path=$R/bus ")
                .append(systemd)
                .append(" --user >$O/manager.log 2>&1 &\n");
        s.append("mpid=$!\n");
        s.append("B=unix:path=$R/bus\n");
        s.append("i=0; until busctl --address=$B list --acquired 2>/dev/null | grep -q org.freedesktop.systemd1; do")
                .append(" i=$((i+1)); [ $i -gt 200 ] && exit 92; sleep 0.05; done\n");
        for (String unit : units) {
            s.append("busctl --address=$B --json=short --auto-start=no get-property org.freedesktop.systemd1"
                            + " /org/freedesktop/systemd1/unit/")
                    .append(busLabel(unit))
                    .append(" org.freedesktop.systemd1.Service ExecStartEx Environment > $O/")
                    .append(unit)
                    .append(".props || exit 93\n");
            s.append("busctl --address=$B --auto-start=no call org.freedesktop.systemd1 /org/freedesktop/systemd1"
                            + " org.freedesktop.systemd1.Manager StartUnit ss ")
                    .append(unit)
                    .append(" replace >/dev/null || exit 94\n");
        }
        s.append("i=0; for u in");
        for (int u = 0; u < UNITS; u++) s.append(" rt").append(u);
        s.append("; do while [ ! -f $O/$u ]; do i=$((i+1)); [ $i -gt 400 ] && exit 95; sleep 0.05; done; done\n");
        s.append("exit 0\n");
        return s.toString();
    }
}
