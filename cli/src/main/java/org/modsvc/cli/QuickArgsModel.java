package org.modsvc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@link QuickArgs} knows of each command's options and arguments: derived from the picocli
 * annotations, and shipped as the resource {@code quick-args.txt}, because reading the annotations
 * at run time (their proxies, picocli's Java 5 annotation types) cost a small run 70 ms, more than
 * loading and checking its setup. {@code QuickArgsModelTest} fails when the resource and the
 * annotations differ, and writes it anew with {@code -Dmodsvc.updateGolden=true}.
 *
 * <p>One line per field: {@code command<TAB>path<TAB>option|param<TAB>names or index<TAB>
 * required|optional<TAB>-|=default}, where the path names the field through its mixins
 * ({@code setup.path}). A command with an annotation or field type outside the plain subset has no
 * lines, and picocli parses all of its command lines.
 */
final class QuickArgsModel {
    static final String RESOURCE = "quick-args.txt";

    /** picocli's marker for "no default value". */
    private static final String NO_DEFAULT = "__no_default_value__";

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Path.class);

    private QuickArgsModel() {}

    /**
     * One annotated field.
     *
     * @param path the field's name, after the names of the mixin fields that hold it, dotted
     * @param names an option's long names (empty for a positional argument)
     * @param index a positional argument's index (-1 for an option)
     * @param defaultValue null for none
     */
    record Entry(String path, List<String> names, int index, boolean optional, String defaultValue) {
        boolean option() {
            return index < 0;
        }
    }

    /** The entries of {@code type}'s fields and its mixins', or null when one is beyond the subset. */
    static List<Entry> fromAnnotations(Class<?> type) {
        var out = new ArrayList<Entry>();
        return collect(type, "", out) ? out : null;
    }

    private static boolean collect(Class<?> type, String prefix, List<Entry> out) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                Option o = f.getAnnotation(Option.class);
                Parameters p = f.getAnnotation(Parameters.class);
                Mixin m = f.getAnnotation(Mixin.class);
                if (f.getAnnotation(CommandLine.Spec.class) != null
                        || f.getAnnotation(CommandLine.ArgGroup.class) != null
                        || f.getAnnotation(CommandLine.ParentCommand.class) != null
                        || f.getAnnotation(CommandLine.Unmatched.class) != null) return false;
                String path = prefix + f.getName();
                if (m != null) {
                    if (!collect(f.getType(), path + ".", out)) return false;
                } else if (o != null) {
                    if (!supported(f, true)) return false;
                    if (!o.arity().isEmpty()
                            || !o.split().isEmpty()
                            || o.converter().length > 0
                            || o.type().length > 0
                            || o.negatable()
                            || o.interactive()
                            || o.help()
                            || o.usageHelp()
                            || o.versionHelp()
                            || !o.fallbackValue().isEmpty()
                            || !plainHooks(o.parameterConsumer(), o.preprocessor())) return false;
                    String def = defaultOf(o.defaultValue());
                    if (def != null && (def.contains("${") || !printable(def))) return false;
                    var names = new ArrayList<String>();
                    for (String n : o.names()) {
                        // Short forms (-q) are left to picocli: a word with one dash never matches.
                        if (!n.startsWith("-")) return false;
                        if (n.startsWith("--")) names.add(n);
                    }
                    if (names.isEmpty()) return false;
                    out.add(new Entry(path, List.copyOf(names), -1, !o.required(), def));
                } else if (p != null) {
                    if (!supported(f, false)) return false;
                    if (p.converter().length > 0
                            || p.type().length > 0
                            || !p.split().isEmpty()
                            || p.interactive()
                            || !plainHooks(p.parameterConsumer(), p.preprocessor())) return false;
                    boolean optional;
                    switch (p.arity()) {
                        case "", "1" -> optional = false;
                        case "0..1" -> optional = true;
                        default -> {
                            return false;
                        }
                    }
                    int index;
                    try {
                        index = Integer.parseInt(p.index());
                    } catch (NumberFormatException e) {
                        return false;
                    }
                    String def = defaultOf(p.defaultValue());
                    if (def != null && (def.contains("${") || !printable(def))) return false;
                    out.add(new Entry(path, List.of(), index, optional, def));
                }
            }
        }
        return true;
    }

    /** Whether the consumer and preprocessor are picocli's do-nothing defaults. */
    private static boolean plainHooks(Class<?> consumer, Class<?> preprocessor) {
        return consumer.getName().equals("picocli.CommandLine$NullParameterConsumer")
                && preprocessor.getName().equals("picocli.CommandLine$NoOpParameterPreprocessor");
    }

    private static String defaultOf(String annotated) {
        return NO_DEFAULT.equals(annotated) ? null : annotated;
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < 0x20) return false;
        return true;
    }

    static boolean supported(Field f, boolean option) {
        Class<?> t = f.getType();
        if (SCALARS.contains(t) || t.isEnum() || (option && t == boolean.class)) return true;
        return option
                && t == List.class
                && f.getGenericType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] == String.class;
    }

    /** The resource's text for {@code commands} (name → class), in name order. */
    static String render(Map<String, Class<?>> commands) {
        var b = new StringBuilder(
                "# Generated from the picocli annotations by QuickArgsModelTest; see QuickArgsModel.\n");
        for (var e : new TreeMap<>(commands).entrySet()) {
            List<Entry> entries = fromAnnotations(e.getValue());
            if (entries == null) continue;
            for (Entry x : entries) {
                b.append(e.getKey())
                        .append('\t')
                        .append(x.path())
                        .append('\t')
                        .append(x.option() ? "option" : "param")
                        .append('\t')
                        .append(x.option() ? String.join(",", x.names()) : Integer.toString(x.index()))
                        .append('\t')
                        .append(x.optional() ? "optional" : "required")
                        .append('\t')
                        .append(x.defaultValue() == null ? "-" : "=" + x.defaultValue())
                        .append('\n');
            }
        }
        return b.toString();
    }

    /** The shipped entries of {@code command}, or null when it has none (or the resource is missing). */
    static List<Entry> shipped(String command) {
        String text;
        try (InputStream in = QuickArgsModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return null;
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var out = new ArrayList<Entry>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 6 || !f[0].equals(command)) continue;
            boolean option = f[2].equals("option");
            out.add(new Entry(
                    f[1],
                    option ? List.of(f[3].split(",")) : List.of(),
                    option ? -1 : Integer.parseInt(f[3]),
                    f[4].equals("optional"),
                    f[5].equals("-") ? null : f[5].substring(1)));
        }
        return out.isEmpty() ? null : out;
    }
}
