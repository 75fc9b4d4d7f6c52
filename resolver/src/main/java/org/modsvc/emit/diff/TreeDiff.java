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
            String instance = u.startsWith("modsvc-") && u.endsWith(".service")
                    ? u.substring("modsvc-".length(), u.length() - ".service".length())
                    : null;
            var why = new ArrayList<String>();
            var actions = EnumSet.noneOf(Action.class);
            List<String> oldLines = lines(a);
            List<String> newLines = lines(b);
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
            if (instance != null) {
                var config = config(o, w, instance);
                if (!config.isEmpty()) {
                    why.add("config " + String.join(", ", config));
                    boolean reloads = newLines.stream().anyMatch(l -> l.startsWith("ExecReload="));
                    actions.add(reloads ? Action.RELOAD : Action.RESTART);
                }
            }
            if (why.isEmpty()) continue;
            // A restart reloads the configuration and runs every fulfil step again.
            if (actions.contains(Action.RESTART)) actions.retainAll(EnumSet.of(Action.RESTART));
            out.add(new UnitChange(u, "changed", actions, why));
        }
        return out;
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
