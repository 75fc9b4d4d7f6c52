package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@link QuickArgs} against picocli, the library it stands in for: over generated command lines of
 * every subcommand it may run, whatever it accepts picocli parses without error to the same field
 * values (it may refuse more; picocli then parses the line itself). Seeded: a failure names its
 * seed, and {@code -Dmodsvc.seed=N} replays it.
 */
class QuickArgsDifferentialTest {
    /** Every subcommand Main runs through QuickArgs. */
    static final List<String> COMMANDS = Main.QUICK;

    private static final int CASES = 400;

    private final Main.Factory factory = new Main.Factory(Run.of().ctxForTests());

    static Stream<Arguments> seeds() {
        String replay = System.getProperty("modsvc.seed");
        if (replay != null) return Stream.of(Arguments.of(Long.parseLong(replay)));
        return LongStream.range(0, 8).mapToObj(b -> Arguments.of(b * 1_000));
    }

    @ParameterizedTest(name = "from seed {0}")
    @MethodSource("seeds")
    void whatQuickArgsAcceptsPicocliParsesToTheSameValues(long base) throws Exception {
        int accepted = 0;
        int cases = System.getProperty("modsvc.seed") != null ? 1 : CASES;
        for (long seed = base; seed < base + cases; seed++) {
            var random = new Random(seed);
            String command = COMMANDS.get(random.nextInt(COMMANDS.size()));
            String[] args = line(command, random);
            String where = "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + "): " + command + " "
                    + String.join(" ", args);
            Object quick = create(command);
            if (!QuickArgs.parse(command, quick, args)) continue;
            accepted++;
            Object reference = create(command);
            try {
                new CommandLine(reference, factory).parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                fail(where + ": QuickArgs accepted what picocli refuses: " + e.getMessage());
            }
            assertThat(values(quick)).as(where).isEqualTo(values(reference));
        }
        if (cases > 1) assertThat(accepted).as("lines the fast path took").isGreaterThan(cases / 20);
    }

    @Test
    void theCommonLinesTakeTheFastPath() throws Exception {
        String[][] lines = {
            {"validate", "samples/webapp"},
            {"validate", "samples/webapp", "--format", "json"},
            {"validate", "samples/webapp", "--quiet"},
            {"plan", "samples/webapp", "--format=json", "--limit", "files=10", "--limit=nodes=5"},
            {"emit", "samples/webapp", "--target", "systemd", "--out", "/tmp/x", "--force"},
            {"explain", "samples/webapp", "web1/app"},
            {"diff", "a", "b", "--format", "json"},
            {"contracts"},
            {"schema"}
        };
        for (String[] l : lines) {
            Object quick = create(l[0]);
            String[] rest = java.util.Arrays.copyOfRange(l, 1, l.length);
            assertThat(QuickArgs.parse(l[0], quick, rest))
                    .as(String.join(" ", l))
                    .isTrue();
            Object reference = create(l[0]);
            new CommandLine(reference, factory).parseArgs(rest);
            assertThat(values(quick)).as(String.join(" ", l)).isEqualTo(values(reference));
        }
    }

    @Test
    void helpVersionShortOptionsAndArgumentFilesAreLeftToPicocli() throws Exception {
        String[][] lines = {
            {"validate", "samples/webapp", "--help"},
            {"validate", "-h", "samples/webapp"},
            {"validate", "-q", "samples/webapp"},
            {"validate", "samples/webapp", "-V"},
            {"validate", "@args.txt"},
            {"validate", "--", "samples/webapp"},
            {"validate"},
            {"validate", "a", "b"},
            {"validate", "samples/webapp", "--format", "JSON"},
            {"validate", "samples/webapp", "--format", "json", "--format", "text"},
            {"emit", "samples/webapp", "--target", "systemd"},
            {"validate", "samples/webapp", "--debug=true"},
            {"validate", "samples/webapp", "--nope"},
            {"validate", "samples/webapp", "--limit"},
            {"validate", "samples/webapp", "--limit", "-1"}
        };
        for (String[] l : lines) {
            assertThat(QuickArgs.parse(l[0], create(l[0]), java.util.Arrays.copyOfRange(l, 1, l.length)))
                    .as(String.join(" ", l))
                    .isFalse();
        }
    }

    private Object create(String command) throws Exception {
        return factory.create(commandClass(command));
    }

    static Class<?> commandClass(String name) {
        return switch (name) {
            case "validate" -> ValidateCommand.class;
            case "plan" -> PlanCommand.class;
            case "emit" -> EmitCommand.class;
            case "graph" -> GraphCommand.class;
            case "explain" -> ExplainCommand.class;
            case "compare" -> CompareCommand.class;
            case "check" -> CheckCommand.class;
            case "secrets" -> SecretsCommand.class;
            case "diff" -> DiffCommand.class;
            case "contracts" -> ContractsCommand.class;
            case "schema" -> SchemaCommand.class;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A random line from the command's own option names (as picocli's model has them) and hostile words. */
    private String[] line(String command, Random random) throws Exception {
        var spec = new CommandLine(create(command), factory).getCommandSpec();
        var names = new ArrayList<String>();
        for (var o : spec.options()) names.addAll(List.of(o.names()));
        names.add("--unknown");
        var values = new ArrayList<String>(List.of(
                "json",
                "text",
                "dot",
                "mermaid",
                "JSON",
                "systemd",
                "wrapper",
                "nixos",
                "ansible",
                "auto",
                "shared",
                "sub-service",
                "samples/webapp",
                "web1/app",
                "files=3",
                "a=b=c",
                "",
                "-",
                "-x",
                "--",
                "@f",
                "x y",
                "\u00e9",
                "a\u0000b",
                "setup",
                "contract",
                "module",
                "kv.redis"));
        var out = new ArrayList<String>();
        int words = random.nextInt(7);
        for (int k = 0; k < words; k++) {
            int pick = random.nextInt(10);
            String value = values.get(random.nextInt(values.size()));
            String name = names.get(random.nextInt(names.size()));
            if (pick < 4) {
                out.add(value);
            } else if (pick < 7) {
                out.add(name);
                if (random.nextInt(4) > 0) out.add(value);
            } else {
                out.add(name + "=" + value);
            }
        }
        return out.toArray(String[]::new);
    }

    /** Every annotated field's value, mixins' fields included, by declaring class and name. */
    private static Map<String, Object> values(Object holder) throws IllegalAccessException {
        var out = new TreeMap<String, Object>();
        collect(holder, "", out);
        return out;
    }

    private static void collect(Object holder, String prefix, Map<String, Object> out) throws IllegalAccessException {
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                boolean option = f.getAnnotation(CommandLine.Option.class) != null
                        || f.getAnnotation(CommandLine.Parameters.class) != null;
                boolean mixin = f.getAnnotation(CommandLine.Mixin.class) != null;
                if (!option && !mixin) continue;
                f.setAccessible(true);
                Object v = f.get(holder);
                String key = prefix + c.getSimpleName() + "." + f.getName();
                if (mixin) collect(v, key + ".", out);
                else out.put(key, v == null ? "<null>" : v);
            }
        }
    }
}
