package org.modsvc.compare;

import java.util.TreeMap;
import org.modsvc.model.Module;
import org.modsvc.model.Requirement;
import org.modsvc.model.Setup;

/** The setup that {@code compare} resolves under each policy: the same setup without per-requirement policies. */
final class WithoutPolicies {
    private WithoutPolicies() {}

    /**
     * The setup with every per-requirement {@code policy:} removed, so that each compared
     * strategy applies to every requirement. {@code bind:} entries stay: they are the setup's
     * explicit choices and win under every policy.
     */
    static Setup of(Setup setup) {
        var modules = new TreeMap<String, Module>();
        var done = new java.util.IdentityHashMap<Module, Module>();
        setup.modules().forEach((name, m) -> modules.put(name, withoutPolicies(m, done)));
        return new Setup(
                setup.name(),
                setup.policy(),
                setup.nodes(),
                setup.binds(),
                modules,
                setup.contracts(),
                setup.sources(),
                setup.span(),
                setup.subServicesPartOf());
    }

    /** {@code m} without policies; {@code done} holds what is converted, since imports share sub-services. */
    private static Module withoutPolicies(Module m, java.util.IdentityHashMap<Module, Module> done) {
        Module known = done.get(m);
        if (known != null) return known;
        var requires = new TreeMap<String, Requirement>();
        m.requires()
                .forEach((name, r) -> requires.put(
                        name,
                        new Requirement(
                                r.name(),
                                r.contract(),
                                r.version(),
                                r.request(),
                                r.optional(),
                                r.provider(),
                                null,
                                r.remoteWait(),
                                r.span())));
        var services = new TreeMap<String, Module>();
        m.services().forEach((name, s) -> services.put(name, withoutPolicies(s, done)));
        Module out = new Module(
                m.name(),
                m.kind(),
                m.file(),
                m.imports(),
                m.process(),
                m.notificationProtocol(),
                m.configData(),
                services,
                m.provides(),
                requires,
                m.systemd(),
                m.hardening(),
                m.wrapper(),
                m.lifecycle(),
                m.packages(),
                m.span(),
                m.systemdKeys(),
                m.checks());
        done.put(m, out);
        return out;
    }
}
