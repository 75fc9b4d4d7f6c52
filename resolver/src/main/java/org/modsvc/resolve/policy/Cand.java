package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.model.Contract;
import org.modsvc.model.Provision;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.version.Version;

/** A provision of an instance as a candidate provider, with how much of its capacity is taken. */
public final class Cand {
    public final Inst inst;
    public final Provision provision;
    /** Null when unversioned or unparsable. */
    public final Version version;
    /** Its contract; null when the setup does not define it. */
    public final Contract contract;

    /** Explicit binds aimed at it, counted before any policy decision so they win. */
    private int reserved;

    private int policyUsed;
    /** Bindings made through bind: entries; grown on first use. */
    private List<Bound> explicitBound = List.of();

    public Cand(Inst inst, Provision provision, Version version, Contract contract) {
        this.inst = inst;
        this.provision = provision;
        this.version = version;
        this.contract = contract;
    }

    /** How many consumers it serves or is promised to. */
    public int taken() {
        return reserved + policyUsed;
    }

    /** Counts a bind: entry aimed at it, before any policy runs. */
    public void reserve() {
        reserved++;
    }

    /** Counts a binding a policy made to it. */
    public void usedByPolicy() {
        policyUsed++;
    }

    public List<Bound> explicitBound() {
        return explicitBound;
    }

    public void boundExplicitly(Bound b) {
        if (explicitBound.isEmpty()) explicitBound = new ArrayList<>(2);
        explicitBound.add(b);
    }
}
