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
        Span span) {
    public Instance {
        argv = List.copyOf(argv);
        environment = org.modsvc.model.SortedMaps.copyOf(environment);
        configData = List.copyOf(configData);
        provides = List.copyOf(provides);
        ports = List.copyOf(ports);
        credentials = org.modsvc.model.SortedMaps.copyOf(credentials);
        systemd = org.modsvc.model.SortedMaps.copyOf(systemd);
        packages = List.copyOf(packages);
    }

    /** Where every instance's state lives: a namespace of modsvc's own, never an OS directory. */
    public static final String STATE_ROOT = "/var/lib/modsvc/";

    /** Where every instance's runtime directory lives. */
    public static final String RUNTIME_ROOT = "/run/modsvc/";
}
