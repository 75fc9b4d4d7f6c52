package org.modsvc.source;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds on what a setup may hold, so that a hostile file cannot exhaust memory, stack or time.
 * Each has a name that {@code --limit NAME=VALUE} on the command line raises.
 *
 * @param fileBytes largest single input file, in bytes
 * @param depth deepest nesting of mappings and lists in one file
 * @param stringLength longest scalar, in characters
 * @param files most files in one setup (modules and contracts together)
 * @param nodes most values (scalars, lists, mappings), counting alias expansions, in one file
 * @param instances most instances a plan may create
 * @param expansion longest string a ${…} substitution may produce, in characters
 * @param imports most {@code imports:} entries in one setup, all modules together
 * @param importDepth longest chain of imports (a module that imports one that imports …): a merged
 *     module holds what its whole chain declares, so a chain of n modules merges n²/2 values
 * @param outputBytes most bytes {@code emit} may write, all files together
 * @param outputFiles most files {@code emit} may write
 */
public record Limits(
        long fileBytes,
        int depth,
        int stringLength,
        int files,
        int nodes,
        int instances,
        int expansion,
        int imports,
        int importDepth,
        long outputBytes,
        int outputFiles) {

    public static final Limits DEFAULT = new Limits(
            8L * 1024 * 1024,
            64,
            1024 * 1024,
            500_000,
            1_000_000,
            2_000_000,
            4 * 1024 * 1024,
            500_000,
            64,
            1L << 30,
            1_000_000);

    /** Every limit by its command-line name, in a stable order. */
    public Map<String, Long> byName() {
        var m = new LinkedHashMap<String, Long>();
        m.put("file-bytes", fileBytes);
        m.put("depth", (long) depth);
        m.put("string-length", (long) stringLength);
        m.put("files", (long) files);
        m.put("nodes", (long) nodes);
        m.put("instances", (long) instances);
        m.put("expansion", (long) expansion);
        m.put("imports", (long) imports);
        m.put("import-depth", (long) importDepth);
        m.put("output-bytes", outputBytes);
        m.put("output-files", (long) outputFiles);
        return m;
    }

    /**
     * A copy with one limit changed.
     *
     * @throws IllegalArgumentException for an unknown name or a value below 1
     */
    public Limits with(String name, long value) {
        if (value < 1) throw new IllegalArgumentException("limit " + name + " must be at least 1");
        Map<String, Long> m = byName();
        if (!m.containsKey(name)) {
            throw new IllegalArgumentException("unknown limit '" + name + "'; known: " + String.join(", ", m.keySet()));
        }
        m.put(name, value);
        return new Limits(
                m.get("file-bytes"),
                small(m.get("depth")),
                small(m.get("string-length")),
                small(m.get("files")),
                small(m.get("nodes")),
                small(m.get("instances")),
                small(m.get("expansion")),
                small(m.get("imports")),
                small(m.get("import-depth")),
                m.get("output-bytes"),
                small(m.get("output-files")));
    }

    private static int small(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** The hint attached to every E004 diagnostic for {@code name}. */
    public static String raiseHint(String name) {
        return "if the input is trusted, raise the limit with --limit " + name + "=N";
    }
}
