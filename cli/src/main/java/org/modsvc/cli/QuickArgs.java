package org.modsvc.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A fast path past picocli for the plain command lines that make most runs: a subcommand's
 * positional arguments and its long options ({@code --name value}, {@code --name=value}, flags),
 * read from the same annotations picocli reads, into a fresh command object.
 *
 * <p>Why: picocli is byte code for Java 5, which the JVM's ahead-of-time cache cannot keep, and
 * building its model of one command costs a small {@code validate} more than loading and checking
 * the setup (see docs/performance.md). So anything beyond the plain subset is left to picocli,
 * which then parses the whole line as before: help and version options, short options, {@code --},
 * {@code @files}, an unknown or repeated option, a value that starts with {@code -}, a value that
 * does not convert, a missing or surplus argument, and any annotation attribute or field type this
 * class does not model. {@code QuickArgsDifferentialTest} checks, over generated command lines,
 * that whatever this class accepts picocli parses to the same field values.
 */
final class QuickArgs {
    /** picocli's marker for "no default value". */
    private static final String NO_DEFAULT = "__no_default_value__";

    private QuickArgs() {}

    /**
     * One annotated field, and the object (command or mixin) that holds it.
     *
     * @param optional false for a required option or positional argument
     */
    private record Slot(Object holder, Field field, String defaultValue, boolean optional) {}

    /**
     * Fills {@code command}'s annotated fields (and those of its mixins, which it creates) from
     * {@code args}, the words after the subcommand's name.
     *
     * @return false when the line is not in the plain subset; {@code command} must then be dropped
     */
    static boolean parse(Object command, String[] args) {
        var options = new HashMap<String, Slot>();
        var positional = new TreeMap<Integer, Slot>();
        try {
            if (!collect(command, options, positional)) return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        // Indexes must be 0..n-1, each optional one after every required one, as picocli reads them.
        int expect = 0;
        boolean seenOptional = false;
        for (var e : positional.entrySet()) {
            if (e.getKey() != expect++) return false;
            if (seenOptional && !e.getValue().optional()) return false;
            seenOptional |= e.getValue().optional();
        }
        var given = new HashSet<Field>();
        int next = 0;
        try {
            for (int k = 0; k < args.length; k++) {
                String a = args[k];
                if (a.isEmpty() || a.startsWith("@")) return false;
                if (a.startsWith("-")) {
                    int eq = a.indexOf('=');
                    String name = eq < 0 ? a : a.substring(0, eq);
                    Slot s = options.get(name);
                    if (s == null || !a.startsWith("--")) return false;
                    Class<?> type = s.field().getType();
                    boolean list = type == List.class;
                    if (!given.add(s.field()) && !list) return false;
                    if (type == boolean.class) {
                        if (eq >= 0) return false;
                        s.field().setBoolean(s.holder(), true);
                        continue;
                    }
                    String value;
                    if (eq >= 0) value = a.substring(eq + 1);
                    else if (k + 1 < args.length) value = args[++k];
                    else return false;
                    if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return false;
                    if (list) {
                        @SuppressWarnings("unchecked")
                        var values = (List<Object>) s.field().get(s.holder());
                        if (values == null) return false;
                        values.add(value);
                    } else {
                        Object v = convert(type, value);
                        if (v == null) return false;
                        s.field().set(s.holder(), v);
                    }
                } else {
                    Slot s = positional.get(next++);
                    if (s == null) return false;
                    Object v = convert(s.field().getType(), a);
                    if (v == null) return false;
                    s.field().set(s.holder(), v);
                    given.add(s.field());
                }
            }
            for (var s : positional.values()) {
                if (given.contains(s.field())) continue;
                if (!s.optional()) return false;
                if (!applyDefault(s)) return false;
            }
            for (var s : new HashSet<>(options.values())) {
                if (given.contains(s.field())) continue;
                if (!s.optional() || !applyDefault(s)) return false;
            }
        } catch (IllegalAccessException | RuntimeException e) {
            return false;
        }
        return true;
    }

    private static boolean applyDefault(Slot s) throws IllegalAccessException {
        if (s.defaultValue() == null) return true;
        Object v = convert(s.field().getType(), s.defaultValue());
        if (v == null) return false;
        s.field().set(s.holder(), v);
        return true;
    }

    /** Reads the annotated fields of {@code holder}'s class and superclasses; false if one is beyond the subset. */
    private static boolean collect(Object holder, Map<String, Slot> options, Map<Integer, Slot> positional)
            throws ReflectiveOperationException {
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                Option o = f.getAnnotation(Option.class);
                Parameters p = f.getAnnotation(Parameters.class);
                Mixin m = f.getAnnotation(Mixin.class);
                boolean other = f.getAnnotation(CommandLine.Spec.class) != null
                        || f.getAnnotation(CommandLine.ArgGroup.class) != null
                        || f.getAnnotation(CommandLine.ParentCommand.class) != null
                        || f.getAnnotation(CommandLine.Unmatched.class) != null;
                if (other) return false;
                if (o == null && p == null && m == null) continue;
                f.setAccessible(true);
                if (m != null) {
                    var ctor = f.getType().getDeclaredConstructor();
                    ctor.setAccessible(true);
                    Object mixin = ctor.newInstance();
                    f.set(holder, mixin);
                    if (!collect(mixin, options, positional)) return false;
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
                    if (def != null && def.contains("${")) return false;
                    var slot = new Slot(holder, f, def, !o.required());
                    for (String n : o.names()) {
                        // Short forms (-q) are left to picocli: a word with one dash never matches.
                        if (!n.startsWith("-")) return false;
                        if (n.startsWith("--") && options.put(n, slot) != null) return false;
                    }
                } else {
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
                    if (def != null && def.contains("${")) return false;
                    if (positional.put(index, new Slot(holder, f, def, optional)) != null) return false;
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

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Path.class);

    private static boolean supported(Field f, boolean option) {
        Class<?> t = f.getType();
        if (SCALARS.contains(t) || t.isEnum() || (option && t == boolean.class)) return true;
        return option
                && t == List.class
                && f.getGenericType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] == String.class;
    }

    /** {@code value} as picocli converts it to {@code type}, or null where picocli would refuse it. */
    private static Object convert(Class<?> type, String value) {
        try {
            if (type == String.class) return value;
            if (type == Path.class) return Path.of(value);
            if (type.isEnum()) {
                for (Object c : type.getEnumConstants()) {
                    if (((Enum<?>) c).name().equals(value)) return c;
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
