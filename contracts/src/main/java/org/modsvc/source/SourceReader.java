package org.modsvc.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Turns the bytes of one YAML or JSON file into a {@link SrcNode} tree that keeps positions.
 *
 * <p>Jackson is used only as a tokenizer: the tree is built here so that duplicate keys, aliases,
 * tags, depth and size are all checked with positions, and so that scalars keep their source text
 * (YAML 1.1 readers would turn {@code 1.10} into 1.1 and {@code no} into false). Thread-safe: the
 * factories are immutable once built and each call uses its own parser.
 */
public final class SourceReader {

    /** The outcome of reading one file: the root (null when unreadable or empty) and problems. */
    public record Read(SourceFile source, SrcNode root, List<Diagnostic> diagnostics) {}

    private final Limits limits;
    private final YAMLFactory yaml;
    private final JsonFactory json;

    public SourceReader(Limits limits) {
        this.limits = limits;
        var constraints = StreamReadConstraints.builder()
                .maxNestingDepth(Math.max(limits.depth() + 8, 1000))
                .maxStringLength(Math.max(limits.stringLength() + 1, 20_000_000))
                .build();
        var loader = new LoaderOptions();
        loader.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(limits.fileBytes() + 1, 3_000_000)));
        loader.setNestingDepthLimit(Math.max(limits.depth() + 8, 1000));
        loader.setAllowDuplicateKeys(true); // reported here, with both positions
        this.yaml = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(constraints)
                .build();
        this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /**
     * Reads one file's bytes.
     *
     * @param display the path to show in diagnostics
     * @param bytes the raw content; a UTF-8 BOM is accepted and dropped
     * @param asJson true for JSON syntax, false for YAML
     */
    public Read read(String display, byte[] bytes, boolean asJson) {
        var diags = new Diagnostics();
        if (bytes.length > limits.fileBytes()) {
            diags.add(
                    Code.LIMIT,
                    Span.file(display),
                    "file is " + bytes.length + " bytes, above the limit of " + limits.fileBytes(),
                    Limits.raiseHint("file-bytes"));
            return new Read(new SourceFile(display, ""), null, diags.toList());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            Span at = firstBadByte(display, bytes);
            diags.add(Code.ENCODING, at, "file is not valid UTF-8", "save the file as UTF-8");
            return new Read(new SourceFile(display, ""), null, diags.toList());
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        var source = new SourceFile(display, text);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            diags.add(
                    Code.ENCODING,
                    spanAtOffset(display, text, nul),
                    "file contains a NUL character",
                    "remove it; no unit file or shell script can carry NUL");
            return new Read(source, null, diags.toList());
        }
        SrcNode root = null;
        try (JsonParser p = asJson ? json.createParser(text) : yaml.createParser(text)) {
            root = new TreeBuilder(display, p, diags).build();
        } catch (JsonProcessingException e) {
            diags.add(Code.SYNTAX, spanOf(display, e.getLocation()), syntaxMessage(e));
            root = null;
        } catch (IOException e) {
            diags.add(Code.SYNTAX, Span.file(display), "cannot parse: " + firstLine(String.valueOf(e.getMessage())));
            root = null;
        } catch (RuntimeException e) {
            // SnakeYAML throws its own unchecked exceptions for some malformed input.
            diags.add(Code.SYNTAX, markSpan(display, e), "cannot parse: " + yamlProblem(e));
            root = null;
        }
        return new Read(source, root, diags.toList());
    }

    private final class TreeBuilder {
        private final String file;
        private final JsonParser p;
        private final Diagnostics diags;
        private final YAMLParser yp;
        private final Map<String, SrcNode> anchors = new HashMap<>();
        private final Map<SrcNode, Integer> sizes = new HashMap<>();
        private long nodeCount;
        private boolean overNodes;
        /** An unknown alias leaves a hole; the tree is dropped so the hole does not cascade. */
        private boolean aliasFailed;

        TreeBuilder(String file, JsonParser p, Diagnostics diags) {
            this.file = file;
            this.p = p;
            this.diags = diags;
            this.yp = p instanceof YAMLParser y ? y : null;
        }

        /** A collection under construction. */
        private final class Frame {
            final boolean isMap;
            final Span span;
            final String anchor;
            final List<SrcMap.Entry> entries = new ArrayList<>();
            final List<SrcNode> items = new ArrayList<>();
            final Set<String> keys = new HashSet<>();
            final Map<String, Span> keySpans = new HashMap<>();
            SrcScalar pendingKey;
            boolean skipPending;
            int size = 1;

            Frame(boolean isMap, Span span, String anchor) {
                this.isMap = isMap;
                this.span = span;
                this.anchor = anchor;
            }
        }

        SrcNode build() throws IOException {
            var stack = new ArrayDeque<Frame>();
            SrcNode root = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (root != null) {
                    diags.add(
                            Code.YAML_FEATURE,
                            tokenSpan(1),
                            "a second document starts here; a setup file holds one document",
                            "split it into two files, or remove the '---' separator");
                    return aliasFailed ? null : root;
                }
                SrcNode done = null;
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (stack.size() >= limits.depth()) {
                            diags.add(
                                    Code.LIMIT,
                                    tokenSpan(1),
                                    "nesting is deeper than the limit of " + limits.depth(),
                                    Limits.raiseHint("depth"));
                            return null;
                        }
                        checkTag();
                        stack.push(new Frame(t == JsonToken.START_OBJECT, tokenSpan(1), anchor()));
                    }
                    case END_OBJECT, END_ARRAY -> {
                        Frame f = stack.pop();
                        SrcNode n = f.isMap ? new SrcMap(f.entries, f.span) : new SrcList(f.items, f.span);
                        sizes.put(n, f.size);
                        if (f.anchor != null) anchors.put(f.anchor, n);
                        done = n;
                    }
                    case FIELD_NAME -> {
                        Frame f = stack.peek();
                        String key = p.currentName();
                        Span ks = tokenSpan(key.length());
                        if (yp != null && yp.isCurrentAlias()) {
                            diags.add(
                                    Code.YAML_FEATURE,
                                    ks,
                                    "an alias cannot be used as a mapping key",
                                    "write the key out");
                        }
                        if (key.equals("<<") && yp != null) {
                            diags.add(
                                    Code.YAML_FEATURE,
                                    ks,
                                    "YAML merge keys ('<<') are not supported",
                                    "use 'imports:' to share settings between modules, or write the keys out");
                        }
                        boolean mergeKey = key.equals("<<") && yp != null;
                        f.pendingKey = new SrcScalar(key, SrcScalar.Kind.STRING, ks);
                        f.skipPending = mergeKey;
                        if (mergeKey) {
                            // already reported; dropping it avoids a second "unknown key" error
                        } else if (!f.keys.add(key)) {
                            var d = Diagnostic.of(
                                            Code.DUPLICATE_KEY,
                                            ks,
                                            "duplicate key '" + key + "'",
                                            "remove one of them; YAML and JSON readers disagree on which one wins")
                                    .withRelated(
                                            List.of(new Diagnostic.Related("first defined here", f.keySpans.get(key))));
                            diags.add(d);
                            f.skipPending = true;
                        } else {
                            f.keySpans.put(key, ks);
                        }
                    }
                    default -> done = scalarOrAlias(t);
                }
                if (done != null) {
                    if (stack.isEmpty()) {
                        root = done;
                    } else {
                        Frame f = stack.peek();
                        f.size += sizes.getOrDefault(done, 1);
                        if (f.isMap) {
                            if (!f.skipPending && f.pendingKey != null)
                                f.entries.add(new SrcMap.Entry(f.pendingKey, done));
                            f.pendingKey = null;
                        } else {
                            f.items.add(done);
                        }
                    }
                    nodeCount += sizes.getOrDefault(done, 1) - (done instanceof SrcScalar ? 0 : 0);
                    if (nodeCount > limits.nodes() && !overNodes) {
                        overNodes = true;
                        diags.add(
                                Code.LIMIT,
                                done.span(),
                                "the file holds more than " + limits.nodes() + " values (aliases counted expanded)",
                                Limits.raiseHint("nodes"));
                        return null;
                    }
                }
            }
            return aliasFailed ? null : root;
        }

        private SrcNode scalarOrAlias(JsonToken t) throws IOException {
            String text = p.getText();
            if (text == null) text = "";
            if (yp != null && yp.isCurrentAlias()) {
                Span s = tokenSpan(text.length() + 1);
                SrcNode target = anchors.get(text);
                if (target == null) {
                    diags.add(
                            Code.ALIAS,
                            s,
                            "alias '*" + text + "' refers to no anchor defined before it",
                            "define '&" + text + "' earlier in the file, or quote the value if '*" + text
                                    + "' is meant literally");
                    aliasFailed = true;
                    return new SrcScalar("*" + text, SrcScalar.Kind.STRING, s);
                }
                return target;
            }
            if (text.length() > limits.stringLength()) {
                diags.add(
                        Code.LIMIT,
                        tokenSpan(1),
                        "a value of " + text.length() + " characters is longer than the limit of "
                                + limits.stringLength(),
                        Limits.raiseHint("string-length"));
                text = text.substring(0, 16);
            }
            SrcScalar.Kind kind =
                    switch (t) {
                        case VALUE_NUMBER_INT -> SrcScalar.Kind.INT;
                        case VALUE_NUMBER_FLOAT -> SrcScalar.Kind.FLOAT;
                        case VALUE_TRUE, VALUE_FALSE -> SrcScalar.Kind.BOOL;
                        case VALUE_NULL -> SrcScalar.Kind.NULL;
                        default -> SrcScalar.Kind.STRING;
                    };
            String tag = checkTag();
            if ("str".equals(tag)) kind = SrcScalar.Kind.STRING;
            var s = new SrcScalar(
                    text, kind, tokenSpan(Math.max(1, firstLine(text).length())));
            String anchor = anchor();
            if (anchor != null) anchors.put(anchor, s);
            return s;
        }

        /** Returns "str" for an explicit string tag, null for none; reports any other tag. */
        private String checkTag() throws IOException {
            if (yp == null) return null;
            String tag = yp.getTypeId();
            if (tag == null) return null;
            if (tag.equals("!!str") || tag.equals("tag:yaml.org,2002:str")) return "str";
            diags.add(
                    Code.YAML_FEATURE,
                    tokenSpan(1),
                    "YAML tag '" + tag + "' is not supported",
                    "remove the tag; quote the value if it must stay a string");
            return "other";
        }

        private String anchor() {
            return yp == null ? null : yp.getCurrentAnchor();
        }

        private Span tokenSpan(int length) {
            JsonLocation loc = p.currentTokenLocation();
            return Span.of(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()), length);
        }
    }

    private static String syntaxMessage(JsonProcessingException e) {
        Throwable c = e.getCause();
        if (c != null && c.getClass().getName().startsWith("org.yaml.snakeyaml")) return yamlProblem(c);
        return firstLine(String.valueOf(e.getOriginalMessage()));
    }

    private static String yamlProblem(Throwable e) {
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
            String problem = m.getProblem() == null ? "" : m.getProblem();
            String context = m.getContext() == null ? "" : m.getContext() + ": ";
            return firstLine(context + problem);
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static Span markSpan(String file, Throwable e) {
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            return Span.of(
                    file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1, 1);
        }
        return Span.file(file);
    }

    private static Span spanOf(String file, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) return Span.file(file);
        return Span.of(file, loc.getLineNr(), Math.max(1, loc.getColumnNr()), 1);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    static Span spanAtOffset(String file, String text, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return Span.of(file, line, col, 1);
    }

    /**
     * Where the first byte that is not part of a valid UTF-8 sequence sits: its line, and its
     * column counted in characters of the valid text before it on that line (as the parsers count).
     */
    static Span firstBadByte(String file, byte[] bytes) {
        var dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = dec.decode(in, out, true);
        if (!result.isError()) return Span.file(file);
        int offset = in.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int from = lineStart;
        if (line == 1
                && offset >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            from = 3; // the BOM is dropped before parsing, so it takes no column
        }
        String before = new String(bytes, from, offset - from, StandardCharsets.UTF_8);
        return Span.of(file, line, before.length() + 1, 1);
    }
}
