package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.testing.Seeds;

/** The hand-written name checks agree with the documented patterns on random words. */
class NamesTest {
    private static final String ALPHABET = "aZ09_-.-/ é\n";

    static Stream<Long> seeds() {
        return Seeds.seeds(20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void loopsAgreeWithPatterns(long seed) {
        var random = new Random(seed);
        for (int k = 0; k < 5_000; k++) {
            var b = new StringBuilder();
            int len = random.nextInt(random.nextInt(10) == 0 ? 300 : 8);
            for (int i = 0; i < len; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            String s = b.toString();
            assertThat(Names.isName(s))
                    .as("isName(%s), %s", s, Seeds.replay(seed))
                    .isEqualTo(s.length() <= Names.MAX_NAME
                            && Names.NAME.matcher(s).matches());
            assertThat(Names.isContractName(s))
                    .as("isContractName(%s), %s", s, Seeds.replay(seed))
                    .isEqualTo(s.length() <= Names.MAX_CONTRACT
                            && Names.CONTRACT.matcher(s).matches());
        }
    }
}
