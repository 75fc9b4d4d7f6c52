package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test-scope model of systemd's parser ({@link SystemdParser}) against every case of systemd
 * 252's own test suite (resources systemd/systemd-words.json and systemd-exec-lines.json, see their
 * "about"/"semantics" fields).
 */
class SystemdVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = SystemdVectorsTest.class.getResourceAsStream("/systemd/" + name)) {
            return JSON.readTree(in);
        }
    }

    static Stream<Arguments> wordGroups() throws IOException {
        var out = new ArrayList<Arguments>();
        int i = 0;
        for (JsonNode g : read("systemd-words.json").get("groups")) {
            out.add(Arguments.of(i++ + ": " + g.get("input").asText(), g));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wordGroups")
    void extractFirstWordMatchesSystemd(String name, JsonNode group) {
        var p = new SystemdParser.Cursor(group.get("input").asText());
        int n = 0;
        for (JsonNode call : group.get("calls")) {
            String where = "call " + n++ + " " + call;
            var flags = EnumSet.noneOf(SystemdParser.Flag.class);
            for (JsonNode f : call.get("flags")) flags.add(SystemdParser.Flag.valueOf(f.asText()));
            String seps = call.get("separators").isNull()
                    ? null
                    : call.get("separators").asText();
            SystemdParser.Extracted r = call.get("function").asText().equals("extract_first_word_and_warn")
                    ? SystemdParser.extractFirstWordAndWarn(p, seps, flags, new ArrayList<>())
                    : SystemdParser.extractFirstWord(p, seps, flags);
            JsonNode ret = call.get("ret");
            int expected = ret.isTextual() ? SystemdParser.EINVAL : ret.asInt();
            assertThat(r.ret()).as(where).isEqualTo(expected);
            if (expected == 1) {
                assertThat(SystemdParser.string(r.word()))
                        .as(where)
                        .isEqualTo(call.get("word").asText());
            } else {
                assertThat(r.word()).as(where).isNull();
            }
            if (call.has("rest_startswith")) {
                assertThat(SystemdParser.string(p.rest()))
                        .as(where)
                        .startsWith(call.get("rest_startswith").asText());
            } else if (call.has("rest_note")) {
                assertThat(p.isEmpty()).as(where).isTrue();
            } else if (call.has("rest")) {
                JsonNode rest = call.get("rest");
                assertThat(SystemdParser.string(p.rest())).as(where).isEqualTo(rest.isNull() ? null : rest.asText());
            }
        }
    }

    static Stream<Arguments> execLines() throws IOException {
        var out = new ArrayList<Arguments>();
        for (JsonNode v : read("systemd-exec-lines.json").get("vectors")) {
            out.add(Arguments.of(v.get("line").asText(), v));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "ExecStart={0}")
    @MethodSource("execLines")
    void execLineParsesAsSystemdDoes(String line, JsonNode v) {
        var r = SystemdParser.parseExec(line, Map.of());
        if (v.path("reset").asBoolean(false)) {
            assertThat(r.reset()).isTrue();
            return;
        }
        if (v.path("error").asBoolean(false)) {
            assertThat(r.error()).as("error, %s", r.warnings()).isTrue();
            boolean ignored = v.get("error_kind").asText().startsWith("line-ignored");
            assertThat(r.ignored()).as("line ignored rather than unit refused").isEqualTo(ignored);
            return;
        }
        assertThat(r.error()).as("no error, %s", r.warnings()).isFalse();
        var expected = new ArrayList<JsonNode>();
        if (v.has("commands")) v.get("commands").forEach(expected::add);
        else expected.add(v);
        assertThat(r.commands()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            SystemdParser.Command c = r.commands().get(i);
            assertThat(SystemdParser.string(c.path())).isEqualTo(e.get("path").asText());
            assertThat(strings(c.argv())).containsExactlyElementsOf(texts(e.get("argv")));
            assertThat(c.flags()).containsExactlyInAnyOrderElementsOf(texts(e.get("flags")));
        }
        boolean warns = v.has("warnings") && v.get("warnings").size() > 0;
        assertThat(!r.warnings().isEmpty()).as("warnings %s", r.warnings()).isEqualTo(warns);
    }

    @Test
    void everyVectorIsRead() throws IOException {
        JsonNode lines = read("systemd-exec-lines.json");
        assertThat(lines.get("vectors").size()).isEqualTo(lines.get("count").asInt());
        assertThat(read("systemd-words.json").get("groups").size()).isGreaterThan(80);
    }

    private static List<String> strings(List<byte[]> bs) {
        return bs.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static List<String> texts(JsonNode arr) {
        var out = new ArrayList<String>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
