package io.jooqrelations.relations.internal;

/** Internal, not API: what a relation name or alias may be (it becomes a JSON key and an SQL alias). */
public final class Identifiers {

    private Identifiers() {
    }

    /** Relation names and aliases become JSON keys and SQL aliases, so they are plain identifiers. */
    public static boolean isIdentifier(String name) {
        // [A-Za-z][A-Za-z0-9_]{0,62}, without a regular expression: every with(...) of every read asks
        if (name.isEmpty() || name.length() > 63 || !asciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!asciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
