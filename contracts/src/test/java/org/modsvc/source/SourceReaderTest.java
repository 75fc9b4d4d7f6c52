package org.modsvc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;

class SourceReaderTest {
    private final SourceReader reader = new SourceReader(Limits.DEFAULT);

    private SourceReader.Read yaml(String text) {
        return reader.read("t.yaml", text.getBytes(StandardCharsets.UTF_8), false);
    }

    private SourceReader.Read json(String text) {
        return reader.read("t.json", text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static List<String> codes(SourceReader.Read r) {
        return r.diagnostics().stream()
                .map(d -> d.code().id() + "@" + d.span().line() + ":" + d.span().column())
                .toList();
    }

    private static SrcScalar scalar(SrcNode root, String key) {
        return (SrcScalar) ((SrcMap) root).get(key);
    }

    @Test
    void aLongWordWithinTheFileLimitIsRefusedQuickly() {
        // SnakeYAML's reader takes quadratic time on a long word: 52 s for 8 MB before this check.
        for (String quote : new String[] {"", "\"", "'"}) {
            String word = "x".repeat(8 * 1024 * 1024 - 100);
            long start = System.nanoTime();
            var r = yaml("name: ok\ndescription: " + quote + word + quote + "\n");
            assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(2);
            assertThat(codes(r)).containsExactly("E004@2:14");
            assertThat(r.diagnostics().get(0).hints()).anyMatch(h -> h.contains("--limit string-length=N"));
        }
        // a word at the limit is read as usual, and spaces break a long line into short words
        var small = new SourceReader(Limits.DEFAULT.with("string-length", 10));
        assertThat(small.read("t.yaml", "a: xxxxxxxxxx\n".getBytes(StandardCharsets.UTF_8), false)
                        .diagnostics())
                .isEmpty();
        assertThat(small.read("t.yaml", "a: [xxxxx, yyyyy, zzzzz]\n".getBytes(StandardCharsets.UTF_8), false)
                        .diagnostics())
                .isEmpty();
    }

    @Test
    void byteOrderMarkIsDroppedAndColumnsStayRight() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] body = "name: web\nport: 80\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        var r = reader.read("t.yaml", all, false);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(((SrcMap) r.root()).entries().get(0).key().text()).isEqualTo("name");
        assertThat(scalar(r.root(), "name").span()).isEqualTo(Span.of("t.yaml", 1, 7, 3));
        var j = reader.read("t.json", concat(bom, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)), true);
        assertThat(j.diagnostics()).isEmpty();
    }

    @Test
    void crlfLineEndingsLoadWithTheSameValuesAndLines() {
        var r = yaml("name: web\r\ndescription: >-\r\n  two\r\n  lines\r\nport: 80\r\n");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(scalar(r.root(), "name").text()).isEqualTo("web");
        assertThat(scalar(r.root(), "description").text()).isEqualTo("two lines");
        assertThat(scalar(r.root(), "port").span().line()).isEqualTo(5);
        assertThat(r.source().line(1)).isEqualTo("name: web");
    }

    @Test
    void aliasesShareTheAnchoredValue() {
        var r = yaml("base: &b { target: systemd, run: [a, b] }\ncopy: *b\nlist: &l [x]\nagain: *l\n");
        assertThat(r.diagnostics()).isEmpty();
        var root = (SrcMap) r.root();
        assertThat(root.get("copy")).isSameAs(root.get("base"));
        assertThat(root.get("again")).isSameAs(root.get("list"));
        var scalars = yaml("a: &s hello\nb: *s\n");
        assertThat(scalar(scalars.root(), "b").text()).isEqualTo("hello");
    }

    @Test
    void unknownAliasIsAnErrorNeverTheLiteralText() {
        var r = yaml("a: 1\nb: *nothing\n");
        assertThat(codes(r)).containsExactly("E003@2:4");
        assertThat(r.diagnostics().get(0).message()).contains("*nothing");
        assertThat(r.root()).as("no tree with a hole in it").isNull();
    }

    @Test
    void anAliasInsideItsOwnAnchorIsRefused() {
        var r = yaml("a: &a [1, *a]\n");
        assertThat(codes(r)).containsExactly("E003@1:11");
        assertThat(r.diagnostics().get(0).message()).contains("never end");
    }

    @Test
    void anAliasAsAKeyOrAComplexKeyIsRefused() {
        assertThat(codes(yaml("&k key: v\n*k : w\n"))).containsExactly("E006@2:1");
        assertThat(codes(yaml("? [a]\n: 1\n"))).containsExactly("E006@1:3");
    }

    @Test
    void billionLaughsHitsTheNodesLimitFast() {
        var b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++)
                b.append(i == 0 ? "" : ", ").append('*').append(p);
            b.append("]\n");
        }
        long start = System.nanoTime();
        var r = yaml(b.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(codes(r)).hasSize(1).allMatch(c -> c.startsWith("E004"));
        assertThat(r.diagnostics().get(0).message()).contains("1000000 values");
        assertThat(r.diagnostics().get(0).hints()).contains(Limits.raiseHint("nodes"));
        assertThat(ms).isLessThan(5_000);
    }

    @Test
    void mergeKeysAreRefused() {
        var r = yaml("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n");
        assertThat(codes(r)).containsExactly("E006@3:3");
        assertThat(((SrcMap) ((SrcMap) r.root()).get("b")).get("<<")).isNull();
    }

    @Test
    void tagsAreRefusedExceptExplicitStrings() {
        assertThat(codes(yaml("a: !!int 5\n"))).containsExactly("E006@1:4");
        assertThat(codes(yaml("a: !local x\n"))).containsExactly("E006@1:4");
        var str = yaml("a: !!str 5\n");
        assertThat(str.diagnostics()).isEmpty();
        assertThat(scalar(str.root(), "a").kind()).isEqualTo(SrcScalar.Kind.STRING);
    }

    @Test
    void aSecondDocumentIsRefused() {
        var r = yaml("a: 1\n---\nb: 2\n");
        assertThat(codes(r)).containsExactly("E006@2:1");
        assertThat(yaml("---\na: 1\n...\n").diagnostics()).isEmpty();
    }

    @Test
    void aSecondJsonValueIsASyntaxError() {
        assertThat(codes(json("{\"a\": 1}\n{\"b\": 2}\n"))).containsExactly("E001@2:1");
    }

    @Test
    void duplicateKeysAreRefusedInYamlAndJson() {
        var y = yaml("a: 1\nb: 2\na: 3\n");
        assertThat(codes(y)).containsExactly("E002@3:1");
        Diagnostic d = y.diagnostics().get(0);
        assertThat(d.related())
                .singleElement()
                .satisfies(rel -> assertThat(rel.span().line()).isEqualTo(1));
        assertThat(scalar(y.root(), "a").text()).as("the first one is kept").isEqualTo("1");
        var j = json("{\n  \"a\": 1,\n  \"a\": 2\n}\n");
        assertThat(codes(j)).containsExactly("E002@3:3");
    }

    @Test
    void duplicateKeysOfLargeMappingsPointAtTheFirstOne() {
        // small mappings are searched, large ones indexed: both must find the first definition
        var yamlText = new StringBuilder();
        var jsonText = new StringBuilder("{\n");
        for (int i = 0; i < 20; i++) {
            yamlText.append("k").append(i).append(": ").append(i).append('\n');
            jsonText.append("\"k").append(i).append("\": ").append(i).append(",\n");
            if (i == 3 || i == 15) {
                yamlText.append("k2: dup\n<<: x\nk").append(i).append(": dup\n");
                jsonText.append("\"k2\": 0,\n\"<<\": 0,\n\"<<\": 1,\n");
            }
        }
        jsonText.append("\"end\": 0\n}\n");
        var y = yaml(yamlText.toString());
        assertThat(y.diagnostics())
                .extracting(d -> d.code().id() + "@" + d.span().line() + " first@"
                        + (d.related().isEmpty()
                                ? "-"
                                : d.related().get(0).span().line() + ":"
                                        + d.related().get(0).span().column() + "/"
                                        + d.related().get(0).span().length()))
                .containsExactly(
                        "E002@5 first@3:1/2",
                        "E006@6 first@-",
                        "E002@7 first@4:1/2",
                        "E002@20 first@3:1/2",
                        "E006@21 first@-",
                        "E002@22 first@19:1/3");
        assertThat(((SrcMap) y.root()).entries()).hasSize(20);
        assertThat(scalar(y.root(), "k2").text()).isEqualTo("2");
        var j = json(jsonText.toString());
        assertThat(j.diagnostics())
                .extracting(d -> d.code().id() + "@" + d.span().line() + " first@"
                        + d.related().get(0).span().line())
                .containsExactly(
                        "E002@6 first@4", "E002@8 first@7", "E002@21 first@4", "E002@22 first@7", "E002@23 first@7");
        assertThat(((SrcMap) j.root()).entries()).hasSize(22);
    }

    @Test
    void yaml11ScalarsKeepTheirSourceText() {
        var r = yaml("version: 1.10\nname: no\nmode: 0644\nflag: on\nn: ~\nhex: 0x1F\n");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(scalar(r.root(), "version").text()).isEqualTo("1.10");
        assertThat(scalar(r.root(), "name").text()).isEqualTo("no");
        assertThat(scalar(r.root(), "mode").text()).isEqualTo("0644");
        assertThat(scalar(r.root(), "flag").text()).isEqualTo("on");
        assertThat(scalar(r.root(), "n").isNull()).isTrue();
    }

    @Test
    void depthLimitNamesItsLimit() {
        var r = new SourceReader(Limits.DEFAULT.with("depth", 3))
                .read("t.yaml", "a: {b: {c: [1]}}\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(codes(r)).containsExactly("E004@1:12");
        assertThat(r.diagnostics().get(0).message()).contains("nesting").contains("3");
        assertThat(r.diagnostics().get(0).hints()).contains(Limits.raiseHint("depth"));
    }

    @Test
    void deepNestingWithinDefaultsGivesALimitErrorNotAStackOverflow() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        var r = json(deep);
        assertThat(codes(r)).singleElement().asString().startsWith("E004");
    }

    @Test
    void fileSizeLimitNamesItsLimit() {
        var r = new SourceReader(Limits.DEFAULT.with("file-bytes", 10))
                .read("t.yaml", "name: something-long\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(codes(r)).containsExactly("E004@1:1");
        assertThat(r.diagnostics().get(0).hints()).contains(Limits.raiseHint("file-bytes"));
    }

    @Test
    void stringLengthLimitNamesItsLimit() {
        var r = new SourceReader(Limits.DEFAULT.with("string-length", 5))
                .read("t.yaml", "a: abc\nb: abcdefgh\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(codes(r)).containsExactly("E004@2:4");
        assertThat(r.diagnostics().get(0).hints()).contains(Limits.raiseHint("string-length"));
    }

    @Test
    void invalidUtf8PointsAtTheExactByte() {
        byte[] bytes = concat(
                "a: 1\nb: ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, (byte) 0xa9, 'x', (byte) 0xff, 'y', '\n'});
        var r = reader.read("t.yaml", bytes, false);
        assertThat(codes(r)).containsExactly("E005@2:6");
        assertThat(SourceText.firstBadByte("f", new byte[] {(byte) 0x80})).isEqualTo(Span.of("f", 1, 1, 1));
        // a truncated multi-byte sequence at the very end
        assertThat(SourceText.firstBadByte("f", new byte[] {'a', '\n', 'b', (byte) 0xe2, (byte) 0x82}))
                .isEqualTo(Span.of("f", 2, 2, 1));
        // an overlong encoding of '/' is invalid too
        assertThat(SourceText.firstBadByte("f", new byte[] {'a', 'b', (byte) 0xc0, (byte) 0xaf}))
                .isEqualTo(Span.of("f", 1, 3, 1));
        // a BOM takes no column
        assertThat(SourceText.firstBadByte("f", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'a', (byte) 0xfe}))
                .isEqualTo(Span.of("f", 1, 2, 1));
    }

    @Test
    void nulIsRefusedWithItsPosition() {
        var r = yaml("a: 1\nb: \"x\0\"\n");
        assertThat(codes(r)).containsExactly("E005@2:6");
        assertThat(r.root()).isNull();
    }

    @Test
    void emptyFileHasNoRootAndNoError() {
        var r = yaml("");
        assertThat(r.root()).isNull();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void syntaxErrorsAreLocatedNotThrown() {
        assertThat(codes(yaml("a: [1, 2\n"))).singleElement().asString().startsWith("E001");
        assertThat(codes(json("{\"a\": }"))).singleElement().asString().startsWith("E001@1:");
        assertThat(codes(yaml("a: b: c\n"))).singleElement().asString().startsWith("E001@1:");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void equalShortTextsOfDifferentFilesShareOneString() {
        var a = (SrcMap) yaml("contract: db.sql\nname: web\n").root();
        var b = (SrcMap) json("{\"contract\": \"db.sql\", \"other\": \"web\"}").root();
        var ka = a.entries().get(0).key().text();
        var kb = b.entries().get(0).key().text();
        assertThat(kb).isEqualTo("contract").isSameAs(ka);
        assertThat(((SrcScalar) b.get("contract")).text()).isSameAs(((SrcScalar) a.get("contract")).text());
        assertThat(((SrcScalar) b.get("other")).text()).isSameAs(((SrcScalar) a.get("name")).text());
    }

    @Test
    void longTextsAreKeptAsRead() {
        String longText = "x".repeat(200);
        var a = (SrcMap) yaml("k: " + longText + "\n").root();
        var b = (SrcMap) yaml("k: " + longText + "\n").root();
        assertThat(((SrcScalar) b.get("k")).text()).isEqualTo(longText).isNotSameAs(((SrcScalar) a.get("k")).text());
    }
}
