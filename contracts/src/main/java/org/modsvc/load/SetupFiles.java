package org.modsvc.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;

/**
 * The setup on disk: which files it has, which of them are links that leave it, dangle or loop
 * (E008, never followed), and which are no regular files (W002, never opened). Stateless.
 */
final class SetupFiles {
    static final List<String> SETUP_FILES = List.of("setup.yaml", "setup.yml", "setup.json");

    private SetupFiles() {}

    /** A file to read: where it is, how to show it, and what it declares. */
    record Input(Path path, String display, String stem, boolean json, boolean listed) {}

    /** What a listed file turned out to be when it was looked at. */
    enum Found {
        /** a regular file, or a link to one inside the setup: read it */
        READ,
        /** not a regular file (a folder, a device): not part of the setup */
        SKIP,
        /** a link that leaves the setup or dangles: never read, reported */
        LEAVES,
        /** named like a setup file but a FIFO, device, socket or folder: never opened, warned about */
        SPECIAL
    }

    static Input input(Path p, String display) {
        String file = p.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot < 0 ? file : file.substring(0, dot);
        return new Input(p, display, stem, file.endsWith(".json"), false);
    }

    /**
     * Finds symbolic links among the setup's own files and folders that lead outside the setup
     * directory, or nowhere (the setup directory itself, given by the user, may be a link). A setup
     * comes from a pull request: a link to /etc/shadow would otherwise be read, and its lines shown
     * in diagnostics in the CI log. Links that stay inside the setup are harmless. This checks the
     * setup files and the two folders; the files in the folders are checked by {@link #listFolder}
     * (names it does not read) and by {@link #found} (the rest, just before reading each, by the
     * thread that reads it: one {@code lstat} per file, in parallel, instead of two in a row).
     *
     * @param root the real path of the setup directory
     * @return whether there was one (added to {@code links})
     */
    static boolean linked(Path setupDir, Path root, List<String> links) {
        for (String f : SETUP_FILES) if (escapes(setupDir.resolve(f), root)) links.add(f);
        for (String folder : List.of("services", "contracts")) {
            if (escapes(setupDir.resolve(folder), root)) links.add(folder);
        }
        return !links.isEmpty();
    }

    /** E008 for each link found, sorted, and no setup. */
    static LoadResult linksFound(List<String> links, String display, Path setupDir, Path root) {
        var diags = new Diagnostics();
        java.util.Collections.sort(links);
        for (String l : links) {
            Path p = setupDir.resolve(l);
            String where;
            String hint;
            try {
                p.toRealPath();
                where = "leads outside the setup; modsvc reads only the setup's own files";
                hint = "replace the link with a copy of the file, or point it inside the setup directory";
            } catch (java.nio.file.NoSuchFileException dangling) {
                where = "dangles: what it points to does not exist";
                hint = "remove the link, or point it at a file inside the setup directory";
            } catch (IOException other) {
                // ELOOP has no exception class of its own; anything else unreadable is treated alike.
                where = "cannot be followed to a file (it loops, or passes through one that does)";
                hint = "remove the link, or point it at a file inside the setup directory";
            }
            diags.add(Code.SYMLINK, Span.file(join(display, l)), "'" + l + "' is a symbolic link that " + where, hint);
        }
        return new LoadResult(null, diags.toList(), new TreeMap<>());
    }

    /** W002: a listed entry that is no regular file is never opened (a FIFO would block the read). */
    static void notAFile(Input in, Diagnostics diags) {
        String kind;
        if (Files.isDirectory(in.path())) kind = "a folder";
        else if (Files.exists(in.path())) kind = "a FIFO, device or socket";
        else kind = "gone (removed while the setup was read)";
        diags.add(
                Code.NOT_A_FILE,
                Span.file(in.display()),
                "'" + Shape.printable(in.path().getFileName().toString()) + "' is " + kind
                        + ", not a regular file, so it is not read",
                "remove it, or replace it with the module or contract file it is named for");
    }

    /** A symbolic link whose target is missing or lies outside {@code root} (a real path). */
    static boolean escapes(Path p, Path root) {
        if (!Files.isSymbolicLink(p)) return false;
        try {
            return !p.toRealPath().startsWith(root);
        } catch (IOException broken) {
            return true;
        }
    }

    /** What a listed file is; a file given directly (the setup file) is simply read. */
    static Found found(Input in, Path root) {
        if (!in.listed()) return Found.READ;
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(
                    in.path(),
                    java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return Found.SKIP; // removed since it was listed
        }
        if (a.isRegularFile()) return Found.READ;
        if (!a.isSymbolicLink()) return Found.SPECIAL;
        if (escapes(in.path(), root)) return Found.LEAVES;
        return Files.isRegularFile(in.path()) ? Found.READ : Found.SPECIAL;
    }

    /**
     * The module or contract files of one folder, sorted by name, not yet looked at (see
     * {@link #found}); every other entry that is a link leaving the setup is added to {@code links}.
     */
    static void listFolder(Path setupDir, Path root, String folder, String display, List<Input> out, List<String> links)
            throws IOException {
        Path dir = setupDir.resolve(folder);
        if (!Files.isDirectory(dir)) return;
        var names = new ArrayList<String>();
        try (var entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))) {
                    names.add(n);
                } else if (escapes(p, root)) {
                    links.add(folder + "/" + n);
                }
            }
        }
        java.util.Collections.sort(names);
        String folderDisplay = join(display, folder);
        for (String f : names) {
            Input in = input(dir.resolve(f), join(folderDisplay, f));
            out.add(new Input(in.path(), in.display(), in.stem(), in.json(), true));
        }
    }

    static String join(String dir, String file) {
        return dir.endsWith("/") ? dir + file : dir + "/" + file;
    }
}
