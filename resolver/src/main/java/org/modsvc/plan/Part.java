package org.modsvc.plan;

/**
 * A piece of a resolved string: literal text, or a reference to a secret file that each target
 * delivers its own way (systemd: a credential; wrapper: the path itself).
 */
public sealed interface Part permits Part.Literal, Part.SecretFile {

    /** Text as it is, never null (may be empty). */
    record Literal(String text) implements Part {
        public Literal {
            if (text == null) throw new IllegalArgumentException("null text");
        }
    }

    /**
     * A secret delivered as a file.
     *
     * @param credential the credential name the consumer sees ({@code requirement-field}), a valid
     *     systemd credential name
     * @param source the absolute path of the file on the node, as the provider declared it
     */
    record SecretFile(String credential, String source) implements Part {}
}
