package org.modsvc.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.load.SetupFiles.Found;
import org.modsvc.load.SetupFiles.Input;
import org.modsvc.model.Module;
import org.modsvc.model.Scalar;
import org.modsvc.progress.Progress;
import org.modsvc.source.Limits;
import org.modsvc.source.SourceFile;
import org.modsvc.source.SourceReader;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;

/**
 * Reading the files of a setup's modules: each file's bytes (bounded by the file limit), its tree,
 * the checks of its name, and its model when it imports nothing. Thread-safe: the loader reads the
 * module files in parallel.
 */
final class ModuleFiles {
    private final Limits limits;
    private final SourceReader reader;
    private final Progress progress;

    /** @param progress told of each file read; never null */
    ModuleFiles(Limits limits, SourceReader reader, Progress progress) {
        this.limits = limits;
        this.reader = reader;
        this.progress = progress;
    }

    /**
     * A module as declared: where, and either its tree (a module that imports others, one inline in
     * the setup file, or the catalogue's) or its model, converted as soon as its file was read.
     *
     * @param tree null when {@code module} is set
     * @param module null when {@code tree} is set
     * @param source the file to read again when another module imports this one; null for trees
     */
    record Declared(String file, SrcMap tree, Module module, Input source, Span span) {
        static Declared tree(String file, SrcMap tree) {
            return new Declared(file, tree, null, null, tree.span());
        }
    }

    /**
     * What reading one module file gave.
     *
     * @param declared null when the file declares no usable module (its problems are in
     *     {@code diagnostics})
     * @param conversionDiagnostics problems found converting it, counted only when the module is
     *     kept (not a second file of the same name)
     */
    record ModuleFile(
            Found found,
            Input input,
            SourceFile source,
            List<Diagnostic> diagnostics,
            Declared declared,
            List<Diagnostic> conversionDiagnostics) {}

    /** Reads, checks and (when it imports nothing) converts one module file; thread-safe. */
    ModuleFile readModule(Input in, Path setupRoot) {
        Found found = SetupFiles.found(in, setupRoot);
        if (found != Found.READ) return new ModuleFile(found, in, null, List.of(), null, List.of());
        SourceReader.Read read = readUnchecked(in);
        var diags = new Diagnostics();
        diags.addAll(read.diagnostics());
        var shape = new Shape(diags);
        SrcNode root = read.root();
        if (root == null) {
            if (read.diagnostics().isEmpty()) {
                diags.add(
                        Code.MISSING_FIELD,
                        Span.file(in.display()),
                        "the module file is empty",
                        "declare at least 'name: " + in.stem() + "'");
            }
            return new ModuleFile(Found.READ, in, read.source(), diags.toList(), null, List.of());
        }
        SrcMap m = shape.map(root, "module '" + in.stem() + "'", null);
        if (m == null || !stemIsName(in, shape)) {
            return new ModuleFile(Found.READ, in, read.source(), diags.toList(), null, List.of());
        }
        checkDeclaredName(m, in.stem(), shape);
        if (ImportMerger.imports(m)) {
            return new ModuleFile(
                    Found.READ,
                    in,
                    read.source(),
                    diags.toList(),
                    new Declared(in.display(), m, null, null, m.span()),
                    List.of());
        }
        var conversion = new Diagnostics();
        Module module = new ModuleReader(new Shape(conversion), ConfigSources.in(setupRoot, limits))
                .read(in.stem(), in.display(), m, Span.NONE);
        return new ModuleFile(
                Found.READ,
                in,
                read.source(),
                diags.toList(),
                new Declared(in.display(), null, module, in, m.span()),
                conversion.toList());
    }

    /** The tree of a module file read before (and valid then: it was converted). */
    SrcMap reread(Input in) {
        SourceReader.Read again = readUnchecked(in);
        if (!(again.root() instanceof SrcMap m)) {
            throw new java.io.UncheckedIOException(
                    new IOException(in.display() + " changed while the setup was loaded"));
        }
        return m;
    }

    /** {@code done}, after counting one more file read. */
    <T> T counted(T done) {
        progress.advance(1);
        return done;
    }

    SourceReader.Read readUnchecked(Input in) {
        try {
            // Never more than one byte past the limit: the reader reports the size, and a huge file
            // (or a special one that never ends) must not be read whole first.
            return reader.read(in.display(), readBytes(in.path()), in.json());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The file's bytes, never more than one past the limit: the reader reports the size, and a
     * huge file (or a special one that never ends) must not be read whole first. A regular file is
     * read into an array of its size; a stream's generic reading allocated an 8 KiB buffer per
     * file, most of the garbage of reading 100 000 small files.
     */
    private byte[] readBytes(Path path) throws IOException {
        int max = (int) Math.min(Integer.MAX_VALUE - 8, limits.fileBytes() + 1);
        try (var channel = java.nio.channels.FileChannel.open(path)) {
            long size = channel.size();
            if (size > 0 && size < max) {
                var buf = java.nio.ByteBuffer.allocate((int) size);
                while (buf.hasRemaining() && channel.read(buf) >= 0) {
                    // a file that shrank ends the loop at its end
                }
                // The usual case: exactly as many bytes as the size said.
                if (!buf.hasRemaining() && channel.read(java.nio.ByteBuffer.allocate(1)) < 0) return buf.array();
            }
        }
        // A file of unknown size (a pipe, a special file), one over the limit, or one that changed
        // while being read: read as a stream, bounded.
        try (var stream = Files.newInputStream(path)) {
            return stream.readNBytes(max);
        }
    }

    private static boolean stemIsName(Input in, Shape shape) {
        String why = Names.whyNotName(in.stem());
        if (why == null) return true;
        shape.diags()
                .add(
                        Code.BAD_NAME,
                        Span.file(in.display()),
                        "module file name '" + Shape.printable(in.stem()) + "' is not a valid module name: " + why,
                        Names.RULE);
        return false;
    }

    static void checkDeclaredName(SrcMap m, String stem, Shape shape) {
        SrcNode n = m.get("name");
        if (n == null) return;
        Scalar s = shape.string(n, "name");
        if (s != null && !s.text().equals(stem)) {
            shape.diags()
                    .add(
                            Code.NAME_MISMATCH,
                            s.span(),
                            "name '" + Shape.printable(s.text()) + "' differs from the file name '" + stem + "'",
                            "write 'name: " + stem + "', or rename the file");
        }
    }
}
