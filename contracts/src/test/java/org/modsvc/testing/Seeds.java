package org.modsvc.testing;

import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeds for the property tests of this module (the resolver's tests have the same in
 * {@code RandomSetups}): {@code -Dmodsvc.seed=N} replays exactly one case.
 */
public final class Seeds {
    private Seeds() {}

    /** The seed given with {@code -Dmodsvc.seed}, if any. */
    public static OptionalLong fixed() {
        String fixed = System.getProperty("modsvc.seed");
        return fixed == null || fixed.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fixed.strip()));
    }

    /** Just the fixed seed when given, else {@code 0..count-1}. */
    public static Stream<Long> seeds(int count) {
        OptionalLong fixed = fixed();
        return fixed.isPresent()
                ? Stream.of(fixed.getAsLong())
                : LongStream.range(0, count).boxed();
    }

    /** Words for a failure message that name the seed and how to replay it. */
    public static String replay(long seed) {
        return "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + ")";
    }
}
