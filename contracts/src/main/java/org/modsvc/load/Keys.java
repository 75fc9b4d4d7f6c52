package org.modsvc.load;

import java.util.Set;

/** The keys each kind of declaration accepts; the JSON Schema resources list the same ones. */
public final class Keys {
    private Keys() {}

    public static final Set<String> SETUP =
            Set.of("name", "description", "policy", "subServices", "nodes", "bind", "services", "contracts");
    public static final Set<String> SUB_SERVICES = Set.of("partOf");
    public static final Set<String> NODE = Set.of("address", "target", "run", "description");
    public static final Set<String> MODULE = Set.of(
            "name",
            "description",
            "kind",
            "imports",
            "process",
            "notificationProtocol",
            "configData",
            "services",
            "provides",
            "requires",
            "systemd",
            "hardening",
            "wrapper",
            "lifecycle",
            "packages",
            "assertions",
            "warnings");
    public static final Set<String> PROCESS =
            Set.of("argv", "flags", "flagFormat", "environment", "reloadSignal", "reloadCommand");
    public static final Set<String> FLAG_FORMAT = Set.of("sep", "explicitBool");
    public static final Set<String> CONFIG_DATA = Set.of("text", "name", "enable", "source");
    public static final Set<String> NOTIFICATION_PROTOCOL = Set.of("systemd", "s6");
    public static final Set<String> PROVISION = Set.of("contract", "version", "result", "capacity", "fulfil", "status");
    public static final Set<String> STATUS = Set.of("fulfilled", "reason");
    public static final Set<String> ASSERTION = Set.of("assertion", "message");
    public static final Set<String> WARNING = Set.of("when", "message");
    public static final Set<String> LIFECYCLE = Set.of("init");
    public static final Set<String> REQUIREMENT =
            Set.of("contract", "version", "request", "optional", "provider", "policy", "remoteWait");
    public static final Set<String> WRAPPER = Set.of("setDefault", "unset", "prefix", "suffix", "chdir", "argsAfter");
    public static final Set<String> PATH_LIST = Set.of("separator", "values");
    public static final Set<String> CONTRACT =
            Set.of("name", "description", "reach", "shared", "defaultProvider", "request", "result", "probe");
    public static final Set<String> PROBE = Set.of("argv");
    public static final Set<String> FIELD = Set.of("type", "secret", "optional", "description");
    public static final Set<String> SYSTEMD_SECTIONS = Set.of("Unit", "Service", "Install");
}
