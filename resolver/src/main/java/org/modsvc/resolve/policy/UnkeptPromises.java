package org.modsvc.resolve.policy;

import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;

/**
 * Says, for every binding, when its provision's module declares that the contract's promise is
 * not kept where modsvc runs it ({@code status: { fulfilled: false, reason: … }}): such a plan
 * resolves, but nothing should count it as working. One warning per binding, at the requirement,
 * with the module's reason and a note at its status.
 */
public final class UnkeptPromises {
    private UnkeptPromises() {}

    public static void check(List<Bound> bounds, Diagnostics diags) {
        for (Bound b : bounds) {
            var reason = b.provision().unkept();
            if (reason == null) continue;
            diags.add(Diagnostic.of(
                            Code.UNKEPT_PROMISE,
                            b.req().span(),
                            b.consumer().id + "." + b.req().name() + " is bound to " + b.provider().id + "."
                                    + b.provision().name() + " (" + b.contract().name()
                                    + "), whose promise is not kept here: " + reason.text(),
                            "bind it to a provider that keeps " + b.contract().name()
                                    + ", or treat this binding as not working")
                    .withRelated(List.of(
                            new Diagnostic.Related("module " + b.provider().moduleName + " says so", reason.span()))));
        }
    }
}
