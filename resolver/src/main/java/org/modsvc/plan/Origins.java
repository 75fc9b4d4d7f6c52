package org.modsvc.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.diag.Span;
import org.modsvc.model.ConfigData;
import org.modsvc.model.Module;
import org.modsvc.model.Provision;
import org.modsvc.model.Scalar;

/**
 * Where the values of an instance that a target checks were written, so that a target's check
 * points at the offending key or value rather than at the module. Built once per module and
 * shared by all its instances (the declarations are the same); a value that came through a
 * reference is located where the reference was written.
 *
 * <p>Paths are the dotted names of the declaration: {@code process.argv[0]}, {@code
 * process.environment.NAME}, {@code process.reloadSignal}, {@code process.reloadCommand[0]},
 * {@code lifecycle.init[0]}, {@code provides.P.fulfil[0]}, {@code configData.N} (the entry's key),
 * {@code configData.N.text}, {@code systemd.Section.Key} (the key itself), {@code
 * systemd.Section.Key[0]} (its values), {@code wrapper.setDefault.NAME}, {@code wrapper.unset[0]},
 * {@code wrapper.prefix.NAME} / {@code wrapper.suffix.NAME} (the entry) and their {@code [0]}
 * values, {@code wrapper.chdir}, {@code wrapper.argsAfter[0]} and {@code process} (the section).
 *
 * @param spans path → span, never null; takes part in no output
 */
public record Origins(Map<String, Span> spans) {
    public static final Origins NONE = new Origins(Map.of());

    public Origins {
        spans = Map.copyOf(spans);
    }

    /** The span of {@code path}, or {@code fallback} when it was not recorded (never null if fallback is not). */
    public Span at(String path, Span fallback) {
        Span s = spans.get(path);
        return s == null || s.isNone() ? fallback : s;
    }

    public static String argv(int i) {
        return "process.argv[" + i + "]";
    }

    public static String environment(String name) {
        return "process.environment." + name;
    }

    public static String reloadCommand(int i) {
        return "process.reloadCommand[" + i + "]";
    }

    public static String init(int i) {
        return "lifecycle.init[" + i + "]";
    }

    public static String fulfil(String provision, int i) {
        return "provides." + provision + ".fulfil[" + i + "]";
    }

    public static String systemdKey(String section, String key) {
        return "systemd." + section + "." + key;
    }

    public static String systemdValue(String section, String key, int i) {
        return systemdKey(section, key) + "[" + i + "]";
    }

    /** The spans of everything a target checks in {@code m}'s own declaration. */
    public static Origins of(Module m) {
        var s = new HashMap<String, Span>();
        s.put("process", m.process().span());
        list(s, "process.argv", m.process().argv());
        m.process().environment().forEach((k, v) -> s.put(environment(k), v.span()));
        if (m.process().reloadSignal() != null)
            s.put("process.reloadSignal", m.process().reloadSignal().span());
        list(s, "process.reloadCommand", m.process().reloadCommand());
        // nixpkgs' string form: one command line, located as the list form's first word.
        if (m.process().reloadLine() != null)
            s.put(reloadCommand(0), m.process().reloadLine().span());
        list(s, "lifecycle.init", m.lifecycle().init());
        for (Provision p : m.provides().values()) list(s, "provides." + p.name() + ".fulfil", p.fulfil());
        for (ConfigData c : m.configData().values()) {
            s.put("configData." + c.name(), c.span());
            s.put("configData." + c.name() + ".text", c.text().span());
        }
        m.systemd()
                .forEach((section, keys) -> keys.forEach((k, values) -> {
                    Span key = m.systemdKeys().get(section + "." + k);
                    if (key != null) s.put(systemdKey(section, k), key);
                    list(s, systemdKey(section, k), values);
                }));
        var w = m.wrapper();
        if (w != null) {
            w.setDefault().forEach((k, v) -> s.put("wrapper.setDefault." + k, v.span()));
            list(s, "wrapper.unset", w.unset());
            w.prefix().forEach((k, p) -> {
                s.put("wrapper.prefix." + k, p.span());
                list(s, "wrapper.prefix." + k, p.values());
            });
            w.suffix().forEach((k, p) -> {
                s.put("wrapper.suffix." + k, p.span());
                list(s, "wrapper.suffix." + k, p.values());
            });
            if (w.chdir() != null) s.put("wrapper.chdir", w.chdir().span());
            list(s, "wrapper.argsAfter", w.argsAfter());
        }
        s.values().removeIf(x -> x == null || x.isNone());
        return new Origins(s);
    }

    private static void list(Map<String, Span> s, String path, List<Scalar> values) {
        for (int i = 0; i < values.size(); i++)
            s.put(path + "[" + i + "]", values.get(i).span());
    }
}
