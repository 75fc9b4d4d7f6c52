package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.model.Policy;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Instances;
import org.modsvc.resolve.version.Version;
import org.modsvc.resolve.version.VersionRange;

/**
 * Policy sub-service: a dedicated provider instance, owned by the consumer, on its node, named
 * {@code consumer-requirement}; its module is the requirement's {@code provider:} or the
 * contract's {@code defaultProvider}. The new instance is planned in turn like any other.
 */
public final class SubServicePolicy {
    private final Instances instances;
    private final Providers providers;
    private final Declarations declarations;
    private final Bindings book;
    private final Diagnostics diags;
    private final Map<String, Module> modules;
    private final Collection<String> moduleNames;

    /**
     * The provider module of a requirement and its fitting provision; {@code module} null when the
     * module does not exist, {@code provision} null when none fits ({@code wrongVersion} is then the
     * first of the contract in another version, if any).
     */
    private record Choice(Module module, Provision provision, Provision wrongVersion) {}

    /** Choices by requirement declaration (instances of one module share their records). */
    private final Map<Requirement, Choice> choices = new IdentityHashMap<>();

    /**
     * @param modules the setup's modules by name (a hash map: looked up once per sub-service)
     * @param moduleNames the names in the setup's order, for suggestions
     */
    public SubServicePolicy(
            Instances instances,
            Providers providers,
            Declarations declarations,
            Bindings book,
            Diagnostics diags,
            Map<String, Module> modules,
            Collection<String> moduleNames) {
        this.instances = instances;
        this.providers = providers;
        this.declarations = declarations;
        this.book = book;
        this.diags = diags;
        this.modules = modules;
        this.moduleNames = moduleNames;
    }

    /**
     * Instantiates a dedicated provider for {@code r} of {@code i} and binds to it, or reports why
     * none can be made.
     *
     * @param why the decision's reason when it succeeds
     */
    public void bind(Inst i, Requirement r, Contract c, VersionRange range, Policy p, String why) {
        Scalar provName = r.provider() != null ? r.provider() : c.defaultProvider();
        if (provName == null) {
            book.unmet(
                    i,
                    r,
                    c,
                    range,
                    p,
                    "contract '" + c.name() + "' has no defaultProvider and requirement '" + r.name()
                            + "' names no provider",
                    List.of(),
                    List.of("add provider: MODULE to the requirement, bind it with bind:, or use policy: shared"));
            return;
        }
        Choice choice = choices.get(r);
        if (choice == null) {
            choice = choose(r, c, range, provName);
            choices.put(r, choice);
        }
        Module pm = choice.module;
        Provision pv = choice.provision;
        if (pm == null) return; // E032, reported once for the requirement
        if (pv == null && choice.wrongVersion != null) {
            if (r.optional()) {
                book.unmet(
                        i,
                        r,
                        c,
                        range,
                        p,
                        "provider '" + pm.name() + "' provides a version outside the range",
                        List.of(versionLabel(pm, choice.wrongVersion)),
                        List.of());
            } else {
                book.record(i, r, c, range, p, false, "the provider's version is outside the range", null, List.of());
            }
            return;
        }
        if (pv == null) {
            book.unmet(
                    i,
                    r,
                    c,
                    range,
                    p,
                    "provider module '" + pm.name() + "' provides no " + c.name(),
                    List.of(new Diagnostic.Related("the provider module", pm.span())),
                    List.of("name a provider that provides " + c.name() + " with provider: MODULE"));
            return;
        }
        if (recursive(i, r, pm)) {
            book.record(i, r, c, range, p, false, "the provider would need an instance of itself", null, List.of());
            return;
        }
        Inst sub = instances.create(i.node, i.name + "-" + r.name(), pm.name(), pm, i, true, r.span(), true);
        if (sub == null) return;
        providers.add(sub);
        Bound bd = book.bind(i, r, c, sub, pv, BindingKind.SUB_SERVICE, null);
        book.record(i, r, c, range, p, false, why, bd, List.of());
    }

    /**
     * The provider module of {@code r} and its provision that fits, found once per requirement
     * declaration; reports a missing module and (for a required requirement) a version outside
     * the range, which do not depend on the instance.
     */
    private Choice choose(Requirement r, Contract c, VersionRange range, Scalar provName) {
        Module pm = modules.get(provName.text());
        if (pm == null) {
            String near = Suggest.closest(provName.text(), moduleNames);
            diags.add(
                    Code.UNKNOWN_MODULE,
                    provName.span(),
                    "provider module '" + provName.text() + "' does not exist",
                    near != null ? "did you mean '" + near + "'?" : "add services/" + provName.text() + ".yaml");
            return new Choice(null, null, null);
        }
        Provision wrongVersion = null;
        for (Provision x : pm.provides().values()) {
            if (!x.contract().text().equals(c.name())) continue;
            Version v = x.version() == null
                    ? null
                    : declarations.version(x.version().text());
            if (range.isAny() || (v != null && range.matches(v))) return new Choice(pm, x, null);
            if (wrongVersion == null) wrongVersion = x;
        }
        if (wrongVersion != null && !r.optional()) {
            diags.add(Diagnostic.of(
                            Code.VERSION_MISMATCH,
                            r.version() == null ? r.span() : r.version().span(),
                            "requirement '" + r.name() + "' needs " + c.name() + " " + range.text()
                                    + ", but its provider '" + pm.name() + "' provides "
                                    + (wrongVersion.version() == null
                                            ? "no version"
                                            : wrongVersion.version().text()),
                            "name a provider with provider: MODULE, or widen the range")
                    .withRelated(List.of(versionLabel(pm, wrongVersion))));
        }
        return new Choice(pm, null, wrongVersion);
    }

    private static Diagnostic.Related versionLabel(Module pm, Provision wrongVersion) {
        return new Diagnostic.Related(
                "'" + pm.name() + "' provides version "
                        + (wrongVersion.version() == null
                                ? "(none)"
                                : wrongVersion.version().text()),
                wrongVersion.version() == null
                        ? wrongVersion.span()
                        : wrongVersion.version().span());
    }

    /** Module names by contract and range text: what {@link #modulesMeeting} found before. */
    private final Map<String, List<String>> meeting = new java.util.HashMap<>();

    /**
     * The modules of the setup (and catalogue) that provide {@code c} in a version {@code range}
     * accepts, sorted by name: what a hint may offer as another provider. Found once per contract
     * and range, so a setup of many unmet requirements stays linear.
     */
    public List<String> modulesMeeting(Contract c, VersionRange range) {
        return meeting.computeIfAbsent(c.name() + " " + range.text(), k -> {
            var out = new ArrayList<String>();
            for (Module m : modules.values()) {
                for (Provision x : m.provides().values()) {
                    if (!x.contract().text().equals(c.name())) continue;
                    Version v = x.version() == null
                            ? null
                            : declarations.version(x.version().text());
                    if (range.isAny() || (v != null && range.matches(v))) {
                        out.add(m.name());
                        break;
                    }
                }
            }
            out.sort(null);
            return List.copyOf(out);
        });
    }

    /** The version module {@code name} provides {@code c} in, or null (absent module or unversioned). */
    public String versionOf(String name, Contract c) {
        Module m = modules.get(name);
        if (m == null) return null;
        for (Provision x : m.provides().values()) {
            if (x.contract().text().equals(c.name()) && x.version() != null)
                return x.version().text();
        }
        return null;
    }

    /** Reports and returns true when {@code i} or one of its owners already runs module {@code pm}. */
    private boolean recursive(Inst i, Requirement r, Module pm) {
        for (Inst a = i; a != null; a = a.owner) {
            if (a.moduleName.equals(pm.name())) {
                var chain = new ArrayList<String>();
                for (Inst b = i; b != null; b = b.owner) chain.add(0, b.name + " (" + b.moduleName + ")");
                chain.add(i.name + "-" + r.name() + " (" + pm.name() + ")");
                diags.add(
                        Code.PROVIDER_RECURSION,
                        r.span(),
                        "provider '" + pm.name() + "' for requirement '" + r.name()
                                + "' would need an instance of itself: " + String.join(" -> ", chain),
                        "give the requirement another provider: MODULE, or bind it to a running provider with bind:");
                return true;
            }
        }
        return false;
    }
}
