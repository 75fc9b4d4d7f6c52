package org.modsvc.resolve.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.diag.Suggest;
import org.modsvc.model.ArraySortedMap;
import org.modsvc.model.ConfigData;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;
import org.modsvc.plan.Value;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.reference.Template;
import org.modsvc.source.Limits;

/**
 * Fills in the {@code ${…}} references of one value for one instance: the one place that knows
 * what a reference may name. A substituted value is never scanned for references again, which
 * bounds the work by the size of the input (and each value by {@code Limits.expansion}); the
 * plan's substituted text as a whole has a budget too.
 */
final class Expand {
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
            "request.FIELD and consumer.{id,name,node,requirement} (in a provision's result and fulfil)");
    /** How many times the 'expansion' limit all substituted values of a plan may hold together. */
    static final long EXPANSION_BUDGET = 16;

    /** Where a value is used; result values may not refer to other result values. */
    enum Where {
        RESULT,
        OTHER
    }

    private final Setup setup;
    private final Limits limits;
    private final Diagnostics diags;
    private final Declarations declarations;
    /** The resolved values by instance index; a provider's are there before its consumers ask. */
    private final Resolved[] done;
    /** Requests, per-consumer results and the binding being expanded for. */
    private final PerConsumer per;
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

    Expand(Setup setup, Limits limits, Diagnostics diags, Declarations declarations, Resolved[] done, PerConsumer per) {
        this.per = per;
        this.setup = setup;
        this.limits = limits;
        this.diags = diags;
        this.declarations = declarations;
        this.done = done;
    }

    /** Where config data {@code cd} of {@code i} is installed. */
    static String configPath(Inst i, ConfigData cd) {
        return cd.path() != null ? cd.path().text() : CONFIG_ROOT + i.name + "/" + cd.relativePath();
    }

    /**
     * The value of a text without references, shared while the same string object comes again
     * (instances of one module share their strings). A small table by identity: hashing and
     * comparing the contents of every string cost more than the values it saved.
     */
    Value literal(String text) {
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
    Value expand(Scalar s, Inst i, Resolved self, Where where, boolean[] failed) {
        return expand(s, i, self, where, failed, null);
    }

    /**
     * A systemd passthrough value: the written text is systemd syntax and stays as written; what a
     * reference fills in has each '%' doubled (systemd reads no specifier in it) and a secret
     * becomes its credential's path {@code %d/<credential>} (the unit loads it, as for argv). Bad
     * references are reported as by {@link #expand}. Never null.
     */
    String passthrough(Scalar s, Inst i, Resolved self) {
        if (s.text().indexOf('$') < 0) return s.text();
        return expand(s, i, self, Where.OTHER, null, Expand::forUnitLine).plain();
    }

    /** A filled-in value as a verbatim unit line holds it: no specifiers, secrets as credentials. */
    private static Value forUnitLine(Value v) {
        var b = new StringBuilder();
        for (Part p : v.parts()) {
            if (p instanceof Part.Literal l) b.append(l.text().replace("%", "%%"));
            else b.append("%d/").append(((Part.SecretFile) p).credential());
        }
        return Value.of(b.toString());
    }

    /**
     * {@code s} expanded, each reference's value mapped by {@code substituted} (when not null)
     * before it joins the written text.
     */
    private Value expand(
            Scalar s, Inst i, Resolved self, Where where, boolean[] failed, UnaryOperator<Value> substituted) {
        String text = s.text();
        if (text.indexOf('$') < 0) return literal(text);
        Template t = templates.get(text);
        if (t == null) {
            t = Template.parse(text);
            templates.put(text, t);
        }
        if (t.problem() != null) {
            diags.add(
                    Code.BAD_REFERENCE,
                    Spans.in(setup, s, t.problem().offset(), t.problem().length()),
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
                if (substituted != null) add = substituted.apply(add);
                added = length(add);
            }
            length += added;
            if (length > limits.expansion()) {
                diags.add(
                        Code.LIMIT,
                        s.span(),
                        "filling in the references of this value gives more than " + limits.expansion()
                                + " characters (limit 'expansion')",
                        Limits.raiseHint("expansion"));
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
        if (expanded > EXPANSION_BUDGET * limits.expansion()) {
            if (!budgetReported) {
                budgetReported = true;
                diags.add(
                        Code.LIMIT,
                        s.span(),
                        "filling in the references of the setup gives more than " + EXPANSION_BUDGET + " × "
                                + limits.expansion() + " characters in all (limit 'expansion')",
                        Limits.raiseHint("expansion"));
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
        Supplier<Span> at = () -> Spans.in(setup, s, ref.offset(), ref.length());
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
            case "request":
            case "consumer":
                return perConsumer(ref, at, where);
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
                Bound ctx = per.context();
                Value v = ctx != null && ctx.provider() == i && ctx.provision() == p
                        ? resultFor(ctx).get(path.get(2))
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
                Contract c = declarations.contract(q.contract().text());
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
                        diags.add(
                                Code.BAD_REFERENCE,
                                at.get(),
                                "'" + ref.written() + "' refers to optional requirement '" + q.name()
                                        + "', which stays unmet",
                                "give a fallback: ${requires." + q.name() + "." + path.get(2) + ":-VALUE}");
                    }
                    return null; // otherwise its own error was reported
                }
                Resolved pr = done[b.provider().index];
                if (pr == null) return null; // on a cycle, reported as E046
                Value v = resultFor(b).get(f.name());
                if (v == null) {
                    if (ref.fallback() != null) return literal(ref.fallback());
                    if (!f.optional()) return null; // E035 at the provider
                    return bad(
                            at,
                            ref,
                            b.provider().id + "." + b.provision().name() + " leaves optional result field '" + f.name()
                                    + "' empty; give a fallback with :-");
                }
                if (f.secret()) {
                    String credential = q.name() + "-" + f.name();
                    self.credential(credential, v.plain());
                    return new Value(List.of(new Part.SecretFile(credential, v.plain())));
                }
                return v;
            }
            default:
                return bad(at, ref, "unknown reference root '" + root + "'");
        }
    }

    /**
     * {@code ${request.F}} and {@code ${consumer.*}}: filled in for the binding being expanded
     * for. In a provision's own result they stay as written (the plan shows the provision's values
     * that way, each consumer gets its own); anywhere else they are an error.
     */
    private Value perConsumer(Template.Ref ref, Supplier<Span> at, Where where) {
        Bound b = per.context();
        if (b == null) {
            if (where == Where.RESULT) return literal(ref.written());
            return bad(at, ref, "${request.*} and ${consumer.*} are filled in only in a provision's result and fulfil");
        }
        List<String> path = ref.path();
        if (path.get(0).equals("request")) {
            if (path.size() != 2) return bad(at, ref, "write ${request.FIELD}");
            var request = per.request(b);
            String v = request == null ? null : request.get(path.get(1));
            if (v != null) return Value.of(v);
            if (ref.fallback() != null) return literal(ref.fallback());
            return bad(
                    at,
                    ref,
                    b.consumer().id + "." + b.req().name() + " sends no request field '" + path.get(1) + "'"
                            + (request == null ? "" : didYouMean(path.get(1), request.keySet())));
        }
        if (path.size() == 2) {
            switch (path.get(1)) {
                case "id":
                    return Value.of(b.consumer().id);
                case "name":
                    return Value.of(b.consumer().name);
                case "node":
                    return literal(b.consumer().node.name());
                case "requirement":
                    return Value.of(b.req().name());
                default:
                    break;
            }
        }
        return bad(
                at,
                ref,
                "consumer has only ${consumer.id}, ${consumer.name}, ${consumer.node} and"
                        + " ${consumer.requirement}");
    }

    /** Whether a provision's result value depends on the consumer it is given to. */
    private static boolean dependsOnConsumer(Scalar written) {
        String t = written.text();
        return t.contains("${request.") || t.contains("${consumer.");
    }

    /**
     * The result of {@code b}'s provision as {@code b}'s consumer sees it: the provision's values,
     * with those that read the request or the consumer filled in for this binding. Made once per
     * binding; a result without such values is the provision's own, shared. Never null.
     */
    SortedMap<String, Value> resultFor(Bound b) {
        Resolved pr = done[b.provider().index];
        if (pr == null) return java.util.Collections.emptySortedMap();
        SortedMap<String, Value> shared = pr.results(b.provision().name());
        SortedMap<String, Value> own = per.result(b);
        if (own != null) return own;
        boolean any = false;
        for (Scalar v : b.provision().result().values()) any |= dependsOnConsumer(v);
        if (!any) return shared;
        var res = ArraySortedMap.<String, Value>builder(shared.size());
        var plain = ArraySortedMap.<String, String>builder(shared.size());
        Bound before = per.enter(b);
        try {
            for (var e : shared.entrySet()) {
                Scalar written = b.provision().result().get(e.getKey());
                Value v = written != null && dependsOnConsumer(written)
                        ? expand(written, b.provider(), pr, Where.RESULT, null)
                        : e.getValue();
                res.put(e.getKey(), v);
                plain.put(e.getKey(), v.plain());
            }
        } finally {
            per.leave(before);
        }
        per.result(b, res.build(), plain.build());
        return per.result(b);
    }

    private Value bad(Supplier<Span> at, Template.Ref ref, String why) {
        diags.add(
                Code.BAD_REFERENCE,
                at.get(),
                "cannot resolve '" + ref.written() + "': " + why,
                "references are "
                        + String.join(
                                ", ", ROOTS.stream().map(x -> "${" + x + "}").toList())
                        + "; write $${ for a literal ${");
        return null;
    }

    private static String didYouMean(String w, Collection<String> options) {
        String near = Suggest.closest(w, options);
        if (near != null) return "; did you mean '" + near + "'?";
        return options.isEmpty() ? "" : " (there are: " + String.join(", ", options) + ")";
    }
}
