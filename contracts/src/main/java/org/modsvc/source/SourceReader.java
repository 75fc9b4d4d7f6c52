package org.modsvc.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
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
 * Turns the bytes of one YAML or JSON file into a {@link SrcNode} tree that keeps positions.
 *
 * <p>SnakeYAML (YAML) and Jackson (JSON) are used only as tokenizers: the tree is built here so that duplicate keys, aliases,
 * tags, depth and size are all checked with positions, and so that scalars keep their source text
 * (YAML 1.1 readers would turn {@code 1.10} into 1.1 and {@code no} into false). Thread-safe: the
 * factory and the loader options are never changed after construction, and each call uses its own
 * parser.
 */
public final class SourceReader {
    /** The help line of a JSON syntax error (E001): what JSON is strict about. */
    static final String JSON_HINT = "JSON needs double-quoted keys and strings, a comma between items and none"
            + " after the last; the mistake may be just before this point";

    /** The help line of a YAML syntax error (E001): the usual causes. */
    static final String YAML_HINT = "indent with spaces (never tabs), put a space after ':' and '- ', and close"
            + " every quote and bracket; the mistake may be on an earlier line";

    /** The outcome of reading one file: the root (null when unreadable or empty) and problems. */
    public record Read(SourceFile source, SrcNode root, List<Diagnostic> diagnostics) {}

    private final Limits limits;
    private final LoaderOptions loaderOptions;
    private final JsonFactory json;
    /**
     * One instance of each short scalar text seen by this reader. A large setup repeats the same
     * keys and many values in every file; sharing them keeps millions of equal strings from being
     * alive together (and copied and marked by every collection) while a setup loads. Bounded, so
     * a reader that lives long does not grow without end; only ever added to, by any thread.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, String> texts =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int SHARED_TEXT_LENGTH = 48;
    private static final int SHARED_TEXTS = 1 << 20;

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
        this.loaderOptions = loader;
        this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /** The one instance of a short text, or {@code text} itself. */
    private String shared(String text) {
        if (text.length() > SHARED_TEXT_LENGTH) return text;
        String known = texts.get(text);
        if (known != null) return known;
        if (texts.size() >= SHARED_TEXTS) return text;
        known = texts.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    /**
     * Reads one file's bytes.
     *
     * @param display the path to show in diagnostics
     * @param bytes the raw content; a UTF-8 BOM is accepted and dropped
     * @param asJson true for JSON syntax, false for YAML
     */
    public Read read(String display, byte[] bytes, boolean asJson) {
        return read(display, bytes, asJson, YamlPath.AUTO);
    }

    /** Which YAML reader {@link #read(String, byte[], boolean, YamlPath)} uses; for tests. */
    enum YamlPath {
        /** {@link FastYaml} where it can, SnakeYAML for everything else. */
        AUTO,
        /** SnakeYAML only. */
        SNAKE,
        /** {@link FastYaml} only: null instead of a result when it gives up. */
        FAST
    }

    /** {@link #read(String, byte[], boolean)} with a chosen YAML reader; JSON is read as always. */
    Read read(String display, byte[] bytes, boolean asJson, YamlPath path) {
        var diags = new Diagnostics();
        if (bytes.length > limits.fileBytes()) {
            diags.add(
                    Code.LIMIT,
                    Span.file(display),
                    "file has more than " + limits.fileBytes() + " bytes (limit 'file-bytes')",
                    Limits.raiseHint("file-bytes"));
            return new Read(new SourceFile(display, ""), null, diags.toList());
        }
        String text;
        try {
            // ASCII is valid UTF-8 that decodes to the same characters (and holds no BOM): one
            // copy, without a decoder and its buffer per file
            text = isAscii(bytes)
                    ? new String(bytes, StandardCharsets.ISO_8859_1)
                    : StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            Span at = firstBadByte(display, bytes);
            diags.add(Code.ENCODING, at, "file is not valid UTF-8", "save the file as UTF-8");
            // Shown with replacement characters, so the excerpt shows where the bad byte is.
            return new Read(new SourceFile(display, new String(bytes, StandardCharsets.UTF_8)), null, diags.toList());
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
        try {
            if (asJson) {
                try (JsonParser p = json.createParser(text)) {
                    root = buildJson(display, p, diags);
                }
            } else if (!longRun(display, text, diags)) {
                TreeBuilder fast = path == YamlPath.SNAKE ? null : fastYaml(display, text, path == YamlPath.FAST);
                if (fast != null) {
                    root = fast.result();
                } else if (path == YamlPath.FAST) {
                    return null;
                } else {
                    root = buildYaml(display, text, diags);
                }
            }
        } catch (JsonProcessingException e) {
            diags.add(Code.SYNTAX, spanOf(display, e.getLocation()), syntaxMessage(e), JSON_HINT);
            root = null;
        } catch (IOException e) {
            diags.add(
                    Code.SYNTAX,
                    Span.file(display),
                    "cannot parse: " + firstLine(String.valueOf(e.getMessage())),
                    JSON_HINT);
            root = null;
        } catch (RuntimeException e) {
            // SnakeYAML reports malformed input with its own unchecked exceptions.
            var d = Diagnostic.of(Code.SYNTAX, markSpan(display, e), yamlProblem(e), YAML_HINT);
            if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
                    && m.getContextMark() != null
                    && m.getContext() != null) {
                d = d.withRelated(List.of(new Diagnostic.Related(
                        firstLine(m.getContext()),
                        Span.of(
                                display,
                                m.getContextMark().getLine() + 1,
                                m.getContextMark().getColumn() + 1,
                                1))));
            }
            diags.add(d);
            root = null;
        }
        return new Read(source, root, diags.toList());
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }

    /**
     * Builds the tree from parser events: collections, keys, scalars and aliases. Checks duplicate
     * keys, anchors, depth, the expanded size and string lengths, each with its position.
     */
    private final class TreeBuilder implements FastYaml.Sink {
        private final String file;
        private final Diagnostics diags;
        private final ArrayDeque<Frame> stack = new ArrayDeque<>();
        private final Map<String, SrcNode> anchors = new HashMap<>();
        private final Map<SrcNode, Integer> sizes = new IdentityHashMap<>();
        private long nodeCount;
        /** Set when reading must stop: a limit was hit; the tree is then dropped. */
        private boolean stopped;
        /** An unknown alias leaves a hole; the tree is dropped so the hole does not cascade. */
        private boolean aliasFailed;

        private SrcNode root;
        /** JSON input: no merge keys, and a second value is a syntax error. */
        private boolean json;

        TreeBuilder(String file, Diagnostics diags) {
            this.file = file;
            this.diags = diags;
        }

        /** A collection under construction. */
        private final class Frame {
            final boolean isMap;
            final Span span;
            final String anchor;
            /** Only a mapping has entries and key positions, only a sequence has items; else null. */
            final List<SrcMap.Entry> entries;

            final List<SrcNode> items;
            /**
             * The first position of each key, made only once a mapping is large: until then the
             * entries are searched, since each key that is not a duplicate (or '<<') is an entry by
             * the time the next key comes.
             */
            Map<String, Span> keySpans;

            SrcScalar pendingKey;
            boolean expectKey = true;
            boolean skipPending;
            int size = 1;

            Frame(boolean isMap, Span span, String anchor) {
                this.isMap = isMap;
                this.span = span;
                this.anchor = anchor;
                this.entries = isMap ? new ArrayList<>() : null;
                this.items = isMap ? null : new ArrayList<>();
            }

            /** Where {@code key} was first defined in this mapping, or null. */
            Span firstKeySpan(String key) {
                if (keySpans != null) return keySpans.get(key);
                for (SrcMap.Entry e : entries) {
                    if (e.key().text().equals(key)) return e.key().span();
                }
                return null;
            }

            void rememberKey(String key, Span at) {
                if (keySpans == null && entries.size() >= 8) {
                    keySpans = new HashMap<>();
                    for (SrcMap.Entry e : entries)
                        keySpans.put(e.key().text(), e.key().span());
                }
                if (keySpans != null) keySpans.put(key, at);
            }
        }

        SrcNode result() {
            return stopped || aliasFailed ? null : root;
        }

        /** True when the next scalar is a mapping key. */
        boolean atKey() {
            Frame f = stack.peek();
            return f != null && f.isMap && f.expectKey;
        }

        /** Before the first token of a second document; returns false when reading must stop. */
        boolean beforeValue(Span at) {
            if (stopped) return false;
            if (root != null && stack.isEmpty()) {
                if (json) {
                    diags.add(
                            Code.SYNTAX,
                            at,
                            "a second JSON value starts here; a file holds one object",
                            "remove what follows the first value");
                } else {
                    diags.add(
                            Code.YAML_FEATURE,
                            at,
                            "a second document starts here; a setup file holds one document",
                            "split it into two files, or remove the '---' separator");
                }
                stopped = true;
                root = null;
                return false;
            }
            return true;
        }

        void start(boolean isMap, Span at, String anchor) {
            if (!beforeValue(at)) return;
            if (atKey()) {
                complexKey(at);
                return;
            }
            if (stack.size() >= limits.depth()) {
                diags.add(
                        Code.LIMIT,
                        at,
                        "nesting is deeper than the limit of " + limits.depth(),
                        Limits.raiseHint("depth"));
                stopped = true;
                return;
            }
            stack.push(new Frame(isMap, at, anchor));
        }

        @Override
        public void end() {
            if (stopped) return;
            Frame f = stack.pop();
            SrcNode n = f.isMap ? new SrcMap(f.entries, f.span) : new SrcList(f.items, f.span);
            if (f.anchor != null) {
                // only an anchored collection can be reached again, through an alias
                sizes.put(n, f.size);
                anchors.put(f.anchor, n);
            }
            // its contents were counted as they came: the collection itself is one more value
            done(n, f.size, 1);
        }

        void key(String rawKey, Span ks) {
            String key = shared(rawKey);
            Frame f = stack.peek();
            f.expectKey = false;
            f.pendingKey = new SrcScalar(key, SrcScalar.Kind.STRING, ks);
            f.skipPending = false;
            if (key.equals("<<") && !json) {
                diags.add(
                        Code.YAML_FEATURE,
                        ks,
                        "YAML merge keys ('<<') are not supported",
                        "use 'imports:' to share settings between modules, or write the keys out");
                // already reported; dropping it avoids a second "unknown key" error
                f.skipPending = true;
                return;
            }
            Span first = f.firstKeySpan(key);
            if (first != null) {
                diags.add(Diagnostic.of(
                                Code.DUPLICATE_KEY,
                                ks,
                                "duplicate key '" + key + "'",
                                "remove one of them; YAML and JSON readers disagree on which one wins")
                        .withRelated(List.of(new Diagnostic.Related("first defined here", first))));
                f.skipPending = true;
            } else {
                f.rememberKey(key, ks);
            }
        }

        TreeBuilder json() {
            json = true;
            return this;
        }

        void scalar(String text, SrcScalar.Kind kind, Span at, String anchor) {
            scalar(text, kind, at.line(), at.column(), at, anchor);
        }

        /**
         * A scalar at {@code line} and {@code column}; {@code at} is the event's span there, or null
         * to make it only when a diagnostic needs it (the fast reader's scalars).
         */
        private void scalar(String text, SrcScalar.Kind kind, int line, int column, Span at, String anchor) {
            if (stopped) return;
            if (root != null && stack.isEmpty()) {
                beforeValue(at != null ? at : Span.of(file, line, column, 1));
                return;
            }
            if (text.length() > limits.stringLength()) {
                if (at == null) at = Span.of(file, line, column, 1);
                diags.add(
                        Code.LIMIT,
                        at,
                        "a value of " + text.length() + " characters is longer than the limit of "
                                + limits.stringLength(),
                        Limits.raiseHint("string-length"));
                text = text.substring(0, Math.min(text.length(), Math.min(16, limits.stringLength())));
            }
            text = shared(text);
            if (atKey()) {
                if (at == null && (text.isEmpty() || anchor != null)) at = Span.of(file, line, column, 1);
                if (kind == SrcScalar.Kind.NULL && text.isEmpty()) {
                    diags.add(Code.SYNTAX, at, "a mapping key is empty", "write a key before the ':'");
                }
                key(
                        text,
                        Span.of(file, line, column, Math.max(1, firstLine(text).length())));
                if (anchor != null) anchors.put(anchor, new SrcScalar(text, kind, at));
                return;
            }
            var s = new SrcScalar(
                    text,
                    kind,
                    Span.of(file, line, column, Math.max(1, firstLine(text).length())));
            if (anchor != null) anchors.put(anchor, s);
            done(s, 1, 1);
        }

        void alias(String name, Span at) {
            if (!beforeValue(at)) return;
            SrcNode target = anchors.get(name);
            if (atKey()) {
                diags.add(Code.YAML_FEATURE, at, "an alias cannot be used as a mapping key", "write the key out");
                aliasFailed = true;
                key("*" + name, at);
                return;
            }
            if (target == null && stack.stream().anyMatch(f -> name.equals(f.anchor))) {
                diags.add(
                        Code.ALIAS,
                        at,
                        "alias '*" + name + "' is inside the value anchored as '&" + name + "': it would never end",
                        "a value cannot contain itself; write the inner part out");
                aliasFailed = true;
                target = new SrcScalar("*" + name, SrcScalar.Kind.STRING, at);
            } else if (target == null) {
                diags.add(
                        Code.ALIAS,
                        at,
                        "alias '*" + name + "' refers to no anchor defined before it",
                        "define '&" + name + "' earlier in the file, or quote the value if '*" + name
                                + "' is meant literally");
                aliasFailed = true;
                target = new SrcScalar("*" + name, SrcScalar.Kind.STRING, at);
            }
            int expanded = sizes.getOrDefault(target, 1);
            done(target, expanded, expanded);
        }

        private void complexKey(Span at) {
            diags.add(
                    Code.YAML_FEATURE,
                    at,
                    "a mapping key must be a plain string, not a list or mapping",
                    "write the key as a string");
            stopped = true;
        }

        /**
         * A complete value that stands for {@code size} values (a collection with its contents),
         * of which {@code added} are new to the file's count: 1 for a scalar or a collection just
         * closed (its contents were counted one by one), the whole size for an alias.
         */
        private void done(SrcNode n, int size, int added) {
            if (stopped) return;
            nodeCount += added;
            if (nodeCount > limits.nodes()) {
                diags.add(
                        Code.LIMIT,
                        n.span(),
                        "the file holds more than " + limits.nodes() + " values (aliases counted expanded)",
                        Limits.raiseHint("nodes"));
                stopped = true;
                return;
            }
            Frame f = stack.peek();
            if (f == null) {
                root = n;
                return;
            }
            f.size = (int) Math.min(Integer.MAX_VALUE, (long) f.size + size);
            if (f.isMap) {
                if (!f.skipPending && f.pendingKey != null) f.entries.add(new SrcMap.Entry(f.pendingKey, n));
                f.pendingKey = null;
                f.expectKey = true;
            } else {
                f.items.add(n);
            }
        }

        void tag(String tag, Span at) {
            diags.add(
                    Code.YAML_FEATURE,
                    at,
                    "YAML tag '" + tag + "' is not supported",
                    "remove the tag; quote the value if it must stay a string");
        }

        @Override
        public boolean isStopped() {
            return stopped;
        }

        @Override
        public void startAt(boolean isMap, int line, int column) {
            start(isMap, Span.of(file, line, column, 1), null);
        }

        @Override
        public void scalarAt(String text, SrcScalar.Kind kind, int line, int column) {
            scalar(text, kind, line, column, null, null);
        }
    }

    /**
     * Reads {@code text} with {@link FastYaml}; returns the builder holding the tree, or null when
     * the fast reader gave up or anything was reported (SnakeYAML then reads the file again, so
     * every diagnostic comes from one place). {@code strict}: let a failure of the fast reader
     * itself propagate (tests) instead of falling back.
     */
    private TreeBuilder fastYaml(String file, String text, boolean strict) {
        var fastDiags = new Diagnostics();
        var b = new TreeBuilder(file, fastDiags);
        boolean ok;
        try {
            ok = FastYaml.parse(text, b);
        } catch (RuntimeException e) {
            if (strict) throw new AssertionError("fast YAML reader failed on " + file, e);
            ok = false;
        }
        return ok && fastDiags.isEmpty() && !b.isStopped() ? b : null;
    }

    /** Drives the builder from Jackson's JSON tokens. */
    private SrcNode buildJson(String file, JsonParser p, Diagnostics diags) throws IOException {
        var b = new TreeBuilder(file, diags).json();
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

    private static final String STR_TAG = "tag:yaml.org,2002:str";
    private static final Pattern YAML_NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern YAML_BOOL =
            Pattern.compile("true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N");
    private static final Pattern YAML_INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0o[0-7]+|0x[0-9a-fA-F]+)");
    private static final Pattern YAML_FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /**
     * What a plain scalar reads as. Both YAML 1.1 and 1.2 readings are kept apart from the text: the
     * kind only says "this would not be a string to some reader", so the loader can refuse ambiguous
     * words where a bool or number is expected and keep the text where a string is.
     */
    static SrcScalar.Kind plainKind(String text) {
        // Most plain scalars are names and paths: a first character no null, bool or number can
        // start with settles them without running four regular expressions.
        if (!text.isEmpty() && "~nNtTfFyYoO+-.0123456789".indexOf(text.charAt(0)) < 0) return SrcScalar.Kind.STRING;
        // The same words as YAML_NULL and YAML_BOOL, without a Matcher per scalar.
        switch (text) {
            case "~", "null", "Null", "NULL", "" -> {
                return SrcScalar.Kind.NULL;
            }
            case "true",
                    "True",
                    "TRUE",
                    "false",
                    "False",
                    "FALSE",
                    "yes",
                    "Yes",
                    "YES",
                    "no",
                    "No",
                    "NO",
                    "on",
                    "On",
                    "ON",
                    "off",
                    "Off",
                    "OFF",
                    "y",
                    "Y",
                    "n",
                    "N" -> {
                return SrcScalar.Kind.BOOL;
            }
            default -> {
                // keys and names such as "nodes" or "n1/svc000001.db" start like a number or a
                // word above; a character no number has settles them
            }
        }
        boolean digits = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                digits = false;
                if (NUMBER_CHARS.indexOf(c) < 0) return SrcScalar.Kind.STRING;
            }
        }
        // a port or a count: YAML_INT's "0|[1-9][0-9_]*" (a leading 0 can make it octal or a float)
        if (digits && (text.length() == 1 || text.charAt(0) != '0')) return SrcScalar.Kind.INT;
        if (YAML_INT.matcher(text).matches()) return SrcScalar.Kind.INT;
        if (YAML_FLOAT.matcher(text).matches()) return SrcScalar.Kind.FLOAT;
        return SrcScalar.Kind.STRING;
    }

    /** Every character that YAML_INT or YAML_FLOAT can match. */
    private static final String NUMBER_CHARS = "0123456789+-_.eEoxabcdefABCDEFiInN";

    /** {@link #plainKind} as it was written first, with the four expressions; the tests compare. */
    static SrcScalar.Kind plainKindByPatterns(String text) {
        if (!text.isEmpty() && "~nNtTfFyYoO+-.0123456789".indexOf(text.charAt(0)) < 0) return SrcScalar.Kind.STRING;
        if (YAML_NULL.matcher(text).matches()) return SrcScalar.Kind.NULL;
        if (YAML_BOOL.matcher(text).matches()) return SrcScalar.Kind.BOOL;
        if (YAML_INT.matcher(text).matches()) return SrcScalar.Kind.INT;
        if (YAML_FLOAT.matcher(text).matches()) return SrcScalar.Kind.FLOAT;
        return SrcScalar.Kind.STRING;
    }

    /**
     * Reports a run of characters without a space or line break that is longer than the string
     * limit, and returns whether there is one. SnakeYAML's reader copies its whole look-ahead window
     * for every 1,024 characters of such a run, so its time grows with the square of the run's
     * length (52 s for one 8 MB word); no scalar that long would be accepted anyway.
     */
    private boolean longRun(String display, String text, Diagnostics diags) {
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean blank =
                    c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
            if (!blank) continue;
            if (i - start > limits.stringLength()) {
                diags.add(
                        Code.LIMIT,
                        spanAtOffset(display, text, start),
                        "a run of " + (i - start) + " characters without a space or line break is longer than the"
                                + " limit of " + limits.stringLength() + " characters for a string",
                        Limits.raiseHint("string-length"));
                return true;
            }
            start = i + 1;
        }
        return false;
    }

    /** Drives the builder from SnakeYAML's events, which keep anchors on scalars (Jackson drops them). */
    private SrcNode buildYaml(String file, String text, Diagnostics diags) {
        var b = new TreeBuilder(file, diags);
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
                        kind = plain ? plainKind(s.getValue()) : SrcScalar.Kind.STRING;
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

    private static String syntaxMessage(JsonProcessingException e) {
        Throwable c = e.getCause();
        if (c != null && c.getClass().getName().startsWith("org.yaml.snakeyaml")) return yamlProblem(c);
        return firstLine(String.valueOf(e.getOriginalMessage()));
    }

    private static String yamlProblem(Throwable e) {
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
            String problem = m.getProblem() == null ? "" : m.getProblem();
            return firstLine(problem.isEmpty() ? String.valueOf(m.getContext()) : problem);
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
