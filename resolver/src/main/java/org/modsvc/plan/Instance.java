package org.modsvc.plan;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Span;
import org.modsvc.model.Hardening;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;

/**
 * A module running on a node, with every value resolved.
 *
 * @param id {@code node/name}
 * @param name the unit-name stem, unique on its node ({@code app}, {@code app-db}, {@code app-worker})
 * @param module the module it instantiates (for a static sub-service, {@code parent/child})
 * @param owner the owning instance id, or null for a top-level instance
 * @param argv never empty for a service
 * @param reload null when no reload is declared
 * @param ports ports it claims through {@code port} result fields, sorted
 * @param credentials secret files it reads, by credential name (the parts of argv, environment and
 *     config data refer to them)
 * @param systemd passthrough keys, section → key → values
 * @param stateDir the directory it keeps state in ({@code /var/lib/modsvc/<name>}): the
 *     manager creates it, owned by the instance's user, before {@code lifecycle.init} runs
 * @param runtimeDir its runtime directory ({@code /run/modsvc/<name>}), made like stateDir
 * @param lifecycle the steps around its process that keep its contracts, never null
 * @param packages Debian packages its programs come from, sorted, never null
 * @param span the declaration (module or sub-service) it came from
 * @param origins where its checked values were written, for located target checks; never null
 *     ({@link Origins#NONE} when unknown); takes no part in equality
 */
public record Instance(
        String id,
        String node,
        String name,
        String module,
        String owner,
        ModuleKind kind,
        List<Value> argv,
        SortedMap<String, Value> environment,
        NotificationProtocol notificationProtocol,
        Reload reload,
        List<ConfigFile> configData,
        List<Provided> provides,
        List<Integer> ports,
        SortedMap<String, String> credentials,
        SortedMap<String, SortedMap<String, List<String>>> systemd,
        Hardening hardening,
        WrapperPlan wrapper,
        String stateDir,
        String runtimeDir,
        Lifecycle lifecycle,
        List<String> packages,
        Span span,
        Origins origins) {
    public Instance {
        argv = List.copyOf(argv);
        environment = org.modsvc.model.SortedMaps.copyOf(environment);
        configData = List.copyOf(configData);
        provides = List.copyOf(provides);
        ports = List.copyOf(ports);
        credentials = org.modsvc.model.SortedMaps.copyOf(credentials);
        systemd = org.modsvc.model.SortedMaps.copyOf(systemd);
        packages = List.copyOf(packages);
        if (origins == null) origins = Origins.NONE;
    }

    /** An instance with no recorded origins: its checks point at {@code span}. */
    public Instance(
            String id,
            String node,
            String name,
            String module,
            String owner,
            ModuleKind kind,
            List<Value> argv,
            SortedMap<String, Value> environment,
            NotificationProtocol notificationProtocol,
            Reload reload,
            List<ConfigFile> configData,
            List<Provided> provides,
            List<Integer> ports,
            SortedMap<String, String> credentials,
            SortedMap<String, SortedMap<String, List<String>>> systemd,
            Hardening hardening,
            WrapperPlan wrapper,
            String stateDir,
            String runtimeDir,
            Lifecycle lifecycle,
            List<String> packages,
            Span span) {
        this(
                id,
                node,
                name,
                module,
                owner,
                kind,
                argv,
                environment,
                notificationProtocol,
                reload,
                configData,
                provides,
                ports,
                credentials,
                systemd,
                hardening,
                wrapper,
                stateDir,
                runtimeDir,
                lifecycle,
                packages,
                span,
                null);
    }

    /** The span of the value at {@code path} (see {@link Origins}), else the declaration's. */
    public Span at(String path) {
        return origins.at(path, span);
    }

    /** Equality leaves {@link #origins} out: they are derived from the declaration, not planned. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Instance i
                && java.util.Objects.equals(id, i.id)
                && java.util.Objects.equals(node, i.node)
                && java.util.Objects.equals(name, i.name)
                && java.util.Objects.equals(module, i.module)
                && java.util.Objects.equals(owner, i.owner)
                && kind == i.kind
                && argv.equals(i.argv)
                && environment.equals(i.environment)
                && notificationProtocol == i.notificationProtocol
                && java.util.Objects.equals(reload, i.reload)
                && configData.equals(i.configData)
                && provides.equals(i.provides)
                && ports.equals(i.ports)
                && credentials.equals(i.credentials)
                && systemd.equals(i.systemd)
                && hardening == i.hardening
                && java.util.Objects.equals(wrapper, i.wrapper)
                && java.util.Objects.equals(stateDir, i.stateDir)
                && java.util.Objects.equals(runtimeDir, i.runtimeDir)
                && java.util.Objects.equals(lifecycle, i.lifecycle)
                && packages.equals(i.packages)
                && java.util.Objects.equals(span, i.span);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, node, name, module, argv, environment, span);
    }

    /** Where every instance's state lives: a namespace of modsvc's own, never an OS directory. */
    public static final String STATE_ROOT = "/var/lib/modsvc/";

    /** Where every instance's runtime directory lives. */
    public static final String RUNTIME_ROOT = "/run/modsvc/";
}
