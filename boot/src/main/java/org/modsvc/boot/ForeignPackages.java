package org.modsvc.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The packages a Debian 12 root cannot get from its own suite (snid is Debian 13's), pinned by
 * path and SHA-256 in {@code foreign-packages.txt}: debootstrap leaves them out, and after it
 * each .deb is downloaded from the same mirror, checked against its hash, and installed with dpkg.
 */
final class ForeignPackages {
    /** One pinned package; all fields non-null. */
    record Pinned(String name, String suite, String path, String sha256) {
        String line() {
            return name + " " + suite + " " + path + " " + sha256;
        }
    }

    private final Map<String, Pinned> byName;

    private ForeignPackages(Map<String, Pinned> byName) {
        this.byName = byName;
    }

    static ForeignPackages shipped() {
        try (InputStream in = ForeignPackages.class.getResourceAsStream("foreign-packages.txt")) {
            if (in == null) throw new IllegalStateException("foreign-packages.txt is missing from the jar");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read foreign-packages.txt", e);
        }
    }

    static ForeignPackages parse(String text) {
        var out = new TreeMap<String, Pinned>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] w = l.split("\\s+");
            if (w.length != 4 || !w[3].matches("[0-9a-f]{64}"))
                throw new IllegalStateException("foreign-packages.txt: not 'name suite path sha256': " + l);
            out.put(w[0], new Pinned(w[0], w[1], w[2], w[3]));
        }
        return new ForeignPackages(out);
    }

    boolean pinned(String name) {
        return byName.containsKey(name);
    }

    /** The pinned packages among {@code packages}, in name order. */
    List<Pinned> among(List<String> packages) {
        return packages.stream().filter(byName::containsKey).map(byName::get).toList();
    }

    /**
     * Downloads, checks and installs each of {@code wanted} into the root at {@code root}.
     *
     * @throws IOException when a download fails, a hash differs, or dpkg refuses the package
     */
    static void install(Path root, String mirror, List<Pinned> wanted, Consumer<String> progress) throws IOException {
        Path archives = Files.createDirectories(root.resolve("var/cache/apt/archives"));
        for (Pinned p : wanted) {
            progress.accept("installing " + p.name() + " from Debian " + p.suite() + " (" + p.path() + ")");
            Path deb = archives.resolve(Path.of(p.path()).getFileName().toString());
            download(mirror + "/" + p.path(), deb);
            String got = sha256(deb);
            if (!got.equals(p.sha256()))
                throw new IOException(p.path() + " has SHA-256 " + got + ", foreign-packages.txt pins " + p.sha256());
            Exec.check(
                    Duration.ofMinutes(5),
                    List.of("chroot", root.toString(), "dpkg", "-i", "/var/cache/apt/archives/" + deb.getFileName()));
        }
    }

    private static void download(String url, Path to) throws IOException {
        var client = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofMinutes(10))
                .build();
        try {
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofFile(to));
            if (response.statusCode() != 200) throw new IOException(url + ": HTTP " + response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted downloading " + url, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
