package org.modsvc.source;

import java.util.List;
import org.modsvc.diag.Span;

/** A sequence; {@code items} is immutable and never null. */
public record SrcList(List<SrcNode> items, Span span) implements SrcNode {
    public SrcList {
        items = List.copyOf(items);
    }

    @Override
    public String kindName() {
        return "list";
    }
}
