package org.modsvc.resolve.declaration;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.resolve.values.Spans;
import org.modsvc.resolve.version.Version;
import org.modsvc.resolve.version.VersionRange;

/**
 * What can be checked about a requirement or a provision from its declaration alone: its
 * contract exists, its version or range parses, its request and result fields fit the contract.
 * Each declaration is checked once, however many instances its module has, so its findings are
 * reported once and no later pass has to remove repeats.
 *
 * <p>A declaration is recognised by identity: the instances of one module share its records. A
 * module imported by several others gives each importer an equal copy, checked once per copy; the
 * run's collector keeps one of the equal findings (hashing every declaration by value to avoid that
 * cost a fifth of the resolve time at 100 000 services).
 */
public final class Declarations {
    /** A requirement whose contract and range are known. */
    public record Required(Contract contract, VersionRange range) {}

    private static final Required UNUSABLE = new Required(null, null);

    private final Setup setup;
    private final Diagnostics diags;
    /** The setup's contracts in a hash map: looked up once per requirement and provision. */
    private final Map<String, Contract> contracts;

    private final Map<String, Version> versions = new HashMap<>();
    private final Map<String, VersionRange> ranges = new HashMap<>();
    private final Map<Requirement, Required> requiredSeen;
    private final Set<Provision> provisionSeen;
    private final Set<Provision> resultsSeen;

    public Declarations(Setup setup, Diagnostics diags) {
        this.setup = setup;
        this.diags = diags;
        this.contracts = new HashMap<>(setup.contracts());
        // Sized for a few declarations per module, so that large setups do not grow them in steps.
        int expected = 4 * setup.modules().size();
        this.requiredSeen = new IdentityHashMap<>(expected);
        this.provisionSeen = Collections.newSetFromMap(new IdentityHashMap<>(expected));
        this.resultsSeen = Collections.newSetFromMap(new IdentityHashMap<>(expected));
    }

    /** The contract named {@code name}, or null when the setup does not define it. */
    public Contract contract(String name) {
        return contracts.get(name);
    }

    /** The parsed provision version, or null when it does not parse; parsed once per text. */
    public Version version(String text) {
        Version v = versions.get(text);
        if (v == null && !versions.containsKey(text)) {
            v = Version.parse(text);
            versions.put(text, v);
        }
        return v;
    }

    /**
     * The contract and range of {@code r}, or null when either is unusable. The first time a
     * declaration comes, reports an unknown contract, request fields that do not fit it, and a
     * range that does not parse.
     */
    public Required required(Requirement r) {
        Required known = requiredSeen.get(r);
        if (known == null) {
            known = checkRequirement(r);
            requiredSeen.put(r, known);
        }
        return known == UNUSABLE ? null : known;
    }

    private Required checkRequirement(Requirement r) {
        Contract c = contract(r.contract().text());
        if (c == null) {
            unknownContract(r.contract());
            return UNUSABLE;
        }
        checkRequestFields(r, c);
        VersionRange range = range(r);
        return range == null ? UNUSABLE : new Required(c, range);
    }

    /**
     * Reports an unknown contract and a version that does not parse, once per provision.
     *
     * @param contract its contract, null when unknown (looked up already by the caller)
     * @param version its parsed version, null when absent or unparsable
     */
    public void checkProvision(Provision p, Contract contract, Version version) {
        if (!provisionSeen.add(p)) return;
        if (contract == null) unknownContract(p.contract());
        if (p.version() != null && version == null) {
            diags.add(
                    Code.BAD_VERSION,
                    p.version().span(),
                    "version '" + p.version().text() + "' of provision '" + p.name() + "' is not dot-separated numbers",
                    "write a version such as \"16.2\"");
        }
    }

    /** Reports result keys the contract does not define and fields it needs but lacks, once per provision. */
    public void checkResultFields(Provision p, Contract c) {
        if (!resultsSeen.add(p)) return;
        for (var e : p.result().entrySet()) {
            if (!c.result().containsKey(e.getKey())) unknownResultField(c, e.getKey(), e.getValue());
        }
        for (Field f : c.result().values()) {
            if (!f.optional() && !p.result().containsKey(f.name())) {
                diags.add(Diagnostic.of(
                                Code.MISSING_RESULT_FIELD,
                                p.span(),
                                "provision '" + p.name() + "' does not fill result field '" + f.name()
                                        + "' of contract '" + c.name() + "'",
                                "add result: { " + f.name() + ": … } (type "
                                        + f.type().word() + ")")
                        .withRelated(List.of(new Diagnostic.Related("the field is declared here", f.span()))));
            }
        }
    }

    private void unknownResultField(Contract c, String key, Scalar written) {
        String near = Suggest.closest(key, c.result().keySet());
        diags.add(
                Code.UNKNOWN_RESULT_FIELD,
                written.span(),
                "contract '" + c.name() + "' has no result field '" + key + "'",
                near != null
                        ? "did you mean '" + near + "'?"
                        : "its result fields: " + String.join(", ", c.result().keySet()));
    }

    private void unknownContract(Scalar contract) {
        String near = Suggest.closest(contract.text(), setup.contracts().keySet());
        diags.add(
                Code.UNKNOWN_CONTRACT,
                contract.span(),
                "contract '" + contract.text() + "' is defined neither by the catalogue nor by the setup",
                near != null
                        ? "did you mean '" + near + "'?"
                        : "add contracts/" + contract.text() + ".yaml to the setup");
    }

    /** The requirement's range, or null after reporting E031. */
    private VersionRange range(Requirement r) {
        if (r.version() == null) return VersionRange.ANY;
        Scalar s = r.version();
        VersionRange cached = ranges.get(s.text());
        if (cached != null) return cached;
        var parsed = VersionRange.parse(s.text());
        if (parsed.problem() != null) {
            diags.add(
                    Code.BAD_VERSION,
                    Spans.in(
                            setup,
                            s,
                            parsed.problem().offset(),
                            parsed.problem().length()),
                    "version range '" + s.text() + "' does not parse: "
                            + parsed.problem().message(),
                    "write comparators separated by spaces, such as \">=15 <17\", \"^1.2\", \"~1.2\", \"16\" or \"*\"");
            return null;
        }
        ranges.put(s.text(), parsed.range());
        return parsed.range();
    }

    private void checkRequestFields(Requirement r, Contract c) {
        if (r.request().isEmpty() && c.request().isEmpty()) return;
        // Positions of keys are not kept in the model; a diagnostic points at the entry's value.
        for (var e : r.request().entrySet()) {
            if (!c.request().containsKey(e.getKey())) {
                String near = Suggest.closest(e.getKey(), c.request().keySet());
                diags.add(
                        Code.UNKNOWN_REQUEST_FIELD,
                        e.getValue().span(),
                        "contract '" + c.name() + "' has no request field '" + e.getKey() + "'",
                        near != null
                                ? "did you mean '" + near + "'?"
                                : c.request().isEmpty()
                                        ? "this contract takes no request fields"
                                        : "its request fields: "
                                                + String.join(", ", c.request().keySet()));
            }
        }
        for (Field f : c.request().values()) {
            if (!f.optional() && !r.request().containsKey(f.name())) {
                diags.add(Diagnostic.of(
                                Code.MISSING_REQUEST_FIELD,
                                r.span(),
                                "requirement '" + r.name() + "' does not give request field '" + f.name()
                                        + "' that contract '" + c.name() + "' requires",
                                "add request: { " + f.name() + ": … } (type "
                                        + f.type().word() + ")")
                        .withRelated(List.of(new Diagnostic.Related("the field is declared here", f.span()))));
            }
        }
    }
}
