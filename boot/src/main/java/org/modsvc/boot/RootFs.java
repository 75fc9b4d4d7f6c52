package org.modsvc.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The root filesystem every container boots: Debian 12 made by debootstrap from a package list,
 * cached as {@code bootroot-<key>.tar.zst} under the cache directory and unpacked beside it. The
 * key is a hash of the package list and of this recipe, so a changed list builds a new root and an
 * unchanged one is reused. Containers never write to it (each gets an overlay of its own).
 *
 * <p>Building takes minutes, so it happens under a file lock: parallel checks wait for one build
 * instead of making two.
 */
public final class RootFs {
    /** Bump when the steps after debootstrap change: the key then changes with them. */
    private static final String RECIPE = "recipe 5: masked units, user modsvc, hosts, ssh key, pinned debs";

    private static final ForeignPackages FOREIGN = ForeignPackages.shipped();

    /**
     * A throwaway SSH key made with each root (private part here, public part in root's
     * {@code authorized_keys}): only the check's own containers accept it, on their own bridge,
     * so a deployment tool (the generated Ansible playbook) can log in as root.
     */
    static final String SSH_KEY = "etc/modsvc-boot/id_ed25519";

    static final String SUITE = "bookworm";

    /** Debian's own units of the packaged daemons: the setup's units run them, never these. */
    static final List<String> MASKED = List.of(
            "postgresql.service",
            "postgresql@.service",
            "redis-server.service",
            "redis-server@.service",
            "nginx.service",
            "mariadb.service",
            "mariadb@.service",
            "mysql.service",
            "postfix.service",
            "postfix@.service",
            "rabbitmq-server.service",
            "php8.2-fpm.service",
            "snid.service",
            "snid.socket",
            "apt-daily.timer",
            "apt-daily-upgrade.timer",
            "e2scrub_reap.service",
            "e2scrub_all.timer",
            "fstrim.timer");

    /** The unprivileged user the wrapper target's launcher runs as. */
    static final String USER = "modsvc";

    private final Path cache;
    private final List<String> packages;
    private final String mirror;

    private RootFs(Path cache, List<String> packages, String mirror) {
        this.cache = cache;
        this.packages = List.copyOf(packages);
        this.mirror = mirror;
    }

    /**
     * This root with {@code more} packages as well (the Debian packages a setup's modules declare);
     * the ones the shipped list has already change nothing, so the catalogue's setups share one root.
     */
    public RootFs with(java.util.Collection<String> more) {
        var all = new java.util.TreeSet<>(packages);
        all.addAll(more);
        return all.size() == packages.size() ? this : new RootFs(cache, List.copyOf(all), mirror);
    }

    /** The packages the root is made from, sorted. */
    public List<String> packages() {
        return packages;
    }

    /** The root for the shipped package list, cached under MODSVC_CACHE or /var/cache/modsvc. */
    public static RootFs standard(Map<String, String> env) {
        String dir = env.getOrDefault("MODSVC_CACHE", "");
        return new RootFs(Path.of(dir.isEmpty() ? "/var/cache/modsvc" : dir), shippedPackages(), mirror());
    }

    static List<String> shippedPackages() {
        try (InputStream in = RootFs.class.getResourceAsStream("packages.txt")) {
            if (in == null) throw new IllegalStateException("packages.txt is missing from the jar");
            var out = new ArrayList<String>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) out.add(l);
            }
            return out.stream().sorted().distinct().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read packages.txt", e);
        }
    }

    /** The host's Debian mirror (the first http URI its apt sources name), else deb.debian.org. */
    static String mirror() {
        var sources = new ArrayList<Path>();
        sources.add(Path.of("/etc/apt/sources.list"));
        try (var s = Files.list(Path.of("/etc/apt/sources.list.d"))) {
            s.sorted().forEach(sources::add);
        } catch (IOException e) {
            // no directory: only sources.list
        }
        for (Path p : sources) {
            try {
                for (String line : Files.readAllLines(p)) {
                    String l = line.strip();
                    if (l.startsWith("#")) continue;
                    for (String w : l.split("\\s+")) {
                        if (w.startsWith("http") && w.endsWith("/debian")) return w;
                    }
                }
            } catch (IOException e) {
                // unreadable: try the next
            }
        }
        return "http://deb.debian.org/debian";
    }

    /** The cache key: the package list and the recipe, hashed. */
    public String key() {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update((RECIPE + "\n" + SUITE + "\n" + String.join("\n", packages)).getBytes(StandardCharsets.UTF_8));
            for (var p : FOREIGN.among(packages)) md.update(("\n" + p.line()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path tarball() {
        return cache.resolve("bootroot-" + key() + ".tar.zst");
    }

    /** The unpacked root the overlays use as their lower layer. */
    public Path directory() {
        return cache.resolve("bootroot-" + key());
    }

    /**
     * The unpacked root, built (or unpacked from the tarball) first when needed.
     *
     * @param progress told about each long step; never null
     */
    public Path ensure(Consumer<String> progress) throws IOException {
        Files.createDirectories(cache);
        Path done = cache.resolve("bootroot-" + key() + ".ok");
        if (Files.exists(done) && Files.isDirectory(directory())) return directory();
        try (var ch = FileChannel.open(
                        cache.resolve("bootroot-" + key() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                var lock = ch.lock()) {
            if (Files.exists(done) && Files.isDirectory(directory())) return directory();
            Path tmp = cache.resolve("bootroot-" + key() + ".tmp");
            remove(tmp);
            remove(directory());
            Files.createDirectories(tmp);
            if (Files.isRegularFile(tarball())) {
                progress.accept("unpacking " + tarball());
                Exec.check(
                        Duration.ofMinutes(10),
                        List.of(
                                "tar",
                                "-C",
                                tmp.toString(),
                                "--zstd",
                                "-xpf",
                                tarball().toString()));
            } else {
                build(tmp, progress);
            }
            Files.move(tmp, directory());
            Files.writeString(done, key() + "\n");
            return directory();
        }
    }

    private void build(Path tmp, Consumer<String> progress) throws IOException {
        progress.accept("building the root filesystem with debootstrap (" + packages.size()
                + " packages, a few minutes) into " + tmp);
        Path log = cache.resolve("bootroot-" + key() + ".log");
        Files.deleteIfExists(log);
        var argv = Exec.argv(
                "debootstrap",
                "--variant=minbase",
                "--include="
                        + String.join(
                                ",",
                                packages.stream()
                                        .filter(p -> !FOREIGN.pinned(p))
                                        .toList()),
                SUITE,
                tmp.toString(),
                mirror);
        Exec.Result r = Exec.run(Duration.ofMinutes(30), log, argv);
        if (!r.ok()) {
            var tail = Files.readAllLines(log);
            throw new IOException("debootstrap failed (exit " + r.code() + "), see " + log + ": "
                    + String.join(" / ", tail.subList(Math.max(0, tail.size() - 3), tail.size())));
        }
        ForeignPackages.install(tmp, mirror, FOREIGN.among(packages), progress);
        Path units = tmp.resolve("etc/systemd/system");
        Files.createDirectories(units);
        for (String u : MASKED) {
            Path link = units.resolve(u);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of("/dev/null"));
        }
        Exec.check(
                Duration.ofMinutes(1),
                List.of("chroot", tmp.toString(), "useradd", "--create-home", "--shell", "/bin/sh", USER));
        Files.createDirectories(tmp.resolve(SSH_KEY).getParent());
        Exec.check(
                Duration.ofMinutes(1),
                List.of(
                        "chroot",
                        tmp.toString(),
                        "ssh-keygen",
                        "-q",
                        "-t",
                        "ed25519",
                        "-N",
                        "",
                        "-C",
                        "modsvc-boot",
                        "-f",
                        "/" + SSH_KEY));
        Path ssh = Files.createDirectories(tmp.resolve("root/.ssh"));
        Files.setPosixFilePermissions(ssh, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.copy(tmp.resolve(SSH_KEY + ".pub"), ssh.resolve("authorized_keys"));
        // The package caches are not needed to run anything; they only make the tarball bigger.
        Exec.run(Duration.ofMinutes(1), List.of("chroot", tmp.toString(), "apt-get", "clean"));
        remove(tmp.resolve("var/lib/apt/lists"));
        Files.createDirectories(tmp.resolve("var/lib/apt/lists/partial"));
        Files.createDirectories(tmp.resolve("var/www/html"));
        progress.accept("packing " + tarball());
        Path part = cache.resolve("bootroot-" + key() + ".tar.zst.part");
        Exec.check(
                Duration.ofMinutes(10),
                List.of("tar", "-C", tmp.toString(), "-I", "zstd -T0 -3", "-cpf", part.toString(), "."));
        Files.move(part, tarball(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The private part of the root's throwaway SSH key (see {@link #SSH_KEY}), once the root is made. */
    public Path sshKey() {
        return directory().resolve(SSH_KEY);
    }

    /** Removes a directory tree without following symbolic links (rm -rf --one-file-system). */
    static void remove(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", p.toString()));
    }

    /** Builds (or unpacks) the standard root and prints where it is: for CI, before the tests. */
    public static void main(String[] args) throws IOException {
        var fs = standard(System.getenv());
        long t0 = System.nanoTime();
        Path dir = fs.ensure(line -> System.err.println("modsvc boot root: " + line));
        System.out.printf(
                java.util.Locale.ROOT,
                "%s (%s) ready in %.0f s%n",
                dir,
                fs.tarball().getFileName(),
                (System.nanoTime() - t0) / 1e9);
    }
}
