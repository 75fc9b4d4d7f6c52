package org.modsvc.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.load.Suggest;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.Module;
import org.modsvc.model.Node;
import org.modsvc.model.Policy;
import org.modsvc.model.Provision;
import org.modsvc.model.Reach;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.RemoteDependency;
import org.modsvc.resolve.graph.DependencyGraph;
import org.modsvc.resolve.version.Version;
import org.modsvc.resolve.version.VersionRange;
import org.modsvc.source.Limits;

/**
 * One resolver run: creates instances, binds requirements, checks, fills in values and assembles
 * the plan. Mutable and single-use; never shared.
 */
final class ResolveRun {
    static final int UNIT_NAME_MAX = 255;
    private static final String UNIT_SUFFIX = ".service";

    /** Reasons a candidate is turned down, as bits, so the hot path builds no strings. */
    static final int SELF = 1, VERSION = 2, REACH = 4, CAPACITY = 8, NOT_SHARED = 16;

    /**
     * How many dependents {@code failsWith} lists in total. A 100 000-long chain has five billion
     * (instance, dependent) pairs; past this budget the lists of the remaining instances are cut.
     */
    static final int FAILS_WITH_BUDGET = 1_000_000;

    final Setup setup;
    final Policy policy;
    final Limits limits;
    final boolean explainAll;
    final Diagnostics diags = new Diagnostics();
    final List<Inst> insts = new ArrayList<>();
    final Map<String, Inst> byId = new HashMap<>();
    final List<Bound> bounds = new ArrayList<>();
    final Map<String, Decision> decisions = new HashMap<>();
    /** Shareable provisions by contract name: the only index the shared policy searches. */
    private final Map<String, Pool> pools = new HashMap<>();

    /** The bind: entries by consumer instance id, in setup order. */
    private final Map<String, List<Bind>> bindsByConsumer = new HashMap<>();
    /** Entries that bound a requirement; by identity (a record's hash reads every field). */
    private final Set<Bind> usedBinds = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private final Map<String, VersionRange> ranges = new HashMap<>();
    /** The setup's contracts in a hash map: looked up once per requirement and provision. */
    private final Map<String, Contract> contracts;
    /** The setup's modules in a hash map: looked up once per run: entry and sub-service. */
    private final Map<String, Module> modules;
    /** {@code rank[index]} is the instance's position in id order; set once all instances exist. */
    private int[] rank = new int[0];

    private boolean instanceLimitReported;
    final Values values;

    ResolveRun(Setup setup, Policy policy, Limits limits, boolean explainAll) {
        this.setup = setup;
        this.policy = policy;
        this.limits = limits;
        this.explainAll = explainAll;
        this.values = new Values(this);
        this.contracts = new HashMap<>(setup.contracts());
        this.modules = new HashMap<>(setup.modules());
    }

    private final Map<String, Version> versions = new HashMap<>();

    /** The parsed provision version, or null when it does not parse; parsed once per text. */
    Version version(String text) {
        Version v = versions.get(text);
        if (v == null && !versions.containsKey(text)) {
            v = Version.parse(text);
            versions.put(text, v);
        }
        return v;
    }

    Contract contract(String name) {
        return contracts.get(name);
    }

    /** An instance being planned. */
    static final class Inst {
        final int index;
        final String id;
        final Node node;
        final String name;
        final String moduleName;
        final Module module;
        final Inst owner;
        final boolean dedicated;
        /** Where it was asked for: the run: entry, the requirement, or the sub-service key. */
        final Span origin;

        /**
         * Its bound requirements, few per instance: searched in place rather than hashed. Every
         * requirement is planned once, so a name occurs at most once.
         */
        private List<Bound> bound = List.of();
        /** Its optional requirements left unmet; null while there are none. */
        private Set<String> unmetOptional;
        /** Its provisions as candidates, in the module's order (by name); empty or one for each. */
        Cand[] cands = NO_CANDS;
        /** The explicit bind: entries for its requirements, in setup order; null when none. */
        List<Bind> binds;
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
        Bound bound(String name) {
            for (int k = 0; k < bound.size(); k++) {
                Bound b = bound.get(k);
                if (b.req.name().equals(name)) return b;
            }
            return null;
        }

        boolean isUnmetOptional(String requirement) {
            return unmetOptional != null && unmetOptional.contains(requirement);
        }

        void unmetOptional(String requirement) {
            if (unmetOptional == null) unmetOptional = new HashSet<>(2);
            unmetOptional.add(requirement);
        }

        /** The candidate for its provision {@code name}, or null. */
        Cand cand(String name) {
            for (Cand c : cands) if (c.provision.name().equals(name)) return c;
            return null;
        }

        /** Who its provision {@code provision} serves so far, in binding order; never null. */
        List<Bound> served(String provision) {
            int matching = 0;
            for (int k = 0; k < served.size(); k++)
                if (served.get(k).provision.name().equals(provision)) matching++;
            if (matching == served.size()) return served;
            var out = new ArrayList<Bound>(matching);
            for (Bound b : served) if (b.provision.name().equals(provision)) out.add(b);
            return out;
        }

        void serve(Bound b) {
            if (served.isEmpty()) served = new ArrayList<>(2);
            served.add(b);
        }
    }

    private static final Cand[] NO_CANDS = {};

    /** A requirement bound to a provision. */
    static final class Bound {
        final Inst consumer;
        final Requirement req;
        final Inst provider;
        final Provision provision;
        final Contract contract;
        final BindingKind kind;
        final Bind bind;
        SortedMap<String, String> request = java.util.Collections.emptySortedMap();
        /** The result as this consumer sees it, when it differs from the provision's; else null. */
        SortedMap<String, org.modsvc.plan.Value> result;

        SortedMap<String, String> plainResult;

        Bound(
                Inst consumer,
                Requirement req,
                Inst provider,
                Provision provision,
                Contract contract,
                BindingKind kind,
                Bind bind) {
            this.consumer = consumer;
            this.req = req;
            this.provider = provider;
            this.provision = provision;
            this.contract = contract;
            this.kind = kind;
            this.bind = bind;
        }
    }

    /** The shareable provisions of one contract, also grouped by node. */
    static final class Pool {
        final List<Cand> all = new ArrayList<>();
        final Map<String, List<Cand>> byNode = new HashMap<>();
        /** Versioned candidates sorted by version, so a range is a slice, not a scan. */
        Cand[] byVersion;

        void seal() {
            byVersion = all.stream()
                    .filter(c -> c.version != null)
                    .sorted(java.util.Comparator.comparing((Cand c) -> c.version))
                    .toArray(Cand[]::new);
        }

        /** Index of the first candidate whose version is at least {@code v}. */
        int from(Version v) {
            if (v == null) return 0;
            int lo = 0;
            int hi = byVersion.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (byVersion[mid].version.compareTo(v) < 0) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    /** A provision of a shareable instance, with how much of it is taken. */
    static final class Cand {
        final Inst inst;
        final Provision provision;
        /** Null when unversioned or unparsable. */
        final Version version;
        /** Its contract; null when the setup does not define it. */
        final Contract contract;

        /** Explicit binds aimed at it, counted before any policy decision so they win. */
        int reserved;

        int policyUsed;
        /** Bindings made through bind: entries; grown on first use. */
        List<Bound> explicitBound = List.of();

        Cand(Inst inst, Provision provision, Version version, Contract contract) {
            this.inst = inst;
            this.provision = provision;
            this.version = version;
            this.contract = contract;
        }

        int taken() {
            return reserved + policyUsed;
        }
    }

    Resolution run() {
        for (Bind b : setup.binds())
            bindsByConsumer
                    .computeIfAbsent(b.consumer().instanceId(), k -> new ArrayList<>(2))
                    .add(b);
        for (Node n : setup.nodes().values()) {
            var names = new ArrayList<Scalar>(n.run());
            names.sort(java.util.Comparator.comparing(Scalar::text));
            for (Scalar s : names) {
                Module m = modules.get(s.text());
                if (m == null) continue; // the loader reported it
                create(n, s.text(), s.text(), m, null, false, s.span(), true);
            }
        }
        indexCandidates();
        reserveExplicit();
        // The list grows while implicit sub-services are made; each is planned in turn.
        for (int k = 0; k < insts.size(); k++) planRequirements(insts.get(k));
        checkUnusedBinds();
        checkExplicitCapacity();

        rankInstances();
        DependencyGraph graph = graph();
        values.resolveAll(graph.providersFirst());
        reportCycles(graph);
        return new Resolution(assemble(graph), new TreeMap<>(decisions));
    }

    // ---------------------------------------------------------------- instances

    Inst create(
            Node node,
            String name,
            String moduleName,
            Module m,
            Inst owner,
            boolean dedicated,
            Span origin,
            boolean checkArgv) {
        if (insts.size() >= limits.instances()) {
            if (!instanceLimitReported) {
                instanceLimitReported = true;
                diags.add(
                        Code.LIMIT,
                        origin,
                        "the plan would have more than " + limits.instances() + " instances (limit 'instances')",
                        Limits.raiseHint("instances"));
            }
            return null;
        }
        if (name.length() + UNIT_SUFFIX.length() > UNIT_NAME_MAX) {
            diags.add(
                    Code.NAME_TOO_LONG,
                    origin,
                    "instance name '" + abbreviate(name) + "' makes a unit name of "
                            + (name.length() + UNIT_SUFFIX.length()) + " bytes, more than systemd's " + UNIT_NAME_MAX,
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
        Inst i = new Inst(insts.size(), id, node, name, moduleName, m, owner, dedicated, origin);
        i.binds = bindsByConsumer.get(id);
        insts.add(i);
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

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 28) + "…" + s.substring(s.length() - 28);
    }

    private void indexCandidates() {
        for (Inst i : insts) addCandidates(i);
        for (Pool p : pools.values()) p.seal();
    }

    private void addCandidates(Inst i) {
        if (i.module.provides().isEmpty()) return;
        i.cands = new Cand[i.module.provides().size()];
        int next = 0;
        for (Provision p : i.module.provides().values()) {
            String contract = p.contract().text();
            Version v = p.version() == null ? null : version(p.version().text());
            Cand c = new Cand(i, p, v, contract(contract));
            i.cands[next++] = c;
            if (i.dedicated) continue;
            Pool pool = pools.computeIfAbsent(contract, k -> new Pool());
            pool.all.add(c);
            pool.byNode.computeIfAbsent(i.node.name(), k -> new ArrayList<>()).add(c);
        }
    }

    private void reserveExplicit() {
        for (Bind b : setup.binds()) {
            Inst p = byId.get(b.provider().instanceId());
            if (p == null) continue;
            Cand c = p.cand(b.provider().member());
            if (c != null) c.reserved++;
        }
    }

    // ---------------------------------------------------------------- requirements

    private void planRequirements(Inst i) {
        checkProvisions(i);
        for (Requirement r : i.module.requires().values()) planRequirement(i, r);
    }

    private void checkProvisions(Inst i) {
        int k = 0;
        for (Provision p : i.module.provides().values()) {
            // Its candidate has looked up contract and version already, when it has one.
            Cand x = i.cands.length > 0 ? i.cands[k++] : null;
            if ((x != null ? x.contract : contract(p.contract().text())) == null) {
                unknownContract(p.contract());
            }
            if (p.version() != null
                    && (x != null ? x.version : version(p.version().text())) == null) {
                diags.add(
                        Code.BAD_VERSION,
                        p.version().span(),
                        "version '" + p.version().text() + "' of provision '" + p.name()
                                + "' is not dot-separated numbers",
                        "write a version such as \"16.2\"");
            }
        }
    }

    private void unknownContract(Scalar contract) {
        String near = Suggest.closest(contract.text(), setup.contracts().keySet());
        diags.add(
                Code.UNKNOWN_CONTRACT,
                contract.span(),
                "contract '" + contract.text() + "' is defined neither by the catalogue nor by the setup",
                near != null
                        ? "did you mean '" + near + "'?"
                        : "add contracts/" + contract.text() + ".yaml to the setup");
    }

    /** The requirement's range, or null after reporting E031. */
    VersionRange range(Requirement r) {
        if (r.version() == null) return VersionRange.ANY;
        Scalar s = r.version();
        VersionRange cached = ranges.get(s.text());
        if (cached != null) return cached;
        var parsed = VersionRange.parse(s.text());
        if (parsed.problem() != null) {
            diags.add(
                    Code.BAD_VERSION,
                    values.spanIn(s, parsed.problem().offset(), parsed.problem().length()),
                    "version range '" + s.text() + "' does not parse: "
                            + parsed.problem().message(),
                    "write comparators separated by spaces, such as \">=15 <17\", \"^1.2\", \"~1.2\", \"16\" or \"*\"");
            return null;
        }
        ranges.put(s.text(), parsed.range());
        return parsed.range();
    }

    private void planRequirement(Inst i, Requirement r) {
        Bind bind = bindOf(i, r);
        if (bind != null) usedBinds.add(bind);
        Contract c = contract(r.contract().text());
        if (c == null) {
            unknownContract(r.contract());
            return;
        }
        checkRequestFields(r, c);
        VersionRange range = range(r);
        if (range == null) return;
        Policy p = r.policy() != null ? r.policy() : policy;
        if (bind != null) {
            explicit(i, r, c, range, bind, p);
            return;
        }
        switch (p) {
            case SUB_SERVICE -> subService(i, r, c, range, p, "policy sub-service instantiates a dedicated provider");
            case SHARED -> shared(i, r, c, range, p, false);
            case AUTO -> shared(i, r, c, range, p, true);
        }
    }

    /** The bind: entry for requirement {@code r} of {@code i}; the last one when several name it. */
    private static Bind bindOf(Inst i, Requirement r) {
        if (i.binds == null) return null;
        for (int k = i.binds.size() - 1; k >= 0; k--) {
            Bind b = i.binds.get(k);
            if (b.consumer().member().equals(r.name())) return b;
        }
        return null;
    }

    private void checkRequestFields(Requirement r, Contract c) {
        if (r.request().isEmpty() && c.request().isEmpty()) return;
        // Positions of keys are not kept in the model; a diagnostic points at the entry's value.
        for (var e : r.request().entrySet()) {
            if (!c.request().containsKey(e.getKey())) {
                String near = Suggest.closest(e.getKey(), c.request().keySet());
                diags.add(
                        Code.UNKNOWN_REQUEST_FIELD,
                        e.getValue().span(),
                        "contract '" + c.name() + "' has no request field '" + e.getKey() + "'",
                        near != null
                                ? "did you mean '" + near + "'?"
                                : c.request().isEmpty()
                                        ? "this contract takes no request fields"
                                        : "its request fields: "
                                                + String.join(", ", c.request().keySet()));
            }
        }
        for (Field f : c.request().values()) {
            if (!f.optional() && !r.request().containsKey(f.name())) {
                diags.add(Diagnostic.of(
                                Code.MISSING_REQUEST_FIELD,
                                r.span(),
                                "requirement '" + r.name() + "' does not give request field '" + f.name()
                                        + "' that contract '" + c.name() + "' requires",
                                "add request: { " + f.name() + ": … } (type "
                                        + f.type().word() + ")")
                        .withRelated(List.of(new Diagnostic.Related("the field is declared here", f.span()))));
            }
        }
    }

    private void explicit(Inst i, Requirement r, Contract c, VersionRange range, Bind b, Policy p) {
        Bind.Ref to = b.provider();
        Inst prov = byId.get(to.instanceId());
        if (prov == null) {
            String near = Suggest.closest(to.instanceId(), byId.keySet());
            diags.add(
                    Code.BAD_BIND,
                    to.span(),
                    "bind: no instance '" + to.instanceId() + "' provides '" + to.member() + "'",
                    near != null ? "did you mean '" + near + "." + to.member() + "'?" : "instances are NODE/NAME");
            return;
        }
        if (prov.dedicated) {
            diags.add(
                    Code.BAD_BIND,
                    to.span(),
                    "bind: '" + prov.id + "' is a dedicated sub-service of " + prov.owner.id
                            + " and serves no one else",
                    "bind to a provider that a node runs, or add its module to the node's run: list");
            return;
        }
        Provision pv = prov.module.provides().get(to.member());
        if (pv == null) {
            String near = Suggest.closest(to.member(), prov.module.provides().keySet());
            diags.add(
                    Code.BAD_BIND,
                    to.span(),
                    "bind: instance '" + prov.id + "' has no provision '" + to.member() + "'",
                    near != null
                            ? "did you mean '" + prov.id + "." + near + "'?"
                            : prov.module.provides().isEmpty()
                                    ? "it provides nothing"
                                    : "its provisions: "
                                            + String.join(
                                                    ", ", prov.module.provides().keySet()));
            return;
        }
        if (!pv.contract().text().equals(c.name())) {
            diags.add(Diagnostic.of(
                            Code.CONTRACT_MISMATCH,
                            to.span(),
                            "bind: requirement '" + r.name() + "' of " + i.id + " needs contract '" + c.name()
                                    + "', but " + prov.id + "." + pv.name() + " provides '"
                                    + pv.contract().text()
                                    + "'",
                            "bind it to a provision of '" + c.name() + "'")
                    .withRelated(List.of(
                            new Diagnostic.Related("the requirement", r.span()),
                            new Diagnostic.Related("the provision", pv.span()))));
            return;
        }
        boolean ok = true;
        Cand cand = prov.cand(pv.name());
        if (!range.isAny() && (cand.version == null || !range.matches(cand.version))) {
            var rel = new ArrayList<Diagnostic.Related>();
            rel.add(new Diagnostic.Related(
                    "the range", r.version() == null ? r.span() : r.version().span()));
            rel.add(new Diagnostic.Related(
                    "the version",
                    pv.version() == null ? pv.span() : pv.version().span()));
            diags.add(Diagnostic.of(
                            Code.VERSION_MISMATCH,
                            to.span(),
                            "bind: " + prov.id + "." + pv.name() + " provides " + c.name() + " "
                                    + (pv.version() == null
                                            ? "without a version"
                                            : pv.version().text())
                                    + ", outside the range '" + range.text() + "' of requirement '" + r.name()
                                    + "'",
                            "bind a provision whose version fits, or widen the range")
                    .withRelated(rel));
            ok = false;
        }
        if (c.reach() == Reach.LOCAL && prov.node != i.node) {
            diags.add(Diagnostic.of(
                            Code.LOCAL_ACROSS_NODES,
                            to.span(),
                            "bind: contract '" + c.name() + "' is local-only (unix sockets, files), but " + i.id
                                    + " and " + prov.id + " run on different nodes",
                            "run a provider on node '" + i.node.name() + "'")
                    .withRelated(List.of(new Diagnostic.Related("the contract", c.span()))));
            ok = false;
        }
        if (!ok) return;
        BindingKind kind = prov.node == i.node ? BindingKind.LOCAL : BindingKind.REMOTE;
        Bound bd = bind(i, r, c, prov, pv, kind, b);
        if (cand.explicitBound.isEmpty()) cand.explicitBound = new ArrayList<>(2);
        cand.explicitBound.add(bd);
        record(i, r, c, range, p, true, "an explicit bind: entry wins over the policy", bd, List.of());
    }

    private void subService(Inst i, Requirement r, Contract c, VersionRange range, Policy p, String why) {
        Scalar provName = r.provider() != null ? r.provider() : c.defaultProvider();
        if (provName == null) {
            unmet(
                    i,
                    r,
                    c,
                    range,
                    p,
                    "contract '" + c.name() + "' has no defaultProvider and requirement '" + r.name()
                            + "' names no provider",
                    List.of(),
                    List.of("add provider: MODULE to the requirement, bind it with bind:, or use policy: shared"));
            return;
        }
        Module pm = modules.get(provName.text());
        if (pm == null) {
            String near = Suggest.closest(provName.text(), setup.modules().keySet());
            diags.add(
                    Code.UNKNOWN_MODULE,
                    provName.span(),
                    "provider module '" + provName.text() + "' does not exist",
                    near != null ? "did you mean '" + near + "'?" : "add services/" + provName.text() + ".yaml");
            return;
        }
        Provision pv = null;
        Provision wrongVersion = null;
        for (Provision x : pm.provides().values()) {
            if (!x.contract().text().equals(c.name())) continue;
            Version v = x.version() == null ? null : version(x.version().text());
            if (range.isAny() || (v != null && range.matches(v))) {
                pv = x;
                break;
            }
            if (wrongVersion == null) wrongVersion = x;
        }
        if (pv == null && wrongVersion != null) {
            var rel = List.of(new Diagnostic.Related(
                    "'" + pm.name() + "' provides version "
                            + (wrongVersion.version() == null
                                    ? "(none)"
                                    : wrongVersion.version().text()),
                    wrongVersion.version() == null
                            ? wrongVersion.span()
                            : wrongVersion.version().span()));
            if (r.optional()) {
                unmet(
                        i,
                        r,
                        c,
                        range,
                        p,
                        "provider '" + pm.name() + "' provides a version outside the range",
                        rel,
                        List.of());
            } else {
                diags.add(Diagnostic.of(
                                Code.VERSION_MISMATCH,
                                r.version() == null ? r.span() : r.version().span(),
                                "requirement '" + r.name() + "' needs " + c.name() + " " + range.text()
                                        + ", but its provider '"
                                        + pm.name() + "' provides "
                                        + (wrongVersion.version() == null
                                                ? "no version"
                                                : wrongVersion.version().text()),
                                "name a provider with provider: MODULE, or widen the range")
                        .withRelated(rel));
                record(i, r, c, range, p, false, "the provider's version is outside the range", null, List.of());
            }
            return;
        }
        if (pv == null) {
            unmet(
                    i,
                    r,
                    c,
                    range,
                    p,
                    "provider module '" + pm.name() + "' provides no " + c.name(),
                    List.of(new Diagnostic.Related("the provider module", pm.span())),
                    List.of("name a provider that provides " + c.name() + " with provider: MODULE"));
            return;
        }
        for (Inst a = i; a != null; a = a.owner) {
            if (a.moduleName.equals(pm.name())) {
                var chain = new ArrayList<String>();
                for (Inst b = i; b != null; b = b.owner) chain.add(0, b.name + " (" + b.moduleName + ")");
                chain.add(i.name + "-" + r.name() + " (" + pm.name() + ")");
                diags.add(
                        Code.PROVIDER_RECURSION,
                        r.span(),
                        "provider '" + pm.name() + "' for requirement '" + r.name()
                                + "' would need an instance of itself: " + String.join(" -> ", chain),
                        "give the requirement another provider: MODULE, or bind it to a running provider with bind:");
                record(i, r, c, range, p, false, "the provider would need an instance of itself", null, List.of());
                return;
            }
        }
        Inst sub = create(i.node, i.name + "-" + r.name(), pm.name(), pm, i, true, r.span(), true);
        if (sub == null) return;
        addCandidates(sub);
        Bound bd = bind(i, r, c, sub, pv, BindingKind.SUB_SERVICE, null);
        record(i, r, c, range, p, false, why, bd, List.of());
    }

    /**
     * Policy shared (or auto): the best acceptable running provision. Same-node candidates are
     * looked at first; remote ones only when none on the node fits.
     */
    private void shared(Inst i, Requirement r, Contract c, VersionRange range, Policy p, boolean auto) {
        Pool pool = pools.get(c.name());
        List<Cand> all = pool == null ? List.of() : pool.all;
        List<Cand> local = pool == null ? List.of() : pool.byNode.getOrDefault(i.node.name(), List.of());
        List<Cand> acceptedLocal = new ArrayList<>(2);
        List<Cand> acceptedRemote = new ArrayList<>(2);
        int remoteCount = 0;
        if (range.isAny() || pool == null) {
            for (Cand x : local) {
                if (reject(i, c, range, x) == 0) {
                    acceptedLocal.add(x);
                    if (!explainAll && acceptedLocal.size() == 2) break;
                }
            }
            if (acceptedLocal.isEmpty() || explainAll) {
                for (Cand x : all) {
                    if (x.inst.node == i.node) continue;
                    if (reject(i, c, range, x) == 0) {
                        acceptedRemote.add(x);
                        if (!explainAll && acceptedRemote.size() == 2) break;
                    }
                }
            }
        } else {
            // Only the slice of versions the range allows can fit; unversioned ones never do.
            // Remote ones beyond two only count unless they are the answer: every consumer of a
            // contract served on each node would otherwise list all nodes' providers.
            Version hi = range.highest();
            for (int k = pool.from(range.lowest()); k < pool.byVersion.length; k++) {
                Cand x = pool.byVersion[k];
                if (hi != null && x.version.compareTo(hi) > 0) break;
                if (reject(i, c, range, x) != 0) continue;
                if (x.inst.node == i.node) {
                    acceptedLocal.add(x);
                } else {
                    remoteCount++;
                    if (explainAll || acceptedRemote.size() < 2) acceptedRemote.add(x);
                }
                if (!explainAll && acceptedLocal.size() == 2) break;
            }
            if (acceptedLocal.isEmpty() && remoteCount > acceptedRemote.size()) {
                acceptedRemote.clear();
                for (int k = pool.from(range.lowest()); k < pool.byVersion.length; k++) {
                    Cand x = pool.byVersion[k];
                    if (hi != null && x.version.compareTo(hi) > 0) break;
                    if (x.inst.node != i.node && reject(i, c, range, x) == 0) acceptedRemote.add(x);
                }
            }
        }
        List<Cand> best = acceptedLocal.isEmpty() ? acceptedRemote : acceptedLocal;
        if (auto) {
            int reachable = acceptedLocal.size() + Math.max(remoteCount, acceptedRemote.size());
            if (reachable != 1) {
                subService(
                        i,
                        r,
                        c,
                        range,
                        p,
                        reachable == 0
                                ? "policy auto: no running provision fits, so a dedicated provider is instantiated"
                                : "policy auto: several running provisions fit, so a dedicated provider is instantiated");
                if (explainAll) amendCandidates(i, r, c, range, all);
                return;
            }
            best = acceptedLocal.isEmpty() ? acceptedRemote : acceptedLocal;
        }
        if (best.size() == 1) {
            Cand x = best.get(0);
            BindingKind kind = x.inst.node == i.node ? BindingKind.LOCAL : BindingKind.REMOTE;
            x.policyUsed++;
            Bound bd = bind(i, r, c, x.inst, x.provision, kind, null);
            String why = auto
                    ? "policy auto: exactly one running provision fits"
                    : acceptedLocal.isEmpty()
                            ? "policy shared: the only fitting provision; none on node '" + i.node.name() + "' fits"
                            : "policy shared: the only fitting provision on node '" + i.node.name() + "'";
            record(i, r, c, range, p, false, why, bd, explainAll ? candidates(i, c, range, all) : List.of());
            return;
        }
        if (best.size() >= 2) {
            var cs = candidates(i, c, range, all);
            Cand a = best.get(0);
            Cand b = best.get(1);
            var rel = new ArrayList<Diagnostic.Related>();
            for (Cand x : best)
                rel.add(new Diagnostic.Related(
                        "candidate " + x.inst.id + "." + x.provision.name(), x.provision.span()));
            diags.add(Diagnostic.of(
                            Code.AMBIGUOUS_PROVIDER,
                            r.span(),
                            "requirement '" + r.name() + "' of " + i.id + " (" + c.name() + " " + range.text()
                                    + ") has equally good providers: " + a.inst.id + "." + a.provision.name() + " and "
                                    + b.inst.id + "." + b.provision.name()
                                    + (acceptedLocal.isEmpty()
                                            ? " (both on other nodes)"
                                            : " (both on node '" + i.node.name() + "')"),
                            "settle it in setup.yaml with  bind: { " + i.id + "." + r.name() + ": " + a.inst.id + "."
                                    + a.provision.name() + " }")
                    .withRelated(rel));
            record(i, r, c, range, p, false, "ambiguous: several equally good providers", null, cs);
            return;
        }
        var cs = candidates(i, c, range, all);
        var rel = new ArrayList<Diagnostic.Related>();
        rel.add(new Diagnostic.Related("requirement '" + r.name() + "' is declared here", r.span()));
        for (Candidate x : cs) {
            rel.add(new Diagnostic.Related(
                    x.ref() + " (" + (x.version() == null ? "unversioned" : x.version()) + ") rejected: "
                            + String.join("; ", x.rejections()),
                    x.span()));
        }
        String message = "requirement '" + r.name() + "' of " + i.id + " looks for " + c.name() + " " + range.text()
                + (c.reach() == Reach.LOCAL ? " on node '" + i.node.name() + "' (local-only)" : "")
                + ": " + (cs.isEmpty() ? "no instance provides it" : cs.size() + " candidate(s), none fits");
        var hints = new ArrayList<String>();
        if (c.defaultProvider() != null)
            hints.add("use policy: sub-service to run a dedicated "
                    + c.defaultProvider().text());
        hints.add("run a provider of " + c.name() + " on a node, or bind the requirement explicitly");
        if (r.optional()) {
            String why =
                    cs.isEmpty() ? "no instance provides " + c.name() : "none of " + cs.size() + " candidate(s) fits";
            unmet(i, r, c, range, p, why, rel.subList(1, rel.size()), List.of());
        } else {
            diags.add(new Diagnostic(Code.NO_PROVIDER, Code.NO_PROVIDER.severity(), message, r.span(), hints, List.of())
                    .withRelated(rel.subList(1, rel.size())));
            record(i, r, c, range, p, false, "no provider fits", null, cs);
        }
    }

    private void amendCandidates(Inst i, Requirement r, Contract c, VersionRange range, List<Cand> all) {
        Decision d = decisions.get(i.id + "." + r.name());
        if (d == null) return;
        decisions.put(
                d.key(),
                new Decision(
                        d.consumer(),
                        d.requirement(),
                        d.contract(),
                        d.range(),
                        d.policy(),
                        d.explicit(),
                        d.reason(),
                        d.provider(),
                        d.provision(),
                        d.kind(),
                        candidates(i, c, range, all),
                        d.span()));
    }

    /** The reasons (bits) {@code x} cannot serve {@code i}; 0 when it can. */
    private int reject(Inst i, Contract c, VersionRange range, Cand x) {
        int why = 0;
        if (x.inst == i) why |= SELF;
        if (!range.isAny() && (x.version == null || !range.matches(x.version))) why |= VERSION;
        if (c.reach() == Reach.LOCAL && x.inst.node != i.node) why |= REACH;
        Integer cap = x.provision.capacity();
        if (cap != null && x.taken() >= cap) why |= CAPACITY;
        if (!c.shared() && x.taken() >= 1) why |= NOT_SHARED;
        return why;
    }

    /** Every candidate with its reasons spelled out, same node first, then by id. */
    private List<Candidate> candidates(Inst i, Contract c, VersionRange range, List<Cand> all) {
        var out = new ArrayList<Candidate>();
        var sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.<Cand, Boolean>comparing(x -> x.inst.node != i.node)
                .thenComparing(x -> x.inst.id)
                .thenComparing(x -> x.provision.name()));
        for (Cand x : sorted) {
            int why = reject(i, c, range, x);
            var reasons = new ArrayList<String>();
            String v =
                    x.provision.version() == null ? null : x.provision.version().text();
            if ((why & SELF) != 0) reasons.add("it is the consumer itself");
            if ((why & VERSION) != 0)
                reasons.add(
                        v == null
                                ? "it has no version, the range is " + range.text()
                                : "version " + v + " is outside " + range.text());
            if ((why & REACH) != 0)
                reasons.add("contract " + c.name() + " is local-only and it runs on node '" + x.inst.node.name() + "'");
            if ((why & CAPACITY) != 0)
                reasons.add("its capacity of " + x.provision.capacity() + " is used up (by " + servedBy(x) + ")");
            if ((why & NOT_SHARED) != 0)
                reasons.add("contract " + c.name() + " is not shared and it already serves " + servedBy(x));
            out.add(new Candidate(x.inst.id, x.inst.node.name(), x.provision.name(), v, reasons, x.provision.span()));
        }
        return out;
    }

    /** Who a candidate serves so far, for messages: {@code web1/a.db, web1/b.db}. */
    private static String servedBy(Cand x) {
        var names = new ArrayList<String>();
        for (Bound b : x.inst.served(x.provision.name())) {
            names.add(b.consumer.id + "." + b.req.name());
        }
        if (names.isEmpty()) return "a bind: entry";
        names.sort(null);
        return String.join(", ", names);
    }

    private void unmet(
            Inst i,
            Requirement r,
            Contract c,
            VersionRange range,
            Policy p,
            String why,
            List<Diagnostic.Related> related,
            List<String> hints) {
        if (r.optional()) {
            i.unmetOptional(r.name());
            diags.add(new Diagnostic(
                    Code.OPTIONAL_UNMET,
                    Code.OPTIONAL_UNMET.severity(),
                    "optional requirement '" + r.name() + "' of " + i.id + " stays unmet: " + why,
                    r.span(),
                    List.of("its ${requires." + r.name() + ".…} references need a fallback: ${requires." + r.name()
                            + ".FIELD:-default}"),
                    related));
        } else {
            diags.add(new Diagnostic(
                    Code.NO_PROVIDER,
                    Code.NO_PROVIDER.severity(),
                    "no provider for requirement '" + r.name() + "' of " + i.id + ": " + why,
                    r.span(),
                    hints,
                    related));
        }
        record(i, r, c, range, p, false, why, null, List.of());
    }

    private Bound bind(Inst i, Requirement r, Contract c, Inst prov, Provision pv, BindingKind kind, Bind b) {
        Bound bd = new Bound(i, r, prov, pv, c, kind, b);
        if (i.bound.isEmpty()) i.bound = new ArrayList<>(2);
        i.bound.add(bd);
        prov.serve(bd);
        bounds.add(bd);
        return bd;
    }

    private void record(
            Inst i,
            Requirement r,
            Contract c,
            VersionRange range,
            Policy p,
            boolean explicit,
            String why,
            Bound bd,
            List<Candidate> cs) {
        if (!explainAll && bd != null) return; // only failures and explain runs need the story
        if (explainAll && cs.isEmpty())
            cs = candidates(i, c, range, pools.containsKey(c.name()) ? pools.get(c.name()).all : List.of());
        decisions.put(
                i.id + "." + r.name(),
                new Decision(
                        i.id,
                        r.name(),
                        c.name(),
                        range.text(),
                        p,
                        explicit,
                        why,
                        bd == null ? null : bd.provider.id,
                        bd == null ? null : bd.provision.name(),
                        bd == null ? null : bd.kind,
                        cs,
                        r.span()));
    }

    private void checkUnusedBinds() {
        for (Bind b : setup.binds()) {
            if (usedBinds.contains(b)) continue;
            Bind.Ref from = b.consumer();
            Inst i = byId.get(from.instanceId());
            if (i == null) {
                String near = Suggest.closest(from.instanceId(), byId.keySet());
                diags.add(
                        Code.BAD_BIND,
                        from.span(),
                        "bind: there is no instance '" + from.instanceId() + "'",
                        near != null
                                ? "did you mean '" + near + "." + from.member() + "'?"
                                : "instances are NODE/NAME, such as web1/app");
            } else {
                String near = Suggest.closest(from.member(), i.module.requires().keySet());
                diags.add(
                        Code.BAD_BIND,
                        from.span(),
                        "bind: instance '" + i.id + "' has no requirement '" + from.member() + "'",
                        near != null
                                ? "did you mean '" + i.id + "." + near + "'?"
                                : i.module.requires().isEmpty()
                                        ? "it requires nothing"
                                        : "its requirements: "
                                                + String.join(
                                                        ", ",
                                                        i.module.requires().keySet()));
            }
        }
    }

    /**
     * The candidates of {@code i} that bind: entries aim at, in the order the diagnostics have
     * always come in: that of a {@code HashMap} by provision name.
     */
    private static Iterable<Cand> explicitlyBound(Inst i) {
        int n = 0;
        Cand one = null;
        for (Cand x : i.cands) {
            if (!x.explicitBound.isEmpty()) {
                n++;
                one = x;
            }
        }
        if (n == 0) return List.of();
        if (n == 1) return List.of(one);
        var byName = new HashMap<String, Cand>(2);
        for (Cand x : i.cands) byName.put(x.provision.name(), x);
        var out = new ArrayList<Cand>(n);
        for (Cand x : byName.values()) if (!x.explicitBound.isEmpty()) out.add(x);
        return out;
    }

    private void checkExplicitCapacity() {
        for (Inst i : insts) {
            for (Cand x : explicitlyBound(i)) {
                var list = new ArrayList<>(x.explicitBound);
                list.sort(java.util.Comparator.comparing((Bound b) -> b.consumer.id)
                        .thenComparing(b -> b.req.name()));
                Integer cap = x.provision.capacity();
                if (cap != null && list.size() > cap) {
                    for (Bound b : list.subList(cap, list.size())) {
                        diags.add(Diagnostic.of(
                                        Code.CAPACITY,
                                        b.bind.provider().span(),
                                        "bind: " + i.id + "." + x.provision.name() + " has capacity " + cap + " but "
                                                + list.size() + " bind: entries point at it",
                                        "raise its capacity, or bind some consumers to another provider")
                                .withRelated(List.of(new Diagnostic.Related("the capacity", x.provision.span()))));
                    }
                }
                Contract c = contract(x.provision.contract().text());
                if (c != null && !c.shared() && list.size() > 1) {
                    for (Bound b : list.subList(1, list.size())) {
                        diags.add(Diagnostic.of(
                                        Code.NOT_SHARED,
                                        b.bind.provider().span(),
                                        "bind: contract '" + c.name() + "' is not shared, but " + i.id + "."
                                                + x.provision.name() + " is bound to " + list.size() + " consumers",
                                        "give each consumer its own provider (policy sub-service)")
                                .withRelated(List.of(new Diagnostic.Related(
                                        "first consumer: " + list.get(0).consumer.id + "."
                                                + list.get(0).req.name(),
                                        list.get(0).bind.provider().span()))));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- graph

    private DependencyGraph graph() {
        int m = bounds.size();
        int[] from = new int[m];
        int[] to = new int[m];
        for (int e = 0; e < m; e++) {
            from[e] = bounds.get(e).consumer.index;
            to[e] = bounds.get(e).provider.index;
        }
        return new DependencyGraph(insts.size(), from, to);
    }

    private void rankInstances() {
        var byId = new ArrayList<>(insts);
        byId.sort(java.util.Comparator.comparing(i -> i.id));
        rank = new int[insts.size()];
        for (int k = 0; k < byId.size(); k++) rank[byId.get(k).index] = k;
    }

    /** Instances by id, through their precomputed ranks (no string comparisons). */
    private java.util.Comparator<Integer> byName() {
        return (a, b) -> Integer.compare(rank[a], rank[b]);
    }

    private void reportCycles(DependencyGraph g) {
        for (int[] cycle : g.cycles(byName())) {
            boolean oneNode = true;
            for (int e : cycle) oneNode &= bounds.get(e).consumer.node == bounds.get(cycle[0]).consumer.node;
            var path = new StringBuilder();
            var rel = new ArrayList<Diagnostic.Related>();
            for (int e : cycle) {
                Bound b = bounds.get(e);
                path.append(oneNode ? b.consumer.name : b.consumer.id)
                        .append('.')
                        .append(b.req.name())
                        .append(" -> ");
                rel.add(new Diagnostic.Related(
                        (oneNode ? b.consumer.name : b.consumer.id) + "." + b.req.name() + " is bound to "
                                + b.provider.id + "." + b.provision.name(),
                        b.bind != null ? b.bind.span() : b.req.span()));
            }
            Bound first = bounds.get(cycle[0]);
            path.append(oneNode ? first.consumer.name : first.consumer.id);
            boolean crosses = !oneNode;
            diags.add(Diagnostic.of(
                            Code.CYCLE,
                            first.req.span(),
                            "dependency cycle" + (crosses ? " across nodes" : "") + ": " + path,
                            "break the cycle: make one requirement optional, or bind it to a provider outside the cycle")
                    .withRelated(rel));
        }
    }

    // ---------------------------------------------------------------- plan

    private Plan assemble(DependencyGraph g) {
        var nodes = new ArrayList<PlanNode>();
        for (Node n : setup.nodes().values())
            nodes.add(new PlanNode(n.name(), n.address().text(), n.target()));
        var sortedInsts = new ArrayList<Inst>(insts);
        sortedInsts.sort((a, b) -> Integer.compare(rank[a.index], rank[b.index]));
        var instances = new ArrayList<org.modsvc.plan.Instance>(insts.size());
        for (Inst i : sortedInsts) instances.add(values.instance(i));

        var sortedBounds = new ArrayList<>(bounds);
        // By consumer id through its rank (rank order is id order), then requirement name.
        sortedBounds.sort(java.util.Comparator.comparingInt((Bound b) -> rank[b.consumer.index])
                .thenComparing(b -> b.req.name()));
        var bindings = new ArrayList<Binding>(bounds.size());
        var remote = new ArrayList<RemoteDependency>();
        for (Bound b : sortedBounds) {
            bindings.add(new Binding(
                    b.consumer.id,
                    b.req.name(),
                    b.provider.id,
                    b.provision.name(),
                    b.contract.name(),
                    b.kind,
                    b.request,
                    values.plainResult(b),
                    b.bind != null,
                    b.req.span()));
            if (b.kind == BindingKind.REMOTE) {
                remote.add(new RemoteDependency(
                        b.consumer.id,
                        b.req.name(),
                        b.provider.id,
                        b.provider.node.name(),
                        b.provider.node.address().text()));
            }
        }

        var order = new TreeMap<String, List<String>>();
        var nodeNames = new ArrayList<>(setup.nodes().keySet());
        var nodeIndex = new HashMap<String, Integer>();
        for (int k = 0; k < nodeNames.size(); k++) nodeIndex.put(nodeNames.get(k), k);
        int[] groupOf = new int[insts.size()];
        for (Inst i : insts) groupOf[i.index] = nodeIndex.get(i.node.name());
        int[][] orders = g.startOrders(groupOf, nodeNames.size(), rank);
        for (int k = 0; k < nodeNames.size(); k++) {
            var ids = new String[orders[k].length];
            for (int j = 0; j < ids.length; j++) ids[j] = insts.get(orders[k][j]).id;
            order.put(nodeNames.get(k), List.of(ids));
        }

        // Instances come in id order, so the map is built without sorting.
        var failsWith = org.modsvc.model.ArraySortedMap.<String, List<String>>builder(insts.size());
        boolean[] scratch = new boolean[insts.size()];
        int[] stack = new int[insts.size()];
        int budget = FAILS_WITH_BUDGET;
        for (Inst i : sortedInsts) {
            if (g.consumerCount(i.index) == 0 || budget <= 0) continue;
            int[] deps = g.dependents(i.index, scratch, stack, budget);
            budget -= deps.length;
            // Sorting ranks, not strings: ranks follow id order.
            for (int k = 0; k < deps.length; k++) deps[k] = rank[deps[k]];
            Arrays.sort(deps);
            var ids = new String[deps.length];
            for (int k = 0; k < deps.length; k++) ids[k] = sortedInsts.get(deps[k]).id;
            failsWith.put(i.id, List.of(ids));
        }

        var unique = new ArrayList<>(new LinkedHashSet<>(diags.toList()));
        return new Plan(setup.name(), policy, nodes, instances, bindings, order, remote, failsWith.build(), unique);
    }
}
