package org.modsvc.source;

import java.io.StringReader;
import org.modsvc.diag.Span;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Drives a {@link TreeBuilder} from SnakeYAML's events, which keep anchors on scalars (Jackson
 * drops them); reads any YAML that {@link FastYaml} leaves. Thread-safe: the loader options are
 * never changed after construction and each call uses its own parser.
 */
final class YamlEvents {
    private static final String STR_TAG = "tag:yaml.org,2002:str";

    private final LoaderOptions loaderOptions;

    YamlEvents(Limits limits) {
        // SnakeYAML's own limits sit above ours, so that ours are the ones reported, with positions.
        var loader = new LoaderOptions();
        loader.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(limits.fileBytes() + 1, 3_000_000)));
        loader.setNestingDepthLimit(Math.max(limits.depth() + 8, 1000));
        loader.setAllowDuplicateKeys(true); // reported by the builder, with both positions
        this.loaderOptions = loader;
    }

    /**
     * The tree of {@code text}, or null when the builder stopped or dropped it.
     *
     * @throws RuntimeException SnakeYAML's own unchecked exceptions for malformed input
     */
    SrcNode read(String file, String text, TreeBuilder b) {
        var parser = new ParserImpl(new StreamReader(new StringReader(text)), loaderOptions);
        while (!b.isStopped() && parser.peekEvent() != null) {
            Event e = parser.getEvent();
            Span at = Span.of(
                    file, e.getStartMark().getLine() + 1, e.getStartMark().getColumn() + 1, 1);
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    var c = (CollectionStartEvent) e;
                    if (c.getTag() != null && !c.getImplicit()) b.tag(c.getTag(), at);
                    b.start(e.getEventId() == Event.ID.MappingStart, at, c.getAnchor());
                }
                case MappingEnd, SequenceEnd -> b.end();
                case Scalar -> {
                    var s = (ScalarEvent) e;
                    SrcScalar.Kind kind;
                    String tag = s.getTag();
                    boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
                    if (tag != null
                            && !(plain
                                    ? s.getImplicit().canOmitTagInPlainScalar()
                                    : s.getImplicit().canOmitTagInNonPlainScalar())) {
                        if (!tag.equals(STR_TAG) && !tag.equals("!!str")) b.tag(tag, at);
                        kind = SrcScalar.Kind.STRING;
                    } else {
                        kind = plain ? PlainScalars.plainKind(s.getValue()) : SrcScalar.Kind.STRING;
                    }
                    b.scalar(s.getValue(), kind, at, s.getAnchor());
                }
                case Alias ->
                    b.alias(
                            ((AliasEvent) e).getAnchor(),
                            Span.of(
                                    file,
                                    at.line(),
                                    at.column(),
                                    ((AliasEvent) e).getAnchor().length() + 1));
                case DocumentStart -> {
                    // point at an explicit '---' of a second document; an implicit one (after
                    // '...') is caught at its first value
                    if (((DocumentStartEvent) e).getExplicit()) b.beforeValue(Span.of(file, at.line(), at.column(), 3));
                }
                default -> {
                    // the stream's and documents' ends carry nothing
                }
            }
        }
        return b.result();
    }
}
