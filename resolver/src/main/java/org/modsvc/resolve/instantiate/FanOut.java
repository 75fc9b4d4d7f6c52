package org.modsvc.resolve.instantiate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.model.Node;
import org.modsvc.model.Policy;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.resolve.declaration.Declarations;

/**
 * How many instances a dedicated provider will bring with it, counted on the modules before any
 * is made: a provider that needs two dedicated providers of the next contract, 21 deep, makes two
 * million instances from 21 small files, and building them up to the limit took 20 s and 1.4 GB
 * before saying so.
 *
 * <p>The count is a lower bound of what the planner will make: it follows only requirements that
 * are sure to get a dedicated provider (a provider module that exists and provides the contract,
 * no {@code bind:} entry for a requirement of that name anywhere, and policy sub-service, or policy
 * auto for a contract that cannot be shared and that nothing the nodes run provides), so a setup
 * refused by it would also be refused once built. Iterative, so a chain of 100 000
 * dedicated providers does not overflow the stack; a module that needs itself counts once (the
 * planner refuses it).
 */
public final class FanOut {
    private final Map<String, Module> modules;
    private final Declarations declarations;
    private final Policy defaultPolicy;
    private final Set<String> boundRequirements = new HashSet<>();
    private final long cap;
    private final IdentityHashMap<Module, Long> sizes;
    private final IdentityHashMap<Module, Boolean> onPath = new IdentityHashMap<>();
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();

    private final Set<String> runProvides = new HashSet<>();

    /**
     * @param setup whose nodes' run: lists (with their static sub-services: what policy auto may
     *     share) and bind: entries are read
     * @param modules the setup's modules by name
     * @param cap counts stop just above it (the instance limit), so they never overflow
     */
    public FanOut(Setup setup, Map<String, Module> modules, Declarations declarations, Policy defaultPolicy, long cap) {
        var runs = new ArrayList<Module>();
        for (Node n : setup.nodes().values()) {
            for (Scalar s : n.run()) {
                Module m = modules.get(s.text());
                if (m != null) runs.add(m);
            }
        }
        List<Bind> binds = setup.binds();
        this.modules = modules;
        this.sizes = new IdentityHashMap<>(modules.size() * 2);
        var seen = java.util.Collections.newSetFromMap(new IdentityHashMap<Module, Boolean>());
        var pending = new ArrayDeque<Module>(runs);
        while (!pending.isEmpty()) {
            Module m = pending.pop();
            if (!seen.add(m)) continue;
            for (Provision x : m.provides().values())
                runProvides.add(x.contract().text());
            pending.addAll(m.services().values());
        }
        this.declarations = declarations;
        this.defaultPolicy = defaultPolicy;
        for (Bind b : binds) boundRequirements.add(b.consumer().member());
        this.cap = cap;
    }

    /** Instances that one instance of {@code m} makes, itself, its static sub-services and their dedicated providers included. */
    public long size(Module m) {
        Long known = sizes.get(m);
        if (known != null) return known;
        // Post-order over the module graph: a module's size is known once its successors' are.
        // The path and stack are kept between calls (empty after each): a setup calls this once
        // per run: entry, mostly for modules of one or two successors.
        stack.push(new Frame(m, successors(m)));
        onPath.put(m, true);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next < f.successors.size()) {
                Module s = f.successors.get(f.next++);
                if (sizes.containsKey(s) || onPath.containsKey(s)) continue;
                onPath.put(s, true);
                stack.push(new Frame(s, successors(s)));
                continue;
            }
            long n = 1;
            for (Module s : f.successors) n = Math.min(cap + 1, n + sizes.getOrDefault(s, 0L));
            sizes.put(f.module, n);
            onPath.remove(f.module);
            stack.pop();
        }
        return sizes.get(m);
    }

    private static final class Frame {
        final Module module;
        final List<Module> successors;
        int next;

        Frame(Module module, List<Module> successors) {
            this.module = module;
            this.successors = successors;
        }
    }

    /** Static sub-services, then the providers of requirements sure to be dedicated, with repeats. */
    private List<Module> successors(Module m) {
        var out = new ArrayList<Module>(m.services().values());
        for (Requirement r : m.requires().values()) {
            Module p = dedicatedProvider(r);
            if (p != null) out.add(p);
        }
        return out;
    }

    private Module dedicatedProvider(Requirement r) {
        Policy p = r.policy() != null ? r.policy() : defaultPolicy;
        if (p == Policy.SHARED || boundRequirements.contains(r.name())) return null;
        Contract c = declarations.contract(r.contract().text());
        if (c == null) return null;
        if (p == Policy.AUTO && (c.shared() || runProvides.contains(c.name()))) return null;
        Scalar name = r.provider() != null ? r.provider() : c.defaultProvider();
        Module pm = name == null ? null : modules.get(name.text());
        if (pm == null) return null;
        for (Provision x : pm.provides().values()) {
            if (x.contract().text().equals(c.name())) return pm;
        }
        return null;
    }
}
