package io.jooqrelations.realworld.types;

import org.jooq.impl.AbstractConverter;

/**
 * A forced type of the real-world schema ({@code crm.accounts.email}): text read without surrounding blanks, written
 * as it is. A converter from a type to the same type, the kind a fast path that looks only at the types would skip;
 * query-runtime's tests read it on nested levels.
 */
public final class Trimmed extends AbstractConverter<String, String> {

    public Trimmed() {
        super(String.class, String.class);
    }

    @Override
    public String from(String databaseObject) {
        return databaseObject == null ? null : databaseObject.strip();
    }

    @Override
    public String to(String userObject) {
        return userObject;
    }
}
