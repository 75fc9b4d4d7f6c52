package org.modsvc.resolve.values;

import java.util.regex.Pattern;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Check;
import org.modsvc.model.Checks;
import org.modsvc.model.Condition;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.values.Expand.Where;

/**
 * Evaluates a module's {@code assertions} and {@code warnings} for one instance, after its values
 * are resolved, with the references every other value may use (the grammar is {@link Condition}'s).
 * A failed assertion is E053 and a given warning W053, both at the entry in the module's file; a
 * condition that is neither true nor false (or not a number where one is compared) is E054; a bad
 * reference is the usual E047, and then nothing more is said about that entry.
 */
final class ModuleChecks {
    /** Decimal integers as the ordering operators compare them; long enough for any port or size. */
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    private final Setup setup;
    private final Diagnostics diags;
    private final Expand expand;

    ModuleChecks(Setup setup, Diagnostics diags, Expand expand) {
        this.setup = setup;
        this.diags = diags;
        this.expand = expand;
    }

    void run(Inst i, Resolved r) {
        Checks checks = i.module.checks();
        if (checks.isEmpty()) return;
        for (Check a : checks.assertions()) {
            var shown = new StringBuilder();
            Boolean holds = holds(a.condition(), i, r, shown);
            if (!Boolean.FALSE.equals(holds)) continue;
            String message = message(a, i, r);
            if (message == null) continue;
            diags.add(
                    Code.ASSERTION_FAILED,
                    a.span(),
                    "assertion failed for " + i.id + " (module '" + i.moduleName + "'): " + message,
                    "the condition '" + a.condition().text() + "' is '" + shown + "' for " + i.id);
        }
        for (Check w : checks.warnings()) {
            if (w.condition() != null && !Boolean.TRUE.equals(holds(w.condition(), i, r, new StringBuilder())))
                continue;
            String message = message(w, i, r);
            if (message == null) continue;
            diags.add(
                    Code.MODULE_WARNING,
                    w.span(),
                    "warning for " + i.id + " (module '" + i.moduleName + "'): " + message);
        }
    }

    /** The message filled in, or null when a reference of it is bad (reported). */
    private String message(Check c, Inst i, Resolved r) {
        boolean[] failed = new boolean[1];
        String text = expand.expand(c.message(), i, r, Where.OTHER, failed).plain();
        return failed[0] ? null : text;
    }

    /**
     * Whether {@code s} holds for {@code i}; null when it cannot be told (reported).
     *
     * @param shown receives the condition with its references filled in, for the hint
     */
    private Boolean holds(Scalar s, Inst i, Resolved r, StringBuilder shown) {
        Condition c = Condition.parse(s.text());
        if (c == null) return null; // refused by the loader
        if (c.op() == null) {
            String v = value(s, i, r);
            if (v == null) return null;
            shown.append(v);
            if (v.equals("true") || v.equals("false")) return v.equals("true");
            diags.add(
                    Code.BAD_CONDITION,
                    s.span(),
                    "the condition of " + i.id + " is '" + v + "', not true or false",
                    "a condition without an operator must fill in to true or false;"
                            + " compare with ==, !=, <, <=, >, >= (spaces around the operator)");
            return null;
        }
        int length = s.text().length();
        String left = value(part(s, 0, c.leftLength()), i, r);
        String right = value(part(s, c.rightOffset(), length - c.rightOffset()), i, r);
        if (left == null || right == null) return null;
        shown.append(left).append(' ').append(c.op()).append(' ').append(right);
        switch (c.op()) {
            case "==":
                return left.equals(right);
            case "!=":
                return !left.equals(right);
            default:
                break;
        }
        for (String side : new String[] {left, right}) {
            if (!INTEGER.matcher(side).matches()) {
                diags.add(
                        Code.BAD_CONDITION,
                        s.span(),
                        "'" + side + "' in the condition of " + i.id + " is not an integer, which '" + c.op()
                                + "' compares",
                        "<, <=, > and >= compare decimal integers; == and != compare any text");
                return null;
            }
        }
        int cmp = Long.compare(Long.parseLong(left), Long.parseLong(right));
        return switch (c.op()) {
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    /** One operand of {@code s} as a scalar of its own, located inside {@code s} where possible. */
    private Scalar part(Scalar s, int offset, int length) {
        return new Scalar(s.text().substring(offset, offset + length), Spans.in(setup, s, offset, length));
    }

    /** The text filled in and trimmed, or null when a reference is bad (reported). */
    private String value(Scalar s, Inst i, Resolved r) {
        boolean[] failed = new boolean[1];
        String v = expand.expand(s, i, r, Where.OTHER, failed).plain().strip();
        return failed[0] ? null : v;
    }
}
