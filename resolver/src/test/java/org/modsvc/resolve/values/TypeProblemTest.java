package org.modsvc.resolve.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.model.FieldType;

/**
 * The hand-written field type checks of {@link FieldTypes#typeProblem} against the regular
 * expressions they replace, on random strings. Each case prints its seed; {@code
 * -Dmodsvc.seed=N} replays exactly that case.
 */
class TypeProblemTest {
    private static final int CASES = 200;
    /** Characters that matter to some check: digits, signs, scheme and URL parts, blanks. */
    private static final String ALPHABET = "0123456789-+.:/aZz_ \t\n\u000B\f\r\u00A0\u0001é%\"<>{}|\\^`[]#?@";

    static Stream<Long> seeds() {
        return org.modsvc.resolve.RandomSetups.seeds(CASES);
    }

    /** A failure names its seed in the test's name; {@code -Dmodsvc.seed=N} replays it. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void handWrittenChecksAgreeWithTheRegularExpressions(long seed) {
        var rnd = new Random(seed);
        for (int k = 0; k < 200; k++) {
            String v = sample(rnd);
            String what = "seed " + seed + ", value '" + v + "'";
            assertThat(FieldTypes.typeProblem(FieldType.INT, v) == null)
                    .as(what)
                    .isEqualTo(v.matches("-?(0|[1-9][0-9]{0,17})"));
            boolean port = v.matches("[1-9][0-9]{0,4}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 65535;
            assertThat(FieldTypes.typeProblem(FieldType.PORT, v) == null)
                    .as(what)
                    .isEqualTo(port);
            assertThat(FieldTypes.typeProblem(FieldType.HOST, v) == null)
                    .as(what)
                    .isEqualTo(!v.isEmpty() && v.chars().noneMatch(ch -> ch <= ' ' || ch == '/'));
            assertThat(FieldTypes.typeProblem(FieldType.URL, v) == null)
                    .as(what)
                    .isEqualTo(v.matches(
                            "[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*"));
            assertThat(FieldTypes.isSecretPath(v))
                    .as(what)
                    .isEqualTo(v.startsWith("/") && v.chars().noneMatch(ch -> ch < ' ' || ch == 0x7f));
            assertThat(FieldTypes.isNormalPath(v))
                    .as(what)
                    .isEqualTo(v.startsWith("/")
                            && (v.equals("/") || !v.matches("(?s).*(//|/\\./|/\\.\\./|/\\.\\z|/\\.\\.\\z|/\\z).*")));
        }
    }

    /** Mostly near-misses of the shapes checked: numbers, URLs, paths, with random edits. */
    private static String sample(Random rnd) {
        String[] shapes = {
            "",
            "5432",
            "-12",
            "65535",
            "65536",
            "0",
            "0755",
            "010",
            "-010",
            "123456789012345678",
            "1234567890123456789",
            "https://example.org/",
            "a+b.c-d://x",
            "1a://x",
            "a://",
            "/run/x",
            "/run//x",
            "/run/./x",
            "/run/../x",
            "/run/x/",
            "host.example",
            "a:/b",
            "unix:/run/app.sock",
            "redis+unix:///run/r.sock",
            "mailto:ops@example.org",
            "postgresql://db.example:5432/shop?sslmode=require",
            "http://[::1]:8080/a%20b",
            "x:%zz"
        };
        var b = new StringBuilder(shapes[rnd.nextInt(shapes.length)]);
        int edits = rnd.nextInt(4);
        for (int k = 0; k < edits; k++) {
            char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
            int at = rnd.nextInt(b.length() + 1);
            if (rnd.nextBoolean() || b.length() == 0) b.insert(at, c);
            else b.setCharAt(Math.min(at, b.length() - 1), c);
        }
        return b.toString();
    }
}
