package io.jooqrelations.query.internal;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.query.Node;
import io.jooqrelations.relations.Many;
import io.jooqrelations.relations.One;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationHandle;
import io.jooqrelations.relations.internal.TableNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Record;

/** The {@link Node} of a decoded row: its record, extras and relations, and the frozen level it was read with. */
final class DefaultNode<R extends Record> implements Node<R> {

    private final LevelPlan level;
    private final R record;
    private final Map<String, Object> extras;
    private final Map<String, Object> relations;

    DefaultNode(LevelPlan level, R record, Map<String, Object> extras, Map<String, Object> relations) {
        this.level = level;
        this.record = record;
        this.extras = extras;
        this.relations = relations;
    }

    @Override
    public R record() {
        return record;
    }

    @Override
    public <T> T get(Field<T> column) {
        if (level.columnIndex(column) < 0 || column instanceof org.jooq.TableField<?, ?> f
                && !TableNames.sameTable(f.getTable(), level.table())) {
            throw new InvalidReadException("Column " + (column == null ? "null" : column.getName()) + " was not selected "
                    + "at " + level.path() + "; selected: "
                    + level.columns().stream().map(Field::getName).collect(Collectors.joining(", ")) + ".");
        }
        return record.get(column);
    }

    @Override
    public Object extra(String name) {
        if (!extras.containsKey(name)) {
            throw new InvalidReadException("No extra '" + name + "' at " + level.path() + "; the read defines "
                    + (extras.isEmpty() ? "no extras" : "extras " + String.join(", ", extras.keySet()))
                    + ". Add .extra(\"" + name + "\", field) at this level.");
        }
        return extras.get(name);
    }

    @Override
    public Map<String, Object> extras() {
        return extras;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Record> List<Node<T>> get(Many<R, T> relation) {
        return (List<Node<T>>) (List<?>) many(nameOf(relation));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Record> Optional<Node<T>> get(One<R, T> relation) {
        return (Optional<Node<T>>) (Optional<?>) one(nameOf(relation));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Node<?>> many(String name) {
        requireIncluded(name, true);
        return (List<Node<?>>) relations.get(name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Node<?>> one(String name) {
        requireIncluded(name, false);
        return (Optional<Node<?>>) relations.get(name);
    }

    @Override
    public Map<String, Object> relations() {
        return relations;
    }

    /** The handle's relation name, refused when the handle belongs to another table than this node's. */
    private String nameOf(RelationHandle<?, ?> handle) {
        if (handle == null) {
            throw new InvalidReadException("get(null) on a node of " + level.path() + ".");
        }
        Relation relation = handle.relation();
        if (!TableNames.sameTable(relation.source(), level.table())) {
            throw new InvalidReadException("Relation " + relation.qualifiedName() + " starts at "
                    + relation.source().getName() + ", but this node (" + level.path() + ") is a row of "
                    + level.table().getName() + "; use a relation of " + level.table().getName() + ".");
        }
        return relation.name();
    }

    private void requireIncluded(String name, boolean many) {
        int tree = level.treeIndex(name);
        if (tree >= 0) {
            if (!many) {
                throw new InvalidReadException("Relation " + level.trees().get(tree).relation().qualifiedName()
                        + " is a many; read it with many(\"" + name + "\").");
            }
            return;
        }
        int index = level.childIndex(name);
        if (index < 0) {
            Map<String, Relation> declared = level.graph().relationsOf(level.table());
            String available = declared.containsKey(name)
                    ? "The relation exists but this read did not include it: add .with(\"" + name + "\") at "
                            + level.path() + "."
                    : "Table " + level.table().getName() + " has no relation '" + name + "'; its relations are: "
                            + String.join(", ", declared.keySet()) + ".";
            throw new InvalidReadException("Node " + level.path() + " was read without relation '" + name + "'. "
                    + available);
        }
        LevelPlan.Child child = level.children().get(index);
        if (child.many() != many) {
            throw new InvalidReadException("Relation " + child.relation().qualifiedName() + " is a "
                    + (child.many() ? "many" : "one") + "; read it with " + (many ? "one" : "many") + "(\"" + name
                    + "\").");
        }
    }

    @Override
    public String toString() {
        return level.table().getName() + record + (relations.isEmpty() ? "" : " " + relations);
    }
}
