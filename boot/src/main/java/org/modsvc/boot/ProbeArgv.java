package org.modsvc.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Part;
import org.modsvc.plan.Value;

/**
 * A contract's probe filled in for one binding: {@code ${request.F}} from the consumer's request,
 * {@code ${result.F}} from the result as the consumer sees it, and a secret result field as the
 * consumer's credential (the same credential name the resolver gives the consumer, {@code
 * requirement-field}), so each target delivers it exactly as it delivers the consumer's.
 */
final class ProbeArgv {
    private static final Pattern REF = Pattern.compile("\\$\\$\\{|\\$\\{(result|request)\\.([^}]*)}");

    private ProbeArgv() {}

    /** The probe's words for {@code b}, or an empty list when the contract has no probe. */
    static List<Value> of(Contract c, Binding b) {
        if (c == null || c.probe() == null) return List.of();
        var out = new ArrayList<Value>();
        for (String word : c.probe().words()) out.add(word(word, c, b));
        return out;
    }

    /**
     * Whether {@code c}'s probe takes something only a consumer has: a {@code ${request.F}} field
     * or a secret result field (a credential). Read with the same pattern that fills the words in,
     * so {@code $${request.F}}, a literal, does not count.
     */
    static boolean needsConsumer(Contract c) {
        for (String word : c.probe().words()) {
            Matcher m = REF.matcher(word);
            while (m.find()) {
                if (m.group(1) == null) continue;
                if (m.group(1).equals("request")) return true;
                Field f = c.result().get(m.group(2));
                if (f != null && f.secret()) return true;
            }
        }
        return false;
    }

    private static Value word(String word, Contract c, Binding b) {
        var parts = new ArrayList<Part>();
        Matcher m = REF.matcher(word);
        int at = 0;
        while (m.find()) {
            parts.add(new Part.Literal(word.substring(at, m.start())));
            at = m.end();
            if (m.group(1) == null) {
                parts.add(new Part.Literal("${"));
                continue;
            }
            String field = m.group(2);
            if (m.group(1).equals("request")) {
                parts.add(new Part.Literal(b.request().getOrDefault(field, "")));
                continue;
            }
            String v = b.result().getOrDefault(field, "");
            Field f = c.result().get(field);
            if (f != null && f.secret()) parts.add(new Part.SecretFile(b.requirement() + "-" + field, v));
            else parts.add(new Part.Literal(v));
        }
        parts.add(new Part.Literal(word.substring(at)));
        return new Value(parts);
    }
}
