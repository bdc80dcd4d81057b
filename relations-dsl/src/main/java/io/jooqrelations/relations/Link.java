package io.jooqrelations.relations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jooq.Condition;
import org.jooq.TableField;

/**
 * How a relation joins, and its options: an immutable value built fluently and handed to
 * {@link TableRelations#one(String, org.jooq.Table, Link)} or {@link TableRelations#many(String, org.jooq.Table, Link)}.
 *
 * <p>The side that holds the foreign key says {@code from(fk column).to(referenced key)}; a many-to-many goes
 * {@code through} a junction on both hops. A bare side (no {@code from}/{@code to}) has its join inferred from the
 * other side; start it with {@link #link()} to give it an alias, a filter or optionality.
 *
 * <pre>{@code
 * import static io.jooqrelations.relations.Link.from;
 * import static io.jooqrelations.relations.Link.link;
 *
 * from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID).optional(false)
 * from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID)
 * from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee")
 * link().alias("assignee")                              // the bare reverse side, users.assignedInvoices
 * link().where(INVOICES.STATUS.ne(InvoiceStatus.paid))  // a predefined filter on the target
 * }</pre>
 */
public final class Link {

    private enum Side { NONE, FROM, TO }

    private static final Link EMPTY = new Link(List.of(), List.of(), List.of(), List.of(), null, null, null, Side.NONE);

    final List<TableField<?, ?>> from;
    final List<TableField<?, ?>> fromThrough;
    final List<TableField<?, ?>> to;
    final List<TableField<?, ?>> toThrough;
    final String alias;
    final Condition where;
    final Boolean optional;
    private final Side lastSide;

    private Link(List<TableField<?, ?>> from, List<TableField<?, ?>> fromThrough, List<TableField<?, ?>> to,
            List<TableField<?, ?>> toThrough, String alias, Condition where, Boolean optional, Side lastSide) {
        this.from = from;
        this.fromThrough = fromThrough;
        this.to = to;
        this.toThrough = toThrough;
        this.alias = alias;
        this.where = where;
        this.optional = optional;
        this.lastSide = lastSide;
    }

    /** A bare link: the join is inferred from the other side; add {@link #alias}, {@link #where} or {@link #optional}. */
    public static Link link() {
        return EMPTY;
    }

    /** Starts an explicit join at the given columns of the declaring table (several for a composite key). */
    public static Link from(TableField<?, ?>... columns) {
        return EMPTY.withFrom(columns(columns, "from"));
    }

    private Link withFrom(List<TableField<?, ?>> columns) {
        return new Link(columns, fromThrough, to, toThrough, alias, where, optional, Side.FROM);
    }

    /** The target's columns that {@code from} equals (the referenced key, or the foreign key on a reverse side). */
    public Link to(TableField<?, ?>... columns) {
        if (!to.isEmpty()) {
            throw new InvalidRelationsException("to(" + names(columns(columns, "to")) + ") is given twice (first to("
                    + names(to) + ")); a link has one to(...) — list composite key columns in a single to(a, b).");
        }
        return new Link(from, fromThrough, columns(columns, "to"), toThrough, alias, where, optional, Side.TO);
    }

    /**
     * The junction columns the previous {@code from} or {@code to} columns equal; both hops need one, on the same
     * junction table.
     */
    public Link through(TableField<?, ?>... junctionColumns) {
        List<TableField<?, ?>> columns = columns(junctionColumns, "through");
        switch (lastSide) {
            case FROM:
                return new Link(from, columns, to, toThrough, alias, where, optional, Side.NONE);
            case TO:
                return new Link(from, fromThrough, to, columns, alias, where, optional, Side.NONE);
            default:
                throw new InvalidRelationsException("through(" + names(columns) + ") must follow from(...) or to(...): "
                        + "write from(a).through(junction.a_id).to(b).through(junction.b_id)");
        }
    }

    /**
     * Names this end of an edge so that inference can pair it with the other end when two tables are connected more
     * than once (both ends carry the same alias).
     */
    public Link alias(String alias) {
        if (alias == null) {
            throw new InvalidRelationsException("alias(null): give the alias both ends of the edge share, e.g. "
                    + "alias(\"assignee\"), or leave alias(...) out.");
        }
        return new Link(from, fromThrough, to, toThrough, alias, where, optional, Side.NONE);
    }

    /** A predefined condition on the target table that every read of the relation applies. */
    public Link where(Condition condition) {
        if (condition == null) {
            throw new InvalidRelationsException("where(null): pass a condition on the relation's target table, e.g. "
                    + "where(INVOICES.STATUS.eq(InvoiceStatus.open)), or leave where(...) out.");
        }
        return new Link(from, fromThrough, to, toThrough, alias, condition, optional, Side.NONE);
    }

    /** For a {@code one}: {@code false} when the target row always exists (the default is {@code true}). */
    public Link optional(boolean optional) {
        return new Link(from, fromThrough, to, toThrough, alias, where, optional, Side.NONE);
    }

    boolean isExplicit() {
        return !from.isEmpty() || !to.isEmpty();
    }

    private static List<TableField<?, ?>> columns(TableField<?, ?>[] columns, String what) {
        if (columns == null || columns.length == 0) {
            throw new InvalidRelationsException(what + "(...) needs at least one column");
        }
        List<TableField<?, ?>> list = new ArrayList<>(Arrays.asList(columns));
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new InvalidRelationsException(what + "(...) was given null as column " + (i + 1)
                        + "; pass the generated TableField, e.g. INVOICES.ORGANIZATION_ID");
            }
        }
        return Collections.unmodifiableList(list);
    }

    static String names(List<? extends TableField<?, ?>> columns) {
        StringBuilder sb = new StringBuilder();
        for (TableField<?, ?> c : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c.getTable() == null ? "?" : c.getTable().getName()).append('.').append(c.getName());
        }
        return sb.toString();
    }
}
