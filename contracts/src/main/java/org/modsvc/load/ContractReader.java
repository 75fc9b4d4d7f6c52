package org.modsvc.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsvc.diag.Code;
import org.modsvc.diag.Span;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.FieldType;
import org.modsvc.model.Probe;
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
        Probe probe = probe(m.get("probe"), what + ".probe", request, result);
        return new Contract(
                name,
                description == null ? "" : description.text(),
                reach == null ? Reach.NETWORK : reach,
                !Boolean.FALSE.equals(shared),
                defaultProvider,
                request,
                result,
                builtin,
                fallback.isNone() ? m.span() : fallback,
                probe);
    }

    /** References a probe may hold: ${result.F} and ${request.F}; $${ is a literal. */
    private static final Pattern PROBE_REF = Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");

    /** The probe, or null when absent or unusable (diagnosed). */
    private Probe probe(SrcNode n, String what, Map<String, Field> request, Map<String, Field> result) {
        if (n == null) return null;
        SrcMap pm = shape.map(n, what, Keys.PROBE);
        if (pm == null) return null;
        List<Scalar> argv = shape.strings(pm.get("argv"), what + ".argv");
        if (argv.isEmpty()) {
            shape.diags()
                    .add(
                            Code.EMPTY_ARGV,
                            pm.span(),
                            what + " has no command (argv)",
                            "write argv: [/usr/bin/PROGRAM, ARG, ...]");
            return null;
        }
        if (!argv.get(0).text().startsWith("/")) {
            shape.diags().add(Code.EMPTY_ARGV, argv.get(0).span(), what + ".argv[0] is not an absolute path");
            return null;
        }
        boolean ok = true;
        for (Scalar word : argv) {
            Matcher mt = PROBE_REF.matcher(word.text());
            while (mt.find()) {
                String ref = mt.group(1);
                int dot = ref.indexOf('.');
                String root = dot < 0 ? ref : ref.substring(0, dot);
                String field = dot < 0 ? "" : ref.substring(dot + 1);
                Map<String, Field> fields = root.equals("result") ? result : root.equals("request") ? request : null;
                if (fields == null || !fields.containsKey(field)) {
                    ok = false;
                    shape.diags()
                            .add(
                                    Code.BAD_REFERENCE,
                                    word.span(),
                                    "cannot resolve '${" + ref + "}' in " + what,
                                    fields == null
                                            ? "a probe refers to ${result.FIELD} and ${request.FIELD}"
                                            : "the fields are " + String.join(", ", fields.keySet()));
                }
            }
        }
        return ok ? new Probe(argv, pm.span()) : null;
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
