package org.modsvc.model;

import org.modsvc.diag.Span;

/**
 * One field of a contract's request or result.
 *
 * @param secret the value is a file path to secret material; the material never travels
 * @param optional the requester (request) or provider (result) may leave it out
 * @param description may be empty, never null
 */
public record Field(String name, FieldType type, boolean secret, boolean optional, String description, Span span) {}
