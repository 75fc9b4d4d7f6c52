package org.modsvc.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The values of a long array (a plan's instances and bindings) written on all cores: cut into
 * chunks, each chunk written by its own {@link PrettyJson} that continues the main writer's state
 * at the chunk's first value, and the chunks passed on in order. The bytes are those of one writer
 * writing the values in order (PrettyJsonTest). Chunks are made a window at a time, so at most
 * {@link #WINDOW} of them are held.
 */
final class ParallelElements {
    /** From this many values on; below, handing chunks over costs more than it saves. */
    static final int FROM = 4096;

    private static final int CHUNK = 256;
    private static final int WINDOW = 16;

    private ParallelElements() {}

    static <T> void write(PrettyJson g, List<T> items, JsonOut.Element<T> element) throws IOException {
        int n = items.size();
        int chunks = (n + CHUNK - 1) / CHUNK;
        // One buffer and one overflow stream per window slot, reused window after window.
        var buffers = new byte[WINDOW][];
        var overflow = new Spill[WINDOW];
        var parts = new PrettyJson[WINDOW];
        for (int w = 0; w < WINDOW; w++) {
            buffers[w] = PrettyJson.buffer();
            overflow[w] = new Spill();
        }
        for (int first = 0; first < chunks; first += WINDOW) {
            int base = g.written();
            int from = first;
            int to = Math.min(chunks, first + WINDOW);
            IntStream.range(from, to).parallel().forEach(c -> {
                int w = c - from;
                int start = c * CHUNK;
                int end = Math.min(n, start + CHUNK);
                overflow[w].reset();
                var part = g.continuing(overflow[w], buffers[w], start - from * CHUNK);
                try {
                    for (int k = start; k < end; k++) element.write(items.get(k), part);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // a byte array stream does not throw
                }
                parts[w] = part;
            });
            for (int c = from; c < to; c++) {
                int w = c - from;
                int values = Math.min(n, (c + 1) * CHUNK) - c * CHUNK;
                g.append(overflow[w].bytes(), overflow[w].size(), parts[w], values);
                parts[w] = null;
            }
            assert g.written() == base + Math.min(n, to * CHUNK) - from * CHUNK;
        }
    }

    /** What a chunk's writer passes on when its buffer fills: kept for the main writer. */
    private static final class Spill extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }
}
