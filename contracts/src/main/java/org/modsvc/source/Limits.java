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
        int importDepth) {

    public static final Limits DEFAULT =
            new Limits(8L * 1024 * 1024, 64, 1024 * 1024, 500_000, 1_000_000, 2_000_000, 4 * 1024 * 1024, 500_000, 64);

    /** Limits with the import bounds at their defaults. */
    public Limits(long fileBytes, int depth, int stringLength, int files, int nodes, int instances, int expansion) {
        this(fileBytes, depth, stringLength, files, nodes, instances, expansion, 500_000, 64);
    }

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
        return m;
    }

    /**
     * A copy with one limit changed.
     *
     * @throws IllegalArgumentException for an unknown name or a value below 1
     */
    public Limits with(String name, long value) {
        if (value < 1) throw new IllegalArgumentException("limit " + name + " must be at least 1");
        int v = (int) Math.min(value, Integer.MAX_VALUE);
        return switch (name) {
            case "file-bytes" ->
                new Limits(value, depth, stringLength, files, nodes, instances, expansion, imports, importDepth);
            case "depth" ->
                new Limits(fileBytes, v, stringLength, files, nodes, instances, expansion, imports, importDepth);
            case "string-length" ->
                new Limits(fileBytes, depth, v, files, nodes, instances, expansion, imports, importDepth);
            case "files" ->
                new Limits(fileBytes, depth, stringLength, v, nodes, instances, expansion, imports, importDepth);
            case "nodes" ->
                new Limits(fileBytes, depth, stringLength, files, v, instances, expansion, imports, importDepth);
            case "instances" ->
                new Limits(fileBytes, depth, stringLength, files, nodes, v, expansion, imports, importDepth);
            case "expansion" ->
                new Limits(fileBytes, depth, stringLength, files, nodes, instances, v, imports, importDepth);
            case "imports" ->
                new Limits(fileBytes, depth, stringLength, files, nodes, instances, expansion, v, importDepth);
            case "import-depth" ->
                new Limits(fileBytes, depth, stringLength, files, nodes, instances, expansion, imports, v);
            default ->
                throw new IllegalArgumentException("unknown limit '" + name + "'; known: "
                        + String.join(", ", DEFAULT.byName().keySet()));
        };
    }

    /** The hint attached to every E004 diagnostic for {@code name}. */
    public static String raiseHint(String name) {
        return "if the input is trusted, raise the limit with --limit " + name + "=N";
    }
}
