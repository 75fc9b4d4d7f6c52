package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsCommandTest {
    @Test
    void eachCopyGoesWhereTheNodeReadsIt(@TempDir Path tmp) throws Exception {
        var r = Run.of(
                "secrets", "samples/three-nodes", "--out", tmp.resolve("s").toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path db1 = tmp.resolve("s/db1/var/lib/modsvc/postgresql/passwords/shop");
        Path web1 = tmp.resolve("s/web1/var/lib/modsvc/postgresql/passwords/shop");
        assertThat(Files.readString(db1)).hasSize(48).isEqualTo(Files.readString(web1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db1)))
                .isEqualTo("rw-------");
        var again = Run.of(
                "secrets", "samples/three-nodes", "--out", tmp.resolve("s").toString());
        assertThat(again.out()).contains("0 secret(s) made, 3 kept");
    }

    /**
     * A wrapper tree emitted with --root reads its own and its remote providers' state below
     * PREFIX/<node>, so the copies must go there: the provider's fulfil step and the consumer's
     * wrapper name the same file as the secrets step writes.
     */
    @Test
    void wrapperTreesWithARootGetTheirCopiesInsideTheTree(@TempDir Path tmp) throws Exception {
        String prefix = "/opt/modsvc/run";
        var r = Run.of(
                "secrets",
                "samples/three-nodes",
                "--target",
                "wrapper",
                "--root",
                prefix,
                "--out",
                tmp.resolve("s").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  on web1 at " + prefix + "/web1/var/lib/modsvc/postgresql/passwords/shop");
        var e = Run.of(
                "emit",
                "samples/three-nodes",
                "--target",
                "wrapper",
                "--root",
                prefix,
                "--out",
                tmp.resolve("out").toString());
        assertThat(e.code()).as(e.err()).isZero();
        String db = prefix + "/db1/var/lib/modsvc/postgresql/passwords/shop";
        String web = prefix + "/web1/var/lib/modsvc/postgresql/passwords/shop";
        assertThat(Files.readString(tmp.resolve("out/db1/bin/postgresql.fulfil.1")))
                .contains(db);
        assertThat(Files.readString(tmp.resolve("out/web1/bin/shop"))).contains("DB_PASSWORD_FILE='" + web + "'");
        assertThat(Files.readString(tmp.resolve("s/db1" + db)))
                .isEqualTo(Files.readString(tmp.resolve("s/web1" + web)));
        // Without --root the wrapper trees read the plan's paths, as systemd nodes do.
        var plain = Run.of(
                "secrets",
                "samples/three-nodes",
                "--target",
                "wrapper",
                "--out",
                tmp.resolve("p").toString());
        assertThat(plain.out()).doesNotContain(" at ");
        assertThat(tmp.resolve("p/web1/var/lib/modsvc/postgresql/passwords/shop"))
                .exists();
    }
}
