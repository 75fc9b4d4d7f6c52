package org.modsvc.emit;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
            // Each directory is made once, before any file; then the files, which are independent,
            // are written in parallel (a tree of 250 000 units is bound by system calls).
            var dirs = new java.util.TreeSet<Path>();
            for (String rel : files.keySet()) {
                Path p = tmp.resolve(rel);
                if (!p.normalize().startsWith(tmp)) throw new RefusedException("unsafe path " + rel);
                dirs.add(p.getParent());
            }
            boolean exact = creationModesExact(tmp);
            for (Path d : dirs) Files.createDirectories(d, DIR_MODE);
            try {
                files.entrySet().parallelStream().forEach(e -> writeFile(tmp.resolve(e.getKey()), e.getValue(), exact));
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            if (exact) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            } else {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    for (Path d : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
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

    private static final java.nio.file.attribute.FileAttribute<
                    java.util.Set<java.nio.file.attribute.PosixFilePermission>>
            DIR_MODE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
    private static final java.nio.file.attribute.FileAttribute<
                    java.util.Set<java.nio.file.attribute.PosixFilePermission>>
            EXEC_MODE = DIR_MODE;
    private static final java.nio.file.attribute.FileAttribute<
                    java.util.Set<java.nio.file.attribute.PosixFilePermission>>
            FILE_MODE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

    /**
     * Whether files and directories created with a mode get exactly that mode, i.e. the process
     * umask clears none of the bits of 0755 (and so none of 0644). Then no file needs a separate
     * chmod; otherwise every one gets it, as before.
     */
    private static boolean creationModesExact(Path dir) throws IOException {
        Path probe = dir.resolve(".mode-probe");
        Files.createFile(probe, EXEC_MODE);
        try {
            return Files.getPosixFilePermissions(probe).equals(PosixFilePermissions.fromString("rwxr-xr-x"));
        } finally {
            Files.delete(probe);
        }
    }

    private static void writeFile(Path p, OutputFile f, boolean exact) {
        var options = java.util.EnumSet.of(
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        try {
            try (var ch = Files.newByteChannel(p, options, f.executable() ? EXEC_MODE : FILE_MODE)) {
                var buf = java.nio.ByteBuffer.wrap(f.bytes());
                while (buf.hasRemaining()) ch.write(buf);
            }
            if (!exact) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(f.executable() ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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

    /**
     * Removes a tree without following links. Files are unlinked in directory order as the walk
     * meets them, with no sorted list of all paths first. Unlinking 250 000 small files is the
     * slowest part of an emit with --force (about 23 s on an ext4 disk, as for rm -rf) and waits on
     * the file system, not the processor: deleting from 8 threads at once was slower (31 s).
     */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        deleteWalk(root);
    }

    private static void deleteWalk(Path root) throws IOException {
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                Files.deleteIfExists(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                if (failed != null) throw failed;
                Files.deleteIfExists(dir);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
