package org.modsvc.load;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.model.Check;
import org.modsvc.model.Checks;
import org.modsvc.model.Condition;
import org.modsvc.model.Scalar;
import org.modsvc.source.SrcList;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;
import org.modsvc.source.SrcScalar;

/**
 * Reads a module's {@code assertions: [{assertion, message}]} and {@code warnings: [TEXT |
 * {when, message}]}, nixpkgs' shapes. Only their form is checked here; they are evaluated per
 * instance after resolving, when references have values.
 */
final class CheckReader {
    private final Shape shape;

    CheckReader(Shape shape) {
        this.shape = shape;
    }

    /** Never null. */
    Checks read(SrcNode assertions, SrcNode warnings) {
        if (assertions == null && warnings == null) return Checks.NONE;
        var a = new ArrayList<Check>();
        for (SrcNode item : items(assertions, "assertions")) {
            SrcMap m = shape.map(item, "assertions item", Keys.ASSERTION);
            if (m == null) continue;
            Scalar cond = condition(shape.required(m, "assertion", "assertions item"));
            Scalar message = shape.required(m, "message", "assertions item");
            if (cond != null && message != null) a.add(new Check(cond, message, cond.span()));
        }
        var w = new ArrayList<Check>();
        for (SrcNode item : items(warnings, "warnings")) {
            if (item instanceof SrcScalar) {
                Scalar message = shape.string(item, "warnings item");
                if (message != null) w.add(new Check(null, message, message.span()));
                continue;
            }
            SrcMap m = shape.map(item, "warnings item", Keys.WARNING);
            if (m == null) continue;
            Scalar cond = condition(shape.optional(m, "when", "warnings item"));
            Scalar message = shape.required(m, "message", "warnings item");
            if (message != null && (cond != null || m.get("when") == null))
                w.add(new Check(cond, message, cond != null ? cond.span() : message.span()));
        }
        return new Checks(a, w);
    }

    private List<SrcNode> items(SrcNode n, String what) {
        if (n == null) return List.of();
        if (n instanceof SrcList l) return l.items();
        shape.wrongType(n, what, "a list");
        return List.of();
    }

    /** The condition, or null after reporting one with two operators. */
    private Scalar condition(Scalar s) {
        if (s == null) return null;
        if (Condition.parse(s.text()) == null || s.text().isBlank()) {
            shape.diags()
                    .add(
                            Code.BAD_VALUE,
                            s.span(),
                            "'" + Shape.printable(s.text()) + "' is not a condition",
                            "write true, false, a reference such as ${requires.db.tls}, or one comparison:"
                                    + " A == B, A != B, A < B, A <= B, A > B, A >= B (spaces around the operator)");
            return null;
        }
        return s;
    }
}
