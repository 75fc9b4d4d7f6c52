package org.modsvc.model;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Span;
import org.modsvc.source.SourceFile;

/**
 * A whole loaded setup: nodes, modules (setup's and the catalogue's, imports merged), contracts
 * (the catalogue's, overridden or extended by the setup's) and explicit bindings. Immutable.
 *
 * @param sources every file read, by display path, for rendering diagnostics
 * @param subServicesPartOf {@code subServices.partOf}: whether a sub-service is {@code PartOf=} its
 *     owner and wanted by it (modsvc's default, true), or only owned, as nixpkgs has it (false)
 */
public record Setup(
        String name,
        Policy policy,
        SortedMap<String, Node> nodes,
        List<Bind> binds,
        SortedMap<String, Module> modules,
        SortedMap<String, Contract> contracts,
        SortedMap<String, SourceFile> sources,
        Span span,
        boolean subServicesPartOf) {
    public Setup {
        nodes = Model.sorted(nodes);
        binds = List.copyOf(binds);
        modules = Model.sorted(modules);
        contracts = Model.sorted(contracts);
        sources = Model.sorted(sources);
    }

    /** A setup with modsvc's default sub-service ordering ({@code subServices: { partOf: true }}). */
    public Setup(
            String name,
            Policy policy,
            SortedMap<String, Node> nodes,
            List<Bind> binds,
            SortedMap<String, Module> modules,
            SortedMap<String, Contract> contracts,
            SortedMap<String, SourceFile> sources,
            Span span) {
        this(name, policy, nodes, binds, modules, contracts, sources, span, true);
    }

    /** The same setup under another default policy (for {@code --policy} and {@code compare}). */
    public Setup withPolicy(Policy p) {
        return new Setup(name, p, nodes, binds, modules, contracts, sources, span, subServicesPartOf);
    }
}
