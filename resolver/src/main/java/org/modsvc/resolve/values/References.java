package org.modsvc.resolve.values;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.diag.Suggest;
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
import org.modsvc.resolve.values.Expand.Where;

/**
 * What one {@code ${…}} reference stands for: the one place that knows what a reference may name
 * ({@code node}, {@code self}, {@code configData}, {@code provides}, {@code requires}, and
 * {@code request}/{@code consumer} per binding). Each bad reference is reported at its exact place.
 * Used by {@link Expand}, which fills in whole values; not thread-safe, as it is not.
 */
final class References {
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

    private final Expand expand;
    private final Setup setup;
    private final Diagnostics diags;
    private final Declarations declarations;
    /** The resolved values by instance index; a provider's are there before its consumers ask. */
    private final Resolved[] done;
    /** Requests, per-consumer results and the binding being expanded for. */
    private final PerConsumer per;

    References(
            Expand expand,
            Setup setup,
            Diagnostics diags,
            Declarations declarations,
            Resolved[] done,
            PerConsumer per) {
        this.expand = expand;
        this.setup = setup;
        this.diags = diags;
        this.declarations = declarations;
        this.done = done;
        this.per = per;
    }

    /** The value a reference stands for, or null after reporting why it cannot be filled. */
    Value reference(Template.Ref ref, Scalar s, Inst i, Resolved self, Where where) {
        List<String> path = ref.path();
        String root = path.get(0);
        // Positions are worked out only for a diagnostic: finding the source line is not free.
        Supplier<Span> at = () -> Spans.in(setup, s, ref.offset(), ref.length());
        switch (root) {
            case "node":
                if (path.size() == 2 && path.get(1).equals("address"))
                    return expand.literal(i.node.address().text());
                if (path.size() == 2 && path.get(1).equals("name")) return expand.literal(i.node.name());
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
                return Value.of(Expand.configPath(i, cd));
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
                        ? expand.resultFor(ctx).get(path.get(2))
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
                        if (ref.fallback() != null) return expand.literal(ref.fallback());
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
                Value v = expand.resultFor(b).get(f.name());
                if (v == null) {
                    if (ref.fallback() != null) return expand.literal(ref.fallback());
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
            if (where == Where.RESULT) return expand.literal(ref.written());
            return bad(at, ref, "${request.*} and ${consumer.*} are filled in only in a provision's result and fulfil");
        }
        List<String> path = ref.path();
        if (path.get(0).equals("request")) {
            if (path.size() != 2) return bad(at, ref, "write ${request.FIELD}");
            var request = per.request(b);
            String v = request == null ? null : request.get(path.get(1));
            if (v != null) return Value.of(v);
            if (ref.fallback() != null) return expand.literal(ref.fallback());
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
                    return expand.literal(b.consumer().node.name());
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
