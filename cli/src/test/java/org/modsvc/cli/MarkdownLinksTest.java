package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md, docs/*.md and samples/README.md leads to a file or folder that
 * exists, and every {@code #anchor} to a heading or an {@code <a id>} of the file it names, so that
 * moving text between files cannot leave a dead link behind. Anchors are GitHub's: the heading's
 * text in lower case, without punctuation, spaces as hyphens, {@code -1}, {@code -2} for repeats.
 */
class MarkdownLinksTest {
    /** {@code [text](target)} and {@code ![alt](target)}, with an optional "title". */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ID = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    static List<Path> files() throws IOException {
        var out = new ArrayList<Path>();
        out.add(Run.ROOT.resolve("README.md"));
        out.add(Run.ROOT.resolve("samples/README.md"));
        try (Stream<Path> s = Files.list(Run.ROOT.resolve("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndEveryAnchorToAHeading() throws IOException {
        var anchors = new HashMap<Path, Set<String>>();
        var dead = new ArrayList<String>();
        int links = 0;
        for (Path file : files()) {
            String name = Run.ROOT.relativize(file).toString();
            List<String> prose = prose(Files.readString(file, StandardCharsets.UTF_8));
            for (int i = 0; i < prose.size(); i++) {
                Matcher m = LINK.matcher(INLINE_CODE.matcher(prose.get(i)).replaceAll(""));
                while (m.find()) {
                    String target = m.group(1);
                    if (SCHEME.matcher(target).find()) continue;
                    links++;
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path to = path.isEmpty()
                            ? file
                            : file.getParent().resolve(path).normalize();
                    String where = name + ":" + (i + 1) + ": " + target;
                    if (!to.startsWith(Run.ROOT) || !Files.exists(to)) {
                        dead.add(where + " (no such file)");
                    } else if (hash >= 0) {
                        if (!to.getFileName().toString().endsWith(".md")) {
                            dead.add(where + " (an anchor into a file that is not Markdown)");
                        } else if (!anchors.computeIfAbsent(to, MarkdownLinksTest::anchorsOf)
                                .contains(target.substring(hash + 1))) {
                            dead.add(where + " (no such heading; the file has " + anchors.get(to) + ")");
                        }
                    }
                }
            }
        }
        assertThat(dead).as("dead links").isEmpty();
        assertThat(links).as("relative links checked").isGreaterThan(20);
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(slug("Running a tree in place: `--root`")).isEqualTo("running-a-tree-in-place---root");
        assertThat(slug("The launcher's JVM options")).isEqualTo("the-launchers-jvm-options");
        assertThat(slug("Warm, by phase, and the floor")).isEqualTo("warm-by-phase-and-the-floor");
        assertThat(slug("What made it faster (output bytes unchanged)"))
                .isEqualTo("what-made-it-faster-output-bytes-unchanged");
        assertThat(slug("[docs](docs/README.md) and *more*")).isEqualTo("docs-and-more");
        assertThat(anchorsOf(List.of("# A", "```", "# not a heading", "```", "## A", "<a id=\"x-y\"></a>")))
                .containsExactlyInAnyOrder("a", "a-1", "x-y");
    }

    /** The lines of a Markdown text, with the lines of fenced code blocks blanked. */
    private static List<String> prose(String text) {
        var out = new ArrayList<String>();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                out.add("");
            } else {
                out.add(fenced ? "" : line);
            }
        }
        return out;
    }

    private static Set<String> anchorsOf(Path file) {
        try {
            return anchorsOf(prose(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> anchorsOf(List<String> lines) {
        var out = new TreeSet<String>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(String.join("\n", lines))) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String s = slug(h.group(1));
                int n = seen.merge(s, 1, Integer::sum) - 1;
                out.add(n == 0 ? s : s + "-" + n);
            }
            Matcher a = HTML_ID.matcher(line);
            while (a.find()) out.add(a.group(1));
        }
        return out;
    }

    /** GitHub's anchor of a heading: link targets dropped, lower case, punctuation removed, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(java.util.Locale.ROOT);
        var b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') b.appendCodePoint(c);
            else if (c == ' ') b.append('-');
        });
        return b.toString();
    }
}
