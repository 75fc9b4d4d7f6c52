package org.modsvc.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;

/**
 * Builds the tree from parser events: collections, keys, scalars and aliases. Checks duplicate
 * keys, anchors, depth, the expanded size and string lengths, each with its position. Fed by one
 * of {@link FastYaml}, {@link YamlEvents} or {@link JsonTokens}; one builder reads one file. Not
 * thread-safe.
 */
final class TreeBuilder implements FastYaml.Sink {
    private final String file;
    private final Diagnostics diags;
    private final Limits limits;
    private final SharedTexts texts;
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

    TreeBuilder(String file, Diagnostics diags, Limits limits, SharedTexts texts) {
        this.file = file;
        this.diags = diags;
        this.limits = limits;
        this.texts = texts;
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
                    Code.LIMIT, at, "nesting is deeper than the limit of " + limits.depth(), Limits.raiseHint("depth"));
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
        String key = texts.shared(rawKey);
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
                    "a value of " + text.length() + " characters is longer than the limit of " + limits.stringLength(),
                    Limits.raiseHint("string-length"));
            text = text.substring(0, Math.min(text.length(), Math.min(16, limits.stringLength())));
        }
        text = texts.shared(text);
        if (atKey()) {
            if (at == null && (text.isEmpty() || anchor != null)) at = Span.of(file, line, column, 1);
            if (kind == SrcScalar.Kind.NULL && text.isEmpty()) {
                diags.add(Code.SYNTAX, at, "a mapping key is empty", "write a key before the ':'");
            }
            key(
                    text,
                    Span.of(
                            file,
                            line,
                            column,
                            Math.max(1, SyntaxErrors.firstLine(text).length())));
            if (anchor != null) anchors.put(anchor, new SrcScalar(text, kind, at));
            return;
        }
        var s = new SrcScalar(
                text,
                kind,
                Span.of(
                        file,
                        line,
                        column,
                        Math.max(1, SyntaxErrors.firstLine(text).length())));
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
     * A complete value that stands for {@code size} values (a collection with its contents), of
     * which {@code added} are new to the file's count: 1 for a scalar or a collection just closed
     * (its contents were counted one by one), the whole size for an alias.
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
