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
    /**
     * Where the relations file declared it ({@code AppRelations.java:63}), or null (noted only when a graph is declared
     * a second time to explain two declarations of one name: {@link RelationsBuilder#tracing()}).
     */
    final StackTraceElement origin;

    Declaration(Table<?> source, String name, RelationKind kind, Table<?> target, Link link, RelationHandle<?, ?> handle) {
        this(source, name, kind, target, link, handle, null);
    }

    private Declaration(Table<?> source, String name, RelationKind kind, Table<?> target, Link link,
            RelationHandle<?, ?> handle, StackTraceElement origin) {
        this.source = source;
        this.name = name;
        this.kind = kind;
        this.target = target;
        this.link = link;
        this.handle = handle;
        this.origin = origin;
    }

    /**
     * Whether two runs of a relations file declared the same relations in the same order (a file that does more than
     * declare — reads a random source, say — may not: then its second run cannot explain its first).
     */
    static boolean same(java.util.List<Declaration> first, java.util.List<Declaration> second) {
        if (first.size() != second.size()) {
            return false;
        }
        for (int i = 0; i < first.size(); i++) {
            Declaration a = first.get(i);
            Declaration b = second.get(i);
            if (a.source != b.source || a.target != b.target || a.kind != b.kind
                    || !java.util.Objects.equals(a.name, b.name)) {
                return false;
            }
        }
        return true;
    }

    /** This declaration, written at {@code origin}. */
    Declaration at(StackTraceElement origin) {
        return new Declaration(source, name, kind, target, link, handle, origin);
    }

    String qualifiedName() {
        return io.jooqrelations.relations.internal.TableNames.displayName(source) + "." + name;
    }

    static <R extends Record> Declaration of(Table<R> source, String name, RelationKind kind, Table<?> target, Link link) {
        return new Declaration(source, name, kind, target, link, null);
    }
}
