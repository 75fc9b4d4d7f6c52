package org.modsvc.load;

import java.util.List;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Span;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.FieldType;
import org.modsvc.model.Reach;
import org.modsvc.model.Scalar;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;

/** Converts a contract's source tree into a {@link Contract}. */
final class ContractReader {
    private static final List<String> TYPES = List.of("string", "int", "port", "host", "path", "url", "bool");

    private final Shape shape;

    ContractReader(Shape shape) {
        this.shape = shape;
    }

    Contract read(String name, SrcNode tree, boolean builtin, Span fallback) {
        String what = "contract '" + name + "'";
        SrcMap m = shape.map(tree, what, Keys.CONTRACT);
        if (m == null) return null;
        Scalar description = shape.optional(m, "description", what);
        Reach reach = m.get("reach") == null
                ? Reach.NETWORK
                : shape.word(m.get("reach"), "reach", Reach::parse, List.of("network", "local"));
        Boolean shared = m.get("shared") == null ? Boolean.TRUE : shape.bool(m.get("shared"), "shared");
        Scalar defaultProvider = shape.optional(m, "defaultProvider", what);
        if (defaultProvider != null && !shape.name(defaultProvider, "defaultProvider")) defaultProvider = null;
        var request = fields(m.get("request"), what + ".request");
        var result = fields(m.get("result"), what + ".result");
        return new Contract(
                name,
                description == null ? "" : description.text(),
                reach == null ? Reach.NETWORK : reach,
                !Boolean.FALSE.equals(shared),
                defaultProvider,
                request,
                result,
                builtin,
                fallback.isNone() ? m.span() : fallback);
    }

    private TreeMap<String, Field> fields(SrcNode n, String what) {
        var out = new TreeMap<String, Field>();
        shape.entries(n, what, e -> {
            String fname = e.key().text();
            if (!shape.name(e.key(), "field")) return null;
            SrcMap fm = shape.map(e.value(), what + "." + fname, Keys.FIELD);
            if (fm == null) return null;
            FieldType type =
                    fm.get("type") == null ? null : shape.word(fm.get("type"), "type", FieldType::parse, TYPES);
            if (fm.get("type") == null) {
                shape.diags()
                        .add(
                                Code.MISSING_FIELD,
                                e.key().span(),
                                "field '" + fname + "' has no type",
                                "add 'type:' with one of " + String.join(", ", TYPES));
            }
            Boolean secret = fm.get("secret") == null ? Boolean.FALSE : shape.bool(fm.get("secret"), "secret");
            Boolean optional = fm.get("optional") == null ? Boolean.FALSE : shape.bool(fm.get("optional"), "optional");
            Scalar desc = shape.optional(fm, "description", "field");
            if (Boolean.TRUE.equals(secret) && type != null && type != FieldType.PATH) {
                shape.diags()
                        .add(
                                Code.SECRET_INLINE,
                                fm.get("type").span(),
                                "secret field '" + fname + "' must have type path: secrets travel only as file paths",
                                "write 'type: path'");
            }
            if (type == null) return null;
            out.put(
                    fname,
                    new Field(
                            fname,
                            type,
                            Boolean.TRUE.equals(secret),
                            Boolean.TRUE.equals(optional),
                            desc == null ? "" : desc.text(),
                            e.key().span()));
            return null;
        });
        return out;
    }
}
