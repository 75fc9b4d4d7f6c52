package org.modsvc.model;

import org.modsvc.diag.Span;

/**
 * A file a service reads ({@code configData.<name>}); installed at
 * {@code /etc/system-services/<unit-prefix>/<name>} unless {@code path} is given.
 *
 * @param text the content, may hold references; never null
 * @param path an explicit absolute install path, or null for the default
 * @param file the file name under the instance's config directory ({@code configData.N.name}, as
 *     nixpkgs calls it: may hold {@code .} and {@code /}, such as {@code ssl/cert.pem}), or null
 *     for the entry's own name
 */
public record ConfigData(String name, Scalar text, Scalar path, Scalar file, Span span) {
    /** The path below the instance's config directory: the file name, else the entry's name. */
    public String relativePath() {
        return file != null ? file.text() : name;
    }
}
