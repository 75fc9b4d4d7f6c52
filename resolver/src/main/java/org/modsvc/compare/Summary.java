package org.modsvc.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Policy;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Plan;

/**
 * The rules that turn a comparison into a few sentences. Each rule looks only at the comparison's
 * numbers, so a sentence can always be traced back to a column of the table. In this order:
 *
 * <ol>
 *   <li><b>common errors</b>: errors every strategy has belong to the setup itself: "fix these first";
 *   <li><b>errors</b>: a strategy with errors of its own "does not resolve", with the first of them;
 *   <li><b>merge</b>: per contract, when sub-service runs more providers than shared: "shared runs
 *       M instead of N; one failure then stops K instances" (and, apart, how many on other nodes
 *       lose it without stopping);
 *   <li><b>remote</b>: shared or auto making remote bindings that sub-service does not;
 *   <li><b>warnings</b>: a warning that not every strategy produces;
 *   <li><b>processes</b>, <b>blast radius</b> (what stops) and, when any strategy has one,
 *       <b>remote loss</b> (what only loses a provider on another node) per strategy;
 *   <li><b>auto</b>: whether auto binds every requirement like shared, like sub-service, or mixes.
 * </ol>
 */
final class Summary {
    private Summary() {}

    static List<String> of(Comparison c, SortedMap<Policy, Plan> plans) {
        var out = new ArrayList<String>();
        c.common().stream()
                .filter(Diagnostic::isError)
                .findFirst()
                .ifPresent(d -> out.add("every strategy has "
                        + c.common().stream().filter(Diagnostic::isError).count()
                        + " error(s) of the setup itself, first " + d.code().id() + " " + d.message()
                        + ": fix these first"));
        for (Comparison.Strategy s : c.strategies()) {
            if (s.valid()) continue;
            String first = s.own().stream()
                    .filter(Diagnostic::isError)
                    .findFirst()
                    .map(d -> d.code().id() + " " + d.message())
                    .orElse("(all of them common to every strategy)");
            out.add(s.policy().word() + " does not resolve: " + s.errors() + " error(s), first " + first);
        }
        var sub = c.strategy(Policy.SUB_SERVICE);
        var shared = c.strategy(Policy.SHARED);
        for (Comparison.ContractRow r : c.contracts()) {
            Integer n = r.providers().get(Policy.SUB_SERVICE);
            Integer m = r.providers().get(Policy.SHARED);
            if (n == null || m == null || m == 0 || m >= n) continue;
            int lost = r.largestLoss().getOrDefault(Policy.SHARED, 0);
            out.add(String.format(
                    Locale.ROOT,
                    "%s: shared runs %d %s instead of %d dedicated; one failure then stops %d instance(s)%s",
                    r.contract(),
                    m,
                    String.join("/", r.modules().get(Policy.SHARED)),
                    n,
                    r.largestBlast().get(Policy.SHARED),
                    lost == 0 ? "" : " and " + lost + " on other nodes lose it (not stopped)"));
        }
        int subRemote = sub.map(s -> s.bindings(BindingKind.REMOTE)).orElse(0);
        for (Comparison.Strategy s : c.strategies()) {
            int remote = s.bindings(BindingKind.REMOTE);
            if (s.policy() == Policy.SUB_SERVICE || remote <= subRemote) continue;
            out.add(s.policy().word() + " makes " + remote
                    + " remote binding(s): those consumers depend on the network and on a service"
                    + " another node's manager starts");
        }
        for (Comparison.Strategy s : c.strategies()) {
            for (Diagnostic d : s.own()) {
                if (!d.isError())
                    out.add(s.policy().word() + " warns: " + d.code().id() + " " + d.message());
            }
        }
        var processes = new ArrayList<String>();
        var blast = new ArrayList<String>();
        var loss = new ArrayList<String>();
        boolean anyLoss = false;
        for (Comparison.Strategy s : c.strategies()) {
            loss.add(s.policy().word() + " " + s.largestLoss());
            anyLoss |= s.largestLoss() > 0;
            processes.add(s.policy().word() + " " + s.processes() + " (" + s.subServices() + " sub-services)");
            blast.add(String.format(
                    Locale.ROOT, "%s %d (mean %.1f)", s.policy().word(), s.largestBlast(), s.meanBlast()));
        }
        out.add("processes: " + String.join(", ", processes));
        out.add("largest blast radius (stops with one provider): " + String.join(", ", blast));
        if (anyLoss)
            out.add("largest remote loss (on other nodes, lose one provider, not stopped): " + String.join(", ", loss));
        if (c.strategy(Policy.AUTO).isPresent() && sub.isPresent() && shared.isPresent()) out.add(auto(c));
        return out;
    }

    private static String auto(Comparison c) {
        int likeShared = 0, likeSub = 0, rows = 0;
        for (Comparison.RequirementRow r : c.requirements()) {
            var a = r.outcome().get(Policy.AUTO);
            if (a == null) continue;
            rows++;
            if (a.equals(r.outcome().get(Policy.SHARED))) likeShared++;
            if (a.equals(r.outcome().get(Policy.SUB_SERVICE))) likeSub++;
        }
        if (rows == 0) return "auto binds nothing";
        if (likeShared == rows && likeSub == rows) return "auto binds every requirement as both others do";
        if (likeShared == rows) return "auto binds every requirement like shared";
        if (likeSub == rows) return "auto binds every requirement like sub-service";
        return "auto mixes: " + likeShared + " of " + rows + " requirement(s) like shared, " + likeSub
                + " like sub-service";
    }
}
