package org.modsvc.resolve.instantiate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.modsvc.diag.Span;
import org.modsvc.model.Module;
import org.modsvc.model.Node;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.policy.Cand;

/**
 * An instance being planned. Its identity is fixed at creation; what it is bound to and whom it
 * serves grows while requirements are planned, and is only read after that phase. Never shared
 * between runs.
 */
public final class Inst {
    private static final Cand[] NO_CANDS = {};

    /** Position in creation order; the vertex in the dependency graph. */
    public final int index;
    /** {@code node/name}, never null. */
    public final String id;

    public final Node node;
    public final String name;
    /** The module path as written: {@code app} or {@code app/worker} for a static sub-service. */
    public final String moduleName;

    public final Module module;
    /** The instance that owns it, or null for a run: entry. */
    public final Inst owner;
    /** Whether it is a dedicated provider (or part of one), serving only its owner. */
    public final boolean dedicated;
    /** Where it was asked for: the run: entry, the requirement, or the sub-service key. */
    public final Span origin;

    /**
     * Its bound requirements, few per instance: searched in place rather than hashed. Every
     * requirement is planned once, so a name occurs at most once.
     */
    private List<Bound> bound = List.of();
    /** Its optional requirements left unmet; null while there are none. */
    private Set<String> unmetOptional;
    /** Its provisions as candidates, in the module's order (by name); empty or one for each. */
    private Cand[] cands = NO_CANDS;
    /** Every binding to one of its provisions, in the order they were made; grown on first use. */
    private List<Bound> served = List.of();

    Inst(
            int index,
            String id,
            Node node,
            String name,
            String moduleName,
            Module module,
            Inst owner,
            boolean dedicated,
            Span origin) {
        this.index = index;
        this.id = id;
        this.node = node;
        this.name = name;
        this.moduleName = moduleName;
        this.module = module;
        this.owner = owner;
        this.dedicated = dedicated;
        this.origin = origin;
    }

    /** The binding of requirement {@code name}, or null. */
    public Bound bound(String name) {
        for (int k = 0; k < bound.size(); k++) {
            Bound b = bound.get(k);
            if (b.req().name().equals(name)) return b;
        }
        return null;
    }

    /** Records a binding of one of its requirements ({@code b.consumer()} is this instance). */
    public void addBound(Bound b) {
        if (bound.isEmpty()) bound = new ArrayList<>(2);
        bound.add(b);
    }

    public boolean isUnmetOptional(String requirement) {
        return unmetOptional != null && unmetOptional.contains(requirement);
    }

    public void unmetOptional(String requirement) {
        if (unmetOptional == null) unmetOptional = new HashSet<>(2);
        unmetOptional.add(requirement);
    }

    /** Its provisions as candidates, in provision name order; empty before they are indexed. */
    public Cand[] cands() {
        return cands;
    }

    public void cands(Cand[] cands) {
        this.cands = cands;
    }

    /** The candidate for its provision {@code name}, or null. */
    public Cand cand(String name) {
        for (Cand c : cands) if (c.provision.name().equals(name)) return c;
        return null;
    }

    /** Who its provision {@code provision} serves so far, in binding order; never null. */
    public List<Bound> served(String provision) {
        int matching = 0;
        for (int k = 0; k < served.size(); k++)
            if (served.get(k).provision().name().equals(provision)) matching++;
        if (matching == served.size()) return served;
        var out = new ArrayList<Bound>(matching);
        for (Bound b : served) if (b.provision().name().equals(provision)) out.add(b);
        return out;
    }

    /** Records a binding to one of its provisions ({@code b.provider()} is this instance). */
    public void serve(Bound b) {
        if (served.isEmpty()) served = new ArrayList<>(2);
        served.add(b);
    }
}
