package org.modsvc.model;

import java.util.List;

/**
 * The expression form of an assertion: {@code OPERAND} or {@code OPERAND OP OPERAND}, where
 * {@code OP} is one of {@link #OPERATORS} written with white space on both sides, outside any
 * {@code ${…}}. After references are filled in, a lone operand must be {@code true} or
 * {@code false}; {@code ==} and {@code !=} compare the two sides as text (each side trimmed);
 * {@code <}, {@code <=}, {@code >}, {@code >=} compare decimal integers. The operator is found in
 * the text as written, so a filled-in value can never turn into an operator.
 *
 * @param leftLength length of the left operand, from the start of the written text (untrimmed)
 * @param op the operator, or null for a lone operand
 * @param rightOffset offset of the right operand (to the end of the text); -1 when {@code op} is null
 */
public record Condition(int leftLength, String op, int rightOffset) {
    /** Longest first, so {@code <=} is not read as {@code <}. */
    public static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

    /**
     * Splits {@code text} at its operator.
     *
     * @return the split, or null when the text has more than one operator (not an expression)
     */
    public static Condition parse(String text) {
        Condition found = null;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                i++; // $$ is a literal '$'
                continue;
            }
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
                continue;
            }
            if (c == '}' && depth > 0) {
                depth--;
                continue;
            }
            if (depth > 0 || i == 0 || !Character.isWhitespace(text.charAt(i - 1))) continue;
            for (String op : OPERATORS) {
                int end = i + op.length();
                if (text.startsWith(op, i) && end < text.length() && Character.isWhitespace(text.charAt(end))) {
                    if (found != null) return null;
                    found = new Condition(i, op, end);
                    i = end - 1;
                    break;
                }
            }
        }
        return found != null ? found : new Condition(text.length(), null, -1);
    }
}
