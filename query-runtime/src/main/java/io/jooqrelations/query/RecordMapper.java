package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationKind;
import io.jooqrelations.relations.internal.Names;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * Maps a read's rows into the user's Java {@code record} types: each component takes the column (camelCase of its
 * name), extra or relation of the same name; {@code List<X>} for a to-many, {@code X} or {@code Optional<X>} for a
 * to-one, recursively. The whole plan is checked against the read before the query runs.
 *
 * <p>A plan maps either straight from the statement's flat jOOQ records, by {@link RowLayout} index (no {@link Node}s in
 * between: the fast path of single-statement reads), or from {@link Node}s (query-per-level reads, trees).
 *
 * @param <T> the record type mapped to
 */
final class RecordMapper<T> {

    private final Class<T> type;
    private final Constructor<T> constructor;
    private final RowLayout layout;
    private final List<Part> parts = new ArrayList<>();

    private RecordMapper(Class<T> type, Constructor<T> constructor, RowLayout layout) {
        this.type = type;
        this.constructor = constructor;
        this.layout = layout;
    }

    /** What one record component reads. Indexes are relative to the start of the level in its row. */
    private sealed interface Part {
    }

    private record ColumnPart(int index, int tableIndex, Conversion conversion, Class<?> target) implements Part {
    }

    private record ExtraPart(String name, int slot, Conversion conversion, Class<?> target) implements Part {
    }

    private record ManyPart(String name, int slot, RecordMapper<?> nested) implements Part {
    }

    private record OnePart(String name, int slot, RecordMapper<?> nested, boolean asOptional, AbstractLevel.Child child)
            implements Part {
    }

    private record TreePart(String name, RecordMapper<?> nested) implements Part {
    }

    /** How a value becomes the component's type; chosen when planning, from the column's type. */
    private enum Conversion {
        NONE,
        ENUM_TO_ENUM,
        ENUM_TO_LITERAL
    }

    /** The reflection that does not depend on the read, done once per record type. */
    private record RecordType(Constructor<?> constructor, RecordComponent[] components) {
    }

    private static final ClassValue<RecordType> RECORD_TYPES = new ClassValue<>() {
        @Override
        protected RecordType computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return new RecordType(null, null);
            }
            RecordComponent[] rc = type.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new RecordType(constructor, rc);
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new ResultMappingException("Cannot use the canonical constructor of " + type.getName() + ": " + e);
            }
        }
    };

    /** camelCase of column names: a schema has few, and planning looks each up for every component. */
    private static final Map<String, String> CAMEL_CASE = new ConcurrentHashMap<>();

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class, double.class, Double.class, float.class, Float.class, short.class, Short.class,
            byte.class, Byte.class, char.class, Character.class);

    /** Plans the mapping of {@code level} into {@code type}, checking every component against the read. */
    static <T> RecordMapper<T> plan(Class<T> type, AbstractLevel<?, ?> level) {
        return plan(type, RowLayout.of(level), new HashMap<>());
    }

    /** {@code planned} holds mappers being planned, so that a recursive record over a tree refers to itself. */
    @SuppressWarnings("unchecked")
    private static <T> RecordMapper<T> plan(Class<T> type, RowLayout layout, Map<List<Object>, RecordMapper<?>> planned) {
        AbstractLevel<?, ?> level = layout.level;
        if (type == null) {
            throw new ResultMappingException("The record type to map " + level.path + " into is null.");
        }
        RecordMapper<?> known = planned.get(List.of(type, level));
        if (known != null) {
            return (RecordMapper<T>) known;
        }
        RecordType info = RECORD_TYPES.get(type);
        if (info.constructor() == null) {
            throw new ResultMappingException(type.getName() + " is not a Java record; map " + level.path + " into a record "
                    + "whose components are named after its columns and relations, or use the Node tree.");
        }
        RecordMapper<T> mapper = new RecordMapper<>(type, (Constructor<T>) info.constructor(), layout);
        planned.put(List.of(type, level), mapper);
        for (RecordComponent component : info.components()) {
            mapper.parts.add(part(type, component, layout, planned));
        }
        return mapper;
    }

    /** Maps the level whose values start at {@code base} in a row of the compiled statement. */
    T map(Record row, int base) {
        Object[] args = new Object[parts.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = read(parts.get(i), row, base);
        }
        return construct(args);
    }

    /** Maps a node of the tree (query-per-level reads, trees). */
    T map(Node<?> node) {
        Object[] args = new Object[parts.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = read(parts.get(i), node);
        }
        return construct(args);
    }

    @SuppressWarnings("unchecked")
    private Object read(Part part, Record row, int base) {
        if (part instanceof ColumnPart c) {
            return convert(row.get(base + c.index()), c.conversion(), c.target());
        }
        if (part instanceof ExtraPart e) {
            return convert(row.get(base + e.slot()), e.conversion(), e.target());
        }
        if (part instanceof ManyPart m) {
            Result<Record> rows = (Result<Record>) row.get(base + m.slot());
            if (rows == null) {
                return List.of();
            }
            Object[] mapped = new Object[rows.size()];
            for (int i = 0; i < mapped.length; i++) {
                mapped[i] = m.nested().map(rows.get(i), 0);
            }
            return List.of(mapped);
        }
        if (part instanceof OnePart o) {
            Object value;
            if (row.get(base + o.slot()) == null) {
                NodeDecoder.requirePresent(o.child(), layout.level.table, () -> columnValues(row, base));
                value = null;
            } else {
                value = o.nested().map(row, base + o.slot() + 1);
            }
            return o.asOptional() ? Optional.ofNullable(value) : value;
        }
        // trees are stitched from their rows into nodes first
        return read(part, NodeDecoder.decode(row, base, layout));
    }

    private Object read(Part part, Node<?> node) {
        if (part instanceof ColumnPart c) {
            return convert(node.record().get(c.tableIndex()), c.conversion(), c.target());
        }
        if (part instanceof ExtraPart e) {
            return convert(node.extras().get(e.name()), e.conversion(), e.target());
        }
        if (part instanceof ManyPart m) {
            return mapAll(node.many(m.name()), m.nested());
        }
        if (part instanceof OnePart o) {
            Optional<?> value = node.one(o.name()).map(o.nested()::map);
            return o.asOptional() ? value : value.orElse(null);
        }
        TreePart t = (TreePart) part;
        return mapAll(node.many(t.name()), t.nested());
    }

    private static List<Object> mapAll(List<Node<?>> nodes, RecordMapper<?> nested) {
        Object[] mapped = new Object[nodes.size()];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = nested.map(nodes.get(i));
        }
        return List.of(mapped);
    }

    /** The level's table row as the node path shows it in messages: every column, null where not selected. */
    private List<Object> columnValues(Record row, int base) {
        List<Object> values = new ArrayList<>();
        for (Field<?> column : layout.level.table.fields()) {
            int index = layout.columns.indexOf(column);
            values.add(index < 0 ? null : row.get(base + index));
        }
        return values;
    }

    private T construct(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new ResultMappingException("The constructor of " + type.getName() + " rejected a row of "
                    + layout.level.path + ": " + e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new ResultMappingException("Cannot construct " + type.getName() + " from a row of " + layout.level.path
                    + ": " + e);
        }
    }

    private static Part part(Class<?> owner, RecordComponent component, RowLayout layout,
            Map<List<Object>, RecordMapper<?>> planned) {
        AbstractLevel<?, ?> level = layout.level;
        String name = component.getName();
        String where = owner.getSimpleName() + "." + name;
        for (int i = 0; i < layout.columns.size(); i++) {
            Field<?> column = layout.columns.get(i);
            if (camelCase(column.getName()).equals(name) || column.getName().equals(name)) {
                Conversion conversion = conversion(where, component.getType(), column.getType(),
                        level.table.getName() + "." + column.getName(), column.getDataType().nullable());
                return new ColumnPart(i, level.table.indexOf(column), conversion, component.getType());
            }
        }
        if (level.extras.containsKey(name)) {
            Field<?> extra = level.extras.get(name);
            Conversion conversion = conversion(where, component.getType(), extra.getType(), "extra '" + name + "'",
                    extra.getDataType().nullable());
            return new ExtraPart(name, layout.slot(name), conversion, component.getType());
        }
        AbstractLevel.Child child = level.children.get(name);
        if (child != null) {
            return relationPart(where, component, child.relation(), layout.child(name), layout.slot(name), child, planned);
        }
        AbstractLevel.Tree tree = level.trees.get(name);
        if (tree != null) {
            return relationPart(where, component, tree.relation(), RowLayout.of(tree.nodeLevel()), -1, null, planned);
        }
        throw new ResultMappingException(where + " matches no column, extra or relation read at " + level.path
                + ". Columns: " + String.join(", ", layout.columns.stream().map(f -> camelCase(f.getName())).toList())
                + "; extras: " + (level.extras.isEmpty() ? "none" : String.join(", ", level.extras.keySet()))
                + "; relations: " + (level.children.isEmpty() && level.trees.isEmpty() ? "none"
                        : String.join(", ", relationNames(level)))
                + ". Rename the component, or add the with(...)/extra(...) it needs.");
    }

    private static String camelCase(String column) {
        return CAMEL_CASE.computeIfAbsent(column, Names::camelCase);
    }

    private static List<String> relationNames(AbstractLevel<?, ?> level) {
        List<String> names = new ArrayList<>(level.children.keySet());
        names.addAll(level.trees.keySet());
        return names;
    }

    /** {@code child} is null for a tree. */
    private static Part relationPart(String where, RecordComponent component, Relation relation, RowLayout target,
            int slot, AbstractLevel.Child child, Map<List<Object>, RecordMapper<?>> planned) {
        String name = component.getName();
        Class<?> raw = component.getType();
        if (relation.kind() == RelationKind.MANY) {
            if (raw != List.class) {
                throw new ResultMappingException(where + " is " + component.getGenericType().getTypeName() + " but "
                        + relation.qualifiedName() + " is a many; declare it as List<SomeRecord>.");
            }
            RecordMapper<?> nested = plan(elementType(where, component), target, planned);
            return child == null ? new TreePart(name, nested) : new ManyPart(name, slot, nested);
        }
        if (raw == List.class) {
            throw new ResultMappingException(where + " is a List but " + relation.qualifiedName()
                    + " is a one; declare it as " + "Optional<SomeRecord> or SomeRecord.");
        }
        boolean asOptional = raw == Optional.class;
        Class<?> element = asOptional ? elementType(where, component) : raw;
        RecordMapper<?> nested = plan(element, target, planned);
        return new OnePart(name, slot, nested, asOptional, child);
    }

    private static Class<?> elementType(String where, RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new ResultMappingException(where + " needs a concrete element type, e.g. List<LineItemView>, not "
                + generic.getTypeName() + ".");
    }

    private static Conversion conversion(String where, Class<?> component, Class<?> value, String source,
            boolean nullable) {
        Class<?> boxed = component.isPrimitive() ? BOXES.get(component) : component;
        Conversion conversion;
        if (boxed.isAssignableFrom(value)) {
            conversion = Conversion.NONE;
        } else if (boxed.isEnum() && value.isEnum()) {
            conversion = Conversion.ENUM_TO_ENUM;
        } else if (boxed == String.class && EnumType.class.isAssignableFrom(value)) {
            conversion = Conversion.ENUM_TO_LITERAL;
        } else {
            throw new ResultMappingException(where + " is " + component.getName() + " but " + source + " holds "
                    + value.getName() + "; declare the component as " + value.getSimpleName() + ".");
        }
        if (component.isPrimitive() && nullable) {
            throw new ResultMappingException(where + " is the primitive " + component.getName() + " but " + source
                    + " can be null; declare it as " + boxed.getSimpleName() + ".");
        }
        return conversion;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object value, Conversion conversion, Class<?> target) {
        if (value == null || conversion == Conversion.NONE) {
            return value;
        }
        if (conversion == Conversion.ENUM_TO_LITERAL) {
            return ((EnumType) value).getLiteral();
        }
        return Enum.valueOf((Class) target, ((Enum<?>) value).name());
    }
}
