package org.modsvc.resolve.values;

import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.model.Field;
import org.modsvc.model.Scalar;
import org.modsvc.plan.Value;

/** Checks a filled-in request or result value against its contract field, and reports. */
final class FieldChecks {
    /** What the plan shows in place of secret material written where a file path belongs. */
    static final String REDACTED = "(secret value not shown)";

    /** What {@link #check} found. */
    enum Outcome {
        OK,
        /** The value could not be resolved; already reported. */
        FAILED,
        /** A secret field without a usable path: reported, and its value must be hidden. */
        REDACTED,
        /** The value does not fit the field's type: reported. */
        BAD_TYPE
    }

    private final Diagnostics diags;

    FieldChecks(Diagnostics diags) {
        this.diags = diags;
    }

    /**
     * Checks one request or result value against its contract field and reports what is wrong.
     *
     * @param side "request" or "result", for the message
     * @param ownerKind "requirement" or "provision", for the message
     * @param ownerName its name, for the message
     * @param failed whether resolving the value's references already failed (and was reported)
     */
    Outcome check(
            Field f,
            String side,
            String key,
            String ownerKind,
            String ownerName,
            Value v,
            Scalar written,
            boolean failed) {
        if (f.secret() && (failed || !FieldTypes.isSecretPath(v.plain()))) {
            secretInline(written.span(), side, key, ownerKind + " '" + ownerName + "'", failed);
            return Outcome.REDACTED;
        }
        if (failed) return Outcome.FAILED;
        if (f.secret() && !FieldTypes.isNormalPath(v.plain())) {
            // systemd ignores a LoadCredential= whose path is not normalised, and the service
            // would start without its secret. The value is a clean absolute path, so it can be shown.
            diags.add(
                    Code.FIELD_TYPE,
                    written.span(),
                    "secret " + side + " field '" + key + "' of " + ownerKind + " '" + ownerName
                            + "' must be a normalised absolute path (no '//', '/./', '/../' or trailing '/'), not '"
                            + v.plain() + "': systemd ignores such a credential path",
                    "write the path in its plain form, such as "
                            + java.nio.file.Path.of(v.plain()).normalize());
            return Outcome.BAD_TYPE;
        }
        String problem = FieldTypes.typeProblem(f.type(), v.plain());
        if (problem == null) return Outcome.OK;
        diags.add(
                Code.FIELD_TYPE,
                written.span(),
                side + " field '" + key + "' of " + ownerKind + " '" + ownerName + "' must be " + problem + ", not '"
                        + v.plain() + "'",
                "fields of type " + f.type().word() + ": " + FieldTypes.example(f.type()));
        return Outcome.BAD_TYPE;
    }

    /**
     * E037, also when a reference in the value failed: the value may still hold secret material,
     * and an E037 on its line keeps the line out of every rendered diagnostic.
     */
    private void secretInline(Span at, String kind, String field, String of, boolean unresolved) {
        diags.add(
                Code.SECRET_INLINE,
                at,
                "secret " + kind + " field '" + field + "' of " + of
                        + (unresolved
                                ? " cannot be filled in (see the reference error)"
                                : " must be the absolute path of a file holding the secret")
                        + "; the value is not shown",
                "put the secret in a file on the node (or a credential store) and write its path here");
    }
}
