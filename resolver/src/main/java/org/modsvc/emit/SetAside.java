package org.modsvc.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hidden siblings a {@link TreeWriter} keeps beside its output: {@code .NAME.tmp-PID-N} (the
 * tree being written), {@code .NAME.old-PID-N} (the previous output, set aside until the new one
 * is in place) and {@code .NAME.del-PID-N} (a previous output being removed, never put back).
 * The writer's process id is in each name, so a later run can tell a killed writer's leftovers
 * from the work of one still running.
 */
final class SetAside {
    private SetAside() {}

    /** {@code .NAME.KIND-PID-RANDOM}: group 1 the kind, 2 the writer's pid. */
    private static final Pattern LEFTOVER = Pattern.compile("\\.(?:.*)\\.(tmp|old|del)-([0-9]+)-[0-9]+");

    /** Where a command that removes a tree without following links is, or null when none is. */
    private static final String RM = Files.isExecutable(Path.of("/bin/rm"))
            ? "/bin/rm"
            : Files.isExecutable(Path.of("/usr/bin/rm")) ? "/usr/bin/rm" : null;

    /**
     * The hidden siblings of {@code kind} that a writer which is no longer running (killed by
     * SIGKILL or SIGTERM, or a power loss) left beside {@code name}. A live writer's are kept.
     */
    static List<Path> leftovers(Path parent, String name, String kind) throws IOException {
        var out = new ArrayList<Path>();
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
     * output and a complete {@code .old-} tree: that previous output is put back. A {@code .del-}
     * tree may be half removed and is never put back.
     */
    static void restore(Path parent, String name, Path target) throws IOException {
        for (Path old : leftovers(parent, name, "old")) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
    }

    /**
     * Removes what killed writers left. A {@code .del-} tree may still be being removed by the
     * {@code rm} its writer started, and removing it here would cost the time that the writer
     * saved, so it goes to the background as well when {@code background} is set.
     */
    static void removeLeftovers(Path parent, String name, boolean background) throws IOException {
        for (Path p : leftovers(parent, name, "tmp")) delete(p);
        for (Path p : leftovers(parent, name, "old")) delete(p);
        for (Path p : leftovers(parent, name, "del")) {
            if (!background || !removeInBackground(p)) delete(p);
        }
    }

    /**
     * Removes the set-aside previous output {@code old} (a directory, never a link, that only this
     * writer knows by name). With {@code background} it is renamed to {@code .NAME.del-PID-N} and
     * handed to a detached {@code rm -rf}, which does not follow symbolic links and is not waited
     * for: unlinking 250 000 files takes 20 to 30 s on an ext4 disk, and the new output is
     * complete already. Without it, or when no {@code rm} can be started, it is removed here.
     */
    static void dispose(Path old, Path parent, String name, boolean background) throws IOException {
        if (background && RM != null) {
            Path del = Files.createTempDirectory(
                    parent, "." + name + ".del-" + ProcessHandle.current().pid() + "-");
            Files.delete(del);
            Files.move(old, del, StandardCopyOption.ATOMIC_MOVE);
            if (removeInBackground(del)) return;
            old = del;
        }
        delete(old);
    }

    /**
     * Starts {@code rm -rf -- dir}, detached: no input, output discarded, not waited for (it goes
     * on after this process exits). False when it cannot be started.
     */
    private static boolean removeInBackground(Path dir) {
        if (RM == null) return false;
        try {
            new ProcessBuilder(RM, "-rf", "--", dir.toAbsolutePath().toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return true;
        } catch (IOException | RuntimeException cannotStart) {
            return false;
        }
    }

    /**
     * Removes a tree without following links. Files are unlinked in directory order as the walk
     * meets them, with no sorted list of all paths first. What disappears meanwhile (a background
     * {@code rm} of an earlier run on the same tree) is skipped. Unlinking waits on the file system,
     * not the processor: deleting from 8 threads at once was slower (31 s for 250 000 files).
     */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                Files.deleteIfExists(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException failed) throws IOException {
                if (failed instanceof NoSuchFileException) return java.nio.file.FileVisitResult.CONTINUE;
                throw failed;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                if (failed != null && !(failed instanceof NoSuchFileException)) throw failed;
                Files.deleteIfExists(dir);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
