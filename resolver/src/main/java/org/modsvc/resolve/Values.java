package org.modsvc.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;
import org.modsvc.load.Suggest;
import org.modsvc.model.ArraySortedMap;
import org.modsvc.model.ConfigData;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.FieldType;
import org.modsvc.model.Module;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;
import org.modsvc.plan.Provided;
import org.modsvc.plan.Reload;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;
import org.modsvc.resolve.ResolveRun.Bound;
import org.modsvc.resolve.ResolveRun.Inst;
import org.modsvc.resolve.reference.Template;

/**
 * Fills in {@code ${…}} references once every binding is known, and checks values against their
 * contract fields. Instances are resolved providers first, so a consumer reads its providers'
 * finished result values; a substituted value is never scanned for references again, which
 * bounds the work by the size of the input (and each value by {@code Limits.expansion}).
 */
final class Values {
    static final String CONFIG_ROOT = "/etc/system-services/";
    private static final List<String> ROOTS = List.of(
            "node.address",
            "node.name",
            "self.name",
            "self.stateDir",
            "self.runtimeDir",
            "requires.R.FIELD",
            "provides.P.FIELD",
            "configData.N.path",
            "request.FIELD and consumer.{id,name,node} (in a provision's result and fulfil)");

    private final ResolveRun run;
    private Resolved[] done = new Resolved[0];
    private final List<PortClaim> claims = new ArrayList<>();
    /** How many times the 'expansion' limit all substituted values of a plan may hold together. */
    static final long EXPANSION_BUDGET = 16;
    /** Characters produced so far by values with references, against the budget. */
    private long expanded;

    private boolean budgetReported;
    /** Parsed templates by text: instances of one module share their strings. */
    private final Map<String, Template> templates = new HashMap<>();
    /**
     * Values of texts without references, shared by every instance that writes the same text (a
     * module's argv and fixed settings, node addresses): one value each instead of one per use.
     */
    private final Value[] literals = new Value[1 << 12];
    /**
     * Passthrough systemd keys and wrapper settings by module: the same for all its instances. Only
     * modules that have some are kept (a setup may have a module per service).
     */
    private final Map<Module, SortedMap<String, SortedMap<String, List<String>>>> systemdOf = new IdentityHashMap<>();

    private final Map<Module, WrapperPlan> wrapperOf = new IdentityHashMap<>();

    /**
     * The binding whose request and consumer a value is being filled in for ({@code ${request.F}},
     * {@code ${consumer.*}}): set only while a provision's per-consumer result or fulfil command is
     * expanded, null otherwise.
     */
    private Bound context;

    Values(ResolveRun run) {
        this.run = run;
    }

    /** What one instance resolved to. Collections are filled once and never changed after. */
    private static final class Resolved {
        /**
         * The provisions resolved so far, in name order (the module's order): names, result values
         * and the same as plain strings, made once however many consumers read them.
         */
        String[] provisions = NO_NAMES;

        SortedMap<String, Value>[] results;
        SortedMap<String, String>[] plain;
        int provided;

        List<Value> argv = List.of();
        SortedMap<String, Value> environment = Collections.emptySortedMap();
        List<ConfigFile> configData = List.of();
        /** Null until a secret is read. */
        SortedMap<String, String> credentials;
        /** Claimed ports in claim order, {@code portCount} of them. */
        int[] ports = NO_PORTS;

        int portCount;
        Reload reload;
        List<Value> init = List.of();
        List<org.modsvc.plan.Lifecycle.Fulfil> fulfil = List.of();

        /** Index of provision {@code name} among those resolved so far, or negative. */
        int provision(String name) {
            return Arrays.binarySearch(provisions, 0, provided, name);
        }

        SortedMap<String, Value> results(String provision) {
            int k = provision(provision);
            return k >= 0 ? results[k] : Collections.emptySortedMap();
        }

        SortedMap<String, String> plain(String provision) {
            int k = provision(provision);
            return k >= 0 ? plain[k] : Collections.emptySortedMap();
        }

        void addPort(int port) {
            if (portCount == ports.length) ports = Arrays.copyOf(ports, Math.max(2, 2 * portCount));
            ports[portCount++] = port;
        }

        /** The ports sorted, each once. */
        List<Integer> sortedPorts() {
            if (portCount == 0) return List.of();
            int[] p = Arrays.copyOf(ports, portCount);
            Arrays.sort(p);
            var out = new Integer[p.length];
            int n = 0;
            for (int k = 0; k < p.length; k++) if (k == 0 || p[k] != p[k - 1]) out[n++] = p[k];
            return List.of(Arrays.copyOf(out, n));
        }
    }

    private static final String[] NO_NAMES = {};
    private static final int[] NO_PORTS = {};

    private record PortClaim(Inst inst, int port, Span span) {}

    /** Where a value is used; result values may not refer to other result values. */
    private enum Where {
        RESULT,
        OTHER
    }

    /** What {@link #checkField} found. */
    private enum FieldCheck {
        OK,
        /** The value could not be resolved; already reported. */
        FAILED,
        /** A secret field without a usable path: reported, and its value must be hidden. */
        REDACTED,
        /** The value does not fit the field's type: reported. */
        BAD_TYPE
    }

    /**
     * Checks one request or result value against its contract field and reports what is wrong.
     *
     * @param side "request" or "result", for the message
     * @param ownerKind "requirement" or "provision", for the message
     * @param ownerName its name, for the message
     * @param failed whether resolving the value's references already failed (and was reported)
     */
    private FieldCheck checkField(
            Field f,
            String side,
            String key,
            String ownerKind,
            String ownerName,
            Value v,
            Scalar written,
            boolean failed) {
        if (f.secret() && (failed || !isSecretPath(v.plain()))) {
            secretInline(written.span(), side, key, ownerKind + " '" + ownerName + "'", failed);
            return FieldCheck.REDACTED;
        }
        if (failed) return FieldCheck.FAILED;
        String problem = typeProblem(f.type(), v.plain());
        if (problem == null) return FieldCheck.OK;
        run.diags.add(
                Code.FIELD_TYPE,
                written.span(),
                side + " field '" + key + "' of " + ownerKind + " '" + ownerName + "' must be " + problem + ", not '"
                        + v.plain() + "'",
                "fields of type " + f.type().word() + ": " + example(f.type()));
        return FieldCheck.BAD_TYPE;
    }

    void resolveAll(int[] order) {
        done = new Resolved[run.insts.size()];
        for (int v : order) resolve(run.insts.get(v));
        // After every instance: a consumer's request is resolved with the consumer, which comes
        // after its provider in the order.
        for (int v : order) fulfil(run.insts.get(v));
        checkPorts();
    }

    @SuppressWarnings("unchecked")
    private void resolve(Inst i) {
        var r = new Resolved();
        done[i.index] = r;
        Module m = i.module;
        boolean[] failed = new boolean[1];
        int provisionCount = m.provides().size();
        if (provisionCount > 0) {
            r.provisions = new String[provisionCount];
            r.results = new SortedMap[provisionCount];
            r.plain = new SortedMap[provisionCount];
        }
        for (Provision p : m.provides().values()) {
            var res = ArraySortedMap.<String, Value>builder(p.result().size());
            var plain = ArraySortedMap.<String, String>builder(p.result().size());
            Contract c = i.cands.length > 0
                    ? i.cands[r.provided].contract
                    : run.contract(p.contract().text());
            for (var e : p.result().entrySet()) {
                failed[0] = false;
                Value v = expand(e.getValue(), i, r, Where.RESULT, failed);
                if (c != null) {
                    Field f = c.result().get(e.getKey());
                    if (f == null) {
                        unknownResultField(c, e.getKey(), e.getValue());
                    } else {
                        FieldCheck check =
                                checkField(f, "result", e.getKey(), "provision", p.name(), v, e.getValue(), failed[0]);
                        if (check == FieldCheck.REDACTED) {
                            v = literal(REDACTED);
                        } else if (check == FieldCheck.OK && f.type() == FieldType.PORT) {
                            int port = Integer.parseInt(v.plain());
                            r.addPort(port);
                            claims.add(new PortClaim(i, port, e.getValue().span()));
                        }
                    }
                }
                res.put(e.getKey(), v);
                plain.put(e.getKey(), v.plain());
            }
            if (c != null) {
                for (Field f : c.result().values()) {
                    if (!f.optional() && !p.result().containsKey(f.name())) {
                        run.diags.add(Diagnostic.of(
                                        Code.MISSING_RESULT_FIELD,
                                        p.span(),
                                        "provision '" + p.name() + "' does not fill result field '" + f.name()
                                                + "' of contract '" + c.name() + "'",
                                        "add result: { " + f.name() + ": … } (type "
                                                + f.type().word() + ")")
                                .withRelated(List.of(new Diagnostic.Related("the field is declared here", f.span()))));
                    }
                }
            }
            // Provisions come in name order, so the names stay sorted for the bisection.
            r.provisions[r.provided] = p.name();
            r.results[r.provided] = res.build();
            r.plain[r.provided] = plain.build();
            r.provided++;
        }
        // Requests first: a provider's per-consumer result may read them (${request.F}).
        for (Requirement q : m.requires().values()) {
            if (q.request().isEmpty()) continue;
            Contract c = run.contract(q.contract().text());
            var request = ArraySortedMap.<String, String>builder(q.request().size());
            for (var e : q.request().entrySet()) {
                failed[0] = false;
                Value v = expand(e.getValue(), i, r, Where.OTHER, failed);
                String plain = v.plain();
                Field f = c == null ? null : c.request().get(e.getKey());
                if (f != null) {
                    FieldCheck check =
                            checkField(f, "request", e.getKey(), "requirement", q.name(), v, e.getValue(), failed[0]);
                    if (check == FieldCheck.REDACTED) plain = REDACTED;
                }
                request.put(e.getKey(), plain);
            }
            Bound b = i.bound(q.name());
            if (b != null) b.request = request.build();
        }
        List<Scalar> argv = m.process().argv();
        if (!argv.isEmpty()) {
            var out = new Value[argv.size()];
            for (int k = 0; k < out.length; k++) out[k] = expand(argv.get(k), i, r, Where.OTHER, null);
            r.argv = List.of(out);
        }
        var environment = m.process().environment();
        if (!environment.isEmpty()) {
            var b = ArraySortedMap.<String, Value>builder(environment.size());
            for (var e : environment.entrySet()) b.put(e.getKey(), expand(e.getValue(), i, r, Where.OTHER, null));
            r.environment = b.build();
        }
        if (!m.configData().isEmpty()) {
            var files = new ConfigFile[m.configData().size()];
            int k = 0;
            for (ConfigData cd : m.configData().values()) {
                files[k++] = new ConfigFile(cd.name(), configPath(i, cd), expand(cd.text(), i, r, Where.OTHER, null));
            }
            r.configData = List.of(files);
        }
        List<Scalar> init = m.lifecycle().init();
        if (!init.isEmpty()) {
            var out = new Value[init.size()];
            for (int k = 0; k < out.length; k++) out[k] = expand(init.get(k), i, r, Where.OTHER, null);
            r.init = List.of(out);
        }
        if (m.process().reloadSignal() != null) {
            r.reload = new Reload.Signal(m.process().reloadSignal().text());
        } else if (!m.process().reloadCommand().isEmpty()) {
            var argv2 = new ArrayList<Value>();
            for (Scalar s : m.process().reloadCommand()) argv2.add(expand(s, i, r, Where.OTHER, null));
            r.reload = new Reload.Command(argv2);
        }
    }

    /** The fulfil commands of {@code i}'s provisions, one per consumer, in consumer order. */
    private void fulfil(Inst i) {
        Resolved r = done[i.index];
        if (r == null) return;
        var out = new ArrayList<org.modsvc.plan.Lifecycle.Fulfil>();
        for (Provision p : i.module.provides().values()) {
            if (p.fulfil().isEmpty()) continue;
            var served = new ArrayList<>(i.served(p.name()));
            served.sort(Comparator.comparing((Bound b) -> b.consumer.id).thenComparing(b -> b.req.name()));
            for (Bound b : served) {
                context = b;
                try {
                    var argv = new Value[p.fulfil().size()];
                    for (int k = 0; k < argv.length; k++)
                        argv[k] = expand(p.fulfil().get(k), i, r, Where.OTHER, null);
                    out.add(new org.modsvc.plan.Lifecycle.Fulfil(p.name(), b.consumer.id, b.req.name(), List.of(argv)));
                } finally {
                    context = null;
                }
            }
        }
        if (!out.isEmpty()) r.fulfil = List.copyOf(out);
    }

    /** Whether a provision's result value depends on the consumer it is given to. */
    private static boolean perConsumer(Scalar written) {
        String t = written.text();
        return t.contains("${request.") || t.contains("${consumer.");
    }

    /**
     * The result of {@code b}'s provision as {@code b}'s consumer sees it: the provision's values,
     * with those that read the request or the consumer filled in for this binding. Made once per
     * binding; a result without such values is the provision's own, shared.
     */
    private SortedMap<String, Value> resultFor(Bound b) {
        Resolved pr = done[b.provider.index];
        if (pr == null) return Collections.emptySortedMap();
        SortedMap<String, Value> shared = pr.results(b.provision.name());
        if (b.result != null) return b.result;
        boolean any = false;
        for (Scalar v : b.provision.result().values()) any |= perConsumer(v);
        if (!any) return shared;
        var res = ArraySortedMap.<String, Value>builder(shared.size());
        var plain = ArraySortedMap.<String, String>builder(shared.size());
        Bound before = context;
        context = b;
        try {
            for (var e : shared.entrySet()) {
                Scalar written = b.provision.result().get(e.getKey());
                Value v = written != null && perConsumer(written)
                        ? expand(written, b.provider, pr, Where.RESULT, null)
                        : e.getValue();
                res.put(e.getKey(), v);
                plain.put(e.getKey(), v.plain());
            }
        } finally {
            context = before;
        }
        b.result = res.build();
        b.plainResult = plain.build();
        return b.result;
    }

    private void unknownResultField(Contract c, String key, Scalar written) {
        String near = Suggest.closest(key, c.result().keySet());
        run.diags.add(
                Code.UNKNOWN_RESULT_FIELD,
                written.span(),
                "contract '" + c.name() + "' has no result field '" + key + "'",
                near != null
                        ? "did you mean '" + near + "'?"
                        : "its result fields: " + String.join(", ", c.result().keySet()));
    }

    private static String configPath(Inst i, ConfigData cd) {
        return cd.path() != null ? cd.path().text() : CONFIG_ROOT + i.name + "/" + cd.name();
    }

    private void checkPorts() {
        claims.sort(java.util.Comparator.comparing((PortClaim c) -> c.inst.id).thenComparing(PortClaim::span));
        var first = new HashMap<String, PortClaim>();
        for (PortClaim c : claims) {
            String key = c.inst.node.name() + ":" + c.port;
            PortClaim prior = first.putIfAbsent(key, c);
            if (prior == null || prior.inst == c.inst) continue;
            run.diags.add(Diagnostic.of(
                            Code.PORT_CONFLICT,
                            c.span,
                            c.inst.id + " claims port " + c.port + " on node '" + c.inst.node.name() + "', which "
                                    + prior.inst.id + " already claims",
                            "give one of them another port")
                    .withRelated(List.of(new Diagnostic.Related(prior.inst.id + " claims it here", prior.span))));
        }
    }

    /** What the plan shows in place of secret material written where a file path belongs. */
    static final String REDACTED = "(secret value not shown)";

    /**
     * Whether {@code v} can be a secret's file path. Anything else may be the secret itself (a
     * password, a PEM block), so it is neither echoed in the diagnostic nor kept in the plan.
     */
    static boolean isSecretPath(String v) {
        if (!v.startsWith("/")) return false;
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch < ' ' || ch == 0x7f) return false;
        }
        return true;
    }

    /**
     * E037, also when a reference in the value failed: the value may still hold secret material,
     * and an E037 on its line keeps the line out of every rendered diagnostic.
     */
    private void secretInline(Span at, String kind, String field, String of, boolean unresolved) {
        run.diags.add(
                Code.SECRET_INLINE,
                at,
                "secret " + kind + " field '" + field + "' of " + of
                        + (unresolved
                                ? " cannot be filled in (see the reference error)"
                                : " must be the absolute path of a file holding the secret")
                        + "; the value is not shown",
                "put the secret in a file on the node (or a credential store) and write its path here");
    }

    /** Null when {@code v} fits {@code t}, else what it should be ("a port (1-65535)"). */
    static String typeProblem(FieldType t, String v) {
        switch (t) {
            case STRING:
                return null;
            case INT: {
                int from = v.startsWith("-") ? 1 : 0;
                return isDigits(v, from, 18) ? null : "an integer";
            }
            case PORT:
                if (isDigits(v, 0, 5)) {
                    int p = Integer.parseInt(v);
                    if (p >= 1 && p <= 65535) return null;
                }
                return "a port number (1-65535)";
            case HOST:
                return isHost(v) ? null : "a host name or address";
            case PATH:
                return v.startsWith("/") ? null : "an absolute path";
            case URL:
                return isUrl(v) ? null : "a URL (scheme://…)";
            case BOOL:
                return v.equals("true") || v.equals("false") ? null : "true or false";
            default:
                throw new IllegalStateException(t.name());
        }
    }

    // The checks below are hand-written forms of regular expressions; String.matches compiled its
    // pattern again for every field of every instance.

    /** {@code v.substring(from)} matches {@code [0-9]{1,max}}. */
    private static boolean isDigits(String v, int from, int max) {
        int n = v.length() - from;
        if (n < 1 || n > max) return false;
        for (int k = from; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch < '0' || ch > '9') return false;
        }
        return true;
    }

    /** Not empty, and no blank, control character or slash. */
    private static boolean isHost(String v) {
        if (v.isEmpty()) return false;
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch <= ' ' || ch == '/') return false;
        }
        return true;
    }

    /** {@code v} matches {@code [A-Za-z][A-Za-z0-9+.-]*://\\S+}. */
    private static boolean isUrl(String v) {
        if (v.isEmpty() || !isAsciiLetter(v.charAt(0))) return false;
        int k = 1;
        while (k < v.length() && isSchemeChar(v.charAt(k))) k++;
        // The scheme cannot hold ':', so "://" must follow right where it ends.
        if (!v.startsWith("://", k)) return false;
        k += 3;
        if (k >= v.length()) return false;
        for (; k < v.length(); k++) {
            switch (v.charAt(k)) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r' -> {
                    return false;
                }
                default -> {}
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    }

    private static boolean isSchemeChar(char ch) {
        return isAsciiLetter(ch) || (ch >= '0' && ch <= '9') || ch == '+' || ch == '.' || ch == '-';
    }

    private static String example(FieldType t) {
        return switch (t) {
            case STRING -> "any text";
            case INT -> "42";
            case PORT -> "5432";
            case HOST -> "db1.example.org or 10.0.0.12";
            case PATH -> "/run/postgresql";
            case URL -> "https://example.org/";
            case BOOL -> "true";
        };
    }

    /**
     * The value of a text without references, shared while the same string object comes again
     * (instances of one module share their strings). A small table by identity: hashing and
     * comparing the contents of every string cost more than the values it saved.
     */
    private Value literal(String text) {
        int slot = System.identityHashCode(text) & (literals.length - 1);
        Value v = literals[slot];
        if (v != null && v.parts().size() == 1 && ((Part.Literal) v.parts().get(0)).text() == text) return v;
        v = Value.of(text);
        literals[slot] = v;
        return v;
    }

    /** The characters a value stands for: literal text and secret file paths. */
    private static long length(Value v) {
        long n = 0;
        for (Part p : v.parts()) {
            n += p instanceof Part.Literal l
                    ? l.text().length()
                    : ((Part.SecretFile) p).source().length();
        }
        return n;
    }

    /**
     * {@code s} with its references filled in for instance {@code i}. Reports every bad reference
     * at its exact place; {@code failed[0]} (when given) is set when something could not be filled.
     * A value that is one reference and nothing else is the referenced value itself, shared.
     */
    private Value expand(Scalar s, Inst i, Resolved self, Where where, boolean[] failed) {
        String text = s.text();
        if (text.indexOf('$') < 0) return literal(text);
        Template t = templates.get(text);
        if (t == null) {
            t = Template.parse(text);
            templates.put(text, t);
        }
        if (t.problem() != null) {
            run.diags.add(
                    Code.BAD_REFERENCE,
                    spanIn(s, t.problem().offset(), t.problem().length()),
                    t.problem().message(),
                    "references look like ${requires.db.host}; write $${ for a literal ${");
            if (failed != null) failed[0] = true;
            return literal(text);
        }
        // Adjacent literal text is merged here, as Value would merge it, without a list of parts.
        var pending = new StringBuilder();
        List<Part> parts = null;
        Value only = null;
        int pieces = t.pieces().size();
        long length = 0;
        for (Template.Piece piece : t.pieces()) {
            Value add;
            long added;
            if (piece instanceof Template.Text x) {
                add = null;
                added = x.text().length();
                pending.append(x.text());
            } else {
                add = reference((Template.Ref) piece, s, i, self, where);
                if (add == null) {
                    if (failed != null) failed[0] = true;
                    continue;
                }
                added = length(add);
            }
            length += added;
            if (length > run.limits.expansion()) {
                run.diags.add(
                        Code.LIMIT,
                        s.span(),
                        "filling in the references of this value gives more than " + run.limits.expansion()
                                + " characters (limit 'expansion')",
                        org.modsvc.source.Limits.raiseHint("expansion"));
                if (failed != null) failed[0] = true;
                return Value.EMPTY;
            }
            if (add == null) continue;
            if (pieces == 1) {
                only = add;
                continue;
            }
            for (Part p : add.parts()) {
                if (p instanceof Part.Literal l) {
                    pending.append(l.text());
                } else {
                    if (parts == null) parts = new ArrayList<>(4);
                    if (pending.length() > 0) {
                        parts.add(new Part.Literal(pending.toString()));
                        pending.setLength(0);
                    }
                    parts.add(p);
                }
            }
        }
        // Each value is bounded above, but a setup could still ask for many of them (a long value
        // referenced from thousands of places): the whole plan's substituted text has a budget too.
        expanded += length;
        if (expanded > EXPANSION_BUDGET * run.limits.expansion()) {
            if (!budgetReported) {
                budgetReported = true;
                run.diags.add(
                        Code.LIMIT,
                        s.span(),
                        "filling in the references of the setup gives more than " + EXPANSION_BUDGET + " × "
                                + run.limits.expansion() + " characters in all (limit 'expansion')",
                        org.modsvc.source.Limits.raiseHint("expansion"));
            }
            if (failed != null) failed[0] = true;
            return Value.EMPTY;
        }
        if (only != null) return only;
        if (parts == null) return pending.length() == 0 ? Value.EMPTY : Value.of(pending.toString());
        if (pending.length() > 0) parts.add(new Part.Literal(pending.toString()));
        return new Value(parts);
    }

    /** The value a reference stands for, or null after reporting why it cannot be filled. */
    private Value reference(Template.Ref ref, Scalar s, Inst i, Resolved self, Where where) {
        List<String> path = ref.path();
        String root = path.get(0);
        // Positions are worked out only for a diagnostic: finding the source line is not free.
        java.util.function.Supplier<Span> at = () -> spanIn(s, ref.offset(), ref.length());
        switch (root) {
            case "node":
                if (path.size() == 2 && path.get(1).equals("address"))
                    return literal(i.node.address().text());
                if (path.size() == 2 && path.get(1).equals("name")) return literal(i.node.name());
                return bad(at, ref, "node has only ${node.address} and ${node.name}");
            case "self":
                if (path.size() == 2 && path.get(1).equals("name")) return Value.of(i.name);
                if (path.size() == 2 && path.get(1).equals("stateDir")) return Value.of(Instance.STATE_ROOT + i.name);
                if (path.size() == 2 && path.get(1).equals("runtimeDir"))
                    return Value.of(Instance.RUNTIME_ROOT + i.name);
                return bad(at, ref, "self has only ${self.name}, ${self.stateDir} and ${self.runtimeDir}");
            case "request": {
                if (context == null) return outsideFulfil(at, ref, where);
                if (path.size() != 2) return bad(at, ref, "write ${request.FIELD}");
                String v = context.request.get(path.get(1));
                if (v == null) {
                    if (ref.fallback() != null) return literal(ref.fallback());
                    return bad(
                            at,
                            ref,
                            context.consumer.id + "." + context.req.name() + " sends no request field '" + path.get(1)
                                    + "'" + didYouMean(path.get(1), context.request.keySet()));
                }
                return Value.of(v);
            }
            case "consumer": {
                if (context == null) return outsideFulfil(at, ref, where);
                if (path.size() == 2 && path.get(1).equals("id")) return Value.of(context.consumer.id);
                if (path.size() == 2 && path.get(1).equals("name")) return Value.of(context.consumer.name);
                if (path.size() == 2 && path.get(1).equals("node")) return literal(context.consumer.node.name());
                if (path.size() == 2 && path.get(1).equals("requirement")) return Value.of(context.req.name());
                return bad(
                        at,
                        ref,
                        "consumer has only ${consumer.id}, ${consumer.name}, ${consumer.node} and"
                                + " ${consumer.requirement}");
            }
            case "configData": {
                if (path.size() != 3 || !path.get(2).equals("path"))
                    return bad(at, ref, "write ${configData.NAME.path}");
                ConfigData cd = i.module.configData().get(path.get(1));
                if (cd == null)
                    return bad(
                            at,
                            ref,
                            "there is no configData '" + path.get(1) + "'"
                                    + didYouMean(
                                            path.get(1), i.module.configData().keySet()));
                return Value.of(configPath(i, cd));
            }
            case "provides": {
                if (where == Where.RESULT)
                    return bad(at, ref, "a result value cannot refer to another result value; write the value itself");
                if (path.size() != 3) return bad(at, ref, "write ${provides.PROVISION.FIELD}");
                Provision p = i.module.provides().get(path.get(1));
                if (p == null)
                    return bad(
                            at,
                            ref,
                            "there is no provision '" + path.get(1) + "'"
                                    + didYouMean(
                                            path.get(1), i.module.provides().keySet()));
                Value v = context != null && context.provider == i && context.provision == p
                        ? resultFor(context).get(path.get(2))
                        : self.results(p.name()).get(path.get(2));
                if (v == null)
                    return bad(
                            at,
                            ref,
                            "provision '" + p.name() + "' sets no result field '" + path.get(2) + "'"
                                    + didYouMean(path.get(2), p.result().keySet()));
                return v;
            }
            case "requires": {
                if (path.size() != 3) return bad(at, ref, "write ${requires.REQUIREMENT.FIELD}");
                Requirement q = i.module.requires().get(path.get(1));
                if (q == null)
                    return bad(
                            at,
                            ref,
                            "there is no requirement '" + path.get(1) + "'"
                                    + didYouMean(
                                            path.get(1), i.module.requires().keySet()));
                Contract c = run.contract(q.contract().text());
                if (c == null) return null; // E030 already
                Field f = c.result().get(path.get(2));
                if (f == null)
                    return bad(
                            at,
                            ref,
                            "contract '" + c.name() + "' has no result field '" + path.get(2) + "'"
                                    + didYouMean(path.get(2), c.result().keySet()));
                Bound b = i.bound(q.name());
                if (b == null) {
                    if (i.isUnmetOptional(q.name())) {
                        if (ref.fallback() != null) return literal(ref.fallback());
                        run.diags.add(
                                Code.BAD_REFERENCE,
                                at.get(),
                                "'" + ref.written() + "' refers to optional requirement '" + q.name()
                                        + "', which stays unmet",
                                "give a fallback: ${requires." + q.name() + "." + path.get(2) + ":-VALUE}");
                    }
                    return null; // otherwise its own error was reported
                }
                Resolved pr = done[b.provider.index];
                if (pr == null) return null; // on a cycle, reported as E046
                Value v = resultFor(b).get(f.name());
                if (v == null) {
                    if (ref.fallback() != null) return literal(ref.fallback());
                    if (!f.optional()) return null; // E035 at the provider
                    return bad(
                            at,
                            ref,
                            b.provider.id + "." + b.provision.name() + " leaves optional result field '" + f.name()
                                    + "' empty; give a fallback with :-");
                }
                if (f.secret()) {
                    String credential = q.name() + "-" + f.name();
                    if (self.credentials == null) self.credentials = new TreeMap<>();
                    self.credentials.put(credential, v.plain());
                    return new Value(List.of(new Part.SecretFile(credential, v.plain())));
                }
                return v;
            }
            default:
                return bad(at, ref, "unknown reference root '" + root + "'");
        }
    }

    /**
     * A request or consumer reference outside a per-consumer expansion: in a provision's own result
     * it stays as written (the plan shows the provision's values that way); elsewhere it is an error.
     */
    private Value outsideFulfil(java.util.function.Supplier<Span> at, Template.Ref ref, Where where) {
        if (where == Where.RESULT) return literal(ref.written());
        return bad(at, ref, "${request.*} and ${consumer.*} are filled in only in a provision's result and fulfil");
    }

    private Value bad(java.util.function.Supplier<Span> at, Template.Ref ref, String why) {
        run.diags.add(
                Code.BAD_REFERENCE,
                at.get(),
                "cannot resolve '" + ref.written() + "': " + why,
                "references are "
                        + String.join(
                                ", ", ROOTS.stream().map(x -> "${" + x + "}").toList())
                        + "; write $${ for a literal ${");
        return null;
    }

    private static String didYouMean(String w, java.util.Collection<String> options) {
        String near = Suggest.closest(w, options);
        if (near != null) return "; did you mean '" + near + "'?";
        return options.isEmpty() ? "" : " (there are: " + String.join(", ", options) + ")";
    }

    /**
     * The span of {@code length} characters at {@code offset} inside scalar {@code s}. A quoted
     * scalar's span starts at its quote, so the offset moves one further; values with escapes or
     * line breaks fall back to the scalar's own span.
     */
    Span spanIn(Scalar s, int offset, int length) {
        Span sp = s.span();
        if (sp.isNone()) return sp;
        var src = run.setup.sources().get(sp.file());
        int col = sp.column();
        if (src != null) {
            String line = src.line(sp.line());
            int at = col - 1;
            if (at >= 0 && at < line.length()) {
                char q = line.charAt(at);
                int start = (q == '"' || q == '\'') ? at + 1 : at;
                if (!line.startsWith(s.text(), start)) return sp;
                return Span.of(sp.file(), sp.line(), start + 1 + offset, length);
            }
        }
        return sp;
    }

    // ---------------------------------------------------------------- plan records

    /** The provision's result values as plain strings; never null. */
    /** The result {@code b}'s consumer was given, as plain strings; never null. */
    SortedMap<String, String> plainResult(Bound b) {
        resultFor(b);
        return b.plainResult != null ? b.plainResult : plainResult(b.provider, b.provision.name());
    }

    SortedMap<String, String> plainResult(Inst provider, String provision) {
        Resolved r = done[provider.index];
        return r == null ? Collections.emptySortedMap() : r.plain(provision);
    }

    private static final Comparator<Provided.Consumer> BY_CONSUMER =
            Comparator.comparing(Provided.Consumer::instance).thenComparing(Provided.Consumer::requirement);

    Instance instance(Inst i) {
        Resolved r = done[i.index] == null ? new Resolved() : done[i.index];
        Module m = i.module;
        var provides = new Provided[m.provides().size()];
        int k = 0;
        for (Provision p : m.provides().values()) {
            List<Bound> served = i.served(p.name());
            var consumers = new Provided.Consumer[served.size()];
            for (int j = 0; j < consumers.length; j++) {
                Bound b = served.get(j);
                consumers[j] = new Provided.Consumer(b.consumer.id, b.req.name(), b.request);
            }
            Arrays.sort(consumers, BY_CONSUMER);
            provides[k++] = new Provided(
                    p.name(),
                    p.contract().text(),
                    p.version() == null ? null : p.version().text(),
                    p.capacity(),
                    plainResult(i, p.name()),
                    List.of(consumers));
        }
        return new Instance(
                i.id,
                i.node.name(),
                i.name,
                i.moduleName,
                i.owner == null ? null : i.owner.id,
                m.kind(),
                r.argv,
                r.environment,
                m.notificationProtocol(),
                r.reload,
                r.configData,
                List.of(provides),
                r.sortedPorts(),
                r.credentials == null ? Collections.emptySortedMap() : r.credentials,
                m.systemd().isEmpty() ? Collections.emptySortedMap() : systemdOf.computeIfAbsent(m, Values::systemd),
                m.hardening(),
                m.wrapper() == null || isEmpty(m.wrapper())
                        ? WrapperPlan.EMPTY
                        : wrapperOf.computeIfAbsent(m, Values::wrapper),
                Instance.STATE_ROOT + i.name,
                Instance.RUNTIME_ROOT + i.name,
                r.init.isEmpty() && r.fulfil.isEmpty()
                        ? org.modsvc.plan.Lifecycle.NONE
                        : new org.modsvc.plan.Lifecycle(r.init, r.fulfil),
                m.packages().isEmpty()
                        ? List.of()
                        : m.packages().stream()
                                .map(Scalar::text)
                                .distinct()
                                .sorted()
                                .toList(),
                m.span());
    }

    /** Passthrough keys as written, section → key → values. */
    private static SortedMap<String, SortedMap<String, List<String>>> systemd(Module m) {
        var systemd = ArraySortedMap.<String, SortedMap<String, List<String>>>builder(
                m.systemd().size());
        for (var sec : m.systemd().entrySet()) {
            var keys =
                    ArraySortedMap.<String, List<String>>builder(sec.getValue().size());
            for (var kv : sec.getValue().entrySet())
                keys.put(kv.getKey(), kv.getValue().stream().map(Scalar::text).toList());
            systemd.put(sec.getKey(), keys.build());
        }
        return systemd.build();
    }

    /** Wrapper settings are passed through as written: they are shell-side, not references. */
    private static WrapperPlan wrapper(Module m) {
        var w = m.wrapper();
        if (w == null || isEmpty(w)) return WrapperPlan.EMPTY;
        var setDefault = new TreeMap<String, Value>();
        for (var e : w.setDefault().entrySet())
            setDefault.put(e.getKey(), Value.of(e.getValue().text()));
        var prefix = new TreeMap<String, WrapperPlan.PathList>();
        for (var e : w.prefix().entrySet()) prefix.put(e.getKey(), pathList(e.getValue()));
        var suffix = new TreeMap<String, WrapperPlan.PathList>();
        for (var e : w.suffix().entrySet()) suffix.put(e.getKey(), pathList(e.getValue()));
        return new WrapperPlan(
                setDefault,
                w.unset().stream().map(Scalar::text).toList(),
                prefix,
                suffix,
                w.chdir() == null ? null : Value.of(w.chdir().text()),
                w.argsAfter().stream().map(x -> Value.of(x.text())).toList());
    }

    private static boolean isEmpty(org.modsvc.model.WrapperSpec w) {
        return w.setDefault().isEmpty()
                && w.unset().isEmpty()
                && w.prefix().isEmpty()
                && w.suffix().isEmpty()
                && w.chdir() == null
                && w.argsAfter().isEmpty();
    }

    private static WrapperPlan.PathList pathList(org.modsvc.model.WrapperSpec.PathList p) {
        return new WrapperPlan.PathList(
                p.separator(), p.values().stream().map(x -> Value.of(x.text())).toList());
    }
}
