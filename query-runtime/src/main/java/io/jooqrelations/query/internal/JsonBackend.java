package io.jooqrelations.query.internal;

import io.jooqrelations.query.JsonKeys;
import io.jooqrelations.query.ReadDataException;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.internal.CamelCase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONEntry;
import org.jooq.Record1;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The JSON back end: compiles a plan into ONE select whose result the database renders as JSON text — an object per row
 * ({@code json_build_object}), an array per to-many relation ({@code json_agg}, ordered like the level), an object or
 * {@code null} per to-one relation, in the shape the plan decided as the typed reads do (a bare key lookup joined, any
 * other to-one a lateral join or, without {@code LATERAL}, a scalar subquery). The rows never reach Java as values, so
 * the rule that a required ({@code optional(false)}) to-one has a row is checked by the database: the missing object is
 * replaced by an expression that fails the statement with the same message the typed reads give (see
 * {@link #missingRequired}).
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

    /** The back ends of each JSON form: by key rule, the array of all rows and the first row's object. */
    private static final java.util.Map<JsonKeys, List<ReadBackend<JSON>>> BACKENDS = new java.util.EnumMap<>(JsonKeys.class);

    static {
        for (JsonKeys keys : JsonKeys.values()) {
            BACKENDS.put(keys, List.of(backend(keys, false), backend(keys, true)));
        }
    }

    private final JsonKeys keys;
    private final DialectSupport dialect;

    private JsonBackend(JsonKeys keys, DialectSupport dialect) {
        this.keys = keys;
        this.dialect = dialect;
    }

    /** The back end of JSON reads with {@code keys}: all rows as an array, or ({@code first}) the first row's object. */
    public static ReadBackend<JSON> of(JsonKeys keys, boolean first) {
        return BACKENDS.get(keys).get(first ? 1 : 0);
    }

    private static ReadBackend<JSON> backend(JsonKeys keys, boolean first) {
        String form = (first ? "json-first" : "json-array") + " keys=" + keys;
        return new ReadBackend<>() {
            @Override
            public JSON read(LevelPlan plan, ReadExecutor executor) {
                RenderCache.Statement<JsonStatement> statement = executor.statement(plan, form,
                        () -> compile(plan, executor.dsl()), JsonStatement::query, JsonStatement.DECODING);
                return statement.compiled().read(executor.fetch(statement));
            }

            @Override
            public JsonStatement compile(LevelPlan plan, DSLContext dsl) {
                JsonBackend json = new JsonBackend(keys, DialectSupport.of(dsl.dialect()));
                return new JsonStatement(first ? json.first(plan) : json.array(plan));
            }
        };
    }

    /** A JSON read's select, and its one value read as JSON ({@code null} when there is no row). */
    record JsonStatement(Select<Record1<JSON>> query) implements ReadBackend.Statement<JSON> {

        /** A JSON statement's result is read the same way whatever the read: the cache keeps nothing of it. */
        static final RenderCache.Decoding<JsonStatement> DECODING = new RenderCache.Decoding<>() {
            private final JsonStatement cached = new JsonStatement(null);

            @Override
            public Object keep(JsonStatement compiled) {
                return null;
            }

            @Override
            public JsonStatement reuse(Object kept, LevelPlan plan) {
                return cached;
            }

            @Override
            public List<Object> describe(JsonStatement compiled) {
                return List.of();
            }
        };

        @Override
        public JSON read(Result<? extends Record> rows) {
            return rows.isEmpty() ? null : checked((JSON) rows.get(0).get(0));
        }
    }

    /** {@code select coalesce(json_agg(j order by rn), '[]') from (<rows as objects>) rows}. */
    private Select<Record1<JSON>> array(LevelPlan root) {
        SelectQuery<Record> rows = DSL.select().getQuery();
        rows.addFrom(root.table());
        rows.addConditions(root.rootFilters());
        return aggregate(rows, root, root.limit(), false);
    }

    /** {@code select <first row as object> from ... limit 1} (the plan's top-level limit). */
    private Select<Record1<JSON>> first(LevelPlan root) {
        SelectQuery<Record> rows = DSL.select().getQuery();
        rows.addFrom(root.table());
        rows.addConditions(root.rootFilters());
        rows.addSelect(object(root, rows));
        MultisetBackend.shape(rows, root, root.limit());
        return typed(rows);
    }

    /**
     * The message of a required to-one without a row that a JSON statement raised (the same the typed reads give), if
     * {@code e} is that failure; else null.
     */
    static String missingRequired(RuntimeException e) {
        // the database quotes the text it could not cast; the statement's SQL (also in jOOQ's message) has it in '...'
        String quoted = "\"" + MISSING;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            int start = message == null ? -1 : message.indexOf(quoted);
            if (start >= 0) {
                int end = message.indexOf('"', start + 1);
                return message.substring(start + quoted.length(), end < 0 ? message.length() : end);
            }
        }
        return null;
    }

    /**
     * {@code json} as read, or the {@link ReadDataException} of a required to-one without a row, which MariaDB and
     * SQLite carry in the result instead of failing the statement (see {@link #failMissing}): a JSON string starting
     * with {@link #CARRIED}, which no stored or computed value can know.
     */
    static JSON checked(JSON json) {
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
        throw new ReadDataException(message.toString());
    }

    /**
     * Projects {@code rows} as objects (with their order) and aggregates them into one array, empty when none; at most
     * {@code limit} (null: all) after the level's offset. Without a window the objects are aggregated in order directly
     * ({@code json_agg(<object> order by ...)}); with one, the limited rows are numbered in a derived table first, as an
     * aggregate cannot be limited — or, {@code sliced} (the plan's {@link LevelPlan.Shape#SLICED}), aggregated in order
     * and sliced.
     */
    private Select<Record1<JSON>> aggregate(SelectQuery<Record> rows, LevelPlan level, Integer limit, boolean sliced) {
        boolean windowed = limit != null || level.offset() != null;
        if (sliced) {
            // MariaDB: the level's objects aggregated in order, then sliced (see JsonSlice)
            if (limit != null && limit == 0) {
                return DSL.select(DSL.jsonArray());
            }
            Field<JSON> object = object(level, rows);
            rows.addConditions(level.conditions());
            rows.addSelect(JsonSlice.of(DSL.jsonArrayAgg(object).orderBy(level.orderBy()), SQLDataType.JSON,
                    level.offset(), limit));
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
        MultisetBackend.shape(rows, level, limit);
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
        level.children().forEach(child -> entries.add(DSL.key(DSL.inline(child.name())).value(switch (child.shape()) {
            case LOOKUP_JOIN -> lookup(child, level, from);
            case LATERAL_JOIN -> lateral(child, level, from);
            case CORRELATED, SLICED, NESTED_ONE -> child(child, level);
            case GROUPED, BATCH -> throw new IllegalStateException(child.name() + " is planned " + child.shape()
                    + ", which JSON reads do not render");
        })));
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
     * A to-one that is a bare key lookup ({@link LevelPlan.Shape#LOOKUP_JOIN}), as the typed read joins it: {@code LEFT
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

    /**
     * Any other to-one where the dialect has {@code LATERAL} ({@link LevelPlan.Shape#LATERAL_JOIN}), as the typed read
     * joins it: {@code LEFT JOIN LATERAL (select <object> as j from <target> where <link> ... limit 1) AS "<relation>"
     * ON true} on {@code from}, and its {@code j}. PostgreSQL plans it as an index lookup per parent row, where the
     * scalar subquery it replaces was planned as scans and a hash join, run per row (2–3 times slower on a chain of
     * to-ones, see docs/performance.md).
     */
    private Field<JSON> lateral(LevelPlan.Child child, LevelPlan parent, SelectQuery<Record> from) {
        SelectQuery<Record> sub = child.join().correlated();
        sub.addSelect(object(child.level(), sub).as("j"));
        MultisetBackend.shape(sub, child.level(), child.limit());
        Table<Record> derived = sub.asTable(MultisetBackend.alias(child));
        from.addJoin(DSL.lateral(derived), org.jooq.JoinType.LEFT_OUTER_JOIN, DSL.trueCondition());
        Field<JSON> one = derived.field("j", JSON.class);
        return nested(child.required() ? DSL.coalesce(one, failMissing(child, parent)) : one);
    }

    /** A relation as a correlated subquery in the object: a to-many's array, a to-one's object (or null). */
    private Field<JSON> child(LevelPlan.Child child, LevelPlan parent) {
        SelectQuery<Record> sub = child.join().correlated();
        if (child.many()) {
            return nested(DSL.field(aggregate(sub, child.level(), child.limit(),
                    child.shape() == LevelPlan.Shape.SLICED)));
        }
        sub.addSelect(object(child.level(), sub));
        // a scalar subquery may be limited on every dialect (MariaDB's limit is only blind in derived tables)
        MultisetBackend.shape(sub, child.level(), child.limit());
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
        return keys == JsonKeys.CAMEL_CASE ? CamelCase.of(column) : column;
    }
}
