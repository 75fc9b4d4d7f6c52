package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.source.Limits;

/**
 * A setup from a pull request cannot make modsvc read files outside it: a symbolic link among its
 * files or folders is E008 and nothing is read through it; and no file is read past the size
 * limit, however large it is.
 */
class SetupLinksTest {
    private static final String OUTSIDE = "root:$6$outside-the-setup:19000:0:99999:7:::\n";

    @TempDir
    Path tmp;

    private Path setup() throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("setup.yaml"), "nodes: { n1: { address: h, run: [app] } }\n");
        Files.writeString(dir.resolve("services/app.yaml"), "name: app\nprocess: { argv: [/bin/app] }\n");
        return dir;
    }

    private LoadResult load(Path dir) throws IOException {
        return new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, "s");
    }

    private static List<String> located(LoadResult r) {
        return r.diagnostics().stream()
                .map(d -> d.span().location() + " " + d.code().id())
                .toList();
    }

    private static void assertNothingFromOutside(LoadResult r) {
        assertThat(r.sources().values()).noneMatch(f -> f.text().contains("outside-the-setup"));
        assertThat(r.diagnostics()).extracting(Diagnostic::message).noneMatch(m -> m.contains("outside-the-setup"));
    }

    @Test
    void aLinkedModuleOrContractFileIsRefused() throws IOException {
        Path outside = Files.writeString(tmp.resolve("shadow"), OUTSIDE);
        Path dir = setup();
        Files.createSymbolicLink(dir.resolve("services/leak.yaml"), outside);
        Files.createDirectories(dir.resolve("contracts"));
        Files.createSymbolicLink(dir.resolve("contracts/x.yaml"), outside);
        var r = load(dir);
        assertThat(located(r)).containsExactly("s/contracts/x.yaml:1:1 E008", "s/services/leak.yaml:1:1 E008");
        assertThat(r.diagnostics().get(0).code()).isEqualTo(Code.SYMLINK);
        assertThat(r.setup()).isNull();
        assertNothingFromOutside(r);
    }

    @Test
    void aLinkedSetupFileOrFolderIsRefused() throws IOException {
        Path outside = Files.writeString(tmp.resolve("shadow"), OUTSIDE);
        Path dir = setup();
        Files.delete(dir.resolve("setup.yaml"));
        Files.createSymbolicLink(dir.resolve("setup.yaml"), outside);
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.yaml"), OUTSIDE);
        Files.createSymbolicLink(dir.resolve("contracts"), elsewhere);
        var r = load(dir);
        assertThat(located(r)).containsExactly("s/contracts:1:1 E008", "s/setup.yaml:1:1 E008");
        assertNothingFromOutside(r);
    }

    @Test
    void aLinkThatStaysInsideTheSetupIsRead() throws IOException {
        Path dir = setup();
        Files.createDirectories(dir.resolve("shared"));
        Files.writeString(dir.resolve("shared/tool.yaml"), "name: tool\nprocess: { argv: [/bin/tool] }\n");
        Files.createSymbolicLink(dir.resolve("services/tool.yaml"), Path.of("../shared/tool.yaml"));
        var r = load(dir);
        assertThat(r.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(r.setup().modules()).containsKey("tool");
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        Path dir = setup();
        Files.createSymbolicLink(dir.resolve("services/gone.yaml"), tmp.resolve("nowhere.yaml"));
        assertThat(located(load(dir))).containsExactly("s/services/gone.yaml:1:1 E008");
    }

    /** E008 says which it is: a link that leaves, one that dangles, one that loops. */
    @Test
    void theMessageTellsLeavingDanglingAndLoopingLinksApart() throws IOException {
        Path dir = setup();
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), OUTSIDE);
        Files.createSymbolicLink(dir.resolve("services/leak.yaml"), outside);
        Files.createSymbolicLink(dir.resolve("services/gone.yaml"), tmp.resolve("nowhere.yaml"));
        Files.createSymbolicLink(dir.resolve("services/loop.yaml"), dir.resolve("services/loop2.yaml"));
        Files.createSymbolicLink(dir.resolve("services/loop2.yaml"), dir.resolve("services/loop.yaml"));
        var r = load(dir);
        assertThat(r.diagnostics())
                .extracting(d -> d.span().file() + ": " + d.message())
                .containsExactly(
                        "s/services/gone.yaml: 'services/gone.yaml' is a symbolic link that dangles: what it points"
                                + " to does not exist",
                        "s/services/leak.yaml: 'services/leak.yaml' is a symbolic link that leads outside the setup;"
                                + " modsvc reads only the setup's own files",
                        "s/services/loop.yaml: 'services/loop.yaml' is a symbolic link that cannot be followed to a"
                                + " file (it loops, or passes through one that does)",
                        "s/services/loop2.yaml: 'services/loop2.yaml' is a symbolic link that cannot be followed to a"
                                + " file (it loops, or passes through one that does)");
        assertNothingFromOutside(r);
    }

    /** A FIFO named like a module is never opened (the read would block) and is warned about. */
    @Test
    void aFifoOrAFolderNamedLikeAFileIsReportedNotRead() throws Exception {
        Path dir = setup();
        Path fifo = dir.resolve("services/pipe.yaml");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        Files.createDirectories(dir.resolve("services/folder.yaml"));
        Files.createDirectories(dir.resolve("contracts/odd.contract.yaml"));
        var r = load(dir);
        assertThat(located(r))
                .containsExactly(
                        "s/contracts/odd.contract.yaml:1:1 W002",
                        "s/services/folder.yaml:1:1 W002",
                        "s/services/pipe.yaml:1:1 W002");
        assertThat(r.diagnostics().get(2).message()).contains("a FIFO, device or socket");
        assertThat(r.diagnostics().get(1).message()).contains("a folder");
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    void theSetupDirectoryItselfMayBeALink() throws IOException {
        Path dir = setup();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        var r = load(link);
        assertThat(r.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    }

    @Test
    void aFileIsNeverReadPastTheSizeLimit() throws IOException {
        Path dir = setup();
        // sparse: 4 GiB that take no disk; reading it whole would need a 4 GiB array
        try (var f =
                new java.io.RandomAccessFile(dir.resolve("services/big.yaml").toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        long start = System.nanoTime();
        var r = load(dir);
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(5);
        assertThat(located(r)).contains("s/services/big.yaml:1:1 E004");
        assertThat(r.diagnostics()).anyMatch(d -> d.message().contains("more than 8388608 bytes"));
    }
}
