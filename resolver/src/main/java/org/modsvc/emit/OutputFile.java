package org.modsvc.emit;

/**
 * One file of an emitted tree.
 *
 * @param content the exact bytes
 * @param executable whether to set the execute bits (0755 instead of 0644)
 */
public record OutputFile(byte[] content, boolean executable) {
    public OutputFile {
        content = content.clone();
    }

    public static OutputFile text(String s, boolean executable) {
        return new OutputFile(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), executable);
    }

    /** The number of bytes the file holds. */
    public int size() {
        return content.length;
    }

    /** The bytes themselves, not a copy, for the writer; callers must not change them. */
    byte[] bytes() {
        return content;
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputFile f && f.executable == executable && java.util.Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(content) * 31 + (executable ? 1 : 0);
    }

    @Override
    public String toString() {
        return "OutputFile[" + content.length + " bytes" + (executable ? ", executable" : "") + "]";
    }
}
