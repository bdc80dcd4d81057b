package io.jooqrelations.relations;

import org.jooq.Record;
import org.jooq.Table;

/** One relation as written in the relations file, before inference and validation. */
final class Declaration {

    final Table<?> source;
    final String name;
    final RelationKind kind;
    final Table<?> target;
    final Link link;
    /** The declared handle that named this relation, bound once the graph is built; null when declared by name. */
    final RelationHandle<?, ?> handle;

    Declaration(Table<?> source, String name, RelationKind kind, Table<?> target, Link link, RelationHandle<?, ?> handle) {
        this.source = source;
        this.name = name;
        this.kind = kind;
        this.target = target;
        this.link = link;
        this.handle = handle;
    }

    String qualifiedName() {
        return io.jooqrelations.relations.internal.TableNames.displayName(source) + "." + name;
    }

    static <R extends Record> Declaration of(Table<R> source, String name, RelationKind kind, Table<?> target, Link link) {
        return new Declaration(source, name, kind, target, link, null);
    }
}
