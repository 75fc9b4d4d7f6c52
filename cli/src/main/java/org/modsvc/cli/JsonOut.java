package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The few streaming JSON calls the plan and diagnostics writers make, named as in Jackson's {@link
 * JsonGenerator}. Two implementations: {@link PrettyJson}, a fast writer for large documents, and
 * {@link #of(JsonGenerator)} for code that already holds a Jackson generator. Both give the same
 * bytes for the same calls (PrettyJsonTest compares them). Arguments are never null unless stated.
 */
public interface JsonOut {
    void writeStartObject() throws IOException;

    void writeEndObject() throws IOException;

    void writeStartArray() throws IOException;

    void writeEndArray() throws IOException;

    void writeFieldName(String name) throws IOException;

    void writeString(String value) throws IOException;

    void writeNumber(long value) throws IOException;

    void writeBoolean(boolean value) throws IOException;

    void writeNull() throws IOException;

    default void writeStringField(String name, String value) throws IOException {
        writeFieldName(name);
        writeString(value);
    }

    default void writeNumberField(String name, long value) throws IOException {
        writeFieldName(name);
        writeNumber(value);
    }

    default void writeBooleanField(String name, boolean value) throws IOException {
        writeFieldName(name);
        writeBoolean(value);
    }

    default void writeNullField(String name) throws IOException {
        writeFieldName(name);
        writeNull();
    }

    default void writeArrayFieldStart(String name) throws IOException {
        writeFieldName(name);
        writeStartArray();
    }

    default void writeObjectFieldStart(String name) throws IOException {
        writeFieldName(name);
        writeStartObject();
    }

    /** Writes one value of an array. */
    @FunctionalInterface
    interface Element<T> {
        /** Writes {@code item}; must not touch anything but {@code g} and {@code item}. */
        void write(T item, JsonOut g) throws IOException;
    }

    /**
     * Writes each of {@code items} as a value of the array just started, in order. A writer may
     * write them on several threads at once when the bytes come out as if written in order.
     */
    default <T> void writeElements(java.util.List<T> items, Element<T> element) throws IOException {
        for (T item : items) element.write(item, this);
    }

    /** Calls passed on to a Jackson generator, which keeps its own pretty printer and state. */
    static JsonOut of(JsonGenerator g) {
        return new JsonOut() {
            @Override
            public void writeStartObject() throws IOException {
                g.writeStartObject();
            }

            @Override
            public void writeEndObject() throws IOException {
                g.writeEndObject();
            }

            @Override
            public void writeStartArray() throws IOException {
                g.writeStartArray();
            }

            @Override
            public void writeEndArray() throws IOException {
                g.writeEndArray();
            }

            @Override
            public void writeFieldName(String name) throws IOException {
                g.writeFieldName(name);
            }

            @Override
            public void writeString(String value) throws IOException {
                g.writeString(value);
            }

            @Override
            public void writeNumber(long value) throws IOException {
                g.writeNumber(value);
            }

            @Override
            public void writeBoolean(boolean value) throws IOException {
                g.writeBoolean(value);
            }

            @Override
            public void writeNull() throws IOException {
                g.writeNull();
            }
        };
    }
}
