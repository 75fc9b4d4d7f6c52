package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.resolve.RandomSetups;

/**
 * The same random setup written with keys and lists in two different orders gives byte-identical
 * plan JSON. Only diagnostics' line and column may differ (the text moved); they are blanked.
 * {@code -Dmodsvc.seed=N} replays one seed.
 */
class PlanJsonDeterminismTest {

    static Stream<Long> seeds() {
        return RandomSetups.seeds(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shuffledKeysGiveByteIdenticalPlanJson(long seed, @TempDir Path tmp) throws Exception {
        for (String policy : new String[] {"sub-service", "shared", "auto"}) {
            Path a = Files.createDirectories(tmp.resolve(policy + "/one/random"));
            Path b = Files.createDirectories(tmp.resolve(policy + "/two/random"));
            RandomSetups.write(a, seed, policy, 11);
            RandomSetups.write(b, seed, policy, 12);
            var ra = Run.in(a.getParent(), "plan", "random", "--format", "json");
            var rb = Run.in(b.getParent(), "plan", "random", "--format", "json");
            assertThat(blankPositions(rb.out()))
                    .as(RandomSetups.replay(seed) + " under " + policy)
                    .isEqualTo(blankPositions(ra.out()));
            assertThat(rb.code()).isEqualTo(ra.code());
        }
    }

    /**
     * Positions blanked, and diagnostics (sorted by position, which moved) put in text order; the
     * rest of the document must match byte for byte.
     */
    private static String blankPositions(String json) {
        String j = json.replaceAll("\"(line|column)\" : \\d+", "\"$1\" : 0");
        String open = "\"diagnostics\" : [ {";
        int start = j.indexOf(open);
        int end = j.indexOf("\n  \"errors\"");
        if (start < 0 || end < 0) return j;
        int close = j.lastIndexOf("} ]", end);
        var entries = new java.util.ArrayList<>(
                java.util.List.of(j.substring(start + open.length(), close).split("\n  }, \\{")));
        entries.replaceAll(String::strip);
        java.util.Collections.sort(entries);
        return j.substring(0, start) + String.join("|", entries) + j.substring(close);
    }
}
