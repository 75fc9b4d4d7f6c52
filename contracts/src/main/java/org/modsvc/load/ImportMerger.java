package org.modsvc.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Suggest;
import org.modsvc.source.SrcList;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;
import org.modsvc.source.SrcScalar;

/**
 * Merges {@code imports:} on the source trees, before conversion, so every merged value keeps the
 * position of the file that wrote it.
 *
 * <p>Rules: the importer's values win; mappings merge key by key; lists append (imports first, in
 * order, then the importer's), except command lines ({@code process.argv},
 * {@code process.reloadCommand}) which are one value each; two imports that set one value
 * differently are an error naming both places, unless the importer sets it too.
 */
final class ImportMerger {
    private static final Set<String> ATOMIC_LISTS = Set.of("process.argv", "process.reloadCommand", "lifecycle.init");

    private final Diagnostics diags;
    private final org.modsvc.source.Limits limits;

    ImportMerger(Diagnostics diags) {
        this(diags, org.modsvc.source.Limits.DEFAULT);
    }

    /** @param limits its {@code imports} and {@code import-depth} bound the merge */
    ImportMerger(Diagnostics diags, org.modsvc.source.Limits limits) {
        this.diags = diags;
        this.limits = limits;
    }

    /**
     * @param raw top-level module trees by module name: every module that imports, and every
     *     module such a module imports (directly or not)
     * @param known the names of all modules, for telling a dangling import from a valid one
     * @return merged trees by module name; a module in an import cycle is returned unmerged
     */
    Map<String, SrcMap> mergeAll(Map<String, SrcMap> raw, java.util.Set<String> known) {
        var edges = new TreeMap<String, List<SrcScalar>>();
        long count = 0;
        for (var e : raw.entrySet()) {
            var imports = new ArrayList<SrcScalar>();
            collectImports(e.getValue(), imports);
            count += imports.size();
            if (count > limits.imports()) {
                // Checked before any merging: the count bounds the work, so nothing is merged.
                diags.add(
                        Code.LIMIT,
                        imports.get(imports.size() - 1).span(),
                        "the setup has more than " + limits.imports() + " imports, the limit",
                        org.modsvc.source.Limits.raiseHint("imports"));
                return new HashMap<>(raw);
            }
            var valid = new ArrayList<SrcScalar>();
            for (SrcScalar imp : imports) {
                if (known.contains(imp.text())) {
                    valid.add(imp);
                } else {
                    String near = Suggest.closest(imp.text(), known);
                    diags.add(
                            Code.DANGLING_IMPORT,
                            imp.span(),
                            "module '" + e.getKey() + "' imports '" + Shape.printable(imp.text())
                                    + "', which does not exist",
                            near != null
                                    ? "did you mean '" + near + "'?"
                                    : "add services/" + Shape.printable(imp.text()) + ".yaml, or remove the import");
                }
            }
            edges.put(e.getKey(), valid);
        }
        var order = postOrder(edges);
        var merged = new HashMap<String, SrcMap>();
        // The longest import chain below each module, in post-order (imports first): linear.
        var depth = new HashMap<String, Integer>();
        for (String name : order) {
            int d = 0;
            SrcScalar deepest = null;
            for (SrcScalar imp : edges.get(name)) {
                Integer below = depth.get(imp.text());
                if (below == null) continue; // in a cycle: reported
                if (below + 1 > d) {
                    d = below + 1;
                    deepest = imp;
                }
            }
            depth.put(name, d);
            if (d > limits.importDepth()) {
                // Reported where the chain first goes past the limit; the modules above it are
                // left unmerged, so a long chain costs no more than the limit allows.
                if (d == limits.importDepth() + 1) {
                    diags.add(
                            Code.LIMIT,
                            deepest.span(),
                            "module '" + name + "' imports a chain of " + d + " modules, more than the limit of "
                                    + limits.importDepth(),
                            org.modsvc.source.Limits.raiseHint("import-depth"));
                }
                continue;
            }
            merged.put(name, mergeModule(raw.get(name), merged, ""));
        }
        for (var e : raw.entrySet()) merged.putIfAbsent(e.getKey(), e.getValue());
        return merged;
    }

    /** Whether a module or one of its nested sub-services imports anything. */
    static boolean imports(SrcMap m) {
        var out = new ArrayList<SrcScalar>();
        collectImports(m, out);
        return !out.isEmpty();
    }

    /** The imports of a module and of its nested sub-services, which must be merged first. */
    static void collectImports(SrcMap m, List<SrcScalar> out) {
        if (m.get("imports") instanceof SrcList l) {
            for (SrcNode n : l.items()) if (n instanceof SrcScalar s && !s.isNull()) out.add(s);
        }
        if (m.get("services") instanceof SrcMap subs) {
            for (SrcMap.Entry e : subs.entries()) if (e.value() instanceof SrcMap sm) collectImports(sm, out);
        }
    }

    /**
     * Modules in an order where every import comes before its importer; reports each cycle once.
     * Iterative, so a chain of 100 000 imports does not overflow the stack.
     */
    private List<String> postOrder(Map<String, List<SrcScalar>> edges) {
        var order = new ArrayList<String>();
        var state = new HashMap<String, Integer>(); // 1 on the path, 2 done
        var reported = new HashSet<Set<String>>();
        var inCycle = new HashSet<String>();
        for (String start : edges.keySet()) {
            if (state.containsKey(start)) continue;
            var path = new ArrayList<String>();
            var iters = new ArrayDeque<int[]>();
            path.add(start);
            iters.push(new int[] {0});
            state.put(start, 1);
            while (!path.isEmpty()) {
                String top = path.get(path.size() - 1);
                int[] it = iters.peek();
                List<SrcScalar> out = edges.get(top);
                if (it[0] < out.size()) {
                    SrcScalar edge = out.get(it[0]++);
                    String next = edge.text();
                    Integer s = state.get(next);
                    if (s == null) {
                        state.put(next, 1);
                        path.add(next);
                        iters.push(new int[] {0});
                    } else if (s == 1) {
                        var cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                        inCycle.addAll(cycle);
                        if (reported.add(new HashSet<>(cycle))) {
                            var text = new StringBuilder();
                            for (String c : cycle) text.append(c).append(" -> ");
                            text.append(next);
                            diags.add(
                                    Diagnostic.of(
                                            Code.IMPORT_CYCLE,
                                            edge.span(),
                                            "import cycle: " + text,
                                            "remove one of these imports; shared settings belong in a module that imports none of them"));
                        }
                    }
                } else {
                    state.put(top, 2);
                    if (!inCycle.contains(top)) order.add(top);
                    path.remove(path.size() - 1);
                    iters.pop();
                }
            }
        }
        return order;
    }

    /** The module tree with its imports (and its sub-services' imports) merged in. */
    /** Command lines are one value each: {@code provides.P.fulfil} as well as the fixed paths. */
    private static boolean atomic(String path) {
        return ATOMIC_LISTS.contains(path) || (path.startsWith("provides.") && path.endsWith(".fulfil"));
    }

    private SrcMap mergeModule(SrcMap own, Map<String, SrcMap> merged, String path) {
        SrcMap self = own;
        if (own.get("services") instanceof SrcMap subs) {
            var entries = new ArrayList<SrcMap.Entry>();
            for (SrcMap.Entry e : subs.entries()) {
                SrcNode v = e.value() instanceof SrcMap sm ? mergeModule(sm, merged, path) : e.value();
                entries.add(new SrcMap.Entry(e.key(), v));
            }
            self = replace(own, "services", new SrcMap(entries, subs.span()));
        }
        if (!(own.get("imports") instanceof SrcList l)) return self;
        SrcMap base = null;
        for (SrcNode n : l.items()) {
            if (!(n instanceof SrcScalar s)) continue;
            SrcMap imported = merged.get(s.text());
            if (imported == null) continue; // dangling or cyclic: already reported
            SrcMap stripped = without(imported, Set.of("name", "imports", "description"));
            base = base == null ? stripped : (SrcMap) siblings(base, stripped, "", self);
        }
        return base == null ? self : (SrcMap) overlay(base, self, "");
    }

    /**
     * Merges two imports' values. {@code own} is the importer's value at the same path (null when
     * it sets none): where the importer sets a value itself, two imports may disagree.
     */
    private SrcNode siblings(SrcNode a, SrcNode b, String path, SrcNode own) {
        if (a == b) return a; // a diamond: both imports got this value from one module
        if (a instanceof SrcMap ma && b instanceof SrcMap mb) {
            var out = new LinkedHashMap<String, SrcMap.Entry>();
            for (SrcMap.Entry e : ma.entries()) out.put(e.key().text(), e);
            for (SrcMap.Entry e : mb.entries()) {
                SrcMap.Entry prev = out.get(e.key().text());
                String p = join(path, e.key().text());
                SrcNode ownChild = own instanceof SrcMap om ? om.get(e.key().text()) : null;
                out.put(
                        e.key().text(),
                        prev == null
                                ? e
                                : new SrcMap.Entry(prev.key(), siblings(prev.value(), e.value(), p, ownChild)));
            }
            return new SrcMap(new ArrayList<>(out.values()), ma.span());
        }
        if (a instanceof SrcList la && b instanceof SrcList lb && !atomic(path)) {
            var items = new ArrayList<>(la.items());
            var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<SrcNode, Boolean>());
            seen.addAll(la.items());
            // Items inherited by both imports from one module (a diamond) are taken once.
            for (SrcNode item : lb.items()) if (!seen.contains(item)) items.add(item);
            return new SrcList(items, la.span());
        }
        if (own != null && !(own instanceof SrcMap)) return a; // the importer decides
        if (!same(a, b)) {
            diags.add(Diagnostic.of(
                            Code.IMPORT_CONFLICT,
                            b.span(),
                            "two imports set '" + path + "' to different values",
                            "set '" + path + "' in the importing module to decide")
                    .withRelated(List.of(new Diagnostic.Related("the other value", a.span()))));
        }
        return a;
    }

    private SrcNode overlay(SrcNode base, SrcNode own, String path) {
        if (base instanceof SrcMap mb && own instanceof SrcMap mo) {
            var out = new LinkedHashMap<String, SrcMap.Entry>();
            for (SrcMap.Entry e : mb.entries()) out.put(e.key().text(), e);
            for (SrcMap.Entry e : mo.entries()) {
                SrcMap.Entry prev = out.get(e.key().text());
                String p = join(path, e.key().text());
                out.put(
                        e.key().text(),
                        prev == null ? e : new SrcMap.Entry(e.key(), overlay(prev.value(), e.value(), p)));
            }
            return new SrcMap(new ArrayList<>(out.values()), mo.span());
        }
        if (base instanceof SrcList lb && own instanceof SrcList lo && !atomic(path)) {
            var items = new ArrayList<>(lb.items());
            items.addAll(lo.items());
            return new SrcList(items, lo.span());
        }
        return own;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean same(SrcNode a, SrcNode b) {
        if (a instanceof SrcScalar sa && b instanceof SrcScalar sb) {
            return sa.text().equals(sb.text()) && sa.kind() == sb.kind();
        }
        if (a instanceof SrcList la && b instanceof SrcList lb) {
            if (la.items().size() != lb.items().size()) return false;
            for (int i = 0; i < la.items().size(); i++)
                if (!same(la.items().get(i), lb.items().get(i))) return false;
            return true;
        }
        if (a instanceof SrcMap ma && b instanceof SrcMap mb) {
            if (ma.entries().size() != mb.entries().size()) return false;
            for (SrcMap.Entry e : ma.entries()) {
                SrcNode other = mb.get(e.key().text());
                if (other == null || !same(e.value(), other)) return false;
            }
            return true;
        }
        return false;
    }

    private static SrcMap without(SrcMap m, Set<String> keys) {
        var entries = new ArrayList<SrcMap.Entry>();
        for (SrcMap.Entry e : m.entries()) if (!keys.contains(e.key().text())) entries.add(e);
        return new SrcMap(entries, m.span());
    }

    private static SrcMap replace(SrcMap m, String key, SrcNode value) {
        var entries = new ArrayList<SrcMap.Entry>();
        for (SrcMap.Entry e : m.entries()) {
            entries.add(e.key().text().equals(key) ? new SrcMap.Entry(e.key(), value) : e);
        }
        return new SrcMap(entries, m.span());
    }
}
