package org.modsvc.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.load.SetupFiles.Found;
import org.modsvc.load.SetupFiles.Input;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.model.Policy;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.progress.Progress;
import org.modsvc.source.Limits;
import org.modsvc.source.SourceFile;
import org.modsvc.source.SourceReader;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcScalar;

/**
 * Loads a setup: a directory with {@code setup.yaml} (or {@code .yml}, {@code .json}), a
 * {@code services/} folder of modules and an optional {@code contracts/} folder; or a single file
 * with {@code services:} and {@code contracts:} inline. Collects every problem; throws only for I/O
 * failures.
 */
public final class SetupLoader {

    private final Limits limits;
    private final Catalogue catalogue;
    private final Progress progress;
    private final ModuleFiles files;

    public SetupLoader(Limits limits, Catalogue catalogue) {
        this(limits, catalogue, Progress.NONE);
    }

    /** @param progress told of the files as they are read; never null ({@link Progress#NONE}) */
    public SetupLoader(Limits limits, Catalogue catalogue, Progress progress) {
        this.limits = limits;
        this.catalogue = catalogue;
        this.progress = progress;
        this.files = new ModuleFiles(limits, new SourceReader(limits), progress);
    }

    /**
     * @param path a setup directory or a single setup file
     * @param display how to show {@code path} in diagnostics (usually as the user typed it)
     */
    public LoadResult load(Path path, String display) throws IOException {
        var diags = new Diagnostics();
        var sources = new TreeMap<String, SourceFile>();
        Input setupInput;
        var moduleInputs = new ArrayList<Input>();
        var contractInputs = new ArrayList<Input>();
        var links = new ArrayList<String>();
        Path root = null;
        if (Files.isDirectory(path)) {
            root = path.toRealPath();
            if (SetupFiles.linked(path, root, links)) return SetupFiles.linksFound(links, display, path, root);
            var found = new ArrayList<String>();
            for (String f : SetupFiles.SETUP_FILES) if (Files.isRegularFile(path.resolve(f))) found.add(f);
            if (found.isEmpty()) {
                diags.add(
                        Code.NO_SETUP,
                        Span.file(display),
                        "no setup.yaml or setup.json in this directory",
                        "a setup directory holds setup.yaml, services/ and optionally contracts/");
                return new LoadResult(null, diags.toList(), sources);
            }
            if (found.size() > 1) {
                diags.add(
                        Code.NO_SETUP,
                        Span.file(SetupFiles.join(display, found.get(1))),
                        "more than one setup file: " + String.join(", ", found),
                        "keep exactly one");
            }
            setupInput = SetupFiles.input(path.resolve(found.get(0)), SetupFiles.join(display, found.get(0)));
            SetupFiles.listFolder(path, root, "services", display, moduleInputs, links);
            SetupFiles.listFolder(path, root, "contracts", display, contractInputs, links);
        } else if (Files.isRegularFile(path)) {
            setupInput = SetupFiles.input(path, display);
        } else {
            diags.add(Code.NO_SETUP, Span.NONE, "no such file or directory: " + display);
            return new LoadResult(null, diags.toList(), sources);
        }
        int total = 1 + moduleInputs.size() + contractInputs.size();
        if (total > limits.files()) {
            diags.add(
                    Code.LIMIT,
                    Span.file(display),
                    "the setup has " + total + " files, more than the limit of " + limits.files(),
                    Limits.raiseHint("files"));
            return new LoadResult(null, diags.toList(), sources);
        }

        // Parsing dominates loading time, so files are read in parallel. A module file is checked
        // and converted to its model by the thread that read it, and its tree is dropped there:
        // holding the trees of 100 000 files until all are read made the collector copy and mark
        // them over and over (README, performance). Only a module that imports others keeps its
        // tree, because imports are merged on trees.
        progress.phase(Progress.Phase.READING, total);
        var setupAndContracts = new ArrayList<Input>();
        setupAndContracts.add(setupInput);
        setupAndContracts.addAll(contractInputs);
        List<SourceReader.Read> reads;
        List<ModuleFiles.ModuleFile> moduleFiles;
        try {
            Path setupRoot = root;
            var others = java.util.concurrent.CompletableFuture.supplyAsync(() -> setupAndContracts.stream()
                    .map(in -> files.counted(
                            SetupFiles.found(in, setupRoot) == Found.READ ? files.readUnchecked(in) : null))
                    .toList());
            moduleFiles = moduleInputs.parallelStream()
                    .map(in -> files.counted(files.readModule(in, setupRoot)))
                    .toList();
            reads = others.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) throw io.getCause();
            throw e;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        for (int i = 0; i < moduleFiles.size(); i++) {
            if (moduleFiles.get(i).found() == Found.LEAVES)
                links.add("services/" + moduleInputs.get(i).path().getFileName());
        }
        for (int i = 0; i < contractInputs.size(); i++) {
            if (reads.get(1 + i) == null && SetupFiles.found(contractInputs.get(i), root) == Found.LEAVES) {
                links.add("contracts/" + contractInputs.get(i).path().getFileName());
            }
        }
        if (!links.isEmpty()) return SetupFiles.linksFound(links, display, path, root);
        for (var r : reads) {
            if (r == null) continue;
            sources.put(r.source().display(), r.source());
            diags.addAll(r.diagnostics());
        }
        for (var mf : moduleFiles)
            if (mf.source() != null) sources.put(mf.source().display(), mf.source());
        for (var mf : moduleFiles) if (mf.found() == Found.SPECIAL) SetupFiles.notAFile(mf.input(), diags);
        for (int i = 0; i < contractInputs.size(); i++) {
            if (reads.get(1 + i) == null && SetupFiles.found(contractInputs.get(i), root) == Found.SPECIAL) {
                SetupFiles.notAFile(contractInputs.get(i), diags);
            }
        }
        var shape = new Shape(diags);
        SrcMap setupTree = shape.map(reads.get(0).root(), "the setup", Keys.SETUP);
        if (reads.get(0).root() == null && reads.get(0).diagnostics().isEmpty()) {
            diags.add(
                    Code.MISSING_FIELD,
                    Span.file(setupInput.display()),
                    "the setup file is empty",
                    "it needs at least 'nodes:'");
        }

        // Module declarations and contract trees: the catalogue's, then the setup's (which
        // override by name). Insertion order is kept: it decides nothing but the order of work.
        var declared = new LinkedHashMap<String, ModuleFiles.Declared>();
        for (Catalogue.Entry e : catalogue.modules()) {
            sources.put(e.read().source().display(), e.read().source());
            diags.addAll(e.read().diagnostics());
            if (e.read().root() instanceof SrcMap m) {
                declared.put(
                        e.stem(), ModuleFiles.Declared.tree(e.read().source().display(), m));
            }
        }
        var contractTrees = new LinkedHashMap<String, SrcMap>();
        var builtinContracts = new LinkedHashSet<String>();
        for (Catalogue.Entry e : catalogue.contracts()) {
            sources.put(e.read().source().display(), e.read().source());
            diags.addAll(e.read().diagnostics());
            if (e.read().root() instanceof SrcMap m) {
                contractTrees.put(e.stem(), m);
                builtinContracts.add(e.stem());
            }
        }
        var setupModules = new LinkedHashMap<String, ModuleFiles.Declared>();
        var setupContracts = new LinkedHashMap<String, SrcMap>();
        for (ModuleFiles.ModuleFile mf : moduleFiles) {
            if (mf.found() != Found.READ) continue;
            diags.addAll(mf.diagnostics());
            if (mf.declared() == null) continue;
            String stem = mf.input().stem();
            if (setupModules.containsKey(stem)) {
                diags.add(
                        Code.DUPLICATE_NAME,
                        Span.file(mf.input().display()),
                        "module '" + stem + "' is declared twice",
                        "keep one of " + setupModules.get(stem).file() + " and "
                                + mf.input().display());
                continue;
            }
            diags.addAll(mf.conversionDiagnostics());
            setupModules.put(stem, mf.declared());
        }
        for (int i = 0; i < contractInputs.size(); i++) {
            Input in = contractInputs.get(i);
            SourceReader.Read read = reads.get(1 + i);
            if (read == null || read.root() == null) continue;
            SrcMap m = shape.map(read.root(), "contract '" + in.stem() + "'", null);
            if (m == null) continue;
            if (!Names.isContractName(in.stem())) {
                diags.add(
                        Code.BAD_NAME,
                        Span.file(in.display()),
                        "contract file name '" + Shape.printable(in.stem()) + "' is not a valid contract name",
                        "contract names are dot-separated names, such as kv.redis");
                continue;
            }
            ModuleFiles.checkDeclaredName(m, in.stem(), shape);
            if (setupContracts.containsKey(in.stem())) {
                diags.add(
                        Code.DUPLICATE_NAME,
                        Span.file(in.display()),
                        "contract '" + in.stem() + "' is declared twice",
                        "keep one file per contract");
                continue;
            }
            setupContracts.put(in.stem(), m);
        }
        if (setupTree != null) {
            var inlineModules = new LinkedHashMap<String, SrcMap>();
            SetupSections.inline(
                    setupTree.get("services"), "services", setupModules.keySet(), inlineModules, shape, false);
            for (var e : inlineModules.entrySet()) {
                setupModules.put(e.getKey(), ModuleFiles.Declared.tree(setupInput.display(), e.getValue()));
            }
            var inlineContracts = new LinkedHashMap<String, SrcMap>();
            SetupSections.inline(
                    setupTree.get("contracts"), "contracts", setupContracts.keySet(), inlineContracts, shape, true);
            setupContracts.putAll(inlineContracts);
        }
        for (var e : setupModules.entrySet()) {
            if (declared.containsKey(e.getKey())) {
                diags.add(
                        Code.MODULE_OVERRIDE,
                        e.getValue().span(),
                        "module '" + e.getKey() + "' overrides the catalogue's provider module of that name");
            }
            declared.put(e.getKey(), e.getValue());
        }
        for (var e : setupContracts.entrySet()) {
            if (builtinContracts.remove(e.getKey())) {
                diags.add(
                        Code.CONTRACT_OVERRIDE,
                        e.getValue().span(),
                        "contract '" + e.getKey() + "' overrides the catalogue's contract of that name");
            }
            contractTrees.put(e.getKey(), e.getValue());
        }

        if (setupTree != null) {
            // Compact run: entries are modules of their own, declared in the setup file.
            var compact = CompactRuns.trees(setupTree.get("nodes"), declared.keySet(), shape);
            for (var e : compact.entrySet())
                declared.put(e.getKey(), ModuleFiles.Declared.tree(setupInput.display(), e.getValue()));
        }
        var modules = convert(declared, shape, ConfigSources.in(root, limits));
        var contractReader = new ContractReader(shape);
        var contracts = new TreeMap<String, Contract>();
        for (var e : contractTrees.entrySet()) {
            Contract c =
                    contractReader.read(e.getKey(), e.getValue(), builtinContracts.contains(e.getKey()), Span.NONE);
            if (c != null) contracts.put(e.getKey(), c);
        }
        // A module whose file is there but did not load (a syntax error, say) is reported there;
        // an E038 "add services/NAME.yaml" for each use of it would point the wrong way.
        var unreadable = new java.util.HashSet<String>();
        for (ModuleFiles.ModuleFile mf : moduleFiles) {
            if (mf.found() == Found.READ && mf.declared() == null)
                unreadable.add(mf.input().stem());
        }
        SetupSections.checkProviderModules(modules, contracts, shape, unreadable);
        var secretFields = secretFields(contracts, contractTrees.values());
        if (setupTree == null) return new LoadResult(null, dedupe(diags), sources, secretFields);

        String defaultName = defaultSetupName(path);
        Scalar nameScalar = shape.optional(setupTree, "name", "the setup");
        String name = nameScalar == null ? defaultName : nameScalar.text();
        if (nameScalar != null) shape.name(nameScalar, "setup name");
        if (setupTree.get("description") != null) shape.string(setupTree.get("description"), "description");
        Policy policy = setupTree.get("policy") == null
                ? Policy.SUB_SERVICE
                : shape.word(
                        setupTree.get("policy"), "policy", Policy::parse, List.of("sub-service", "shared", "auto"));
        var nodes = SetupSections.nodes(setupTree.get("nodes"), shape, modules, unreadable);
        if (setupTree.get("nodes") == null) {
            diags.add(
                    Code.MISSING_FIELD,
                    setupTree.span(),
                    "the setup has no 'nodes'",
                    "add nodes: { NAME: { address: …, target: systemd, run: [MODULE] } }");
        }
        var binds = SetupSections.binds(setupTree.get("bind"), shape);
        boolean partOf = SetupSections.subServicesPartOf(setupTree.get("subServices"), shape);
        var setup = new Setup(
                name,
                policy == null ? Policy.SUB_SERVICE : policy,
                nodes,
                binds,
                modules,
                contracts,
                sources,
                setupTree.span(),
                partOf);
        return new LoadResult(setup, dedupe(diags), sources, secretFields);
    }

    /** The names of every request and result field declared secret, in any contract read. */
    private static java.util.Set<String> secretFields(
            Map<String, Contract> contracts, java.util.Collection<SrcMap> trees) {
        var out = new java.util.TreeSet<String>();
        // Trees too: a contract with an error elsewhere is not converted, but its secrets still are.
        for (SrcMap t : trees) {
            for (String part : List.of("request", "result")) {
                if (!(t.get(part) instanceof SrcMap fields)) continue;
                for (SrcMap.Entry e : fields.entries()) {
                    if (e.value() instanceof SrcMap f
                            && f.get("secret") instanceof SrcScalar b
                            && !b.text().equals("false")) out.add(e.key().text());
                }
            }
        }
        for (Contract c : contracts.values()) {
            c.request().values().stream().filter(f -> f.secret()).forEach(f -> out.add(f.name()));
            c.result().values().stream().filter(f -> f.secret()).forEach(f -> out.add(f.name()));
        }
        return out;
    }

    /**
     * Every declared module's model: imports merged first, on the trees of the modules that take
     * part (those already converted are read again for their tree: parsing is deterministic, so
     * the positions are the same).
     */
    private TreeMap<String, Module> convert(
            Map<String, ModuleFiles.Declared> declared, Shape shape, ConfigSources sources) {
        var trees = new LinkedHashMap<String, SrcMap>();
        var pending = new ArrayDeque<String>();
        for (var e : declared.entrySet()) {
            SrcMap t = e.getValue().tree();
            if (t != null && ImportMerger.imports(t)) {
                trees.put(e.getKey(), t);
                pending.add(e.getKey());
            }
        }
        while (!pending.isEmpty()) {
            var imports = new ArrayList<SrcScalar>();
            ImportMerger.collectImports(trees.get(pending.poll()), imports);
            for (SrcScalar imp : imports) {
                ModuleFiles.Declared d = declared.get(imp.text());
                if (d == null || trees.containsKey(imp.text())) continue;
                trees.put(imp.text(), d.tree() != null ? d.tree() : files.reread(d.source()));
                pending.add(imp.text());
            }
        }
        var merged = new ImportMerger(shape.diags(), limits).mergeAll(trees, declared.keySet());
        var moduleReader = new ModuleReader(shape, sources);
        var modules = new TreeMap<String, Module>();
        for (var e : declared.entrySet()) {
            ModuleFiles.Declared d = e.getValue();
            Module m = d.module() != null
                    ? d.module()
                    : moduleReader.read(e.getKey(), d.file(), merged.getOrDefault(e.getKey(), d.tree()), Span.NONE);
            if (m != null) modules.put(e.getKey(), m);
        }
        return modules;
    }

    private static String defaultSetupName(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path f = Files.isDirectory(abs) ? abs.getFileName() : abs.getFileName();
        String n = f == null ? "setup" : f.toString();
        int dot = n.lastIndexOf('.');
        if (!Files.isDirectory(abs) && dot > 0) n = n.substring(0, dot);
        n = n.replaceAll("[^A-Za-z0-9_-]", "-");
        if (n.isEmpty() || n.startsWith("-")) n = "setup" + n;
        return n.length() > Names.MAX_NAME ? n.substring(0, Names.MAX_NAME) : n;
    }

    private static List<Diagnostic> dedupe(Diagnostics diags) {
        return List.copyOf(new LinkedHashSet<>(diags.toList()));
    }
}
