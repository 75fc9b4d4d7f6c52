package org.modsvc.resolve.values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.ArraySortedMap;
import org.modsvc.model.ConfigData;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.plan.Part;
import org.modsvc.plan.Value;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.reference.Template;
import org.modsvc.source.Limits;

/**
 * Fills in the {@code ${…}} references of one value for one instance ({@link References} knows
 * what a reference may name). A substituted value is never scanned for references again, which
 * bounds the work by the size of the input (and each value by {@code Limits.expansion}); the
 * plan's substituted text as a whole has a budget too.
 */
final class Expand {
    static final String CONFIG_ROOT = "/etc/system-services/";
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
    /** The resolved values by instance index; a provider's are there before its consumers ask. */
    private final Resolved[] done;
    /** Requests, per-consumer results and the binding being expanded for. */
    private final PerConsumer per;
    /** What each reference stands for. */
    private final References references;
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
        this.done = done;
        // last: it calls back into this expander (literals, results) only once expanding starts
        this.references = new References(this, setup, diags, declarations, done, per);
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
                add = references.reference((Template.Ref) piece, s, i, self, where);
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
}
