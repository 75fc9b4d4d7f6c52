package org.modsvc.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import org.modsvc.diag.Span;

/**
 * Drives a {@link TreeBuilder} from Jackson's JSON tokens. Thread-safe: the factory is never
 * changed after construction and each call uses its own parser.
 */
final class JsonTokens {
    private final JsonFactory json;

    JsonTokens(Limits limits) {
        // Jackson's own limits sit above ours, so that ours are the ones reported, with positions.
        var constraints = StreamReadConstraints.builder()
                .maxNestingDepth(Math.max(limits.depth() + 8, 1000))
                .maxStringLength(Math.max(limits.stringLength() + 1, 20_000_000))
                .build();
        this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /**
     * The tree of {@code text}, or null when a limit stopped the builder.
     *
     * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException} for a
     *     syntax error) when the text is not JSON
     */
    SrcNode read(String file, String text, TreeBuilder b) throws IOException {
        try (JsonParser p = json.createParser(text)) {
            return read(file, p, b.json());
        }
    }

    private static SrcNode read(String file, JsonParser p, TreeBuilder b) throws IOException {
        JsonToken t;
        while (!b.isStopped() && (t = p.nextToken()) != null) {
            JsonLocation loc = p.currentTokenLocation();
            Span at = Span.of(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()), 1);
            switch (t) {
                case START_OBJECT -> b.start(true, at, null);
                case START_ARRAY -> b.start(false, at, null);
                case END_OBJECT, END_ARRAY -> b.end();
                case FIELD_NAME -> {
                    String k = p.currentName();
                    b.key(k, Span.of(file, at.line(), at.column(), k.length() + 2));
                }
                case VALUE_NUMBER_INT -> b.scalar(p.getText(), SrcScalar.Kind.INT, at, null);
                case VALUE_NUMBER_FLOAT -> b.scalar(p.getText(), SrcScalar.Kind.FLOAT, at, null);
                case VALUE_TRUE, VALUE_FALSE -> b.scalar(p.getText(), SrcScalar.Kind.BOOL, at, null);
                case VALUE_NULL -> b.scalar("null", SrcScalar.Kind.NULL, at, null);
                default -> b.scalar(p.getText(), SrcScalar.Kind.STRING, at, null);
            }
        }
        return b.result();
    }
}
