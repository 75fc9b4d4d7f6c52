package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Help texts read as sentences at 80 columns: picocli wraps each description and footer entry to
 * the width, so an entry must be a whole paragraph; one that ends mid-sentence is a line break
 * written into the source, which breaks the sentence wherever the width differs.
 */
class HelpTextTest {
    static Stream<String> commands() {
        var names = new ArrayList<String>();
        names.add("");
        names.addAll(Main.commandLine(Run.of().ctxForTests()).getSubcommands().keySet());
        return names.stream();
    }

    private static String[] args(String command) {
        return command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    }

    @ParameterizedTest(name = "modsvc {0} --help")
    @MethodSource("commands")
    void fitsEightyColumns(String command) {
        var run = Run.of(args(command));
        assertThat(run.code()).isZero();
        assertThat(run.out()).isNotBlank();
        for (String line : run.out().split("\n", -1))
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }

    @ParameterizedTest(name = "modsvc {0}")
    @MethodSource("commands")
    void everyParagraphEndsItsSentence(String command) {
        var cl = Main.commandLine(Run.of().ctxForTests());
        var spec = command.isEmpty()
                ? cl.getCommandSpec()
                : cl.getSubcommands().get(command).getCommandSpec();
        var paragraphs = new ArrayList<String>(List.of(spec.usageMessage().description()));
        for (String f : spec.usageMessage().footer()) {
            // Indented lines are examples, shown as written.
            if (!f.isEmpty() && !f.startsWith("  ")) paragraphs.add(f);
        }
        for (String p : paragraphs) {
            // picocli's own help command ends its text in a format line break.
            String text = p.replaceAll("%n$", "");
            if (!text.isEmpty()) assertThat(text).as(command).matches("(?s).*[.:]");
        }
    }
}
