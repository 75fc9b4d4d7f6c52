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
        String name = target.getFileName().toString();
        if (Files.isDirectory(parent)) {
            // What a killed writer left: its previous output first put back if it was set aside.
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) restoreLeftover(parent, name, target);
            removeLeftovers(parent, name);
        }
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException(out + " exists and is not a directory");
        }
        if (exists && !force && !isEmpty(target)) {
            throw new RefusedException(out + " exists and is not empty; pass --force to replace it");
        }
        Files.createDirectories(parent);
        // The writer's process id is in the name, so a later run can tell a killed writer's
        // leftovers from the work of one still running (see removeLeftovers).
        String tag = "." + name + ".tmp-" + ProcessHandle.current().pid() + "-";
        Path tmp = Files.createTempDirectory(parent, tag);
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
                Path old = Files.createTempDirectory(
                        parent, "." + name + ".old-" + ProcessHandle.current().pid() + "-");
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

    /** {@code .NAME.tmp-PID-RANDOM} or {@code .NAME.old-PID-RANDOM}: group 1 the kind, 2 the writer's pid. */
    private static final Pattern LEFTOVER = Pattern.compile("\\.(?:.*)\\.(tmp|old)-([0-9]+)-[0-9]+");

    /**
     * The hidden siblings a writer that was killed (SIGKILL, SIGTERM, power loss) left behind
     * beside {@code name}: those whose writer is no longer running. A live writer's are kept.
     */
    private static java.util.List<Path> leftovers(Path parent, String name, String kind) throws IOException {
        var out = new java.util.ArrayList<Path>();
        String prefix = "." + name + "." + kind + "-";
        try (var entries =
                Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                var m = LEFTOVER.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                long pid = Long.parseLong(m.group(2));
                boolean alive =
                        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) out.add(p);
            }
        } catch (NumberFormatException tooLong) {
            return out;
        }
        return out;
    }

    /**
     * A writer killed between moving the old output aside and moving the new one in leaves no
     * output and a complete {@code .old-} tree: that previous output is put back.
     */
    private static void restoreLeftover(Path parent, String name, Path target) throws IOException {
        for (Path old : leftovers(parent, name, "old")) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
    }

    private static void removeLeftovers(Path parent, String name) throws IOException {
        for (String kind : new String[] {"tmp", "old"}) {
            for (Path p : leftovers(parent, name, kind)) deleteTree(p);
        }
    }

    /**
     * A write failure in words, without Java's exception class names: the file and the system's
     * reason ("Permission denied", "No space left on device").
     */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException a) return "permission denied: " + a.getFile();
        if (e instanceof java.nio.file.NoSuchFileException n) return "no such file or directory: " + n.getFile();
        if (e instanceof FileAlreadyExistsException f)
            return "something is in the way (it already exists): " + f.getFile();
        if (e instanceof java.nio.file.NotDirectoryException d) return "not a directory: " + d.getFile();
        if (e instanceof DirectoryNotEmptyException d) return "directory not empty: " + d.getFile();
        if (e instanceof java.nio.file.FileSystemException f) {
            String reason = f.getReason() == null ? "cannot be written" : f.getReason();
            return f.getFile() == null ? reason : f.getFile() + ": " + reason;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : m;
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
