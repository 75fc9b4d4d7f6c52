package org.modsvc.emit.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.model.Hardening;

/**
 * The sandboxing keys of the {@code [Service]} section for a {@link Hardening} level. A module
 * relaxes one key by naming it in its {@code systemd:} passthrough, which replaces the profile's
 * value (an empty list removes the key).
 *
 * <p>DEFAULT aims at an exposure of at most 2.0 in {@code systemd-analyze security} while a network
 * daemon with a state directory still works: it keeps AF_INET/AF_INET6 and the host network, and
 * leaves out {@code MemoryDenyWriteExecute=} because JIT runtimes (Java, Node, PHP's JIT) need
 * writable executable memory. STRICT adds that and a tighter system call filter.
 */
public final class HardeningProfile {
    private HardeningProfile() {}

    /**
     * The profiles, made once: by level, then without and with privileged ports. Every unit of a
     * large emit asks for one, and building its 30 keys anew each time was a tenth of making the
     * unit.
     */
    private static final Map<Hardening, List<Map<String, List<String>>>> PROFILES = profiles();

    private static Map<Hardening, List<Map<String, List<String>>>> profiles() {
        var m = new java.util.EnumMap<Hardening, List<Map<String, List<String>>>>(Hardening.class);
        for (Hardening h : Hardening.values()) {
            m.put(
                    h,
                    List.of(
                            java.util.Collections.unmodifiableMap(build(h, false)),
                            java.util.Collections.unmodifiableMap(build(h, true))));
        }
        return m;
    }

    /**
     * @param name the instance name (the profiles do not depend on it today)
     * @param privilegedPorts whether the instance claims a port below 1024
     * @return key → values, in the order they are written; never null, unmodifiable
     */
    public static Map<String, List<String>> keys(Hardening level, String name, boolean privilegedPorts) {
        return PROFILES.get(level).get(privilegedPorts ? 1 : 0);
    }

    private static Map<String, List<String>> build(Hardening level, boolean privilegedPorts) {
        var k = new LinkedHashMap<String, List<String>>();
        if (level == Hardening.NONE) return k;
        k.put("DynamicUser", List.of("yes"));
        k.put("UMask", List.of("0077"));
        k.put("NoNewPrivileges", List.of("yes"));
        if (privilegedPorts) {
            // The one capability a daemon on a port below 1024 needs; user namespaces would void it.
            k.put("CapabilityBoundingSet", List.of("CAP_NET_BIND_SERVICE"));
            k.put("AmbientCapabilities", List.of("CAP_NET_BIND_SERVICE"));
        } else {
            k.put("CapabilityBoundingSet", List.of(""));
            k.put("PrivateUsers", List.of("yes"));
        }
        k.put("ProtectSystem", List.of("strict"));
        k.put("ProtectHome", List.of("yes"));
        k.put("PrivateTmp", List.of("yes"));
        k.put("PrivateDevices", List.of("yes"));
        k.put("PrivateMounts", List.of("yes"));
        k.put("ProtectKernelTunables", List.of("yes"));
        k.put("ProtectKernelModules", List.of("yes"));
        k.put("ProtectKernelLogs", List.of("yes"));
        k.put("ProtectControlGroups", List.of("yes"));
        k.put("ProtectClock", List.of("yes"));
        k.put("ProtectHostname", List.of("yes"));
        k.put("ProtectProc", List.of("invisible"));
        k.put("ProcSubset", List.of("pid"));
        k.put("RestrictAddressFamilies", List.of("AF_UNIX AF_INET AF_INET6"));
        k.put("RestrictNamespaces", List.of("yes"));
        k.put("RestrictRealtime", List.of("yes"));
        k.put("RestrictSUIDSGID", List.of("yes"));
        k.put("LockPersonality", List.of("yes"));
        k.put("RemoveIPC", List.of("yes"));
        k.put("DevicePolicy", List.of("closed"));
        k.put("KeyringMode", List.of("private"));
        var filter = new ArrayList<>(List.of("@system-service"));
        if (level == Hardening.STRICT) {
            filter.add("~@privileged @resources");
            k.put("MemoryDenyWriteExecute", List.of("yes"));
        }
        k.put("SystemCallFilter", List.copyOf(filter));
        k.put("SystemCallErrorNumber", List.of("EPERM"));
        k.put("SystemCallArchitectures", List.of("native"));
        return k;
    }
}
