package org.modsvc.cli;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;

/**
 * A fast path past picocli for the plain command lines that make most runs: a subcommand's
 * positional arguments and its long options ({@code --name value}, {@code --name=value}, flags),
 * read from the same annotations picocli reads (as shipped in {@link QuickArgsModel}'s resource),
 * into a fresh command object.
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
    static boolean parse(String name, Object command, String[] args) {
        List<QuickArgsModel.Entry> entries = QuickArgsModel.shipped(name);
        if (entries == null) return false;
        var options = new HashMap<String, Slot>();
        var positional = new TreeMap<Integer, Slot>();
        try {
            for (var e : entries) {
                Slot s = slot(command, e);
                if (s == null) return false;
                if (e.option()) {
                    for (String n : e.names()) if (options.put(n, s) != null) return false;
                } else if (positional.put(e.index(), s) != null) return false;
            }
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
                    Slot s = options.get(eq < 0 ? a : a.substring(0, eq));
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

    /**
     * The field {@code e} names in {@code command}, its mixins created on the way; null when the
     * field is not there or of a type the parser does not convert (the resource is stale).
     */
    private static Slot slot(Object command, QuickArgsModel.Entry e) throws ReflectiveOperationException {
        String[] path = e.path().split("\\.");
        Object holder = command;
        for (int k = 0; k < path.length - 1; k++) {
            Field f = field(holder.getClass(), path[k]);
            if (f == null) return null;
            Object mixin = f.get(holder);
            if (mixin == null) {
                var ctor = f.getType().getDeclaredConstructor();
                ctor.setAccessible(true);
                mixin = ctor.newInstance();
                f.set(holder, mixin);
            }
            holder = mixin;
        }
        Field f = field(holder.getClass(), path[path.length - 1]);
        if (f == null || !QuickArgsModel.supported(f, e.option())) return null;
        return new Slot(holder, f, e.defaultValue(), e.optional());
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        return null;
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
