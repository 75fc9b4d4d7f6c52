package org.modsvc.plan;

/**
 * The names of the systemd units a plan makes. Every unit modsvc writes starts with
 * {@value #PREFIX}, so that no instance or setup name can take a unit a distribution ships
 * ({@code postgresql.service}, {@code sshd.service}, {@code multi-user.target}) and, since
 * {@code DynamicUser=} names its user after the unit, no instance can run as a static account such
 * as {@code root} or {@code postgres}. Emitters, the boot check and deploy targets name units only
 * through this class.
 */
public final class UnitNames {
    /** The namespace of every emitted unit; no Debian or NixOS unit starts with it. */
    public static final String PREFIX = "modsvc-";

    /** systemd's limit on a unit name, in bytes. */
    public static final int MAX = 255;

    private UnitNames() {}

    /** The service unit of the instance named {@code instanceName} (non-null), not checked. */
    public static String service(String instanceName) {
        return PREFIX + instanceName + ".service";
    }

    /** The service unit of an instance (non-null). */
    public static String service(Instance instance) {
        return service(instance.name());
    }

    /**
     * The socket unit {@code x} (non-null) owned by the instance named {@code instanceName}
     * (non-null), not checked: nixpkgs names a service's extra units {@code <service>-<x>}.
     */
    public static String socket(String instanceName, String x) {
        return PREFIX + instanceName + "-" + x + ".socket";
    }

    /** The target unit of a node's share of the setup named {@code setup} (non-null), not checked. */
    public static String target(String setup) {
        return PREFIX + setup + ".target";
    }
}
