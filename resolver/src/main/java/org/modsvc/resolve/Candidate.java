package org.modsvc.resolve;

import java.util.List;
import org.modsvc.diag.Span;

/**
 * A provision considered for a requirement, with why it was turned down.
 *
 * @param instance provider instance id, never null
 * @param version the provision's version as written, or null when unversioned
 * @param rejections reasons it was turned down, each once; empty when it was acceptable
 * @param span the provision's declaration
 */
public record Candidate(
        String instance, String node, String provision, String version, List<String> rejections, Span span) {
    public Candidate {
        rejections = List.copyOf(rejections);
    }

    public boolean accepted() {
        return rejections.isEmpty();
    }

    /** {@code node/instance.provision}, as written in {@code bind:}. */
    public String ref() {
        return instance + "." + provision;
    }
}
