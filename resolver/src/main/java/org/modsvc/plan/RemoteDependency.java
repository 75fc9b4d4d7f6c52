package org.modsvc.plan;

/**
 * A binding that crosses nodes: no local service manager can order it.
 *
 * @param address the provider node's address
 * @param waitSeconds how long the consumer waits, before each start, for the provider's
 *     {@code host}:{@code port} to accept a connection (its requirement's {@code remoteWait}); 0
 *     when it does not wait
 */
public record RemoteDependency(
        String consumer, String requirement, String provider, String providerNode, String address, int waitSeconds) {}
