package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fuzzer's structured cases reach what they aim at: on an intact sample, a special variable is
 * refused (E061) by the wrapper emitter, a secret in a module of its own is a loader error that
 * never shows it, an OS-owned name is emitted inside modsvc's namespace, and a fan-out ends in
 * success or E004. Seeded like the fuzzer; the seed is in the test's name.
 */
class HostileCasesTest {
    static LongStream seeds() {
        return LongStream.range(0, 48);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachCaseReachesItsClass(long seed, @TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        copy(Run.ROOT.resolve("samples/webapp"), dir);
        var applied = HostileCases.apply(dir, new Random(seed), seed);
        String what = "seed " + seed + ": " + applied.description();
        Path out = tmp.resolve("out");
        var target = applied.wrapperEmit() ? List.of("--target", "wrapper") : List.<String>of();
        var args = new java.util.ArrayList<>(List.of("emit", dir.toString(), "--out", out.toString()));
        args.addAll(target);
        Run r = Run.in(tmp, args.toArray(String[]::new));
        applied.expect().check(args, r, out);
        String d = applied.description();
        if (d.startsWith("special variable")) {
            assertThat(r.code()).as(what + "\n" + r.err()).isEqualTo(ExitCode.INVALID);
            assertThat(r.err()).as(what).contains("error[E061]");
        } else if (d.startsWith("secret") && d.contains("fzsecret")) {
            assertThat(r.code()).as(what + "\n" + r.err()).isEqualTo(ExitCode.INVALID);
        } else if (d.startsWith("OS name")) {
            assertThat(r.code()).as(what + "\n" + r.err()).isEqualTo(ExitCode.OK);
        } else if (d.startsWith("fan-out")) {
            Run v = Run.in(tmp, "validate", dir.toString());
            applied.expect().check(List.of("validate"), v, null);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
