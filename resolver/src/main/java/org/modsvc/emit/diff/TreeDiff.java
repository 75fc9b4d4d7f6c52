package org.modsvc.emit.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What deploying a new systemd tree over an old one does to each unit, decided from the two
 * trees' files alone, so that an old setup and the tree of an earlier emit compare alike. A
 * service unit {@code modsvc-<name>.service} owns its config data under {@code
 * etc/system-services/<name>/}. A changed service needs:
 *
 * <ul>
 *   <li><b>restart</b> when its unit changed other than in its {@code ExecStartPost=} lines (the
 *       fulfil steps), or its config data changed and it declares no reload;
 *   <li><b>reload</b> when only its config data changed and it declares a reload ({@code
 *       ExecReload=});
 *   <li><b>re-provision</b> when it has fulfil steps the old unit lacked: its request set grew (a
 *       new consumer needs a new database), so the new steps must run; a restart runs them too;
 *   <li>nothing else when fulfil steps only went away: what they made is left as it is.
 * </ul>
 *
 * <p>A target's changes need nothing: it only gathers the node's units. The playbook applies the
 * same decisions through {@link #stamps}.
 */
public final class TreeDiff {
    private static final String UNITS = "etc/systemd/system/";
    private static final String CONFIG = "etc/system-services/";

    private TreeDiff() {}

    /** What a change asks of a running unit. */
    public enum Action {
        RELOAD("reload"),
        RESTART("restart"),
        REPROVISION("re-provision");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        /** The word printed for it. */
        public String word() {
            return word;
        }
    }

    /**
     * @param change {@code added}, {@code removed} or {@code changed}
     * @param actions what the running unit needs, empty for none (or for added and removed units)
     * @param why what changed, in words ({@code unit}, {@code config hba}, {@code 1 new fulfil step})
     */
    public record UnitChange(String unit, String change, Set<Action> actions, List<String> why) {
        public UnitChange {
            actions = Set.copyOf(actions);
            why = List.copyOf(why);
        }
    }

    /** @param status {@code added}, {@code removed}, {@code changed} or {@code unchanged} */
    public record NodeDiff(String node, String status, List<UnitChange> units) {
        public NodeDiff {
            units = List.copyOf(units);
        }
    }

    /**
     * @param before files of the old trees by path {@code <node>/etc/…}
     * @param after files of the new trees, the same way
     * @param skip top-level names that are not nodes ({@code deploy})
     * @return one entry per node of either side, sorted by name
     */
    public static List<NodeDiff> of(Map<String, byte[]> before, Map<String, byte[]> after, Set<String> skip) {
        var oldNodes = byNode(before, skip);
        var newNodes = byNode(after, skip);
        var names = new TreeSet<String>(oldNodes.keySet());
        names.addAll(newNodes.keySet());
        var out = new ArrayList<NodeDiff>();
        for (String n : names) {
            var o = oldNodes.get(n);
            var w = newNodes.get(n);
            if (o == null || w == null) {
                var units = new ArrayList<UnitChange>();
                for (String u : units(o == null ? w : o))
                    units.add(new UnitChange(u, o == null ? "added" : "removed", Set.of(), List.of()));
                out.add(new NodeDiff(n, o == null ? "added" : "removed", units));
                continue;
            }
            var units = node(o, w);
            out.add(new NodeDiff(n, units.isEmpty() ? "unchanged" : "changed", units));
        }
        return out;
    }

    private static List<UnitChange> node(SortedMap<String, byte[]> o, SortedMap<String, byte[]> w) {
        var names = new TreeSet<String>(units(o));
        names.addAll(units(w));
        var out = new ArrayList<UnitChange>();
        for (String u : names) {
            byte[] a = o.get(UNITS + u);
            byte[] b = w.get(UNITS + u);
            if (a == null || b == null) {
                out.add(new UnitChange(u, a == null ? "added" : "removed", Set.of(), List.of()));
                continue;
            }
            var why = new ArrayList<String>();
            var actions = EnumSet.noneOf(Action.class);
            List<String> oldLines = lines(a);
            List<String> newLines = lines(b);
            boolean service = instance(u) != null;
            if (!rest(oldLines).equals(rest(newLines))) {
                why.add("unit");
                actions.add(Action.RESTART);
            }
            int added = added(fulfil(oldLines), fulfil(newLines));
            if (added > 0) {
                why.add(added + " new fulfil step" + (added == 1 ? "" : "s"));
                actions.add(Action.REPROVISION);
            } else if (!fulfil(oldLines).equals(fulfil(newLines))) {
                why.add("fulfil steps removed");
            }
            if (service) {
                var config = config(o, w, instance(u));
                if (!config.isEmpty()) {
                    why.add("config " + String.join(", ", config));
                    actions.add(reloads(newLines) ? Action.RELOAD : Action.RESTART);
                }
            }
            if (why.isEmpty()) continue;
            // A target only gathers units: the playbook starts the units it gained, nothing restarts.
            if (!service) actions.clear();
            // A restart reloads the configuration and runs every fulfil step again.
            if (actions.contains(Action.RESTART)) actions.retainAll(EnumSet.of(Action.RESTART));
            out.add(new UnitChange(u, "changed", actions, why));
        }
        return out;
    }

    /**
     * One stamp of a service unit: a name and a value that the playbook keeps on the node from
     * run to run, whose value changes (or which appears) exactly when {@link #of} names {@code
     * action} for the unit (before the rule that a restart covers the rest). The playbook acts on
     * a running unit when one of its stamps changed, so the decisions are made here once, for
     * {@code diff} and the playbook alike:
     *
     * <ul>
     *   <li>{@code <unit>.restart}: the unit's lines other than the fulfil steps, and its config
     *       data when it declares no reload;
     *   <li>{@code <unit>.reload}: its config data, for a unit that declares a reload;
     *   <li>{@code <unit>.provision.<line>.<n>}: one per fulfil step (the n-th copy of that line):
     *       a new step adds a stamp; one that went away takes its stamp along, and a stamp that is
     *       gone asks for nothing, as diff leaves what the step made.
     * </ul>
     *
     * @param name the stamp's name, unique on the node
     * @param unit the service unit it belongs to
     * @param value a SHA-256 in hex
     */
    public record Stamp(String name, String unit, Action action, String value) {}

    /**
     * @param files one node's tree, by path relative to the node's root ({@code etc/…})
     * @return the stamps of every service unit in the tree, by unit and then file name
     */
    public static List<Stamp> stamps(SortedMap<String, byte[]> files) {
        var out = new ArrayList<Stamp>();
        for (String u : units(files)) {
            String instance = instance(u);
            if (instance == null) continue;
            List<String> lines = lines(files.get(UNITS + u));
            var config = new TreeMap<String, byte[]>();
            String dir = CONFIG + instance + "/";
            for (var e : files.tailMap(dir).entrySet()) {
                if (!e.getKey().startsWith(dir)) break;
                config.put(e.getKey().substring(dir.length()), e.getValue());
            }
            var restart = new StringBuilder(String.join("\n", rest(lines)));
            boolean reloads = reloads(lines);
            if (!reloads) restart.append("\n\0config\n").append(digest(config));
            out.add(new Stamp(u + ".restart", u, Action.RESTART, sha256(restart.toString())));
            if (reloads) out.add(new Stamp(u + ".reload", u, Action.RELOAD, digest(config)));
            var seen = new TreeMap<String, Integer>();
            for (String step : fulfil(lines)) {
                String d = sha256(step);
                int n = seen.merge(d, 1, Integer::sum);
                out.add(new Stamp(u + ".provision." + d.substring(0, 16) + "." + n, u, Action.REPROVISION, d));
            }
        }
        return out;
    }

    /** The instance a unit name is the service of ({@code modsvc-<name>.service}), or null. */
    private static String instance(String unit) {
        return unit.startsWith("modsvc-") && unit.endsWith(".service")
                ? unit.substring("modsvc-".length(), unit.length() - ".service".length())
                : null;
    }

    private static boolean reloads(List<String> lines) {
        return lines.stream().anyMatch(l -> l.startsWith("ExecReload="));
    }

    /** A digest of config data files by name: names and contents, each length-prefixed. */
    private static String digest(SortedMap<String, byte[]> config) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            for (var e : config.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                md.update((name.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(name);
                md.update((e.getValue().length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(e.getValue());
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String sha256(String text) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The config data files of an instance that were added, removed or changed, by file name. */
    private static List<String> config(SortedMap<String, byte[]> o, SortedMap<String, byte[]> w, String instance) {
        String dir = CONFIG + instance + "/";
        var paths = new TreeSet<String>();
        for (String p : o.keySet()) if (p.startsWith(dir)) paths.add(p);
        for (String p : w.keySet()) if (p.startsWith(dir)) paths.add(p);
        var out = new ArrayList<String>();
        for (String p : paths) {
            byte[] a = o.get(p);
            byte[] b = w.get(p);
            if (a == null || b == null || !Arrays.equals(a, b)) out.add(p.substring(dir.length()));
        }
        return out;
    }

    private static TreeSet<String> units(SortedMap<String, byte[]> files) {
        var out = new TreeSet<String>();
        for (String p : files.keySet()) {
            if (p.startsWith(UNITS) && p.indexOf('/', UNITS.length()) < 0) out.add(p.substring(UNITS.length()));
        }
        return out;
    }

    private static TreeMap<String, SortedMap<String, byte[]>> byNode(Map<String, byte[]> files, Set<String> skip) {
        var out = new TreeMap<String, SortedMap<String, byte[]>>();
        for (var e : files.entrySet()) {
            int slash = e.getKey().indexOf('/');
            if (slash < 0) continue;
            String node = e.getKey().substring(0, slash);
            if (skip.contains(node)) continue;
            out.computeIfAbsent(node, k -> new TreeMap<>()).put(e.getKey().substring(slash + 1), e.getValue());
        }
        return out;
    }

    private static List<String> lines(byte[] text) {
        return List.of(new String(text, StandardCharsets.UTF_8).split("\n", -1));
    }

    private static List<String> fulfil(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("ExecStartPost="))
                .sorted()
                .toList();
    }

    private static List<String> rest(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("ExecStartPost=")).toList();
    }

    /** How many lines {@code after} has beyond those of {@code before}, counted as multisets. */
    private static int added(List<String> before, List<String> after) {
        var count = new TreeMap<String, Integer>();
        for (String l : before) count.merge(l, 1, Integer::sum);
        int n = 0;
        for (String l : after) {
            int c = count.getOrDefault(l, 0);
            if (c > 0) count.put(l, c - 1);
            else n++;
        }
        return n;
    }
}
