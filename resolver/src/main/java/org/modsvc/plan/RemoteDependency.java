package org.modsvc.plan;

/**
 * A binding that crosses nodes: no local service manager can order it.
 *
 * @param address the provider node's address
 */
public record RemoteDependency(
        String consumer, String requirement, String provider, String providerNode, String address) {}
