package org.modsvc.emit.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.modsvc.emit.secrets.CrossNodeSecrets.Delivery;

/**
 * Writes the cross-node secret files under {@code DIR/<node>/<path on that node>}, mode 0600: random for a
 * secret no node has yet, else the content one node's copy already has, so a second run changes
 * nothing and a delivered password is never replaced. The one delivery step: {@code modsvc
 * secrets} and {@code modsvc check --boot} both use it.
 */
public final class SecretFiles {
    private static final int BYTES = 24;

    private SecretFiles() {}

    /** @return how many secrets were made (the others were kept) */
    public static int write(List<Delivery> deliveries, Path dir) throws IOException {
        var random = new SecureRandom();
        int made = 0;
        for (Delivery d : deliveries) {
            byte[] content = existing(dir, d);
            if (content == null) {
                byte[] raw = new byte[BYTES];
                random.nextBytes(raw);
                // Hex, no newline: what the catalogue's own fulfil steps make, safe in every client.
                content = HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
                made++;
            }
            for (var copy : d.copies().entrySet()) write(dir.resolve(copy.getKey()), copy.getValue(), content);
        }
        return made;
    }

    /** The content one node's copy already has (the first found), or null. */
    private static byte[] existing(Path dir, Delivery d) throws IOException {
        for (var copy : d.copies().entrySet()) {
            Path f = below(dir.resolve(copy.getKey()), copy.getValue());
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) return Files.readAllBytes(f);
        }
        return null;
    }

    private static Path below(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static void write(Path root, String absolute, byte[] content) throws IOException {
        Path f = below(root, absolute);
        if (!f.normalize().startsWith(root.normalize())) throw new IOException("'" + absolute + "' leaves " + root);
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            if (Arrays.equals(Files.readAllBytes(f), content)) return;
        }
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling("." + f.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("something is in the way at " + tmp);
        }
        Files.write(tmp, content);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
