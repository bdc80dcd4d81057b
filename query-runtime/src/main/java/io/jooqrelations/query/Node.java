package io.jooqrelations.query;

import io.jooqrelations.relations.Many;
import io.jooqrelations.relations.One;
import io.jooqrelations.relations.RelationHandle;
import io.jooqrelations.relations.RelationKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/**
 * One row of a nested read: its jOOQ record, its extras, and the relations the read included. Asking for a relation
 * the read did not include is an {@link InvalidReadException} that names the {@code with} to add — never an empty list.
 *
 * <pre>{@code
 * Node<InvoicesRecord> invoice = reads.from(INVOICES).with(LINE_ITEMS).with(ORGANIZATION).findFirst().orElseThrow();
 * InvoicesRecord row = invoice.record();
 * List<Node<InvoiceLineItemsRecord>> items = invoice.get(LINE_ITEMS);
 * String orgName = invoice.get(ORGANIZATION).map(o -> o.record().getName()).orElse("-");
 * }</pre>
 *
 * @param <R> the record type of the row's table
 */
public final class Node<R extends Record> {

    private final AbstractLevel<R, ?> level;
    private final R record;
    private final Map<String, Object> extras;
    private final Map<String, Object> relations;

    Node(AbstractLevel<R, ?> level, R record, Map<String, Object> extras, Map<String, Object> relations) {
        this.level = level;
        this.record = record;
        this.extras = extras;
        this.relations = relations;
    }

    /** The row as its generated jOOQ record; columns the read did not select are {@code null}. */
    public R record() {
        return record;
    }

    /** A selected column's value; a column left out by {@code columns}/{@code omit} is an error, not a {@code null}. */
    public <T> T get(Field<T> column) {
        if (column == null || level.selectedColumns().stream().noneMatch(c -> c.getName().equals(column.getName()))) {
            throw new InvalidReadException("Column " + (column == null ? "null" : column.getName()) + " was not selected "
                    + "at " + level.path + "; selected: " + names(level.selectedColumns()) + ".");
        }
        return record.get(column);
    }

    /** The value of {@code extra(name, field)} on this row. */
    public Object extra(String name) {
        if (!extras.containsKey(name)) {
            throw new InvalidReadException("No extra '" + name + "' at " + level.path + "; the read defines "
                    + (extras.isEmpty() ? "no extras" : "extras " + String.join(", ", extras.keySet()))
                    + ". Add .extra(\"" + name + "\", field) at this level.");
        }
        return extras.get(name);
    }

    /** The to-many relation's rows. */
    @SuppressWarnings("unchecked")
    public <T extends Record> List<Node<T>> get(Many<R, T> relation) {
        return (List<Node<T>>) (List<?>) many(nameOf(relation));
    }

    /** The to-one relation's row, empty when there is none. */
    @SuppressWarnings("unchecked")
    public <T extends Record> Optional<Node<T>> get(One<R, T> relation) {
        return (Optional<Node<T>>) (Optional<?>) one(nameOf(relation));
    }

    /** A to-many relation by name (for dynamic reads). */
    @SuppressWarnings("unchecked")
    public List<Node<?>> many(String name) {
        requireIncluded(name, RelationKind.MANY);
        return (List<Node<?>>) relations.get(name);
    }

    /** A to-one relation by name (for dynamic reads). */
    @SuppressWarnings("unchecked")
    public Optional<Node<?>> one(String name) {
        requireIncluded(name, RelationKind.ONE);
        return (Optional<Node<?>>) relations.get(name);
    }

    /** The relations this node holds, by name: {@code List<Node>} for many, {@code Optional<Node>} for one. */
    public Map<String, Object> relations() {
        return relations;
    }

    AbstractLevel<R, ?> level() {
        return level;
    }

    Map<String, Object> extras() {
        return extras;
    }

    private String nameOf(RelationHandle<?, ?> handle) {
        if (handle == null) {
            throw new InvalidReadException("get(null) on a node of " + level.path + ".");
        }
        return handle.relation().name();
    }

    private void requireIncluded(String name, RelationKind kind) {
        if (level.trees.containsKey(name)) {
            if (kind != RelationKind.MANY) {
                throw new InvalidReadException("Relation " + level.trees.get(name).relation().qualifiedName()
                        + " is a many; read it with many(\"" + name + "\").");
            }
            return;
        }
        AbstractLevel.Child child = level.children.get(name);
        if (child == null) {
            String available = level.relations.relationsOf(level.table).containsKey(name)
                    ? "The relation exists but this read did not include it: add .with(\"" + name + "\") at " + level.path
                            + "."
                    : "Table " + level.table.getName() + " has no relation '" + name + "'; its relations are: "
                            + String.join(", ", level.relations.relationsOf(level.table).keySet()) + ".";
            throw new InvalidReadException("Node " + level.path + " was read without relation '" + name + "'. " + available);
        }
        if (child.relation().kind() != kind) {
            throw new InvalidReadException("Relation " + child.relation().qualifiedName() + " is a "
                    + child.relation().kind().name().toLowerCase(java.util.Locale.ROOT) + "; read it with "
                    + (kind == RelationKind.ONE ? "many" : "one") + "(\"" + name + "\").");
        }
    }

    private static String names(List<Field<?>> fields) {
        return String.join(", ", fields.stream().map(Field::getName).toList());
    }

    @Override
    public String toString() {
        return level.table.getName() + record + (relations.isEmpty() ? "" : " " + relations);
    }
}
