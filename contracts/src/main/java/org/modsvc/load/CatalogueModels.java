package org.modsvc.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.source.SrcMap;

/**
 * The shipped catalogue as models, without a setup: what {@code modsvc contracts} shows.
 *
 * @param contracts by name, never null
 * @param modules provider modules by name, never null
 * @param diagnostics problems in the shipped files (none in a correct build)
 */
public record CatalogueModels(
        SortedMap<String, Contract> contracts, SortedMap<String, Module> modules, List<Diagnostic> diagnostics) {

    public static CatalogueModels of(Catalogue catalogue) {
        var diags = new Diagnostics();
        var shape = new Shape(diags);
        var trees = new LinkedHashMap<String, SrcMap>();
        var files = new TreeMap<String, String>();
        for (Catalogue.Entry e : catalogue.modules()) {
            diags.addAll(e.read().diagnostics());
            if (e.read().root() instanceof SrcMap m) {
                trees.put(e.stem(), m);
                files.put(e.stem(), e.read().source().display());
            }
        }
        var merged = new ImportMerger(diags).mergeAll(trees, trees.keySet());
        var moduleReader = new ModuleReader(shape);
        var modules = new TreeMap<String, Module>();
        for (String name : trees.keySet()) {
            Module m = moduleReader.read(name, files.get(name), merged.get(name), Span.NONE);
            if (m != null) modules.put(name, m);
        }
        var contractReader = new ContractReader(shape);
        var contracts = new TreeMap<String, Contract>();
        for (Catalogue.Entry e : catalogue.contracts()) {
            diags.addAll(e.read().diagnostics());
            if (e.read().root() instanceof SrcMap m) {
                Contract c = contractReader.read(e.stem(), m, true, Span.NONE);
                if (c != null) contracts.put(e.stem(), c);
            }
        }
        return new CatalogueModels(contracts, modules, diags.toList());
    }
}
