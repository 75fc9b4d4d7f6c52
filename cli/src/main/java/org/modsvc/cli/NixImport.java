package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A modsvc setup from the JSON that {@code nix eval --json} prints for a NixOS configuration's
 * {@code system.services}: one node running every top-level service, a module file per
 * top-level service, sub-services nested under {@code services:}. It reads the portable
 * modular-services options ({@code process.argv}, {@code process.reloadSignal} /
 * {@code reloadCommand}, {@code notificationProtocol}, {@code configData.<n>.{enable,name,text}},
 * {@code services}) and, when the JSON holds it as plain data, {@code systemd.service.environment}.
 * A service that modsvc's NixOS target wrote ({@code modsvc-<instance>}) comes back under its
 * instance name. Values are written as YAML double-quoted strings, with {@code ${} as modsvc's
 * literal {@code $${}: nothing imported is taken for a reference. Pure: no file is read.
 */
final class NixImport {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");
    private static final String PREFIX = "modsvc-";

    /** What the import made: files by relative path, and what it left out, one line each. */
    record Result(SortedMap<String, String> files, List<String> notes, List<String> errors) {}

    private final List<String> notes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    /** The setup for {@code json}; its files are empty when {@code errors} is not. */
    static Result convert(String json, String setupName, String node) throws IOException {
        var self = new NixImport();
        Object tree;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            tree = read(p);
        }
        var files = new TreeMap<String, String>();
        if (!(tree instanceof Map<?, ?> services)) {
            self.errors.add("the JSON is not an object of services (nix eval --json …config.system.services)");
            return new Result(files, self.notes, self.errors);
        }
        var run = new ArrayList<String>();
        for (var e : new TreeMap<>(services).entrySet()) {
            String key = (String) e.getKey();
            String name =
                    key.startsWith(PREFIX) && key.length() > PREFIX.length() ? key.substring(PREFIX.length()) : key;
            if (!NAME.matcher(name).matches()) {
                self.errors.add("system.services." + key + ": '" + name + "' is not a modsvc module name");
                continue;
            }
            var yaml =
                    new StringBuilder("# Imported by modsvc from system.services." + key + ".\nname: " + name + "\n");
            if (self.service(yaml, e.getValue(), "system.services." + key, 0)) {
                files.put("services/" + name + ".yaml", yaml.toString());
                run.add(name);
            }
        }
        files.put(
                "setup.yaml",
                "# Imported by modsvc from a NixOS configuration's system.services (modsvc import nix).\n"
                        + "name: " + setupName + "\n"
                        + "nodes:\n  " + node + ": { address: 127.0.0.1, target: systemd, run: ["
                        + String.join(", ", run) + "] }\n");
        return new Result(self.errors.isEmpty() ? files : new TreeMap<>(), self.notes, self.errors);
    }

    /** Writes one service's keys at {@code depth} (two spaces a level); false when it has no argv. */
    private boolean service(StringBuilder y, Object value, String where, int depth) {
        String in = "  ".repeat(depth);
        if (!(value instanceof Map<?, ?> s)) {
            errors.add(where + " is not a service (an attribute set)");
            return false;
        }
        Map<?, ?> process = map(s.get("process"));
        List<String> argv = strings(process.get("argv"));
        if (argv == null || argv.isEmpty()) {
            errors.add(where + ".process.argv is missing or not a list of strings");
            return false;
        }
        y.append(in).append("process:\n").append(in).append("  argv:\n");
        for (String a : argv) y.append(in).append("    - ").append(quote(a)).append('\n');
        var env = new TreeMap<String, String>();
        Map<?, ?> environment = map(map(map(s.get("systemd")).get("service")).get("environment"));
        for (var e : environment.entrySet()) {
            // NixOS writes Environment= without escaping specifiers; modsvc's NixOS target doubled '%'.
            if (e.getValue() instanceof String v) env.put((String) e.getKey(), v.replace("%%", "%"));
        }
        if (!env.isEmpty()) {
            y.append(in).append("  environment:\n");
            for (var e : env.entrySet())
                y.append(in)
                        .append("    ")
                        .append(quote(e.getKey()))
                        .append(": ")
                        .append(quote(e.getValue()))
                        .append('\n');
        }
        // nixpkgs derives reloadCommand from reloadSignal, so a signal wins.
        if (process.get("reloadSignal") instanceof String sig) {
            y.append(in).append("  reloadSignal: ").append(quote(sig)).append('\n');
        } else if (process.get("reloadCommand") instanceof String line) {
            y.append(in).append("  reloadCommand: ").append(quote(line)).append('\n');
        }
        Object np = s.get("notificationProtocol");
        if (np instanceof String word) {
            y.append(in).append("notificationProtocol: ").append(quote(word)).append('\n');
        } else if (np instanceof Map<?, ?> m && !m.isEmpty()) {
            y.append(in)
                    .append("notificationProtocol: { systemd: ")
                    .append(Boolean.TRUE.equals(m.get("systemd")))
                    .append(", s6: ")
                    .append(Boolean.TRUE.equals(m.get("s6")))
                    .append(" }\n");
        }
        configData(y, map(s.get("configData")), where, in);
        Map<?, ?> subs = map(s.get("services"));
        if (!subs.isEmpty()) {
            y.append(in).append("services:\n");
            for (var e : new TreeMap<>(subs).entrySet()) {
                String child = (String) e.getKey();
                if (!NAME.matcher(child).matches()) {
                    errors.add(where + ".services." + child + ": not a modsvc sub-service name");
                    continue;
                }
                y.append(in).append("  ").append(child).append(":\n");
                service(y, e.getValue(), where + ".services." + child, depth + 2);
            }
        }
        return true;
    }

    private void configData(StringBuilder y, Map<?, ?> cd, String where, String in) {
        var entries = new LinkedHashMap<String, String>();
        for (var e : new TreeMap<>(cd).entrySet()) {
            String n = (String) e.getKey();
            Map<?, ?> c = map(e.getValue());
            if (Boolean.FALSE.equals(c.get("enable"))) continue;
            if (!NAME.matcher(n).matches()) {
                errors.add(where + ".configData." + n + ": not a modsvc configData name");
                continue;
            }
            if (!(c.get("text") instanceof String text)) {
                notes.add(where + ".configData." + n + ": only text is imported; the source file is left out");
                continue;
            }
            var b = new StringBuilder("{ ");
            if (c.get("name") instanceof String file && !file.equals(n))
                b.append("name: ").append(quote(file)).append(", ");
            b.append("text: ").append(quote(text)).append(" }");
            entries.put(n, b.toString());
        }
        if (entries.isEmpty()) return;
        y.append(in).append("configData:\n");
        for (var e : entries.entrySet())
            y.append(in)
                    .append("  ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue())
                    .append('\n');
    }

    /**
     * A YAML double-quoted scalar that loads as {@code s}, with every {@code ${} written as
     * modsvc's {@code $${}; control characters, C1 controls, U+2028/U+2029 and U+FEFF as escapes.
     */
    static String quote(String s) {
        var b = new StringBuilder("\"");
        s.replace("${", "$${").codePoints().forEach(c -> {
            if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c == '\n') b.append("\\n");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff)
                b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.append('"').toString();
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<String> strings(Object o) {
        if (!(o instanceof List<?> l)) return null;
        var out = new ArrayList<String>();
        for (Object x : l) {
            if (!(x instanceof String s)) return null;
            out.add(s);
        }
        return out;
    }

    /** The JSON value at the parser's current token: maps, lists, strings, booleans, numbers, null. */
    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            var m = new LinkedHashMap<String, Object>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                m.put(k, read(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            var l = new ArrayList<Object>();
            while (p.nextToken() != JsonToken.END_ARRAY) l.add(read(p));
            return l;
        }
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (t == JsonToken.VALUE_TRUE) return Boolean.TRUE;
        if (t == JsonToken.VALUE_FALSE) return Boolean.FALSE;
        if (t == JsonToken.VALUE_NULL || t == null) return null;
        return p.getText();
    }
}
