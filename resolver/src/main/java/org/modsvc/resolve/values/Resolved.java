package org.modsvc.resolve.values;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Reload;
import org.modsvc.plan.Value;

/**
 * What one instance's values resolved to. Filled while its instance is resolved, and only read
 * after that (by its consumers' references and by the plan assembly).
 */
public final class Resolved {
    private static final String[] NO_NAMES = {};

    /**
     * The provisions resolved so far, in name order (the module's order): names, result values
     * and the same as plain strings, made once however many consumers read them.
     */
    private String[] provisions = NO_NAMES;

    private SortedMap<String, Value>[] results;
    private SortedMap<String, String>[] plain;
    private int provided;

    List<Value> argv = List.of();
    SortedMap<String, Value> environment = Collections.emptySortedMap();
    List<ConfigFile> configData = List.of();
    /** Null until a secret is read. */
    private SortedMap<String, String> credentials;

    /** Passthrough keys with references filled in; null when the module's are used as written. */
    SortedMap<String, SortedMap<String, List<String>>> systemd;

    Reload reload;
    List<Value> init = List.of();
    List<org.modsvc.plan.Lifecycle.Fulfil> fulfil = List.of();

    @SuppressWarnings("unchecked")
    void expectProvisions(int count) {
        if (count == 0) return;
        provisions = new String[count];
        results = new SortedMap[count];
        plain = new SortedMap[count];
    }

    /** Adds the next provision; provisions come in name order, so the names stay sorted. */
    void addProvision(String name, SortedMap<String, Value> result, SortedMap<String, String> plainResult) {
        provisions[provided] = name;
        results[provided] = result;
        plain[provided] = plainResult;
        provided++;
    }

    /** Index of provision {@code name} among those resolved so far, or negative. */
    private int provision(String name) {
        return Arrays.binarySearch(provisions, 0, provided, name);
    }

    /** The result values of provision {@code provision}; empty when not resolved; never null. */
    public SortedMap<String, Value> results(String provision) {
        int k = provision(provision);
        return k >= 0 ? results[k] : Collections.emptySortedMap();
    }

    /** The same as plain strings; never null. */
    public SortedMap<String, String> plain(String provision) {
        int k = provision(provision);
        return k >= 0 ? plain[k] : Collections.emptySortedMap();
    }

    void credential(String name, String path) {
        if (credentials == null) credentials = new TreeMap<>();
        credentials.put(name, path);
    }

    public List<Value> argv() {
        return argv;
    }

    public SortedMap<String, Value> environment() {
        return environment;
    }

    public List<ConfigFile> configData() {
        return configData;
    }

    /** Its lifecycle steps, with every reference filled in; never null. */
    public org.modsvc.plan.Lifecycle lifecycle() {
        return init.isEmpty() && fulfil.isEmpty()
                ? org.modsvc.plan.Lifecycle.NONE
                : new org.modsvc.plan.Lifecycle(init, fulfil);
    }

    /**
     * Its systemd passthrough keys, section → key → values, with references filled in; null when
     * no value holds a reference (the module's keys as written are then shared by its instances).
     */
    public SortedMap<String, SortedMap<String, List<String>>> systemd() {
        return systemd;
    }

    /** Null when it declares no reload. */
    public Reload reload() {
        return reload;
    }

    /** The secrets it reads, credential name to file path; never null. */
    public SortedMap<String, String> credentials() {
        return credentials == null ? Collections.emptySortedMap() : credentials;
    }
}
