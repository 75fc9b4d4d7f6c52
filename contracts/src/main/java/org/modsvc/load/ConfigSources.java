package org.modsvc.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Scalar;
import org.modsvc.source.Limits;

/**
 * Reads {@code configData.<n>.source}: a file of the setup (nixpkgs' {@code source}, a path),
 * named relative to the setup directory, whose bytes become the entry's text as they are (no
 * {@code ${…}} is filled in: every {@code ${} is written as modsvc's literal {@code $${}). The
 * file is checked like every other file of the setup: it must stay inside the setup (also
 * through symbolic links), be a regular file within the {@code file-bytes} limit and valid UTF-8
 * without NUL. A directory source is not supported yet. Thread-safe.
 */
final class ConfigSources {
    /** For a single-file setup (no setup directory) and the catalogue: every source is refused. */
    static final ConfigSources NONE = new ConfigSources(null, null);

    private final Path root;
    private final Limits limits;

    private ConfigSources(Path root, Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    /** Sources below {@code root}, the real path of the setup directory. */
    static ConfigSources in(Path root, Limits limits) {
        return root == null ? NONE : new ConfigSources(root, limits);
    }

    /**
     * The text of the file {@code source} names, as a scalar at {@code source}'s position ready for
     * reference expansion (which gives the bytes back unchanged); null when refused (diagnosed).
     */
    Scalar read(Scalar source, String what, Diagnostics diags) {
        String rel = source.text();
        if (root == null) {
            diags.add(
                    Code.BAD_VALUE,
                    source.span(),
                    what + ": a source file needs a setup directory (this setup is a single file)",
                    "write the content as text:, or make the setup a directory with setup.yaml");
            return null;
        }
        boolean plain = !rel.isEmpty() && !rel.startsWith("/") && rel.indexOf('\\') < 0 && rel.indexOf('\0') < 0;
        if (plain)
            for (String seg : rel.split("/", -1)) plain &= !seg.isEmpty() && !seg.equals(".") && !seg.equals("..");
        if (!plain) {
            diags.add(
                    Code.BAD_VALUE,
                    source.span(),
                    what + ": '" + Shape.printable(rel) + "' is not a relative path inside the setup",
                    "name a file relative to the setup directory, such as files/app.conf (no '..', no leading '/')");
            return null;
        }
        Path p = root.resolve(rel);
        try {
            if (!p.toRealPath().startsWith(root)) {
                diags.add(
                        Code.BAD_VALUE,
                        source.span(),
                        what + ": '" + Shape.printable(rel) + "' leads outside the setup; modsvc reads only the"
                                + " setup's own files");
                return null;
            }
        } catch (IOException e) {
            diags.add(Code.BAD_VALUE, source.span(), what + ": no file '" + Shape.printable(rel) + "' in the setup");
            return null;
        }
        if (Files.isDirectory(p)) {
            diags.add(
                    Code.BAD_VALUE,
                    source.span(),
                    what + ": '" + Shape.printable(rel) + "' is a directory; a directory source is not supported yet",
                    "give one configData entry per file");
            return null;
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
            diags.add(Code.BAD_VALUE, source.span(), what + ": '" + Shape.printable(rel) + "' is not a regular file");
            return null;
        }
        byte[] bytes;
        try {
            if (Files.size(p) > limits.fileBytes()) {
                diags.add(
                        Code.LIMIT,
                        source.span(),
                        what + ": '" + Shape.printable(rel) + "' is larger than " + limits.fileBytes()
                                + " bytes (limit 'file-bytes')",
                        Limits.raiseHint("file-bytes"));
                return null;
            }
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            diags.add(Code.BAD_VALUE, source.span(), what + ": cannot read '" + Shape.printable(rel) + "'");
            return null;
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
            text = null;
        }
        if (text == null || text.indexOf('\0') >= 0) {
            diags.add(
                    Code.ENCODING,
                    source.span(),
                    what + ": '" + Shape.printable(rel) + "' is not UTF-8 text without NUL");
            return null;
        }
        return new Scalar(text.replace("${", "$${"), source.span());
    }
}
