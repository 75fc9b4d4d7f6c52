package org.modsvc.resolve.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.diag.Span;

class CycleTest {
    private static Cycle.Step step(String node, String name, String req, String provider) {
        Span at = Span.of("services/" + name + ".yaml", 3, 5, 2);
        return new Cycle.Step(node + "/" + name, name, node, req, provider, "main", at, at);
    }

    @Test
    void isToldOnOneLineWithEachBindingAsARelatedPlace() {
        var a = step("web1", "a", "b", "web1/b");
        var b = step("web1", "b", "a", "web1/a");
        var d = new Cycle(List.of(), List.of(a, b, a)).diagnostic();
        assertThat(d.code()).isEqualTo(Code.CYCLE);
        assertThat(d.message()).isEqualTo("dependency cycle: a.b -> b.a -> a");
        assertThat(d.span()).isEqualTo(a.requirementSpan());
        assertThat(d.related())
                .extracting(r -> r.label())
                .containsExactly("a.b is bound to web1/b.main", "b.a is bound to web1/a.main");
    }

    @Test
    void acrossNodesNamesInstancesWithTheirNode() {
        var a = step("web1", "a", "b", "web2/b");
        var b = step("web2", "b", "a", "web1/a");
        var c = new Cycle(List.of(), List.of(a, b, a));
        assertThat(c.crossesNodes()).isTrue();
        assertThat(c.diagnostic().message()).isEqualTo("dependency cycle across nodes: web1/a.b -> web2/b.a -> web1/a");
    }

    @Test
    void mustEndWhereItStarts() {
        var a = step("web1", "a", "b", "web1/b");
        var b = step("web1", "b", "a", "web1/a");
        assertThatThrownBy(() -> new Cycle(List.of(), List.of(a, b))).isInstanceOf(IllegalArgumentException.class);
    }
}
