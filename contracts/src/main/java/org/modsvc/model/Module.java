package org.modsvc.model;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * One service declaration with its imports already merged in. Immutable.
 *
 * @param name the module name; for a nested sub-service, its key under {@code services:}
 * @param file the display path of the file that declared it
 * @param imports the imported module names as written (already merged; kept for explain)
 * @param process never null; {@code process.argv()} is empty only for import-only modules
 * @param notificationProtocol never null ({@link NotificationProtocol#NONE} by default)
 * @param services static sub-services by name
 * @param systemd passthrough unit keys: section → key → values (one line each)
 * @param wrapper wrapper-only settings, never null
 * @param lifecycle first-start initialisation, never null ({@link Lifecycle#NONE} by default)
 * @param packages Debian packages the module's programs come from (for the boot check and
 *     deployment); never null, may be empty
 * @param systemdKeys where each passthrough key was written, by {@code Section.Key}: a key's own
 *     span, for checks that refuse the key itself (an unknown key); never null, may be empty
 * @param checks its {@code assertions} and {@code warnings}; never null
 */
public record Module(
        String name,
        ModuleKind kind,
        String file,
        List<Scalar> imports,
        Process process,
        NotificationProtocol notificationProtocol,
        SortedMap<String, ConfigData> configData,
        SortedMap<String, Module> services,
        SortedMap<String, Provision> provides,
        SortedMap<String, Requirement> requires,
        SortedMap<String, SortedMap<String, List<Scalar>>> systemd,
        Hardening hardening,
        WrapperSpec wrapper,
        Lifecycle lifecycle,
        List<Scalar> packages,
        Span span,
        SortedMap<String, Span> systemdKeys,
        Checks checks) {
    public Module {
        imports = List.copyOf(imports);
        configData = Model.sorted(configData);
        services = Model.sorted(services);
        provides = Model.sorted(provides);
        requires = Model.sorted(requires);
        systemd = Model.sorted(systemd);
        packages = List.copyOf(packages);
        systemdKeys = systemdKeys == null ? java.util.Collections.emptySortedMap() : Model.sorted(systemdKeys);
        if (checks == null) checks = Checks.NONE;
    }

    /** A module whose passthrough keys have no spans of their own, without assertions or warnings (made in tests). */
    public Module(
            String name,
            ModuleKind kind,
            String file,
            List<Scalar> imports,
            Process process,
            NotificationProtocol notificationProtocol,
            SortedMap<String, ConfigData> configData,
            SortedMap<String, Module> services,
            SortedMap<String, Provision> provides,
            SortedMap<String, Requirement> requires,
            SortedMap<String, SortedMap<String, List<Scalar>>> systemd,
            Hardening hardening,
            WrapperSpec wrapper,
            Lifecycle lifecycle,
            List<Scalar> packages,
            Span span) {
        this(
                name,
                kind,
                file,
                imports,
                process,
                notificationProtocol,
                configData,
                services,
                provides,
                requires,
                systemd,
                hardening,
                wrapper,
                lifecycle,
                packages,
                span,
                null,
                null);
    }
}
