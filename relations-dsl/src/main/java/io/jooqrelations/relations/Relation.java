package io.jooqrelations.relations;

import io.jooqrelations.relations.internal.TableNames;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * One resolved, validated relation of the graph: what the query runtime walks. For a direct relation,
 * {@code target.targetColumns[i] = source.sourceColumns[i]}; through a junction,
 * {@code junction.junctionSourceColumns[i] = source.sourceColumns[i]} and
 * {@code junction.junctionTargetColumns[i] = target.targetColumns[i]}.
 *
 * <pre>{@code
 * Relation tags = RELATIONS.relation(INVOICES, "tags");
 * tags.kind();               // MANY
 * tags.junction();           // Optional[invoice_tags]
 * }</pre>
 */
public final class Relation {

    private final String name;
    private final RelationKind kind;
    private final Table<?> source;
    private final Table<?> target;
    private final List<TableField<?, ?>> sourceColumns;
    private final List<TableField<?, ?>> targetColumns;
    private final Table<?> junction;
    private final List<TableField<?, ?>> junctionSourceColumns;
    private final List<TableField<?, ?>> junctionTargetColumns;
    private final Condition filter;
    private final boolean optional;
    private final String alias;
    private final boolean inferred;

    Relation(String name, RelationKind kind, Table<?> source, Table<?> target, List<TableField<?, ?>> sourceColumns,
            List<TableField<?, ?>> targetColumns, Table<?> junction, List<TableField<?, ?>> junctionSourceColumns,
            List<TableField<?, ?>> junctionTargetColumns, Condition filter, boolean optional, String alias,
            boolean inferred) {
        this.name = name;
        this.kind = kind;
        this.source = source;
        this.target = target;
        this.sourceColumns = List.copyOf(sourceColumns);
        this.targetColumns = List.copyOf(targetColumns);
        this.junction = junction;
        this.junctionSourceColumns = List.copyOf(junctionSourceColumns);
        this.junctionTargetColumns = List.copyOf(junctionTargetColumns);
        this.filter = filter;
        this.optional = optional;
        this.alias = alias;
        this.inferred = inferred;
    }

    /** The relation's name on its source table, e.g. {@code lineItems}. */
    public String name() {
        return name;
    }

    /** {@code source.name}, e.g. {@code invoices.lineItems} (schema-qualified outside {@code public}: {@code crm.accounts.tenant}), for messages. */
    public String qualifiedName() {
        return TableNames.displayName(source) + "." + name;
    }

    public RelationKind kind() {
        return kind;
    }

    /** The table the relation is declared on. */
    public Table<?> source() {
        return source;
    }

    /** The table the relation leads to. */
    public Table<?> target() {
        return target;
    }

    /** Columns of {@link #source()} that the join starts from. */
    public List<TableField<?, ?>> sourceColumns() {
        return sourceColumns;
    }

    /** Columns of {@link #target()} that the join ends at. */
    public List<TableField<?, ?>> targetColumns() {
        return targetColumns;
    }

    /** The junction table of a many-to-many ({@code through}) relation. */
    public Optional<Table<?>> junction() {
        return Optional.ofNullable(junction);
    }

    /** Junction columns equal to {@link #sourceColumns()}; empty for a direct relation. */
    public List<TableField<?, ?>> junctionSourceColumns() {
        return junctionSourceColumns;
    }

    /** Junction columns equal to {@link #targetColumns()}; empty for a direct relation. */
    public List<TableField<?, ?>> junctionTargetColumns() {
        return junctionTargetColumns;
    }

    /** The predefined condition on {@link #target()}, if any. */
    public Optional<Condition> filter() {
        return Optional.ofNullable(filter);
    }

    /** For {@link RelationKind#ONE}: whether the target may be missing. Always {@code true} for MANY. */
    public boolean optional() {
        return optional;
    }

    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    /** Whether the join was inferred from the relation on the other side. */
    public boolean inferred() {
        return inferred;
    }

    @Override
    public String toString() {
        return qualifiedName() + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + TableNames.displayName(target)
                + (junction == null ? "" : " through " + TableNames.displayName(junction)) + ")";
    }
}
