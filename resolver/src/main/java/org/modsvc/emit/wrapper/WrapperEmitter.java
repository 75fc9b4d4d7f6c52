package org.modsvc.emit.wrapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.TargetCheck;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Target;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Lifecycle;
import org.modsvc.plan.Origins;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.Value;

/**
 * Writes one POSIX sh exec wrapper per instance under {@code <node>/bin/}, one per lifecycle step
 * of a service ({@code <name>.init}, {@code <name>.fulfil.<n>}), the node's config data under
 * {@code <node>/etc/system-services/}, and a launcher {@code <node>/bin/modsvc.up} that starts the
 * node's services in plan order (the names have a dot, so no instance can take them).
 *
 * <p>A tree normally goes to the node's {@code /}. With a root (see {@link #WrapperEmitter(String)})
 * it can instead run in place from {@code ROOT/<node>}: every config data path in argv,
 * environment, wrapper settings and config text, every state and runtime directory, and the
 * launcher's wrapper paths, are then written under that directory. Secret files stay at their
 * source paths (they belong to the node), except those in a relocated directory: the node's own
 * state, and a remote provider's state directory, where a consumer's delivered copy lives.
 */
public final class WrapperEmitter implements TargetCheck {
    private static final String CONFIG_ROOT = "/etc/system-services/";

    private final String root;

    /** Emits trees meant to be installed at each node's {@code /}. */
    public WrapperEmitter() {
        this.root = "";
    }

    /**
     * @param root absolute directory under which the node trees will live ({@code ROOT/<node>}),
     *     such as the absolute {@code --out}; null or "/" for trees installed at {@code /}
     * @throws IllegalArgumentException when root is not absolute
     */
    public WrapperEmitter(String root) {
        if (root == null || root.equals("/")) {
            this.root = "";
        } else {
            if (!root.startsWith("/")) throw new IllegalArgumentException("root must be absolute: " + root);
            this.root = root.replaceAll("/+$", "");
        }
    }

    public Emission emit(Plan plan, String node) {
        return emit(plan.index(), node);
    }

    /**
     * As {@link #emit(Plan, String)}, with the plan's lookups built once by the caller, so that
     * emitting many nodes one call at a time stays linear in the plan's size.
     */
    public Emission emit(PlanIndex index, String node) {
        Plan plan = index.plan();
        var files = new TreeMap<String, OutputFile>();
        var diagnostics = new ArrayList<Diagnostic>();
        for (PlanNode n : plan.nodes()) {
            if (node == null ? n.target() != Target.WRAPPER : !n.name().equals(node)) continue;
            emitNode(index, n.name(), files, diagnostics);
        }
        return new Emission(diagnostics.stream().anyMatch(Diagnostic::isError) ? new TreeMap<>() : files, diagnostics);
    }

    /**
     * What {@link #emit(PlanIndex, String)} reports for {@code node}, from the same walk; the
     * scripts are made (a wrapper is a few hundred bytes) and dropped, nothing is kept.
     */
    @Override
    public void check(PlanIndex index, String node, Diagnostics diags) {
        var diagnostics = new ArrayList<Diagnostic>();
        emitNode(index, node, new TreeMap<>(), diagnostics);
        diags.addAll(diagnostics);
    }

    private void emitNode(
            PlanIndex index, String node, TreeMap<String, OutputFile> files, List<Diagnostic> diagnostics) {
        Plan plan = index.plan();
        String prefix = root.isEmpty() ? "" : root + "/" + node;
        List<Instance> instances = index.onNode(node);
        UnaryOperator<String> relocate = relocation(index, instances, prefix);
        for (Instance i : instances) {
            var script = new WrapperScript(i, plan.setup(), relocate);
            String text = script.text();
            diagnostics.addAll(script.problems());
            files.put(node + "/bin/" + i.name(), OutputFile.text(text, true));
            for (ConfigFile c : i.configData()) {
                configFile(i, c, relocate, node, files, diagnostics);
            }
        }
        diagnostics.addAll(Capabilities.of(instances));
        // Plan order first; a service the order leaves out still starts, last, in id order.
        var ids = new java.util.LinkedHashSet<String>(plan.order().getOrDefault(node, List.of()));
        instances.forEach(i -> ids.add(i.id()));
        var services = new ArrayList<Launcher.Service>();
        for (String id : ids) {
            Instance i = index.instance(id);
            if (i != null && i.node().equals(node) && i.kind() != ModuleKind.TOOL) {
                services.add(service(i, plan.setup(), relocate, prefix, node, files, diagnostics));
            }
        }
        files.put(node + "/bin/modsvc.up", OutputFile.text(Launcher.text(node, plan.setup(), services), true));
    }

    /**
     * The launcher's view of a service, writing a wrapper for each of its lifecycle steps:
     * {@code bin/<name>.init} and {@code bin/<name>.fulfil.<n>} (names with a dot, which no
     * instance can take). A step's problems that its service's wrapper already reported (the
     * environment is the same) are not reported twice.
     */
    private static Launcher.Service service(
            Instance i,
            String setup,
            UnaryOperator<String> relocate,
            String prefix,
            String node,
            TreeMap<String, OutputFile> files,
            List<Diagnostic> diagnostics) {
        Lifecycle lifecycle = i.lifecycle() == null ? Lifecycle.NONE : i.lifecycle();
        String init = null;
        if (!lifecycle.init().isEmpty()) {
            init = stepFile(
                    i,
                    setup,
                    relocate,
                    "init",
                    lifecycle.init(),
                    Origins::init,
                    "init",
                    prefix,
                    node,
                    files,
                    diagnostics);
        }
        var fulfil = new ArrayList<Launcher.Step>();
        for (int n = 0; n < lifecycle.fulfil().size(); n++) {
            Lifecycle.Fulfil f = lifecycle.fulfil().get(n);
            String label = "fulfil " + f.provision() + " for " + f.consumer() + " " + f.requirement();
            String path = stepFile(
                    i,
                    setup,
                    relocate,
                    label,
                    f.argv(),
                    k -> Origins.fulfil(f.provision(), k),
                    "fulfil." + (n + 1),
                    prefix,
                    node,
                    files,
                    diagnostics);
            fulfil.add(new Launcher.Step(label, path));
        }
        var directories = new ArrayList<String>();
        if (i.stateDir() != null) directories.add(relocate.apply(i.stateDir()));
        if (i.runtimeDir() != null) directories.add(relocate.apply(i.runtimeDir()));
        return new Launcher.Service(
                i.name(),
                prefix + "/bin/" + i.name(),
                i.notificationProtocol() == NotificationProtocol.S6,
                directories,
                init,
                fulfil);
    }

    private static String stepFile(
            Instance i,
            String setup,
            UnaryOperator<String> relocate,
            String step,
            List<Value> argv,
            java.util.function.IntFunction<String> argvPath,
            String suffix,
            String prefix,
            String node,
            TreeMap<String, OutputFile> files,
            List<Diagnostic> diagnostics) {
        var script = new WrapperScript(i, setup, relocate, step, argv, argvPath);
        String text = script.text();
        for (Diagnostic d : script.problems()) {
            if (!diagnostics.contains(d)) diagnostics.add(d);
        }
        String name = i.name() + "." + suffix;
        files.put(node + "/bin/" + name, OutputFile.text(text, true));
        return prefix + "/bin/" + name;
    }

    private static void configFile(
            Instance i,
            ConfigFile c,
            UnaryOperator<String> relocate,
            String node,
            TreeMap<String, OutputFile> files,
            List<Diagnostic> diagnostics) {
        if (!c.path().startsWith("/")) {
            diagnostics.add(Diagnostic.of(
                    Code.UNREPRESENTABLE,
                    i.at("configData." + c.name()),
                    i.id() + ": config data '" + WrapperScript.comment(c.name()) + "' has a relative install path"));
            return;
        }
        var text = new StringBuilder();
        for (Part p : c.text().parts()) {
            if (p instanceof Part.Literal l) text.append(relocate.apply(l.text()));
            else if (p instanceof Part.SecretFile f) text.append(relocate.apply(f.source()));
        }
        String why = ShellWords.notUtf8(text.toString());
        if (why != null) {
            diagnostics.add(Diagnostic.of(
                    Code.UNREPRESENTABLE,
                    i.at("configData." + c.name() + ".text"),
                    i.id() + ": config data '" + WrapperScript.comment(c.name()) + "' " + why,
                    "remove the character"));
            return;
        }
        files.put(node + c.path(), OutputFile.text(text.toString(), false));
    }

    /**
     * Where a path of the plan lies on {@code node} when its tree runs from {@code ROOT/<node>}
     * (see {@link #WrapperEmitter(String)}): the same rewriting the node's wrappers get. For the
     * cross-node secret delivery step, which must put each copy where that node reads it.
     *
     * @param path an absolute path as the plan writes it
     * @return the path on the node; {@code path} itself without a root or outside the relocated
     *     directories
     */
    public String placed(PlanIndex index, String node, String path) {
        if (root.isEmpty()) return path;
        return relocation(index, index.onNode(node), root + "/" + node).apply(path);
    }

    /**
     * Rewrites each config data path, state directory and runtime directory of the node's
     * instances to its place under {@code prefix}, longest first so one path that extends another
     * is rewritten whole. A directory matches only as a whole name ({@code /var/lib/modsvc/pg}
     * is not rewritten inside {@code /var/lib/modsvc/pg2}, which may be another node's). The state
     * directory of a remote provider that a consumer here is bound to is rewritten too: what the
     * consumer reads there (a delivered password) is this node's copy, and with a root nothing
     * outside the tree is needed, so the copy lives in the tree like the node's own state.
     */
    private static UnaryOperator<String> relocation(PlanIndex index, List<Instance> instances, String prefix) {
        if (prefix.isEmpty()) return UnaryOperator.identity();
        var directories = new java.util.HashSet<String>();
        for (Instance i : instances) {
            if (i.stateDir() != null && i.stateDir().startsWith("/")) directories.add(i.stateDir());
            if (i.runtimeDir() != null && i.runtimeDir().startsWith("/")) directories.add(i.runtimeDir());
            for (var b : index.bindingsOf(i.id())) {
                Instance p = index.provider(b);
                if (p != null
                        && !p.node().equals(i.node())
                        && p.stateDir() != null
                        && p.stateDir().startsWith("/")) directories.add(p.stateDir());
            }
            // The instance's config directory itself, for a program told where its files are
            // (gunicorn --chdir, php -t) rather than each file's path.
            for (ConfigFile c : i.configData()) {
                String dir = CONFIG_ROOT + i.name();
                if (c.path().startsWith(dir + "/")) directories.add(dir);
            }
        }
        List<String> paths = java.util.stream.Stream.concat(
                        instances.stream().flatMap(i -> i.configData().stream()).map(ConfigFile::path),
                        directories.stream())
                .filter(p -> p.startsWith("/"))
                .distinct()
                .sorted(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
        if (paths.isEmpty()) return UnaryOperator.identity();
        Pattern any = Pattern.compile(paths.stream()
                .map(p -> Pattern.quote(p) + (directories.contains(p) ? "(?![A-Za-z0-9_-])" : ""))
                .collect(Collectors.joining("|")));
        return s -> any.matcher(s).replaceAll(m -> Matcher.quoteReplacement(prefix + m.group()));
    }

    /**
     * What the wrapper target cannot express for the instances of {@code node}: one W060 per
     * instance and feature, a warning when the plan asks for the feature explicitly and a note
     * when it is a systemd default that the wrapper target lacks (restart, the default hardening).
     * For {@code validate} as well as {@code emit}.
     *
     * @param node a node name; instances of other nodes are ignored
     * @return sorted by {@link Diagnostic#ORDER}, never null
     */
    public static List<Diagnostic> capabilities(Plan plan, String node) {
        return Capabilities.of(plan, node);
    }
}
