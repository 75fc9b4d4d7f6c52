package org.modsvc.emit;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes an emitted tree atomically: everything goes into a fresh temporary sibling of the output
 * directory, which is renamed into place only when complete. On any failure the temporary
 * directory is removed and the output directory is as it was.
 */
public final class TreeWriter {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+=:,-][A-Za-z0-9_@+=:.,-]*");

    /** Why the tree was not written; the message is for the user. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /**
     * @param out the output directory; must not exist, or be empty, or {@code force} must be set
     * @param files relative paths to contents
     * @throws RefusedException when the output exists and is not empty without force, when a path
     *     is unsafe (absolute, '..', odd characters), or when out is a symlink
     * @throws IOException on a write failure (nothing is left behind)
     */
    public void write(Path out, Map<String, OutputFile> files, boolean force) throws IOException, RefusedException {
        for (String rel : files.keySet()) checkRelative(rel);
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) throw new RefusedException("cannot write to the file system root");
        if (Files.isSymbolicLink(out) || Files.isSymbolicLink(target)) {
            throw new RefusedException(out + " is a symbolic link; give the real directory");
        }
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException(out + " exists and is not a directory");
        }
        if (exists && !force && !isEmpty(target)) {
            throw new RefusedException(out + " exists and is not empty; pass --force to replace it");
        }
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            for (var e : files.entrySet()) {
                Path p = tmp.resolve(e.getKey());
                if (!p.normalize().startsWith(tmp)) throw new RefusedException("unsafe path " + e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue().content());
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(e.getValue().executable() ? "rwxr-xr-x" : "rw-r--r--"));
            }
            try (Stream<Path> dirs = Files.walk(tmp)) {
                for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            if (exists) {
                Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException moveFailed) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    throw moveFailed;
                }
                deleteTree(old);
            } else {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    throw new RefusedException(out + " appeared while writing; nothing was written");
                }
            }
        } catch (IOException | RefusedException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Rejects absolute paths, '..', empty or hidden segments and characters outside a safe set. */
    static void checkRelative(String rel) throws RefusedException {
        if (rel.isEmpty() || rel.startsWith("/")) throw new RefusedException("unsafe output path '" + rel + "'");
        for (String seg : rel.split("/", -1)) {
            if (seg.equals(".") || seg.equals("..") || !SEGMENT.matcher(seg).matches()) {
                throw new RefusedException("unsafe output path '" + rel + "'");
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
