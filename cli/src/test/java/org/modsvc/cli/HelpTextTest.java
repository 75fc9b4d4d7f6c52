package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Help texts read as sentences at 80 columns: picocli wraps each description and footer entry to
 * the width, so an entry must be a whole paragraph; one that ends mid-sentence is a line break
 * written into the source, which breaks the sentence wherever the width differs. Examples are
 * shown as written, so each must fit the width itself: picocli would wrap a long one inside a
 * word. Every command is checked, nested ones ({@code import nix}) too.
 */
class HelpTextTest {
    static Stream<String> commands() {
        var names = new ArrayList<String>();
        names.add("");
        addSubcommands("", Main.commandLine(Run.of().ctxForTests()), names);
        return names.stream();
    }

    private static void addSubcommands(String prefix, CommandLine cl, List<String> names) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden()) return;
            names.add(prefix + name);
            // picocli's help command lists its parent's commands as its own
            if (!name.equals("help")) addSubcommands(prefix + name + " ", sub, names);
        });
    }

    private static String[] args(String command) {
        var words = new ArrayList<String>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        words.add("--help");
        return words.toArray(String[]::new);
    }

    private static CommandLine.Model.CommandSpec spec(String command) {
        var cl = Main.commandLine(Run.of().ctxForTests());
        for (String word : command.isEmpty() ? new String[0] : command.split(" "))
            cl = cl.getSubcommands().get(word);
        return cl.getCommandSpec();
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
        var spec = spec(command);
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

    @ParameterizedTest(name = "modsvc {0}")
    @MethodSource("commands")
    void examplesFitAsWritten(String command) {
        for (String f : spec(command).usageMessage().footer()) {
            if (f.startsWith("  ")) assertThat(f.length()).as(f).isLessThanOrEqualTo(80);
        }
    }

    /**
     * picocli also wraps after a '.', so a dotted word at a line's end ({@code system.services},
     * {@code modsvc.nix}) is cut in two and reads as a sentence that ends there.
     */
    @ParameterizedTest(name = "modsvc {0} --help")
    @MethodSource("commands")
    void noDottedWordIsCut(String command) {
        String[] lines = Run.of(args(command)).out().split("\n", -1);
        var cut = new ArrayList<String>();
        for (int i = 0; i + 1 < lines.length; i++) {
            // a line indented by two starts an entry (a command, an example), not a continuation
            if (lines[i + 1].matches("  \\S.*")) continue;
            String next = lines[i + 1].strip();
            if (lines[i].endsWith(".") && !next.isEmpty() && Character.isLowerCase(next.charAt(0)))
                cut.add(lines[i] + " / " + lines[i + 1]);
        }
        assertThat(cut).as("lines that end in a cut word").isEmpty();
    }
}
