package org.modsvc.plan;

/**
 * A config data file of an instance.
 *
 * @param path absolute install path, {@code /etc/system-services/<instance>/<name>}
 * @param text resolved content
 */
public record ConfigFile(String name, String path, Value text) {}
