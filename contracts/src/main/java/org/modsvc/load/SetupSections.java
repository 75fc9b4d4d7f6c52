package org.modsvc.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.model.Node;
import org.modsvc.model.Scalar;
import org.modsvc.model.Target;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;
import org.modsvc.source.SrcScalar;

/**
 * The setup file's own sections once its modules are known: {@code nodes:} (each node's address,
 * target and run: list), {@code bind:} entries, and the check that every provider module a
 * requirement or contract names exists. Stateless; every problem goes to the {@link Shape}'s
 * diagnostics.
 */
final class SetupSections {
    private static final Pattern BIND_REF = Pattern.compile("([^/.]*)/([^/.]*)\\.([^/.]*)");

    private SetupSections() {}

    static TreeMap<String, Node> nodes(
            SrcNode n, Shape shape, Map<String, Module> modules, java.util.Set<String> unreadable) {
        var out = new TreeMap<String, Node>();
        shape.entries(n, "nodes", e -> {
            String name = e.key().text();
            if (!shape.name(e.key(), "node")) return null;
            SrcMap m = shape.map(e.value(), "node '" + name + "'", Keys.NODE);
            if (m == null) return null;
            Scalar address = shape.optional(m, "address", "node '" + name + "'");
            if (address == null) address = new Scalar(name, e.key().span());
            else if (address.text().isEmpty() || address.text().chars().anyMatch(c -> c <= ' ' || c == '/')) {
                shape.diags()
                        .add(
                                Code.BAD_VALUE,
                                address.span(),
                                "address '" + Shape.printable(address.text()) + "' is not a host name or IP address");
            }
            if (m.get("description") != null) shape.string(m.get("description"), "description");
            Target target = m.get("target") == null
                    ? Target.SYSTEMD
                    : shape.word(m.get("target"), "target", Target::parse, List.of("systemd", "wrapper"));
            var run = new ArrayList<Scalar>();
            var seen = new HashMap<String, Span>();
            for (RunName rn : runNames(m.get("run"), shape)) {
                Scalar s = rn.name();
                // A compact entry's problems were reported where its module was made (CompactRuns).
                if (rn.compact() && !modules.containsKey(s.text())) continue;
                if (!rn.compact() && !shape.name(s, "module")) continue;
                if (seen.containsKey(s.text())) {
                    shape.diags()
                            .add(Diagnostic.of(
                                            Code.DUPLICATE_NAME,
                                            s.span(),
                                            "node '" + name + "' runs '" + s.text() + "' twice",
                                            "remove one; to run two copies, give one a name of its own: { name: "
                                                    + s.text() + "-2, module: " + s.text() + " }")
                                    .withRelated(List.of(new Diagnostic.Related("first here", seen.get(s.text())))));
                    continue;
                }
                seen.put(s.text(), s.span());
                if (!modules.containsKey(s.text())) {
                    if (unreadable.contains(s.text())) continue;
                    String near = Suggest.closest(s.text(), modules.keySet());
                    shape.diags()
                            .add(
                                    Code.UNKNOWN_MODULE,
                                    s.span(),
                                    "node '" + name + "' runs '" + s.text()
                                            + "', which is no module of the setup or the catalogue",
                                    near != null
                                            ? "did you mean '" + near + "'?"
                                            : "add services/" + s.text() + ".yaml");
                    continue;
                }
                run.add(s);
            }
            out.put(
                    name,
                    new Node(
                            name,
                            address,
                            target == null ? Target.SYSTEMD : target,
                            run,
                            e.key().span()));
            return null;
        });
        return out;
    }

    /** A {@code run:} entry's instance name; {@code compact} for a {@code { name, module, settings }} entry. */
    private record RunName(Scalar name, boolean compact) {}

    /** The names {@code run:} lists: plain module names and compact entries' names, in order. */
    private static List<RunName> runNames(SrcNode n, Shape shape) {
        var out = new ArrayList<RunName>();
        if (n == null) return out;
        if (!(n instanceof org.modsvc.source.SrcList l)) {
            shape.wrongType(n, "run", "a list of module names or { name, module, settings } entries");
            return out;
        }
        for (SrcNode item : l.items()) {
            if (item instanceof SrcMap entry) {
                if (entry.get("name") instanceof SrcScalar s)
                    out.add(new RunName(new Scalar(s.text(), s.span()), true));
                continue;
            }
            Scalar s = shape.string(item, "run item");
            if (s != null) out.add(new RunName(s, false));
        }
        return out;
    }

    static List<Bind> binds(SrcNode n, Shape shape) {
        var out = new ArrayList<Bind>();
        shape.entries(n, "bind", e -> {
            Bind.Ref consumer = ref(e.key(), shape, "requirement");
            Scalar right = shape.string(e.value(), "bind target");
            Bind.Ref provider = right == null
                    ? null
                    : ref(new SrcScalar(right.text(), SrcScalar.Kind.STRING, right.span()), shape, "provision");
            if (consumer != null && provider != null)
                out.add(new Bind(consumer, provider, e.key().span()));
            return null;
        });
        return out;
    }

    private static Bind.Ref ref(SrcScalar s, Shape shape, String member) {
        Matcher m = BIND_REF.matcher(s.text());
        if (!m.matches() || !Names.isName(m.group(1)) || !Names.isName(m.group(2)) || !Names.isName(m.group(3))) {
            shape.diags()
                    .add(
                            Code.BAD_BIND,
                            s.span(),
                            "'" + Shape.printable(s.text()) + "' is not of the form node/instance." + member,
                            "write it as NODE/INSTANCE." + member.toUpperCase(java.util.Locale.ROOT)
                                    + ", for example web1/nextcloud.db");
            return null;
        }
        return new Bind.Ref(m.group(1), m.group(2), m.group(3), s.span());
    }

    /**
     * A requirement's {@code provider:} and a contract's {@code defaultProvider} name modules that
     * must exist (E038); whether they provide the right contract is the resolver's question.
     */
    static void checkProviderModules(
            Map<String, Module> modules,
            Map<String, Contract> contracts,
            Shape shape,
            java.util.Set<String> unreadable) {
        var pending = new java.util.ArrayDeque<Module>(modules.values());
        // Sub-services merged from imports share modules: visit each once, not once per path.
        var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Module, Boolean>());
        while (!pending.isEmpty()) {
            Module m = pending.pop();
            if (!seen.add(m)) continue;
            pending.addAll(m.services().values());
            for (var r : m.requires().values()) {
                if (r.provider() != null)
                    unknownModule(r.provider(), "requirement '" + r.name() + "'", modules, shape, unreadable);
            }
        }
        for (Contract c : contracts.values()) {
            if (c.defaultProvider() != null && !c.builtin()) {
                unknownModule(c.defaultProvider(), "contract '" + c.name() + "'", modules, shape, unreadable);
            }
        }
    }

    private static void unknownModule(
            Scalar name, String who, Map<String, Module> modules, Shape shape, java.util.Set<String> unreadable) {
        if (modules.containsKey(name.text()) || unreadable.contains(name.text())) return;
        String near = Suggest.closest(name.text(), modules.keySet());
        shape.diags()
                .add(
                        Code.UNKNOWN_MODULE,
                        name.span(),
                        who + " names provider module '" + name.text()
                                + "', which is no module of the setup or the catalogue",
                        near != null ? "did you mean '" + near + "'?" : "add services/" + name.text() + ".yaml");
    }

    /**
     * {@code subServices: { partOf: BOOL }}: whether sub-services are {@code PartOf=} their owner and
     * wanted by it (the default, true) or only owned, as in nixpkgs (false).
     */
    static boolean subServicesPartOf(SrcNode n, Shape shape) {
        if (n == null) return true;
        var m = shape.map(n, "subServices", Keys.SUB_SERVICES);
        if (m == null || m.get("partOf") == null) return true;
        Boolean b = shape.bool(m.get("partOf"), "subServices.partOf");
        return b == null || b;
    }

    /** Inline {@code services:} or {@code contracts:} of a single-file setup. */
    static void inline(
            SrcNode n,
            String what,
            java.util.Set<String> taken,
            Map<String, SrcMap> into,
            Shape shape,
            boolean contracts) {
        if (n == null) return;
        SrcMap m = shape.map(n, what, null);
        if (m == null) return;
        for (SrcMap.Entry e : m.entries()) {
            String k = e.key().text();
            boolean ok = contracts ? Names.isContractName(k) : shape.name(e.key(), "module");
            if (contracts && !ok) {
                shape.diags()
                        .add(
                                Code.BAD_NAME,
                                e.key().span(),
                                "contract name '" + Shape.printable(k) + "' is not valid",
                                "contract names are dot-separated names, such as kv.redis");
            }
            if (!ok) continue;
            SrcMap tree = shape.map(e.value(), (contracts ? "contract '" : "module '") + k + "'", null);
            if (tree == null) continue;
            ModuleFiles.checkDeclaredName(tree, k, shape);
            if (taken.contains(k) || into.containsKey(k)) {
                shape.diags()
                        .add(
                                Code.DUPLICATE_NAME,
                                e.key().span(),
                                (contracts ? "contract '" : "module '") + k
                                        + "' is declared both inline and in its own file",
                                "keep one of them");
                continue;
            }
            into.put(k, tree);
        }
    }
}
