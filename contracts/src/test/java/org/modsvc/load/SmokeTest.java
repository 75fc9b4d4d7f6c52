package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.modsvc.source.Limits;
import org.modsvc.source.SourceReader;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcScalar;

class SmokeTest {
    @Test
    void yaml11ScalarsKeepTheirText() {
        var read = new SourceReader(Limits.DEFAULT)
                .read("t.yaml", "version: 1.10\nname: no\n".getBytes(StandardCharsets.UTF_8), false);
        var root = (SrcMap) read.root();
        assertThat(((SrcScalar) root.get("version")).text()).isEqualTo("1.10");
        assertThat(((SrcScalar) root.get("name")).text()).isEqualTo("no");
    }
}
