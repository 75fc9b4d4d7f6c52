package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.modsvc.emit.wrapper.ShellVariables;

/**
 * The fuzzer's structured cases, one kind for each class of issue 17 that byte mutations rarely
 * reach: a shell's special variable set, extended or unset by a wrapper, secret-bearing lines next
 * to loader errors, names the OS owns, and setups that fan out. Each changes a copied setup
 * directory and returns what every command's run of the case must then show, beyond the fuzzer's
 * own rules (exit 0, 1 or 2 with located diagnostics, within the time limit). Everything is chosen
 * by the caller's {@link Random}, so a seed replays the case.
 */
final class HostileCases {
    /** What each command of a case must show; checked after the fuzzer's own rules. */
    @FunctionalInterface
    interface Expectation {
        /**
         * Fails with an {@link AssertionError} when the run breaks the guarantee of the case's class.
         *
         * @param out the command's {@code --out} directory, or null when it has none
         */
        void check(List<String> args, Run r, Path out) throws IOException;
    }

    /**
     * A case applied to a setup directory.
     *
     * @param wrapperEmit the case must be emitted with {@code --target wrapper}
     */
    record Applied(String description, Expectation expect, boolean wrapperEmit) {}

    /** Values a shell would run something from, if it evaluated them. */
    private static final String[] SHELL_VALUES = {
        "a[$(touch /tmp/modsvc-fuzz-pwned)]", "1+x[$(id>&2)]", "$(id)", "`id`", "x'y;id", "\\\\$HOME"
    };

    /** Names of units, users and directories an OS or its packages own. */
    private static final String[] OS_NAMES = {
        "systemd",
        "dbus",
        "multi-user",
        "sshd",
        "ssh",
        "user",
        "lock",
        "dpkg",
        "systemd-journald",
        "systemd-logind",
        "getty",
        "network",
        "root",
        "postgres",
        "postgresql",
        "default",
        "basic",
        "sysinit",
        "graphical",
        "emergency",
        "rescue",
        "shutdown",
        "udev",
        "cron",
        "polkit",
        "nginx",
        "init",
        "apt",
        "local-fs",
        "sockets",
        "timers",
        "paths",
        "slices",
        "remote-fs",
        "nss-lookup"
    };

    private static final Pattern DIRECTORY_LINE =
            Pattern.compile("(?m)^(?:State|Runtime|Cache|Logs|Configuration)Directory=(.*)$");

    private HostileCases() {}

    /** Applies one structured case, chosen by {@code rnd}, to the setup copied into {@code dir}. */
    static Applied apply(Path dir, Random rnd, long seed) throws IOException {
        return switch (rnd.nextInt(4)) {
            case 0 -> specialVariable(dir, rnd);
            case 1 -> secretLine(dir, rnd, seed);
            case 2 -> osNames(dir, rnd);
            default -> FanOutShapes.write(dir, rnd);
        };
    }

    // ---- special variables -------------------------------------------------------------------

    /** Every name the wrapper refuses, taken from the emitter's own list, plus one per prefix. */
    static List<String> specialNames() {
        var names = new ArrayList<>(new TreeSet<>(ShellVariables.refusedNames()));
        for (String p : new TreeSet<>(ShellVariables.refusedPrefixes())) names.add(p + (p.endsWith("_") ? "X" : "_FZ"));
        return names;
    }

    private static Applied specialVariable(Path dir, Random rnd) throws IOException {
        var names = specialNames();
        var decimal = new ArrayList<>(new TreeSet<>(ShellVariables.decimalOnlyNames()));
        boolean decimalName = rnd.nextInt(8) == 0;
        String name = decimalName ? decimal.get(rnd.nextInt(decimal.size())) : names.get(rnd.nextInt(names.size()));
        // COLUMNS and LINES take a plain decimal number: a hostile value, or any list, is refused
        String[] ops = decimalName
                ? new String[] {"environment", "setDefault", "prefix", "suffix"}
                : new String[] {"environment", "setDefault", "prefix", "suffix", "unset"};
        String op = ops[rnd.nextInt(ops.length)];
        String value = SHELL_VALUES[rnd.nextInt(SHELL_VALUES.length)];
        String q = quote(value);
        var m = new StringBuilder("name: fzvar\nprocess:\n  argv: [/bin/true]\n");
        switch (op) {
            case "environment" ->
                m.append("  environment: { ")
                        .append(name)
                        .append(": ")
                        .append(q)
                        .append(" }\n");
            case "setDefault" ->
                m.append("wrapper:\n  setDefault: { ")
                        .append(name)
                        .append(": ")
                        .append(q)
                        .append(" }\n");
            case "unset" -> m.append("wrapper:\n  unset: [").append(name).append("]\n");
            default ->
                m.append("wrapper:\n  ")
                        .append(op)
                        .append(": { ")
                        .append(name)
                        .append(": { separator: \":\", values: [")
                        .append(q)
                        .append("] } }\n");
        }
        addModule(dir, "fzvar", m.toString());
        Pattern touches = Pattern.compile("(?m)(?:^|[\\s;&|(])(?:export\\s+|readonly\\s+)?" + Pattern.quote(name)
                + "=|\\bunset\\b[^\\n]*(?:\\s)" + Pattern.quote(name) + "(?:\\s|$)");
        Expectation e = (args, r, out) -> {
            if (!args.get(0).equals("emit") || r.code() != ExitCode.OK) return;
            assertThat(args)
                    .as("a wrapper %s of %s is refused, never emitted", op, name)
                    .doesNotContain("wrapper");
            // emitted for another target: no wrapper may touch the name anyway
            for (Path f : files(out)) {
                if (!f.toString().contains("/bin/")) continue;
                assertThat(touches.matcher(Files.readString(f)).find())
                        .as("%s assigns or unsets %s", f, name)
                        .isFalse();
            }
        };
        return new Applied("special variable " + name + " under " + op + " = " + value, e, true);
    }

    // ---- secret-bearing lines ----------------------------------------------------------------

    private static Applied secretLine(Path dir, Random rnd, long seed) throws IOException {
        String marker = "FzSeCrEt" + Math.floorMod(seed, 1_000_000L);
        String b64 = marker + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk";
        int shape = rnd.nextInt(13);
        List<String> lines =
                switch (shape) {
                    case 0 -> List.of("password: " + marker);
                    case 1 -> List.of("password: " + marker + ", bogus: [");
                    case 2 -> List.of("dbPassword: \"" + marker + "\\q\"");
                    case 3 -> List.of("apiToken: [" + marker + "]");
                    case 4 -> List.of("secret:\t" + marker);
                    case 5 -> List.of("password: " + marker, "password: " + marker);
                    case 6 -> List.of("privateKey: \"" + marker);
                    case 7 -> List.of("x: { password: " + marker + ", y: 1, y: 2 }");
                    case 8 ->
                        List.of(
                                "key: |",
                                "  -----BEGIN PRIVATE KEY-----",
                                (rnd.nextBoolean() ? "\t" : "  ") + b64,
                                "  -----END PRIVATE KEY-----");
                    case 9 ->
                        List.of("cert: \"-----BEGIN CERTIFICATE-----\\n" + b64 + "\\z-----END CERTIFICATE-----\"");
                    case 10 -> List.of("blob: " + b64);
                    case 11 -> List.of("password: " + marker + "\u0001");
                    default -> List.of("credentials: \"" + marker + "\" \"again\"");
                };
        boolean own = rnd.nextBoolean();
        String where;
        if (own) {
            // a module of its own, loading fails there: nothing anywhere may show the marker
            String text = "name: fzsecret\nprocess:\n  argv: [/bin/true]\n" + String.join("\n", lines) + "\n";
            addModule(dir, "fzsecret", text);
            writeInvalidUtf8(dir.resolve("services/fzsecret.yaml"));
            where = "services/fzsecret.yaml";
        } else {
            List<Path> yaml = files(dir).stream()
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .toList();
            if (yaml.isEmpty()) return secretLine(dir, rnd, seed);
            Path f = yaml.get(rnd.nextInt(yaml.size()));
            var text = new ArrayList<>(
                    List.of(Files.readString(f, StandardCharsets.ISO_8859_1).split("\n", -1)));
            int at = rnd.nextInt(text.size() + 1);
            String indent = at < text.size() ? text.get(at).replaceFirst("^( *).*$", "$1") : "";
            for (int i = lines.size() - 1; i >= 0; i--) text.add(at, indent + lines.get(i));
            Files.write(f, String.join("\n", text).getBytes(StandardCharsets.ISO_8859_1));
            writeInvalidUtf8(f);
            where = dir.relativize(f) + " line " + (at + 1);
        }
        Expectation e = (args, r, out) -> {
            String cmd = args.get(0);
            assertThat(r.err()).as("stderr of %s shows the secret", cmd).doesNotContain(marker);
            boolean data = r.code() == ExitCode.OK && !cmd.equals("validate");
            // a line that lands inside a declared text (configData) is the setup's own data when it
            // loads; what fails to load, and every diagnostic, must never show it
            if (!data || own)
                assertThat(r.out()).as("stdout of %s shows the secret", cmd).doesNotContain(marker);
            // after a failed emit, --out holds an earlier command's tree (or nothing)
            if (own && r.code() == ExitCode.OK) {
                for (Path f : files(out)) {
                    assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
                            .as("%s shows the secret", f)
                            .doesNotContain(marker);
                }
            }
        };
        return new Applied("secret shape " + shape + " in " + where, e, false);
    }

    /** U+0001 marks a byte that is not UTF-8 (0xFF). */
    private static void writeInvalidUtf8(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        for (int i = 0; i < b.length; i++) if (b[i] == 1) b[i] = (byte) 0xff;
        Files.write(f, b);
    }

    // ---- OS-owned names ----------------------------------------------------------------------

    private static Applied osNames(Path dir, Random rnd) throws IOException {
        String os = OS_NAMES[rnd.nextInt(OS_NAMES.length)];
        var places = new ArrayList<String>();
        int which = 1 + rnd.nextInt(7);
        if ((which & 1) != 0) {
            addModule(dir, os, "name: " + os + "\nprocess: { argv: [/bin/true] }\n");
            places.add("module");
        }
        if ((which & 2) != 0) {
            addModule(dir, "fzleaf", "process: { argv: [/bin/true] }\n");
            addModule(dir, "fzos", "process: { argv: [/bin/true] }\nservices:\n  " + os + ": { imports: [fzleaf] }\n");
            places.add("sub-service");
        }
        if ((which & 4) != 0) {
            Path setup = dir.resolve("setup.yaml");
            if (!Files.exists(setup)) addModule(dir, "fzleaf", "process: { argv: [/bin/true] }\n");
            String s = Files.readString(setup, StandardCharsets.ISO_8859_1);
            s = s.matches("(?s)(?:.*\n)?name:.*")
                    ? s.replaceFirst("(?m)^name:.*$", "name: " + os)
                    : "name: " + os + "\n" + s;
            Files.writeString(setup, s, StandardCharsets.ISO_8859_1);
            places.add("setup");
        }
        Expectation e = (args, r, out) -> {
            if (!args.get(0).equals("emit") || r.code() != ExitCode.OK) return;
            for (Path f : files(out)) {
                if (f.getParent().endsWith(Path.of("systemd", "system"))) {
                    assertThat(f.getFileName().toString())
                            .as("unit %s is modsvc's own", f)
                            .startsWith("modsvc-");
                    var m = DIRECTORY_LINE.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        for (String d : m.group(1).strip().split("\\s+")) {
                            assertThat(d).as("%s in %s", m.group(), f).startsWith("modsvc/");
                        }
                    }
                }
            }
        };
        return new Applied("OS name " + os + " as " + places, e, false);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /**
     * Adds a module file and runs it on the setup's first node whose {@code run:} is a flow list;
     * a setup without one (a single-file setup, a fixture) is replaced by a minimal one.
     */
    static void addModule(Path dir, String name, String text) throws IOException {
        Path setup = dir.resolve("setup.yaml");
        String s = Files.exists(setup) ? Files.readString(setup, StandardCharsets.ISO_8859_1) : "";
        if (s.contains("[" + name + ",") || s.contains("[" + name + "]")) {
            // already added by this case
        } else if (s.contains("run: [")) {
            Files.writeString(setup, s.replaceFirst("run: \\[", "run: [" + name + ", "), StandardCharsets.ISO_8859_1);
        } else {
            for (String single : List.of("single.yaml", "single.json")) Files.deleteIfExists(dir.resolve(single));
            Files.writeString(setup, "name: fz\nnodes:\n  n1: { address: 10.0.0.1, run: [" + name + "] }\n");
        }
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("services").resolve(name + ".yaml"), text);
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static List<Path> files(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
