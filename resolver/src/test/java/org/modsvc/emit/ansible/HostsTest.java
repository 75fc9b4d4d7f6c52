package org.modsvc.emit.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"10.0.1.11", "192.168.0.1", "db1", "db1.example.org", "xn--bcher-kva.example", "fe80::1", "::1"})
    void hosts(String address) {
        assertThat(Hosts.isHost(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10.0.1.11:22",
                "10.0.1.0/24",
                "ssh://db1",
                "db1/",
                "db 1",
                "-db1",
                "db1-",
                "db1..example",
                "10.0.1",
                "256.1.1.1",
                "0.0.0.0",
                "::",
                "[fe80::1]",
                "fe80::1%eth0",
                "{{ x }}",
                "db_1"
            })
    void notHosts(String address) {
        assertThat(Hosts.isHost(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ lookup('pipe', 'id') }}", "a\"b\\c", "line\nbreak"})
    void planValuesAreNeverTemplates(String value) {
        String q = Playbook.quoted(value);
        assertThat(q).startsWith("!unsafe \"").endsWith("\"").doesNotContain("\n");
        assertThat(q.substring(9, q.length() - 1)).doesNotContain("\"".repeat(1) + " ");
    }
}
