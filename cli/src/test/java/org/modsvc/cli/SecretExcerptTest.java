package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loader diagnostic with a secret on its line: a duplicate key, an unknown or mistyped key,
 * a bad name or value, a YAML 1.1 scalar, an alias, a tag, a merge key, a syntax error, a tab or a
 * bad escape inside a PEM block, invalid UTF-8 or a NUL in the value, a string over its limit. The
 * secret is in a field a contract declares secret, or under a key that names a secret, or is key
 * material (a PEM block, a long base64 run); it never appears on stdout or stderr of {@code
 * validate}, {@code plan}, {@code explain}, {@code graph} or {@code emit}, although loading fails
 * and the resolver (whose E037 used to be the only thing hiding a line) never runs.
 *
 *
 * <p>In a case, {@code {F}} stands for the field and {@code {S}} for the secret. Seeded: the seed picks the case (seed mod the number of cases), the secret's shape and the
 * field it goes in; {@code -Dmodsvc.seed=N} replays one.
 */
class SecretExcerptTest {
    private static final String PLAIN = "SeCrEtMaRkEr-7f3a9";
    /** Looks like key material on its own (a long base64 run), and holds the plain marker's letters. */
    private static final String BASE64 = "SeCrEtMaRkEr7f3a9QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk";

    /** A defective line (or lines) holding {@code S}, and the code the loader must report there. */
    private record Case(String code, String app, String limit) {}

    private static final String CONTRACT =
            """
            name: vault.token
            reach: local
            shared: true
            defaultProvider: vault
            request:
              role: { type: string }
              roleSecretFile: { type: path, secret: true }
            result:
              tokenFile: { type: path, secret: true }
              caFile: { type: path, secret: true, optional: true }
            """;

    private static final String VAULT =
            """
            name: vault
            process: { argv: [/usr/bin/vault, server] }
            provides:
              main: { contract: vault.token, version: "1.0", result: { tokenFile: /run/keys/token } }
            """;

    private static final String HEAD = "name: app\nprocess:\n  argv: [/usr/bin/app]\n";

    /** F stands for the secret field; S for the secret. */
    private static final List<Case> CASES = List.of(
            new Case("E001", HEAD + "requires:\n  tok: { contract: vault.token, request: { {F}: \"{S} }\n", null),
            new Case("E001", HEAD + "requires:\n  tok: { contract: vault.token, request: { {F}: {S} ] }\n", null),
            new Case(
                    "E002",
                    HEAD + "requires:\n  tok: { contract: vault.token, request: { {F}: \"{S}\", {F}: /x } }\n",
                    null),
            new Case(
                    "E002",
                    HEAD
                            + "requires:\n  tok:\n    contract: vault.token\n    request:\n      {F}: /x\n      {F}: {S}\n",
                    null),
            new Case(
                    "E003",
                    HEAD + "requires:\n  tok: { contract: vault.token, request: { role: *nosuch, {F}: \"{S}\" } }\n",
                    null),
            new Case(
                    "E004",
                    HEAD + "requires:\n  tok: { contract: vault.token, request: { {F}: \"{S}-and-more-text\" } }\n",
                    "string-length=12"),
            new Case(
                    "E005",
                    HEAD + "requires:\n  tok: { contract: vault.token, request: { {F}: \"{S}\u00ff\" } }\n",
                    null),
            new Case("E005", HEAD + "requires:\n  tok: { contract: vault.token, request: { {F}: \"{S}\0\" } }\n", null),
            new Case(
                    "E006",
                    HEAD + "requires:\n  tok: { contract: vault.token, request: { {F}: !!binary {S} } }\n",
                    null),
            new Case(
                    "E006",
                    HEAD + "requires:\n  tok: { contract: vault.token, request: { <<: { a: 1 }, {F}: \"{S}\" } }\n",
                    null),
            new Case(
                    "E010",
                    HEAD + "requires:\n  tok: { contract: vault.token, bogus: 1, request: { {F}: \"{S}\" } }\n",
                    null),
            new Case("E010", HEAD + "password: {S}\n", null),
            new Case("E010", HEAD + "apiKey: {S}\n", null),
            new Case("E011", HEAD + "requires:\n  tok: { contract: [vault.token], request: { {F}: \"{S}\" } }\n", null),
            // the message names what it found: never the value under a secret-named key
            new Case("E011", HEAD + "requires:\n  password: {S}\n", null),
            new Case(
                    "E011", "name: app\nprocess:\n  argv: [/usr/bin/app]\n  environment: { API_TOKEN: [{S}] }\n", null),
            new Case(
                    "E013",
                    HEAD + "requires:\n  \"bad name!\": { contract: vault.token, request: { {F}: \"{S}\" } }\n",
                    null),
            new Case(
                    "E016",
                    HEAD + "requires:\n  tok: { contract: vault.token, policy: nosuch, request: { {F}: \"{S}\" } }\n",
                    null),
            new Case(
                    "E018",
                    HEAD + "requires:\n  tok: { contract: vault.token, optional: yes, request: { {F}: \"{S}\" } }\n",
                    null),
            new Case(
                    "E001",
                    HEAD + "requires:\n  tok:\n    contract: vault.token\n    request:\n      {F}: |\n"
                            + "        -----BEGIN PRIVATE KEY-----\n\t{S}\n        -----END PRIVATE KEY-----\n",
                    null),
            new Case(
                    "E001",
                    HEAD + "requires:\n  tok:\n    contract: vault.token\n    request:\n"
                            + "      {F}: \"-----BEGIN PRIVATE KEY-----\\q{S}-----END PRIVATE KEY-----\"\n",
                    null),
            new Case(
                    "E010",
                    HEAD + "blob: |\n  -----BEGIN RSA PRIVATE KEY-----\n  {S}\n  -----END RSA PRIVATE KEY-----\n",
                    null));

    static Stream<Long> seeds() {
        String fixed = System.getProperty("modsvc.seed");
        if (fixed != null && !fixed.isBlank()) return Stream.of(Long.parseLong(fixed.strip()));
        return LongStream.range(0, CASES.size() * 2L).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noSecretOnALineWithALoaderDiagnosticIsEverShown(long seed, @TempDir Path tmp) throws IOException {
        Case c = CASES.get((int) (seed % CASES.size()));
        var random = new Random(seed);
        String secret = c.limit() == null && random.nextBoolean() ? BASE64 : PLAIN;
        String field = random.nextBoolean() ? "roleSecretFile" : "role";
        String app = c.app().replace("{F}", field).replace("{S}", secret);
        if (field.equals("role")
                && !app.contains("BEGIN")
                && !app.contains("password")
                && !app.contains("apiKey")
                && !app.contains("TOKEN")
                && !app.contains("PASSWORD")) {
            // "role" is no secret: the value must then be material that looks secret by itself.
            app = app.replace(secret, BASE64);
            secret = BASE64;
        }
        Path setup = tmp.resolve("s");
        Files.createDirectories(setup.resolve("services"));
        Files.createDirectories(setup.resolve("contracts"));
        Files.writeString(
                setup.resolve("setup.yaml"),
                "name: leak\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [app, vault] }\n");
        Files.writeString(setup.resolve("contracts/vault.token.yaml"), CONTRACT);
        Files.writeString(setup.resolve("services/vault.yaml"), VAULT);
        byte[] bytes = app.getBytes(StandardCharsets.UTF_8);
        if (app.contains("\u00ff"))
            bytes = app.replace("\u00ff", "").replace(secret, secret + "\u0001").getBytes(StandardCharsets.UTF_8);
        bytes = invalidUtf8(bytes);
        Files.write(setup.resolve("services/app.yaml"), bytes);

        String s = setup.toString();
        String what = "case " + c.code() + " with " + field + " = " + secret + ":\n" + app;
        var runs = new ArrayList<Run>();
        var limit = c.limit() == null ? List.<String>of() : List.of("--limit", c.limit());
        runs.add(run(tmp, limit, "validate", s));
        runs.add(run(tmp, limit, "plan", s));
        runs.add(run(tmp, limit, "explain", s, "n1/app"));
        runs.add(run(tmp, limit, "graph", s));
        runs.add(run(tmp, limit, "emit", s, "--out", tmp.resolve("out").toString()));
        assertThat(runs.get(0).err()).as(what).contains("error[" + c.code() + "]");
        for (Run r : runs) {
            assertThat(r.out()).as(what + "\nstdout").doesNotContain(PLAIN).doesNotContain(secret);
            assertThat(r.err()).as(what + "\nstderr").doesNotContain(PLAIN).doesNotContain(secret);
            assertThat(r.code()).as(r.err()).isIn(ExitCode.INVALID, ExitCode.USAGE);
        }
    }

    /** U+0001 marks where a byte that is not UTF-8 goes. */
    private static byte[] invalidUtf8(byte[] b) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte x : b) out.write(x == 1 ? 0xff : x);
        return out.toByteArray();
    }

    private static Run run(Path cwd, List<String> limit, String... args) {
        var all = new ArrayList<String>(List.of(args));
        all.addAll(1, limit);
        return Run.in(cwd, all.toArray(String[]::new));
    }
}
