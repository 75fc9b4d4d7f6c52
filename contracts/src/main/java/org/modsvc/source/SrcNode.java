package org.modsvc.source;

import org.modsvc.diag.Span;

/**
 * A parsed YAML or JSON value that remembers where it came from. The tree is immutable; aliases
 * are resolved into shared subtrees, so a node may appear at several places.
 */
public sealed interface SrcNode permits SrcMap, SrcList, SrcScalar {
    /** Where the value starts; never null. */
    Span span();

    /** A short word for messages: "mapping", "list", "string", "number", "bool" or "null". */
    String kindName();
}
