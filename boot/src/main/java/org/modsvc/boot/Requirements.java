package org.modsvc.boot;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a boot check needs from the host; {@link #missing} says in one line what is not there. */
public final class Requirements {
    private Requirements() {}

    /** Host programs the check runs. */
    static final List<String> PROGRAMS =
            List.of("systemd-nspawn", "debootstrap", "zstd", "tar", "ip", "nsenter", "unshare", "setsid", "mount");

    /**
     * One line saying what is missing (root, a program), or null when the check can run.
     *
     * @param rootReady whether the cached root exists already (then debootstrap is not needed)
     */
    public static String missing(Map<String, String> env, boolean rootReady) {
        return missing(env, rootReady, System.getProperty("user.name"));
    }

    /** As {@link #missing(Map, boolean)} for the user named {@code user}. */
    static String missing(Map<String, String> env, boolean rootReady, String user) {
        if (!"root".equals(user)) {
            return "needs root (it boots containers with systemd-nspawn); run it as root";
        }
        for (String p : PROGRAMS) {
            if (rootReady && (p.equals("debootstrap"))) continue;
            if (find(env, p) == null) {
                String pkg =
                        switch (p) {
                            case "systemd-nspawn" -> "systemd-container";
                            case "ip" -> "iproute2";
                            case "nsenter", "unshare", "setsid", "mount" -> "util-linux";
                            default -> p;
                        };
                return "needs " + p + ", which is not installed (Debian: apt-get install " + pkg + ")";
            }
        }
        return null;
    }

    static Path find(Map<String, String> env, String program) {
        String path = env.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }
}
