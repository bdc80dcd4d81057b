package io.jooqrelations.query.internal;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.query.JsonKeys;
import io.jooqrelations.query.ResultMappingException;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.internal.Names;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONEntry;
import org.jooq.Record1;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The JSON back end: compiles a plan into ONE select whose result the database renders as JSON text — an object per row
 * ({@code json_build_object}), an array per to-many relation ({@code json_agg}, ordered like the level), an object or
 * {@code null} per to-one relation (a bare key lookup joined, as in the typed reads; anything else a scalar subquery).
 * The rows never reach Java as values, so the rule that a required ({@code optional(false)}) to-one has a row is
 * checked by the database: the missing object is replaced by an expression that fails the statement with the same
 * message the typed reads give (see {@link #translate}).
 */
public final class JsonBackend {

    /**
     * {@code json_build_object} takes a key and a value per entry, so 50 entries per call; a wider object is built from
     * several calls (see {@link #object(LevelPlan)}).
     */
    static final int MAX_JSON_KEYS = 50;

    /** Starts the text of the error a required to-one raises inside the database. */
    private static final String MISSING = "jooq-relations: ";

    /**
     * Starts the message a required to-one without a row carries in a JSON result where the database cannot fail the
     * statement (see {@link #checked}); random per JVM, so that no value a user stores or computes can pose as one.
     */
    private static final String CARRIED = "jooq-relations-missing-"
            + Long.toHexString(new java.security.SecureRandom().nextLong()) + ": ";

    /** How a carried message starts inside the JSON text: an array element that is a string starting with it. */
    private static final String CARRIED_ELEMENT = "[\"" + CARRIED;

    private final JsonKeys keys;
    private final DialectSupport dialect;

    private JsonBackend(JsonKeys keys, DialectSupport dialect) {
        this.keys = keys;
        this.dialect = dialect;
    }

    /** {@code select coalesce(json_agg(j order by rn), '[]') from (<rows as objects>) rows}, in {@code dialect}'s SQL. */
    public static Select<Record1<JSON>> array(LevelPlan root, JsonKeys keys, DialectSupport dialect) {
        check(root);
        SelectQuery<Record> rows = DSL.select().getQuery();
        rows.addFrom(root.table());
        rows.addConditions(root.rootFilters());
        return new JsonBackend(keys, dialect).aggregate(rows, root, false);
    }

    /** {@code select <first row as object> from ... limit 1}, in {@code dialect}'s SQL. */
    public static Select<Record1<JSON>> first(LevelPlan root, JsonKeys keys, DialectSupport dialect) {
        check(root);
        SelectQuery<Record> rows = DSL.select().getQuery();
        rows.addFrom(root.table());
        rows.addConditions(root.rootFilters());
        rows.addSelect(new JsonBackend(keys, dialect).object(root, rows));
        MultisetBackend.shape(rows, root, 1);
        return typed(rows);
    }

    /**
     * The exception to throw for a failed JSON read: a cancelled read is a {@code ReadCancelledException} (see
     * {@link Cancellation#translate}), a required to-one without a row (raised by the statement) becomes the
     * {@link ResultMappingException} the typed reads throw; anything else is rethrown as it is.
     */
    public static RuntimeException translate(RuntimeException e) {
        RuntimeException cancelled = Cancellation.translate(e);
        if (cancelled != e) {
            return cancelled;
        }
        // the database quotes the text it could not cast; the statement's SQL (also in jOOQ's message) has it in '...'
        String quoted = "\"" + MISSING;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            int start = message == null ? -1 : message.indexOf(quoted);
            if (start >= 0) {
                int end = message.indexOf('"', start + 1);
                return new ResultMappingException(message.substring(start + quoted.length(),
                        end < 0 ? message.length() : end));
            }
        }
        return e;
    }

    /**
     * {@code json} as read, or the {@link ResultMappingException} of a required to-one without a row, which MariaDB and
     * SQLite carry in the result instead of failing the statement (see {@link #failMissing}): a JSON string starting
     * with {@link #CARRIED}, which no stored or computed value can know.
     */
    public static JSON checked(JSON json) {
        if (json == null) {
            return null;
        }
        String data = json.data();
        int start = data.indexOf(CARRIED_ELEMENT);
        if (start < 0) {
            return json;
        }
        StringBuilder message = new StringBuilder();
        for (int i = start + 2 + CARRIED.length(); i < data.length() && data.charAt(i) != '"'; i++) {
            char c = data.charAt(i);
            message.append(c == '\\' && i + 1 < data.length() ? data.charAt(++i) : c);
        }
        throw new ResultMappingException(message.toString());
    }

    /** What JSON cannot express, refused before anything runs. */
    private static void check(LevelPlan level) {
        if (!level.trees().isEmpty()) {
            throw new InvalidReadException("withTree(\"" + level.trees().get(0).name() + "\") on " + level.path()
                    + " is not available for JSON reads; use withRecursive(relation, depth, ...) or the typed tree.");
        }
        level.children().forEach(c -> check(c.level()));
    }

    /**
     * Projects {@code rows} as objects (with their order) and aggregates them into one array, empty when none. Without
     * a limit or offset the objects are aggregated in order directly ({@code json_agg(<object> order by ...)}); with one,
     * the limited rows are numbered in a derived table first, as an aggregate cannot be limited.
     */
    private Select<Record1<JSON>> aggregate(SelectQuery<Record> rows, LevelPlan level, boolean correlated) {
        boolean windowed = level.limit() != null || level.offset() != null;
        if (windowed && correlated && dialect.slicesNestedRows()) {
            // MariaDB: the level's objects aggregated in order, then sliced (see JsonSlice)
            if (level.limit() != null && level.limit() == 0) {
                return DSL.select(DSL.jsonArray());
            }
            Field<JSON> object = object(level, rows);
            rows.addConditions(level.conditions());
            rows.addSelect(JsonSlice.of(DSL.jsonArrayAgg(object).orderBy(level.orderBy()), SQLDataType.JSON,
                    level.offset(), level.limit()));
            return typed(rows);
        }
        if (!windowed) {
            Field<JSON> object = object(level, rows);
            rows.addConditions(level.conditions());
            rows.addSelect(DSL.coalesce(DSL.jsonArrayAgg(object).orderBy(level.orderBy()), DSL.jsonArray()));
            return typed(rows);
        }
        rows.addSelect(object(level, rows).as("j"));
        boolean ordered = !level.orderBy().isEmpty();
        if (ordered) {
            rows.addSelect(DSL.rowNumber().over(DSL.orderBy(level.orderBy())).as("rn"));
        }
        MultisetBackend.shape(rows, level, null);
        Table<?> t = rows.asTable(Aliases.table("rows", level.graph()));
        Field<JSON> j = nested(t.field("j", JSON.class));
        Field<JSON> agg = ordered ? DSL.jsonArrayAgg(j).orderBy(t.field("rn")) : DSL.jsonArrayAgg(j);
        return DSL.select(DSL.coalesce(agg, DSL.jsonArray())).from(t);
    }

    @SuppressWarnings("unchecked")
    private static Select<Record1<JSON>> typed(SelectQuery<Record> query) {
        return (Select<Record1<JSON>>) (Select<?>) query;
    }

    /** The level's row as an object; {@code from} is the select over the level's table (to-one lookups join it). */
    private Field<JSON> object(LevelPlan level, SelectQuery<Record> from) {
        List<JSONEntry<?>> entries = new ArrayList<>();
        for (int i = 0; i < level.columns().size(); i++) {
            entries.add(DSL.key(DSL.inline(columnKey(level, i))).value(level.columns().get(i)));
        }
        level.extras().forEach(extra -> entries.add(DSL.key(DSL.inline(extra.name())).value(extra.field())));
        level.children().forEach(child -> entries.add(DSL.key(DSL.inline(child.name()))
                .value(MultisetBackend.isPlainLookup(child) ? lookup(child, level, from) : child(child, level))));
        // keys are written into the SQL: they are the read's shape, and as bind values they would travel on every run
        return object(entries);
    }

    /** An object of {@code entries}, in calls of at most {@link #MAX_JSON_KEYS} entries where the dialect needs it. */
    private Field<JSON> object(List<JSONEntry<?>> entries) {
        if (entries.size() <= MAX_JSON_KEYS || !dialect.limitsFunctionArguments()) {
            return DSL.jsonObject(entries);
        }
        if (dialect.joinsJsonAsText()) {
            return joined(entries);
        }
        // SQLite: json_patch adds the keys of its second object after those of its first, in their order
        Field<JSON> merged = DSL.jsonObject(entries.subList(0, MAX_JSON_KEYS));
        for (int from = MAX_JSON_KEYS; from < entries.size(); from += MAX_JSON_KEYS) {
            merged = DSL.field("json_patch({0}, {1})", SQLDataType.JSON, merged,
                    DSL.jsonObject(entries.subList(from, Math.min(from + MAX_JSON_KEYS, entries.size()))));
        }
        return merged;
    }

    /** A nested JSON value as JSON (see {@link DialectSupport#asJson}). */
    private Field<JSON> nested(Field<JSON> value) {
        return dialect.asJson(value);
    }

    /**
     * An object of more entries than one {@code json_build_object} call takes: a call per 50 entries, joined as text
     * ({@code {"a" : 1}} and {@code {"b" : 2}} make {@code {"a" : 1, "b" : 2}}), which keeps the keys in order — a
     * {@code jsonb} merge would sort them — and then read as {@code json} again. No part is empty, so every cut is
     * between two entries.
     */
    private static Field<JSON> joined(List<JSONEntry<?>> entries) {
        List<Field<?>> parts = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += MAX_JSON_KEYS) {
            boolean first = from == 0;
            boolean last = from + MAX_JSON_KEYS >= entries.size();
            Field<String> text = DSL.jsonObject(entries.subList(from, Math.min(from + MAX_JSON_KEYS, entries.size())))
                    .cast(SQLDataType.CLOB);
            if (!first) {
                parts.add(DSL.inline(", "));
                text = DSL.field("substr({0}, 2)", String.class, text);
            }
            parts.add(last ? text : DSL.field("left({0}, -1)", String.class, text));
        }
        return DSL.concat(parts.toArray(Field[]::new)).cast(SQLDataType.JSON);
    }

    /**
     * A to-one that is a bare key lookup, as the typed read joins it ({@link MultisetBackend#isPlainLookup}): {@code LEFT
     * JOIN <target> AS "<relation>"} on {@code from}, and {@code case when "<relation>".<key> is null then null else
     * json_build_object(...) end} — a join instead of a scalar subquery per row.
     */
    private Field<JSON> lookup(LevelPlan.Child child, LevelPlan parent, SelectQuery<Record> from) {
        Relation relation = child.relation();
        Table<?> target = relation.target().as(MultisetBackend.alias(child));
        from.addJoin(target, org.jooq.JoinType.LEFT_OUTER_JOIN,
                Join.equal(MultisetBackend.targetFields(target, relation.targetColumns()), relation.sourceColumns()));
        LevelPlan level = child.level();
        List<JSONEntry<?>> entries = new ArrayList<>();
        for (int i = 0; i < level.columns().size(); i++) {
            entries.add(DSL.key(DSL.inline(columnKey(level, i))).value(target.field(level.columns().get(i))));
        }
        Field<JSON> object = object(entries);
        Field<JSON> missing = child.required() ? failMissing(child, parent) : DSL.inline((JSON) null, SQLDataType.JSON);
        return nested(DSL.when(target.field(relation.targetColumns().get(0)).isNull(), missing).otherwise(object));
    }

    private Field<JSON> child(LevelPlan.Child child, LevelPlan parent) {
        SelectQuery<Record> sub = child.join().correlated();
        if (child.many()) {
            return nested(DSL.field(aggregate(sub, child.level(), true)));
        }
        sub.addSelect(object(child.level(), sub));
        MultisetBackend.shape(sub, child.level(), MultisetBackend.policyLimit(child));
        Field<JSON> one = DSL.field(typed(sub));
        return nested(child.required() ? DSL.coalesce(one, failMissing(child, parent)) : one);
    }

    /**
     * An expression that fails the statement with the required to-one's message, naming the parent row by its primary
     * key (or, without one, by the relation's own columns): the text cannot be read as an integer. PostgreSQL evaluates
     * it only when {@code coalesce} reaches it, i.e. when the to-one has no row.
     */
    private Field<JSON> failMissing(LevelPlan.Child child, LevelPlan parent) {
        List<? extends TableField<?, ?>> identity = parent.table().getPrimaryKey() != null
                ? parent.table().getPrimaryKey().getFields() : child.relation().sourceColumns();
        List<Field<?>> parts = new ArrayList<>();
        boolean failsStatement = dialect.failsOnBadCast();
        parts.add(DSL.inline((failsStatement ? MISSING : CARRIED) + RowView.missingRequiredBefore(child, parent) + "{"));
        for (int i = 0; i < identity.size(); i++) {
            parts.add(DSL.inline((i == 0 ? "" : ", ") + identity.get(i).getName() + "="));
            parts.add(DSL.coalesce(identity.get(i).cast(SQLDataType.VARCHAR), DSL.inline("null")));
        }
        parts.add(DSL.inline("}" + RowView.missingRequiredAfter(child)));
        Field<String> text = DSL.concat(parts.toArray(Field[]::new));
        if (!failsStatement) {
            // MariaDB and SQLite cast any text to a number without an error: the message travels as a JSON string in
            // place of the object, and the read raises it when it finds it in the result (see #checked)
            return DSL.field("json_array({0})", SQLDataType.JSON, text);
        }
        return text.cast(SQLDataType.INTEGER).cast(SQLDataType.VARCHAR).cast(SQLDataType.JSON);
    }

    /** The key of the level's {@code i}-th column: the one given with {@code key(...)}, else by the JSON key rule. */
    private String columnKey(LevelPlan level, int i) {
        String explicit = level.explicitKey(i);
        return explicit != null ? explicit : key(level.columns().get(i).getName());
    }

    private String key(String column) {
        return keys == JsonKeys.CAMEL_CASE ? Names.camelCase(column) : column;
    }
}
