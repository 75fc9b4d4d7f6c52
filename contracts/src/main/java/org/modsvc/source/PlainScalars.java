package org.modsvc.source;

import java.util.regex.Pattern;

/** What a plain YAML scalar reads as; shared by both YAML readers. */
final class PlainScalars {
    private PlainScalars() {}

    private static final String STR_TAG = "tag:yaml.org,2002:str";
    private static final Pattern YAML_NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern YAML_BOOL =
            Pattern.compile("true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N");
    private static final Pattern YAML_INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0o[0-7]+|0x[0-9a-fA-F]+)");
    private static final Pattern YAML_FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /**
     * What a plain scalar reads as. Both YAML 1.1 and 1.2 readings are kept apart from the text: the
     * kind only says "this would not be a string to some reader", so the loader can refuse ambiguous
     * words where a bool or number is expected and keep the text where a string is.
     */
    static SrcScalar.Kind plainKind(String text) {
        // Most plain scalars are names and paths: a first character no null, bool or number can
        // start with settles them without running four regular expressions.
        if (!text.isEmpty() && "~nNtTfFyYoO+-.0123456789".indexOf(text.charAt(0)) < 0) return SrcScalar.Kind.STRING;
        // The same words as YAML_NULL and YAML_BOOL, without a Matcher per scalar.
        switch (text) {
            case "~", "null", "Null", "NULL", "" -> {
                return SrcScalar.Kind.NULL;
            }
            case "true",
                    "True",
                    "TRUE",
                    "false",
                    "False",
                    "FALSE",
                    "yes",
                    "Yes",
                    "YES",
                    "no",
                    "No",
                    "NO",
                    "on",
                    "On",
                    "ON",
                    "off",
                    "Off",
                    "OFF",
                    "y",
                    "Y",
                    "n",
                    "N" -> {
                return SrcScalar.Kind.BOOL;
            }
            default -> {
                // keys and names such as "nodes" or "n1/svc000001.db" start like a number or a
                // word above; a character no number has settles them
            }
        }
        boolean digits = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                digits = false;
                if (NUMBER_CHARS.indexOf(c) < 0) return SrcScalar.Kind.STRING;
            }
        }
        // a port or a count: YAML_INT's "0|[1-9][0-9_]*" (a leading 0 can make it octal or a float)
        if (digits && (text.length() == 1 || text.charAt(0) != '0')) return SrcScalar.Kind.INT;
        if (YAML_INT.matcher(text).matches()) return SrcScalar.Kind.INT;
        if (YAML_FLOAT.matcher(text).matches()) return SrcScalar.Kind.FLOAT;
        return SrcScalar.Kind.STRING;
    }

    /** Every character that YAML_INT or YAML_FLOAT can match. */
    private static final String NUMBER_CHARS = "0123456789+-_.eEoxabcdefABCDEFiInN";

    /** {@link #plainKind} as it was written first, with the four expressions; the tests compare. */
    static SrcScalar.Kind plainKindByPatterns(String text) {
        if (!text.isEmpty() && "~nNtTfFyYoO+-.0123456789".indexOf(text.charAt(0)) < 0) return SrcScalar.Kind.STRING;
        if (YAML_NULL.matcher(text).matches()) return SrcScalar.Kind.NULL;
        if (YAML_BOOL.matcher(text).matches()) return SrcScalar.Kind.BOOL;
        if (YAML_INT.matcher(text).matches()) return SrcScalar.Kind.INT;
        if (YAML_FLOAT.matcher(text).matches()) return SrcScalar.Kind.FLOAT;
        return SrcScalar.Kind.STRING;
    }
}
