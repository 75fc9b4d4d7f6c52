package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.model.Provision;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.version.Version;

/**
 * Every instance's provisions as candidates, and the shareable ones by contract: the only index
 * the shared policy searches. A dedicated provider's provisions are candidates of its own (for
 * capacity and bind: checks) but in no pool.
 */
public final class Providers {
    private final Declarations declarations;
    private final Map<String, Pool> pools = new HashMap<>();

    public Providers(Declarations declarations) {
        this.declarations = declarations;
    }

    /** Indexes the instances there are before any requirement is planned, and seals the pools. */
    public void index(List<Inst> instances) {
        for (Inst i : instances) add(i);
        for (Pool p : pools.values()) p.seal();
    }

    /** Gives {@code i} its candidates, and pools them unless {@code i} is dedicated. */
    public void add(Inst i) {
        if (i.module.provides().isEmpty()) return;
        var cands = new Cand[i.module.provides().size()];
        int next = 0;
        for (Provision p : i.module.provides().values()) {
            String contract = p.contract().text();
            Version v = p.version() == null
                    ? null
                    : declarations.version(p.version().text());
            Cand c = new Cand(i, p, v, declarations.contract(contract));
            cands[next++] = c;
            if (i.dedicated) continue;
            Pool pool = pools.computeIfAbsent(contract, k -> new Pool());
            pool.all.add(c);
            pool.byNode.computeIfAbsent(i.node.name(), k -> new ArrayList<>()).add(c);
        }
        i.cands(cands);
    }

    /** The pool of contract {@code name}, or null when no shareable instance provides it. */
    public Pool pool(String contract) {
        return pools.get(contract);
    }

    /** Every shareable candidate of {@code contract}; never null. */
    public List<Cand> all(String contract) {
        Pool p = pools.get(contract);
        return p == null ? List.of() : p.all;
    }
}
