package io.jooqrelations.query;

import io.jooqrelations.relations.RelationKind;
import io.jooqrelations.relations.internal.Names;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONEntry;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Compiles a read into ONE select whose result PostgreSQL renders as JSON text: an object per row
 * ({@code json_build_object}), an array per to-many relation ({@code json_agg}, ordered like the level), an object or
 * {@code null} per to-one relation.
 */
final class JsonCompiler {

    private final JsonKeys keys;

    JsonCompiler(JsonKeys keys) {
        this.keys = keys;
    }

    /** {@code select coalesce(json_agg(j order by rn), '[]') from (<rows as objects>) rows}. */
    Select<Record1<JSON>> array(AbstractLevel<?, ?> root) {
        SelectQuery<Record> rows = DSL.select().getQuery();
        rows.addFrom(root.table);
        ReadCompiler.scopeRoot(rows, root);
        return aggregate(rows, root);
    }

    /** {@code select <first row as object> from ... limit 1}. */
    Select<Record1<JSON>> first(AbstractLevel<?, ?> root) {
        SelectQuery<Record> rows = DSL.select().getQuery();
        rows.addFrom(root.table);
        ReadCompiler.scopeRoot(rows, root);
        rows.addSelect(object(root));
        ReadCompiler.shape(rows, root, 1);
        return typed(rows);
    }

    /** Projects {@code rows} as objects (with their order) and aggregates them into one array, empty when none. */
    private Select<Record1<JSON>> aggregate(SelectQuery<Record> rows, AbstractLevel<?, ?> level) {
        rows.addSelect(object(level).as("j"));
        boolean ordered = !level.orderBy.isEmpty();
        if (ordered) {
            rows.addSelect(DSL.rowNumber().over(DSL.orderBy(level.orderBy)).as("rn"));
        }
        ReadCompiler.shape(rows, level, null);
        Table<?> t = rows.asTable("rows");
        Field<JSON> j = t.field("j", JSON.class);
        Field<JSON> agg = ordered ? DSL.jsonArrayAgg(j).orderBy(t.field("rn")) : DSL.jsonArrayAgg(j);
        return DSL.select(DSL.coalesce(agg, DSL.jsonArray())).from(t);
    }

    @SuppressWarnings("unchecked")
    private static Select<Record1<JSON>> typed(SelectQuery<Record> query) {
        return (Select<Record1<JSON>>) (Select<?>) query;
    }

    private Field<JSON> object(AbstractLevel<?, ?> level) {
        if (!level.trees.isEmpty()) {
            throw new InvalidReadException("withTree(\"" + level.trees.keySet().iterator().next() + "\") on " + level.path
                    + " is not available for JSON reads; use withRecursive(relation, depth, ...) or the typed tree.");
        }
        List<JSONEntry<?>> entries = new ArrayList<>();
        for (Field<?> column : level.selectedColumns()) {
            entries.add(DSL.key(key(column.getName())).value(column));
        }
        level.extras.forEach((name, field) -> entries.add(DSL.key(name).value(field)));
        level.children.forEach((name, child) -> entries.add(DSL.key(name).value(child(child))));
        return DSL.jsonObject(entries);
    }

    private Field<JSON> child(AbstractLevel.Child child) {
        SelectQuery<Record> sub = CorrelatedJoin.query(child.relation(), child.level().scope);
        if (child.relation().kind() == RelationKind.ONE) {
            sub.addSelect(object(child.level()));
            ReadCompiler.shape(sub, child.level(), 1);
            return DSL.field(typed(sub));
        }
        return DSL.field(aggregate(sub, child.level()));
    }

    private String key(String column) {
        return keys == JsonKeys.CAMEL_CASE ? Names.camelCase(column) : column;
    }
}
