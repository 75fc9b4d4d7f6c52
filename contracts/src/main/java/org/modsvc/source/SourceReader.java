package org.modsvc.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;

/**
 * Turns the bytes of one YAML or JSON file into a {@link SrcNode} tree that keeps positions.
 *
 * <p>SnakeYAML (YAML, {@link YamlEvents}) and Jackson (JSON, {@link JsonTokens}) are used only as
 * tokenizers: the tree is built by {@link TreeBuilder} so that duplicate keys, aliases, tags, depth
 * and size are all checked with positions, and so that scalars keep their source text (YAML 1.1
 * readers would turn {@code 1.10} into 1.1 and {@code no} into false); {@link FastYaml} reads the
 * common subset of YAML first. Thread-safe: the tokenizers' settings are never changed after
 * construction, and each call uses its own parser and builder.
 */
public final class SourceReader {
    /** The outcome of reading one file: the root (null when unreadable or empty) and problems. */
    public record Read(SourceFile source, SrcNode root, List<Diagnostic> diagnostics) {}

    private final Limits limits;
    private final YamlEvents yaml;
    private final JsonTokens json;
    /** Short texts shared by every file this reader reads. */
    private final SharedTexts texts = new SharedTexts();

    public SourceReader(Limits limits) {
        this.limits = limits;
        this.yaml = new YamlEvents(limits);
        this.json = new JsonTokens(limits);
    }

    private TreeBuilder builder(String file, Diagnostics diags) {
        return new TreeBuilder(file, diags, limits, texts);
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
            text = SourceText.decode(bytes);
        } catch (CharacterCodingException e) {
            Span at = SourceText.firstBadByte(display, bytes);
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
                    SourceText.spanAtOffset(display, text, nul),
                    "file contains a NUL character",
                    "remove it; no unit file or shell script can carry NUL");
            return new Read(source, null, diags.toList());
        }
        SrcNode root = null;
        try {
            if (asJson) {
                root = json.read(display, text, builder(display, diags));
            } else if (!longRun(display, text, diags)) {
                TreeBuilder fast = path == YamlPath.SNAKE ? null : fastYaml(display, text, path == YamlPath.FAST);
                if (fast != null) {
                    root = fast.result();
                } else if (path == YamlPath.FAST) {
                    return null;
                } else {
                    root = yaml.read(display, text, builder(display, diags));
                }
            }
        } catch (JsonProcessingException e) {
            diags.add(SyntaxErrors.json(display, e));
            root = null;
        } catch (IOException e) {
            diags.add(SyntaxErrors.json(display, e));
            root = null;
        } catch (RuntimeException e) {
            // SnakeYAML reports malformed input with its own unchecked exceptions.
            diags.add(SyntaxErrors.yaml(display, e));
            root = null;
        }
        return new Read(source, root, diags.toList());
    }

    /**
     * Reads {@code text} with {@link FastYaml}; returns the builder holding the tree, or null when
     * the fast reader gave up or anything was reported (SnakeYAML then reads the file again, so
     * every diagnostic comes from one place). {@code strict}: let a failure of the fast reader
     * itself propagate (tests) instead of falling back.
     */
    private TreeBuilder fastYaml(String file, String text, boolean strict) {
        var fastDiags = new Diagnostics();
        var b = builder(file, fastDiags);
        boolean ok;
        try {
            ok = FastYaml.parse(text, b);
        } catch (RuntimeException e) {
            if (strict) throw new AssertionError("fast YAML reader failed on " + file, e);
            ok = false;
        }
        return ok && fastDiags.isEmpty() && !b.isStopped() ? b : null;
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
                        SourceText.spanAtOffset(display, text, start),
                        "a run of " + (i - start) + " characters without a space or line break is longer than the"
                                + " limit of " + limits.stringLength() + " characters for a string",
                        Limits.raiseHint("string-length"));
                return true;
            }
            start = i + 1;
        }
        return false;
    }
}
