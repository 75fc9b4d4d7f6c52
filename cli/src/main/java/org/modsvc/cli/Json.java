package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/** Streaming JSON output with two-space indentation and a trailing newline. */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /** What writes one document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** What writes one document through {@link PrettyJson}. */
    @FunctionalInterface
    public interface PrettyBody {
        void write(JsonOut g) throws IOException;
    }

    /**
     * As {@link #write(PrintStream, Body)}, byte for byte, through {@link PrettyJson}: for large
     * documents. Output reaches {@code out} in large blocks.
     */
    public static void pretty(PrintStream out, PrettyBody body) {
        try {
            var g = new PrettyJson(out);
            body.write(g);
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void write(PrintStream out, Body body) {
        try {
            JsonGenerator g = FACTORY.createGenerator(nonClosing(out), JsonEncoding.UTF8);
            g.useDefaultPrettyPrinter();
            body.write(g);
            g.flush();
            g.close();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
