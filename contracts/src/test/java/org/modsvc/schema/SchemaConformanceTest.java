package org.modsvc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.modsvc.source.Limits;
import org.modsvc.source.SourceReader;
import org.modsvc.source.SrcList;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;
import org.modsvc.source.SrcScalar;

/**
 * The shipped files and the samples conform to the JSON Schemas, and a typo does not: checked with
 * a small validator for the keywords the schemas use, so the schemas stay usable by editors.
 */
class SchemaConformanceTest {
    private static final Path CATALOGUE = Path.of("src/main/resources/org/modsvc/catalogue");
    private final SourceReader reader = new SourceReader(Limits.DEFAULT);

    @Test
    void catalogueAndSamplesConform() throws IOException {
        var problems = new ArrayList<String>();
        for (Path f : yamlFiles(CATALOGUE.resolve("contracts"))) problems.addAll(check("contract", f));
        for (Path f : yamlFiles(CATALOGUE.resolve("services"))) problems.addAll(check("service", f));
        Path samples = Path.of("../samples");
        if (Files.isDirectory(samples)) {
            try (Stream<Path> s = Files.list(samples)) {
                for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                    if (Files.exists(dir.resolve("setup.yaml")))
                        problems.addAll(check("setup", dir.resolve("setup.yaml")));
                    for (Path f : yamlFiles(dir.resolve("services"))) problems.addAll(check("service", f));
                    for (Path f : yamlFiles(dir.resolve("contracts"))) problems.addAll(check("contract", f));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void typosAndBadWordsDoNotConform() throws IOException {
        assertThat(validate("setup", "nodes: {}\npolcy: shared\n"))
                .singleElement()
                .asString()
                .contains("polcy");
        assertThat(validate("setup", "nodes: { n1: { target: sysd } }\n"))
                .singleElement()
                .asString()
                .contains("sysd");
        assertThat(validate("service", "name: a\nprocess: { argv: [] }\n")).isNotEmpty();
        assertThat(validate("service", "name: a.b\n")).isNotEmpty();
        assertThat(validate("contract", "result: { x: { type: text } }\n")).isNotEmpty();
        assertThat(validate("setup", "name: ok\n")).singleElement().asString().contains("nodes");
    }

    private List<String> check(String kind, Path file) throws IOException {
        var out = new ArrayList<String>();
        for (String p : validate(kind, Files.readString(file))) out.add(file + ": " + p);
        return out;
    }

    private List<String> validate(String kind, String yaml) throws IOException {
        var read = reader.read("t.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        assertThat(read.diagnostics()).isEmpty();
        JsonNode schema = new ObjectMapper().readTree(Schemas.text(kind));
        var problems = new ArrayList<String>();
        new Validator(schema).check(schema, read.root(), "$", problems);
        return problems;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The subset of draft 2020-12 the schemas use. */
    private record Validator(JsonNode root) {
        void check(JsonNode schema, SrcNode value, String at, List<String> problems) {
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                check(root.at(ref.substring(1)), value, at, problems);
            }
            if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
                problems.add(at + ": not of type " + schema.get("type"));
                return;
            }
            if (schema.has("enum")) {
                boolean found = false;
                for (JsonNode e : schema.get("enum"))
                    found |= value instanceof SrcScalar s && s.text().equals(e.asText());
                if (!found) problems.add(at + ": " + text(value) + " is not one of " + schema.get("enum"));
            }
            if (value instanceof SrcScalar s && s.kind() == SrcScalar.Kind.STRING) {
                if (schema.has("pattern")
                        && !Pattern.compile(schema.get("pattern").asText())
                                .matcher(s.text())
                                .find())
                    problems.add(at + ": '" + s.text() + "' does not match " + schema.get("pattern"));
                if (schema.has("minLength")
                        && s.text().length() < schema.get("minLength").asInt()) problems.add(at + ": too short");
                if (schema.has("maxLength")
                        && s.text().length() > schema.get("maxLength").asInt()) problems.add(at + ": too long");
            }
            if (value instanceof SrcList l) {
                if (schema.has("minItems")
                        && l.items().size() < schema.get("minItems").asInt())
                    problems.add(at + ": fewer than " + schema.get("minItems") + " items");
                if (schema.has("items"))
                    for (int i = 0; i < l.items().size(); i++)
                        check(schema.get("items"), l.items().get(i), at + "[" + i + "]", problems);
            }
            if (schema.has("oneOf")) {
                int matching = 0;
                for (JsonNode alt : schema.get("oneOf")) {
                    var sub = new ArrayList<String>();
                    check(alt, value, at, sub);
                    if (sub.isEmpty()) matching++;
                }
                if (matching != 1) problems.add(at + ": matches " + matching + " of oneOf");
            }
            if (value instanceof SrcMap m) {
                if (schema.has("required"))
                    for (JsonNode r : schema.get("required"))
                        if (m.get(r.asText()) == null) problems.add(at + ": missing '" + r.asText() + "'");
                for (SrcMap.Entry e : m.entries()) {
                    String k = e.key().text();
                    if (schema.has("propertyNames"))
                        check(schema.get("propertyNames"), e.key(), at + "." + k + "(name)", problems);
                    JsonNode props = schema.path("properties");
                    if (props.has(k)) {
                        check(props.get(k), e.value(), at + "." + k, problems);
                    } else if (schema.has("additionalProperties")) {
                        JsonNode ap = schema.get("additionalProperties");
                        if (ap.isBoolean() && !ap.asBoolean()) problems.add(at + ": unexpected key '" + k + "'");
                        else if (ap.isObject()) check(ap, e.value(), at + "." + k, problems);
                    }
                }
            }
        }

        private static boolean typeMatches(JsonNode type, SrcNode v) {
            if (type.isArray()) {
                for (JsonNode t : type) if (typeMatches(t, v)) return true;
                return false;
            }
            String t = type.asText();
            return switch (t) {
                case "object" -> v instanceof SrcMap;
                case "array" -> v instanceof SrcList;
                case "string" -> v instanceof SrcScalar s && s.kind() == SrcScalar.Kind.STRING;
                case "number" ->
                    v instanceof SrcScalar s && (s.kind() == SrcScalar.Kind.INT || s.kind() == SrcScalar.Kind.FLOAT);
                case "integer" -> v instanceof SrcScalar s && s.kind() == SrcScalar.Kind.INT;
                case "boolean" -> v instanceof SrcScalar s && s.kind() == SrcScalar.Kind.BOOL;
                default -> false;
            };
        }

        private static String text(SrcNode v) {
            return v instanceof SrcScalar s ? "'" + s.text() + "'" : v.kindName();
        }
    }
}
