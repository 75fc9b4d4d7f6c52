package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.source.Limits;

/** The nixpkgs shapes of modular-services options: notificationProtocol booleans, configData.enable. */
class NixpkgsFormsTest {
    @TempDir
    Path dir;

    private LoadResult load(String module) throws IOException {
        Files.writeString(dir.resolve("setup.yaml"), "nodes:\n  n1: { run: [app] }\n");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("services/app.yaml"), module);
        return new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(dir, "s");
    }

    @Test
    void notificationProtocolTakesNixpkgsBooleansAndTheOneWordShorthand() throws IOException {
        String head = "name: app\nprocess: { argv: [/usr/bin/app] }\n";
        var cases = new String[][] {
            {"notificationProtocol: { systemd: true }", "SYSTEMD"},
            {"notificationProtocol: { s6: true }", "S6"},
            {"notificationProtocol: { systemd: true, s6: true }", "SYSTEMD"},
            {"notificationProtocol: { systemd: false, s6: false }", "NONE"},
            {"notificationProtocol: {}", "NONE"},
            {"notificationProtocol: s6", "S6"},
        };
        for (String[] c : cases) {
            var r = load(head + c[0] + "\n");
            assertThat(r.diagnostics()).as(c[0]).isEmpty();
            assertThat(r.setup().modules().get("app").notificationProtocol())
                    .as(c[0])
                    .isEqualTo(NotificationProtocol.valueOf(c[1]));
        }
    }

    @Test
    void aBadNotificationProtocolSetIsLocated() throws IOException {
        var r = load("name: app\nprocess: { argv: [/usr/bin/app] }\n"
                + "notificationProtocol:\n  systemd: yes-please\n  sd: true\n");
        assertThat(r.diagnostics())
                .extracting(d ->
                        d.code().id() + "@" + d.span().line() + ":" + d.span().column())
                .containsExactlyInAnyOrder("E011@4:12", "E010@5:3");
    }

    @Test
    void aDisabledConfigDataEntryIsLeftOutAndNeedsNoText() throws IOException {
        var r = load("name: app\nprocess: { argv: [/usr/bin/app] }\nconfigData:\n"
                + "  off: { enable: false }\n  on: { enable: true, text: \"x\" }\n  plain: { text: \"y\" }\n");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.setup().modules().get("app").configData().keySet()).containsExactly("on", "plain");
    }

    @Test
    void aConfigDataEnableThatIsNotABoolIsLocated() throws IOException {
        var r = load("name: app\nprocess: { argv: [/usr/bin/app] }\nconfigData:\n  c: { enable: maybe, text: x }\n");
        assertThat(r.diagnostics())
                .extracting(d ->
                        d.code().id() + "@" + d.span().line() + ":" + d.span().column())
                .containsExactly("E011@4:16");
    }

    @Test
    void reloadCommandTakesNixpkgsCommandLineAndKeepsTheListForm() throws IOException {
        var r = load("name: app\nprocess:\n  argv: [/usr/bin/app]\n  reloadCommand: \"/bin/kill -HUP $MAINPID\"\n");
        assertThat(r.diagnostics()).isEmpty();
        var p = r.setup().modules().get("app").process();
        assertThat(p.reloadLine().text()).isEqualTo("/bin/kill -HUP $MAINPID");
        assertThat(p.reloadCommand()).isEmpty();
        var list = load("name: app\nprocess:\n  argv: [/usr/bin/app]\n  reloadCommand: [/usr/bin/app, reload]\n");
        assertThat(list.diagnostics()).isEmpty();
        assertThat(list.setup().modules().get("app").process().reloadLine()).isNull();
        assertThat(list.setup().modules().get("app").process().reloadCommand()).hasSize(2);
    }

    @Test
    void aReloadCommandLineThatIsNotAnAbsoluteCommandIsLocated() throws IOException {
        for (String bad : new String[] {"\"kill -HUP $MAINPID\"", "\"  \"", "\"/bin/kill\\n-HUP\""}) {
            var r = load("name: app\nprocess:\n  argv: [/usr/bin/app]\n  reloadCommand: " + bad + "\n");
            assertThat(r.diagnostics())
                    .as(bad)
                    .extracting(d -> d.code().id() + "@" + d.span().line() + ":"
                            + d.span().column())
                    .containsExactly("E015@4:18");
        }
        var both = load("name: app\nprocess:\n  argv: [/usr/bin/app]\n  reloadSignal: HUP\n"
                + "  reloadCommand: \"/bin/kill -HUP $MAINPID\"\n");
        assertThat(both.diagnostics())
                .extracting(d ->
                        d.code().id() + "@" + d.span().line() + ":" + d.span().column())
                .containsExactly("E016@5:3");
    }

    @Test
    void aConfigDataSourceIsAFileOfTheSetupCopiedAsIs() throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/app.conf"), "port ${not.a.reference}\n$${x} é\n");
        var r = load("name: app\nprocess: { argv: [/usr/bin/app] }\nconfigData:\n  c: { source: files/app.conf }\n");
        assertThat(r.diagnostics()).isEmpty();
        // Written so that reference expansion gives the file's bytes back unchanged.
        assertThat(r.setup().modules().get("app").configData().get("c").text().text())
                .isEqualTo("port $${not.a.reference}\n$$${x} é\n");
    }

    @Test
    void aConfigDataSourceThatLeavesTheSetupOrIsMissingIsLocated() throws IOException {
        Path outside = Files.createTempFile("modsvc-outside", ".conf");
        try {
            Files.createDirectories(dir.resolve("files"));
            Files.createSymbolicLink(dir.resolve("files/link.conf"), outside);
            Files.createDirectories(dir.resolve("files/sub"));
            Files.write(dir.resolve("files/bad.conf"), new byte[] {'a', (byte) 0xff});
            String[][] cases = {
                {"../x.conf", "E016@4:16"},
                {"/etc/passwd", "E016@4:16"},
                {"files/link.conf", "E016@4:16"},
                {"files/none.conf", "E016@4:16"},
                {"files/sub", "E016@4:16"},
                {"files/bad.conf", "E005@4:16"},
            };
            for (String[] c : cases) {
                var r = load("name: app\nprocess: { argv: [/usr/bin/app] }\nconfigData:\n  c: { source: \"" + c[0]
                        + "\" }\n");
                assertThat(r.diagnostics())
                        .as(c[0])
                        .extracting(d -> d.code().id() + "@" + d.span().line() + ":"
                                + d.span().column())
                        .containsExactly(c[1]);
            }
            var both = load("name: app\nprocess: { argv: [/usr/bin/app] }\nconfigData:\n"
                    + "  c: { text: x, source: files/bad.conf }\n");
            assertThat(both.diagnostics())
                    .extracting(d -> d.code().id() + "@" + d.span().line() + ":"
                            + d.span().column())
                    .containsExactly("E016@4:17");
        } finally {
            Files.deleteIfExists(outside);
        }
    }
}
