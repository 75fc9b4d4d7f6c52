package org.modsvc.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.modsvc.diag.Code;
import org.modsvc.model.Scalar;
import org.modsvc.source.SrcList;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;
import org.modsvc.source.SrcScalar;

/**
 * nixpkgs' {@code process.flags} and {@code process.flagFormat} (lib/services/service.nix, PR
 * #546008): flags rendered as {@code lib.cli.toCommandLine} renders them and appended to
 * {@code process.argv}. {@code flags} is a mapping, taken in name order as Nix orders attribute
 * names, or a list of one-entry mappings, in list order (a flag repeated). A value is a string or
 * number (the flag's argument, references allowed), a bool, or null (left out). nixpkgs'
 * {@code flagFormat} is a function; here it is its value for every flag: {@code { sep, explicitBool }}
 * ({@code sep}: null, the default, makes the argument a word of its own; a string joins it to the
 * name; {@code explicitBool: false}, the default, renders true as the bare flag and drops false).
 * {@code lib.mkOrder} has no equivalent.
 */
final class Flags {
    private final Shape shape;

    Flags(Shape shape) {
        this.shape = shape;
    }

    /** The words {@code flags} renders to, in order; empty when there are none. */
    List<Scalar> words(SrcNode flags, SrcNode format) {
        if (flags == null) return List.of();
        String sep = null;
        boolean explicitBool = false;
        if (format != null) {
            SrcMap f = shape.map(format, "process.flagFormat", Keys.FLAG_FORMAT);
            if (f != null && f.get("sep") instanceof SrcScalar s && !s.isNull()) sep = s.text();
            if (f != null && f.get("explicitBool") != null) {
                Boolean b = shape.bool(f.get("explicitBool"), "process.flagFormat.explicitBool");
                explicitBool = Boolean.TRUE.equals(b);
            }
        }
        var pairs = new ArrayList<SrcMap.Entry>();
        if (flags instanceof SrcList l) {
            for (SrcNode item : l.items()) {
                SrcMap one = shape.map(item, "process.flags item", null);
                if (one == null) continue;
                if (one.entries().size() != 1) {
                    shape.diags()
                            .add(
                                    Code.BAD_VALUE,
                                    one.span(),
                                    "an item of process.flags must hold one flag, it holds "
                                            + one.entries().size(),
                                    "write one { \"--flag\": value } per item");
                    continue;
                }
                pairs.add(one.entries().get(0));
            }
        } else {
            SrcMap m = shape.map(flags, "process.flags", null);
            if (m == null) return List.of();
            pairs.addAll(m.entries());
            // Nix attribute sets are ordered by name (code units, as String's order is).
            pairs.sort(Comparator.comparing(e -> e.key().text()));
        }
        var out = new ArrayList<Scalar>();
        for (SrcMap.Entry e : pairs) render(e, sep, explicitBool, out);
        return out;
    }

    private void render(SrcMap.Entry e, String sep, boolean explicitBool, List<Scalar> out) {
        SrcScalar key = e.key();
        if (key.text().isEmpty()) {
            shape.diags().add(Code.BAD_VALUE, key.span(), "a flag name is empty", "write the flag, such as --port");
            return;
        }
        if (!(e.value() instanceof SrcScalar v)) {
            shape.wrongType(e.value(), "process.flags." + key.text(), "a string, number, bool or null");
            return;
        }
        if (v.isNull()) return;
        String arg = v.text();
        if (v.kind() == SrcScalar.Kind.BOOL) {
            String lower = arg.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                shape.bool(v, "process.flags." + key.text()); // reports the YAML 1.1 word
                return;
            }
            if (!explicitBool) {
                if (lower.equals("true")) out.add(new Scalar(key.text(), key.span()));
                return;
            }
            arg = lower;
        }
        if (sep != null) {
            out.add(new Scalar(key.text() + sep + arg, v.span()));
        } else {
            out.add(new Scalar(key.text(), key.span()));
            out.add(new Scalar(arg, v.span()));
        }
    }
}
