package org.modsvc.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.diag.Code;
import org.modsvc.source.SrcList;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;
import org.modsvc.source.SrcScalar;

/**
 * The compact form of a {@code run:} entry, {@code { name: api-eu, module: api, settings: {…} }}:
 * one more instance of a module with its own settings, without a wrapper module file. Each entry
 * becomes the tree of a module named {@code name} that imports {@code module} and declares
 * {@code settings} itself, so the settings merge over the module by the rules of {@code imports}
 * (the importer wins, mappings merge, lists append, E022 and E020 located as there). The entry's
 * name is then an ordinary module name: another node may run it by that name alone.
 */
final class CompactRuns {
    private static final Set<String> ENTRY = Set.of("name", "module", "settings");
    /** Settings are the module's own part: its name and imports come from the entry. */
    private static final Set<String> NOT_SETTINGS = Set.of("name", "imports");

    private CompactRuns() {}

    /**
     * The module trees the compact entries of every node's {@code run:} declare, by name; problems
     * are reported to {@code shape} and the entry is left out.
     *
     * @param nodes the setup's {@code nodes:} value; may be null
     * @param taken names of the modules already declared (setup and catalogue)
     */
    static Map<String, SrcMap> trees(SrcNode nodes, Set<String> taken, Shape shape) {
        var out = new LinkedHashMap<String, SrcMap>();
        if (!(nodes instanceof SrcMap nm)) return out;
        for (SrcMap.Entry node : nm.entries()) {
            if (!(node.value() instanceof SrcMap n) || !(n.get("run") instanceof SrcList run)) continue;
            for (SrcNode item : run.items()) {
                if (!(item instanceof SrcMap entry)) continue;
                SrcMap tree = tree(entry, taken, out, shape);
                if (tree != null) out.put(((SrcScalar) entry.get("name")).text(), tree);
            }
        }
        return out;
    }

    private static SrcMap tree(SrcMap entry, Set<String> taken, Map<String, SrcMap> declared, Shape shape) {
        if (shape.map(entry, "run entry", ENTRY) == null) return null;
        var name = shape.required(entry, "name", "run entry");
        var module = shape.required(entry, "module", "run entry");
        if (name == null || module == null) return null;
        if (!shape.name(name, "instance") || !shape.name(module, "module")) return null;
        if (taken.contains(name.text()) || declared.containsKey(name.text())) {
            shape.diags()
                    .add(
                            Code.DUPLICATE_NAME,
                            name.span(),
                            "run entry '" + name.text() + "' is named like a module already declared",
                            taken.contains(name.text())
                                    ? "give the instance another name (the module's own name runs it plainly)"
                                    : "another node runs it by its name alone: run: [" + name.text() + "]");
            return null;
        }
        if (!taken.contains(module.text()) && !declared.containsKey(module.text())) {
            String near = org.modsvc.diag.Suggest.closest(module.text(), taken);
            shape.diags()
                    .add(
                            Code.UNKNOWN_MODULE,
                            module.span(),
                            "run entry '" + name.text() + "' uses module '" + module.text()
                                    + "', which is no module of the setup or the catalogue",
                            near != null ? "did you mean '" + near + "'?" : "add services/" + module.text() + ".yaml");
            return null;
        }
        var entries = new ArrayList<SrcMap.Entry>();
        SrcMap.Entry settingsEntry = entry.entry("settings");
        if (settingsEntry != null) {
            SrcMap settings = shape.map(settingsEntry.value(), "settings of run entry '" + name.text() + "'", null);
            if (settings == null) return null;
            for (SrcMap.Entry e : settings.entries()) {
                if (NOT_SETTINGS.contains(e.key().text())) {
                    shape.diags()
                            .add(
                                    Code.UNKNOWN_KEY,
                                    e.key().span(),
                                    "settings of a run entry cannot set '"
                                            + e.key().text() + "'",
                                    "the entry's name and module say them");
                    return null;
                }
                entries.add(e);
            }
        }
        var imp = new SrcScalar(module.text(), SrcScalar.Kind.STRING, module.span());
        entries.add(
                0,
                new SrcMap.Entry(
                        new SrcScalar(
                                "imports",
                                SrcScalar.Kind.STRING,
                                settingsEntry != null ? settingsEntry.key().span() : module.span()),
                        new SrcList(List.of(imp), module.span())));
        return new SrcMap(entries, entry.span());
    }
}
