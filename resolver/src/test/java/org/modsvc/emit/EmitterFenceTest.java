package org.modsvc.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitters read the plan and nothing of how it was made: every class under {@code
 * org.modsvc.emit} (every target's folder, those to come included) refers only to {@code
 * org.modsvc.plan}, {@code .model}, {@code .diag}, {@code .emit} and {@code .progress} (the one
 * listener interface a long run reports its counts to, which knows nothing of loading or
 * resolving), and the plan itself only to
 * {@code .model} and {@code .diag}. Checked on the compiled classes: a class's constant pool names
 * every class it uses, also those written out in full without an import, so the build fails the
 * moment an emitter reaches for the loader or the resolver.
 */
class EmitterFenceTest {
    private static final Path CLASSES = Path.of("target/classes/org/modsvc");
    /** A reference to a modsvc package in a class file: {@code org/modsvc/NAME/}. */
    private static final Pattern REFERENCE = Pattern.compile("org/modsvc/([a-z]+)/");

    static Stream<Arguments> fences() {
        return Stream.of(
                Arguments.of("emit", Set.of("emit", "plan", "model", "diag", "progress")),
                Arguments.of("plan", Set.of("plan", "model", "diag")));
    }

    @ParameterizedTest(name = "org.modsvc.{0} refers only to {1}")
    @MethodSource("fences")
    void classesReferOnlyToWhatTheyMay(String fenced, Set<String> allowed) throws IOException {
        Path root = CLASSES.resolve(fenced);
        List<Path> classes;
        try (var files = Files.walk(root)) {
            classes =
                    files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertThat(classes).as("compiled classes under " + root).isNotEmpty();
        var offences = new ArrayList<String>();
        for (Path c : classes) {
            // Class names in the constant pool are ASCII in modified UTF-8: Latin-1 keeps them as is.
            String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            var used = new TreeSet<String>();
            var m = REFERENCE.matcher(bytes);
            while (m.find()) if (!allowed.contains(m.group(1))) used.add("org.modsvc." + m.group(1));
            if (!used.isEmpty()) offences.add(CLASSES.relativize(c) + " uses " + used);
        }
        assertThat(offences).as("classes that reach outside their fence").isEmpty();
    }
}
