package org.modsvc.model;

import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * Something a module needs ({@code requires.<name>}).
 *
 * @param version a version range such as ">=15 <17"; null means any
 * @param request request values by field name (sorted, immutable)
 * @param provider module to instantiate under the sub-service policy, or null for the
 *     contract's default provider
 * @param policy a per-requirement policy override, or null to use the setup's
 * @param remoteWait seconds a consumer waits, before each start, for a provider on another node
 *     to accept a connection ({@code remoteWait:}); 0 means no wait; null means the default
 *     ({@link #DEFAULT_REMOTE_WAIT})
 */
public record Requirement(
        String name,
        Scalar contract,
        Scalar version,
        SortedMap<String, Scalar> request,
        boolean optional,
        Scalar provider,
        Policy policy,
        Integer remoteWait,
        Span span) {
    /** Seconds of the remote wait when a requirement does not say. */
    public static final int DEFAULT_REMOTE_WAIT = 60;

    /** The seconds the remote wait lasts for this requirement. */
    public int remoteWaitSeconds() {
        return remoteWait == null ? DEFAULT_REMOTE_WAIT : remoteWait;
    }

    public Requirement {
        request = Model.sorted(request);
    }
}
