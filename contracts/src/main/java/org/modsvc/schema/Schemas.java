package org.modsvc.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON Schemas (draft 2020-12) of the input files, shipped as resources under
 * {@code org/modsvc/schema/}. Each is self-contained so an editor needs only that one file. A test
 * keeps their property names equal to {@link org.modsvc.load.Keys}.
 */
public final class Schemas {
    private Schemas() {}

    /** The kinds of input file, in the order {@code modsvc schema} lists them. */
    public static final List<String> KINDS = List.of("setup", "service", "contract");

    /** The resource file name of a kind, such as {@code setup.schema.json}. */
    public static String fileName(String kind) {
        return kind + ".schema.json";
    }

    /**
     * The schema text of one kind.
     *
     * @throws IllegalArgumentException for a kind not in {@link #KINDS}
     */
    public static String text(String kind) {
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("unknown schema kind '" + kind + "'");
        String path = "org/modsvc/schema/" + fileName(kind);
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("schema resource missing: " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
