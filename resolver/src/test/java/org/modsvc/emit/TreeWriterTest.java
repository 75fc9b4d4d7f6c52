package org.modsvc.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The output tree appears complete or not at all, only inside --out, never through symlinks. */
class TreeWriterTest {
    @TempDir
    Path tmp;

    private final TreeWriter writer = new TreeWriter();

    private static Map<String, OutputFile> files(String... pathsAndTexts) {
        var m = new TreeMap<String, OutputFile>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            m.put(pathsAndTexts[i], OutputFile.text(pathsAndTexts[i + 1], false));
        }
        return m;
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheTreeWithModes() throws Exception {
        Path out = tmp.resolve("out");
        var f = new TreeMap<>(files("n1/etc/systemd/system/a.service", "[Service]\n"));
        f.put("n1/bin/a", OutputFile.text("#!/bin/sh\n", true));
        writer.write(out, f, false);
        assertThat(out.resolve("n1/etc/systemd/system/a.service")).hasContent("[Service]");
        assertThat(Files.isExecutable(out.resolve("n1/bin/a"))).isTrue();
        assertThat(siblings()).containsExactly("out");
    }

    @Test
    void filesAndDirectoriesGetExactModesWhateverTheirNumber() throws Exception {
        Path out = tmp.resolve("out");
        var f = new TreeMap<String, OutputFile>();
        for (int k = 0; k < 500; k++) {
            f.put("n" + (k % 3) + "/etc/systemd/system/u" + k + ".service", OutputFile.text("[Unit]\n" + k, false));
            f.put("n" + (k % 3) + "/bin/w" + k, OutputFile.text("#!/bin/sh\n" + k, true));
        }
        writer.write(out, f, false);
        for (var e : f.entrySet()) {
            Path p = out.resolve(e.getKey());
            assertThat(p).hasBinaryContent(e.getValue().content());
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .isEqualTo(e.getValue().executable() ? "rwxr-xr-x" : "rw-r--r--");
        }
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path d : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
                        .as(d.toString())
                        .isEqualTo("rwxr-xr-x");
            }
        }
        assertThat(siblings()).containsExactly("out");
    }

    @Test
    void refusesANonEmptyOutputWithoutForce() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> writer.write(out, files("n1/a", "x"), false))
                .isInstanceOf(TreeWriter.RefusedException.class)
                .hasMessageContaining("--force");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
        assertThat(siblings()).containsExactly("out");
    }

    @Test
    void forceReplacesTheWholeOutput() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("old.txt"), "old");
        writer.write(out, files("n1/a", "new"), true);
        assertThat(out.resolve("old.txt")).doesNotExist();
        assertThat(out.resolve("n1/a")).hasContent("new");
        assertThat(siblings()).containsExactly("out");
    }

    @Test
    void anEmptyExistingDirectoryNeedsNoForce() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        writer.write(out, files("n1/a", "x"), false);
        assertThat(out.resolve("n1/a")).hasContent("x");
    }

    @Test
    void aFailureMidwayLeavesNothingBehind() throws Exception {
        Path out = tmp.resolve("out");
        // "n1/a" is a file, so the directory "n1/a/" cannot be made: an I/O error after writing began.
        assertThatThrownBy(() -> writer.write(out, files("n1/a", "file", "n1/a/b", "under a file"), false))
                .isInstanceOf(IOException.class);
        assertThat(siblings()).isEmpty();
    }

    @Test
    void aFailureMidwayKeepsTheOldOutputWithForce() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("old.txt"), "old");
        assertThatThrownBy(() -> writer.write(out, files("n1/a", "file", "n1/a/b", "x"), true))
                .isInstanceOf(IOException.class);
        assertThat(out.resolve("old.txt")).hasContent("old");
        assertThat(siblings()).containsExactly("out");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../escape",
                "/etc/passwd",
                "n1/../../escape",
                "n1//a",
                "n1/./a",
                ".hidden",
                "n1/a b",
                "n1/\u00e9",
                "n1/a\nb",
                "",
                "n1/"
            })
    void noNameWritesOutsideTheOutput(String rel) throws Exception {
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> writer.write(out, files(rel, "x", "n1/ok", "y"), false))
                .isInstanceOf(TreeWriter.RefusedException.class);
        assertThat(siblings()).isEmpty();
    }

    @Test
    void aSymlinkedOutputIsRefused() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("out"), real);
        assertThatThrownBy(() -> writer.write(link, files("n1/a", "x"), true))
                .isInstanceOf(TreeWriter.RefusedException.class)
                .hasMessageContaining("symbolic link");
        try (Stream<Path> s = Files.list(real)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void symlinksInsideTheOutputAreNotFollowedWhenReplaced() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("n1"), outside);
        writer.write(out, files("n1/a", "x"), true);
        assertThat(outside.resolve("precious.txt")).hasContent("keep");
        assertThat(outside.resolve("a")).doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("n1"))).isFalse();
        assertThat(out.resolve("n1/a")).hasContent("x");
    }

    @Test
    void inTheBackgroundTheReplacedTreeGoesAwayAfterTheNewOneIsInPlaceWithoutFollowingLinks() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("old.txt"), "old");
        Files.createSymbolicLink(out.resolve("link"), outside);
        Files.createSymbolicLink(out.resolve("file-link"), outside.resolve("precious.txt"));
        new TreeWriter(org.modsvc.progress.Progress.NONE, true).write(out, files("n1/a", "x"), true);
        assertThat(out.resolve("n1/a")).hasContent("x");
        assertThat(out.resolve("old.txt")).doesNotExist();
        // The detached rm is not waited for; it is done within moments on any machine.
        long until = System.nanoTime() + 30_000_000_000L;
        while (siblings().stream().anyMatch(n -> n.startsWith(".out.")) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(siblings()).containsExactly("out", "outside");
        assertThat(outside.resolve("precious.txt")).hasContent("keep");
    }

    @Test
    void aTreeBeingRemovedIsNeverPutBackAsTheOutput() throws Exception {
        // Process ids above the kernel's maximum (4194304) are never alive.
        Path del = Files.createDirectories(tmp.resolve(".out.del-99999999-1"));
        Files.writeString(del.resolve("half"), "x");
        Path out = tmp.resolve("out");
        writer.write(out, files("n1/a", "x"), false);
        assertThat(out.resolve("half")).doesNotExist();
        assertThat(out.resolve("n1/a")).hasContent("x");
        assertThat(del).doesNotExist();
    }

    @Test
    void manyFilesInManyDirectoriesAreAllWrittenWithTheirBytes() throws Exception {
        var many = new TreeMap<String, OutputFile>();
        for (int d = 0; d < 20; d++) {
            for (int f = 0; f < 50; f++) {
                many.put(
                        "n" + d + "/etc/u" + f + ".service", OutputFile.text("unit " + d + " " + f + "\n", f % 7 == 0));
            }
        }
        many.put("top", OutputFile.text("top", false));
        Path out = tmp.resolve("out");
        writer.write(out, many, false);
        for (var e : many.entrySet()) {
            Path p = out.resolve(e.getKey());
            assertThat(Files.readAllBytes(p)).isEqualTo(e.getValue().content());
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .isEqualTo(e.getValue().executable() ? "rwxr-xr-x" : "rw-r--r--");
        }
    }
}
