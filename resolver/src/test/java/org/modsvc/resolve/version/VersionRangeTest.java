package org.modsvc.resolve.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "*, 0.1, true",
        "'', 3, true",
        ">=15 <17, 15, true",
        ">=15 <17, 16.9.9, true",
        ">=15 <17, 17, false",
        ">=15 <17, 14.99, false",
        "16, 16.2.1, true",
        "16, 17, false",
        "16.2, 16.2.7, true",
        "16.2, 16.3, false",
        "=16.2, 16.2, true",
        "^1.2, 1.9, true",
        "^1.2, 2.0, false",
        "^1.2, 1.1, false",
        "^0.3, 0.3.5, true",
        "^0.3, 0.4, false",
        "~1.2, 1.2.9, true",
        "~1.2, 1.3, false",
        "~1, 1.9, true",
        "~1, 2, false",
        ">1 <=2, 2.0, true",
        ">1 <=2, 1, false",
    })
    void rangeMatchesLikeThePackageManagersDo(String range, String version, boolean expected) {
        var parsed = VersionRange.parse(range);
        assertThat(parsed.problem()).isNull();
        Version v = Version.parse(version);
        assertThat(parsed.range().matches(v)).isEqualTo(expected);
        // The search bounds never cut off a match.
        if (expected) {
            Version lo = parsed.range().lowest();
            Version hi = parsed.range().highest();
            if (lo != null) assertThat(v.compareTo(lo)).isGreaterThanOrEqualTo(0);
            if (hi != null) assertThat(v.compareTo(hi)).isLessThanOrEqualTo(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({">=15 <1x, 5, 3", ">=, 0, 2", "^, 0, 1", "1..2, 0, 4", "16 ~x, 3, 2"})
    void badRangesPointAtTheComparator(String range, int offset, int length) {
        var p = VersionRange.parse(range).problem();
        assertThat(p).isNotNull();
        assertThat(p.offset()).isEqualTo(offset);
        assertThat(p.length()).isEqualTo(length);
    }
}
