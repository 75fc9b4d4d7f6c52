package org.modsvc.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.modsvc.source.Limits;
import org.modsvc.source.SourceReader;

/**
 * The contracts and provider modules that ship with modsvc, read from class-path resources under
 * {@code org/modsvc/catalogue/}. {@code index.txt} there lists every file, because a class path
 * cannot be listed portably. Immutable once built; build one per process and pass it along.
 */
public final class Catalogue {
    private static final String ROOT = "org/modsvc/catalogue/";

    /** One shipped file, parsed. {@code stem} is the file name without its extension. */
    public record Entry(String stem, SourceReader.Read read) {}

    private final List<Entry> contracts;
    private final List<Entry> modules;

    private Catalogue(List<Entry> contracts, List<Entry> modules) {
        this.contracts = List.copyOf(contracts);
        this.modules = List.copyOf(modules);
    }

    /** Reads the shipped catalogue. Throws only if the jar itself is broken (a bug). */
    public static Catalogue load() {
        var reader = new SourceReader(Limits.DEFAULT);
        var contracts = new ArrayList<Entry>();
        var modules = new ArrayList<Entry>();
        String index = new String(resource("index.txt"), StandardCharsets.UTF_8);
        for (String line : index.split("\n")) {
            String rel = line.strip();
            if (rel.isEmpty() || rel.startsWith("#")) continue;
            byte[] bytes = resource(rel);
            String file = rel.substring(rel.lastIndexOf('/') + 1);
            String stem = file.substring(0, file.lastIndexOf('.'));
            var read = reader.read("catalogue:" + rel, bytes, rel.endsWith(".json"));
            (rel.startsWith("contracts/") ? contracts : modules).add(new Entry(stem, read));
        }
        return new Catalogue(contracts, modules);
    }

    /** An empty catalogue, for tests that want only what a fixture declares. */
    public static Catalogue empty() {
        return new Catalogue(List.of(), List.of());
    }

    public List<Entry> contracts() {
        return contracts;
    }

    public List<Entry> modules() {
        return modules;
    }

    private static byte[] resource(String rel) {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(ROOT + rel)) {
            if (in == null) throw new IllegalStateException("catalogue resource missing: " + rel);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
