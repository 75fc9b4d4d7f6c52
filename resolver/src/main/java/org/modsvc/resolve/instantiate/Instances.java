package org.modsvc.resolve.instantiate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.model.Module;
import org.modsvc.model.Node;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.plan.UnitNames;
import org.modsvc.source.Limits;

/**
 * Creates the instances of one run: those of the nodes' {@code run:} lists with their static
 * sub-services, and (through {@link #create}) the dedicated providers the sub-service policy asks
 * for. Reports the instance limit, over-long unit names, clashing ids and a missing argv.
 */
public final class Instances {

    private final Limits limits;
    private final Diagnostics diags;
    private final List<Inst> all = new ArrayList<>();
    private final Map<String, Inst> byId = new HashMap<>();
    private boolean instanceLimitReported;
    /** Instances a module makes with its static sub-services, by module (identity): see {@link #treeSize}. */
    private final java.util.IdentityHashMap<Module, Long> treeSizes = new java.util.IdentityHashMap<>();

    public Instances(Limits limits, Diagnostics diags) {
        this.limits = limits;
        this.diags = diags;
    }

    /**
     * Whether what the nodes run fits under the instance limit, counted before anything is built:
     * {@code size} tells how many instances one instance of a module brings with it (see
     * {@link FanOut}). Reports the limit at the run: entry that crosses it.
     */
    public boolean admitsRunEntries(
            Setup setup, Map<String, Module> modules, java.util.function.ToLongFunction<Module> size) {
        long total = 0;
        for (Node n : setup.nodes().values()) {
            for (Scalar s : n.run()) {
                Module m = modules.get(s.text());
                if (m == null) continue;
                total += size.applyAsLong(m);
                if (total > limits.instances()) return admits(total, s.span());
            }
        }
        return true;
    }

    /** Creates the instances every node runs, node by node, each node's modules by name. */
    public void createRunEntries(Setup setup, Map<String, Module> modules) {
        for (Node n : setup.nodes().values()) {
            var names = new ArrayList<Scalar>(n.run());
            names.sort(Comparator.comparing(Scalar::text));
            for (Scalar s : names) {
                Module m = modules.get(s.text());
                if (m == null) continue; // the loader reported it
                create(n, s.text(), s.text(), m, null, false, s.span(), true);
            }
        }
    }

    /** Every instance so far, in creation order (index order); grows while requirements are planned. */
    public List<Inst> all() {
        return Collections.unmodifiableList(all);
    }

    public int size() {
        return all.size();
    }

    public Inst get(int index) {
        return all.get(index);
    }

    /** The instance with id {@code node/name}, or null. */
    public Inst byId(String id) {
        return byId.get(id);
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    /**
     * Creates an instance and its static sub-services.
     *
     * @param owner null for a run: entry
     * @param checkArgv whether a missing {@code process.argv} is an error here (not for static
     *     sub-services, whose parent speaks for them)
     * @return null after reporting why it cannot exist
     */
    public Inst create(
            Node node,
            String name,
            String moduleName,
            Module m,
            Inst owner,
            boolean dedicated,
            Span origin,
            boolean checkArgv) {
        // Counted before anything is built: static sub-services can fan out (a module with two
        // sub-services that import the next, 21 deep, makes two million), and building instances
        // up to the limit took 20 s and 2 GB before saying so.
        if (!admits(treeSize(m), origin)) return null;
        int unitLength = UnitNames.service(name).length();
        if (unitLength > UnitNames.MAX) {
            diags.add(
                    Code.NAME_TOO_LONG,
                    origin,
                    "instance name '" + abbreviate(name) + "' makes a unit name of " + unitLength
                            + " bytes, more than systemd's " + UnitNames.MAX,
                    "shorten the module, sub-service or requirement names that compose it");
            return null;
        }
        String id = node.name() + "/" + name;
        Inst clash = byId.get(id);
        if (clash != null) {
            diags.add(Diagnostic.of(
                            Code.DUPLICATE_INSTANCE,
                            origin,
                            "two instances on node '" + node.name() + "' would be named '" + name + "'",
                            "rename the requirement, sub-service or module so that the names differ")
                    .withRelated(
                            List.of(new Diagnostic.Related("the other '" + name + "' comes from here", clash.origin))));
            return null;
        }
        Inst i = new Inst(all.size(), id, node, name, moduleName, m, owner, dedicated, origin);
        all.add(i);
        byId.put(id, i);
        if (checkArgv && m.process().argv().isEmpty()) {
            diags.add(
                    Code.EMPTY_ARGV,
                    origin,
                    "module '" + moduleName + "' has no process.argv but runs as " + id,
                    "add process.argv to " + m.file() + ", or run a module that imports it");
        }
        for (Module sub : m.services().values()) {
            create(node, name + "-" + sub.name(), moduleName + "/" + sub.name(), sub, i, dedicated, sub.span(), false);
        }
        return i;
    }

    /**
     * Whether {@code count} more instances fit under the limit; reports the limit (once, at
     * {@code origin}) when they do not.
     */
    public boolean admits(long count, Span origin) {
        if (all.size() + count <= limits.instances()) return true;
        if (!instanceLimitReported) {
            instanceLimitReported = true;
            diags.add(
                    Code.LIMIT,
                    origin,
                    "the plan would have more than " + limits.instances() + " instances (limit 'instances')",
                    Limits.raiseHint("instances"));
        }
        return false;
    }

    /** Whether the instance limit was met: the plan is then incomplete and later phases are moot. */
    public boolean limitReached() {
        return instanceLimitReported;
    }

    /**
     * The instances {@code m} makes with its static sub-services, at most just over the limit.
     * Modules that share a sub-service module (merged imports) are a DAG, so this is linear in the
     * number of distinct modules. Recursive in the nesting depth, which the loader bounds.
     */
    private long treeSize(Module m) {
        Long known = treeSizes.get(m);
        if (known != null) return known;
        long n = 1;
        for (Module sub : m.services().values()) {
            n = Math.min(n + treeSize(sub), (long) limits.instances() + 1);
        }
        treeSizes.put(m, n);
        return n;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 28) + "…" + s.substring(s.length() - 28);
    }
}
