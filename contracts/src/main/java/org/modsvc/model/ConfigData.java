package org.modsvc.model;

import org.modsvc.diag.Span;

/**
 * A file a service reads ({@code configData.<name>}); installed at
 * {@code /etc/system-services/<unit-prefix>/<name>} unless {@code path} is given.
 *
 * @param text the content, may hold references; never null
 * @param path an explicit absolute install path, or null for the default
 */
public record ConfigData(String name, Scalar text, Scalar path, Span span) {}
