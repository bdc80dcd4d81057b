package io.jooqrelations.demo;

/** Indents JSON text for the terminal, keeping every value exactly as PostgreSQL wrote it. */
final class PrettyJson {

    private PrettyJson() {
    }

    static String format(String json) {
        StringBuilder out = new StringBuilder(json.length() * 2);
        int indent = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    int next = nextNonSpace(json, i + 1);
                    if (next < json.length() && json.charAt(next) == close) {
                        out.append(c).append(close);
                        i = next;
                    } else {
                        out.append(c);
                        newline(out, ++indent);
                    }
                }
                case '}', ']' -> {
                    newline(out, --indent);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, indent);
                }
                case ':' -> out.append(": ");
                case ' ', '\n', '\t', '\r' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static int nextNonSpace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void newline(StringBuilder out, int indent) {
        out.append('\n');
        out.append("  ".repeat(Math.max(0, indent)));
    }
}
