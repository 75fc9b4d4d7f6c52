package org.modsvc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.load.Keys;

class SchemasTest {
    static Iterable<String> kinds() {
        return Schemas.KINDS;
    }

    private static Set<String> properties(JsonNode schema, String def) {
        var out = new TreeSet<String>();
        schema.path("$defs").path(def).path("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void schemaPropertiesEqualTheLoadersKeys(String kind) throws Exception {
        JsonNode s = new ObjectMapper().readTree(Schemas.text(kind));
        assertThat(s.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(properties(s, "setup")).isEqualTo(new TreeSet<>(Keys.SETUP));
        assertThat(properties(s, "node")).isEqualTo(new TreeSet<>(Keys.NODE));
        assertThat(properties(s, "module")).isEqualTo(new TreeSet<>(Keys.MODULE));
        assertThat(properties(s, "process")).isEqualTo(new TreeSet<>(Keys.PROCESS));
        assertThat(properties(s, "configData")).isEqualTo(new TreeSet<>(Keys.CONFIG_DATA));
        assertThat(properties(s, "provision")).isEqualTo(new TreeSet<>(Keys.PROVISION));
        assertThat(properties(s, "requirement")).isEqualTo(new TreeSet<>(Keys.REQUIREMENT));
        assertThat(properties(s, "wrapper")).isEqualTo(new TreeSet<>(Keys.WRAPPER));
        assertThat(properties(s, "pathList")).isEqualTo(new TreeSet<>(Keys.PATH_LIST));
        assertThat(properties(s, "contract")).isEqualTo(new TreeSet<>(Keys.CONTRACT));
        assertThat(properties(s, "field")).isEqualTo(new TreeSet<>(Keys.FIELD));
        var sections = new TreeSet<String>();
        s.path("$defs")
                .path("module")
                .path("properties")
                .path("systemd")
                .path("properties")
                .fieldNames()
                .forEachRemaining(sections::add);
        assertThat(sections).isEqualTo(new TreeSet<>(Keys.SYSTEMD_SECTIONS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyObjectWithPropertiesRefusesOthersLikeTheLoader(String kind) throws Exception {
        JsonNode defs = new ObjectMapper().readTree(Schemas.text(kind)).path("$defs");
        defs.fields().forEachRemaining(e -> {
            if (e.getValue().has("properties") && !e.getKey().equals("systemd")) {
                assertThat(e.getValue().path("additionalProperties").asBoolean(true))
                        .as(e.getKey())
                        .isFalse();
            }
        });
    }
}
