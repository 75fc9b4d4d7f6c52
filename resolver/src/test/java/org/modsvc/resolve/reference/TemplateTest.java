package org.modsvc.resolve.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void doubleDollarBraceIsALiteralAndOtherDollarsAreOrdinary() {
        var t = Template.parse("$$HOME $${x} cost$5 ${self.name}");
        assertThat(t.problem()).isNull();
        assertThat(t.pieces()).hasSize(2);
        assertThat(((Template.Text) t.pieces().get(0)).text()).isEqualTo("$$HOME ${x} cost$5 ");
        var ref = (Template.Ref) t.pieces().get(1);
        assertThat(ref.path()).isEqualTo(List.of("self", "name"));
        assertThat(ref.offset()).isEqualTo(20);
        assertThat(ref.length()).isEqualTo(12);
    }

    @Test
    void fallbackFollowsColonDash() {
        var ref = (Template.Ref)
                Template.parse("${requires.cache.host:-localhost}").pieces().get(0);
        assertThat(ref.path()).isEqualTo(List.of("requires", "cache", "host"));
        assertThat(ref.fallback()).isEqualTo("localhost");
        assertThat(ref.written()).isEqualTo("${requires.cache.host:-localhost}");
    }

    @Test
    void unterminatedReferenceIsAProblemAtItsDollar() {
        var t = Template.parse("a ${node.name");
        assertThat(t.problem()).isNotNull();
        assertThat(t.problem().offset()).isEqualTo(2);
    }

    @Test
    void textWithoutDollarIsOneLiteral() {
        assertThat(Template.parse("plain").hasRefs()).isFalse();
        assertThat(Template.parse("").pieces()).isEmpty();
    }
}
