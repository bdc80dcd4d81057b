package io.jooqrelations.query.internal;

import io.jooqrelations.query.ResultMappingException;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.internal.CamelCase;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.EnumType;
import org.jooq.Field;

/**
 * Maps rows into the user's Java {@code record} types: each component takes the column (camelCase of its name), extra
 * or relation of the same name; {@code List<X>} for a to-many, {@code X} or {@code Optional<X>} for a to-one,
 * recursively. The whole mapping is planned, and checked against the frozen level, before the query runs; it reads
 * {@link RowView}s, so it maps the rows of every back end the same way.
 *
 * @param <T> the record type mapped to
 */
public final class RecordMapper<T> {

    private final Class<T> type;
    /** The canonical constructor, taking its arguments as one {@code Object[]}. */
    private final java.lang.invoke.MethodHandle constructor;
    private final LevelPlan level;
    private final List<Part> parts = new ArrayList<>();

    private RecordMapper(Class<T> type, java.lang.invoke.MethodHandle constructor, LevelPlan level) {
        this.type = type;
        this.constructor = constructor;
        this.level = level;
    }

    /** What one record component reads, by position in the level. */
    private sealed interface Part {
    }

    private record ColumnPart(int index, Conversion conversion, Class<?> target) implements Part {
    }

    private record ExtraPart(int index, Conversion conversion, Class<?> target) implements Part {
    }

    private record ManyPart(int index, RecordMapper<?> nested) implements Part {
    }

    private record OnePart(int index, RecordMapper<?> nested, boolean asOptional) implements Part {
    }

    private record TreePart(int index, RecordMapper<?> nested) implements Part {
    }

    /** How a value becomes the component's type; chosen when planning, from the column's type. */
    private enum Conversion {
        NONE,
        ENUM_TO_ENUM,
        ENUM_TO_LITERAL
    }

    /**
     * The reflection that does not depend on the read, done once per record type. The constructor is a method handle
     * spread over an {@code Object[]}: on a bulk read (5 000 records) reflective {@code Constructor.newInstance} was the
     * largest cost of mapping.
     */
    private record RecordType(java.lang.invoke.MethodHandle constructor, RecordComponent[] components) {
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
                java.lang.invoke.MethodHandle handle = java.lang.invoke.MethodHandles.lookup()
                        .unreflectConstructor(constructor)
                        .asSpreader(Object[].class, rc.length)
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
                return new RecordType(handle, rc);
            } catch (NoSuchMethodException | IllegalAccessException | RuntimeException e) {
                throw new ResultMappingException("Cannot use the canonical constructor of " + type.getName() + ": " + e);
            }
        }
    };

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class, double.class, Double.class, float.class, Float.class, short.class, Short.class,
            byte.class, Byte.class, char.class, Character.class);

    /** Plans the mapping of {@code level} into {@code type}, checking every component against the read. */
    public static <T> RecordMapper<T> plan(Class<T> type, LevelPlan level) {
        return plan(type, level, new HashMap<>());
    }

    /** {@code planned} holds mappers being planned, so that a recursive record over a tree refers to itself. */
    @SuppressWarnings("unchecked")
    private static <T> RecordMapper<T> plan(Class<T> type, LevelPlan level, Map<List<Object>, RecordMapper<?>> planned) {
        if (type == null) {
            throw new ResultMappingException("The record type to map " + level.path() + " into is null.");
        }
        RecordMapper<?> known = planned.get(List.of(type, level));
        if (known != null) {
            return (RecordMapper<T>) known;
        }
        RecordType info = RECORD_TYPES.get(type);
        if (info.constructor() == null) {
            throw new ResultMappingException(type.getName() + " is not a Java record; map " + level.path() + " into a "
                    + "record whose components are named after its columns and relations, or use the Node tree.");
        }
        RecordMapper<T> mapper = new RecordMapper<>(type, info.constructor(), level);
        planned.put(List.of(type, level), mapper);
        for (RecordComponent component : info.components()) {
            mapper.parts.add(part(type, component, level, planned));
        }
        return mapper;
    }

    /** Maps every row. */
    public List<T> mapAll(List<RowView> rows) {
        List<T> mapped = new ArrayList<>(rows.size());
        for (RowView row : rows) {
            mapped.add(map(row));
        }
        return mapped;
    }

    /** Maps one row. */
    public T map(RowView row) {
        Object[] args = new Object[parts.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = read(parts.get(i), row);
        }
        return construct(args);
    }

    private Object read(Part part, RowView row) {
        if (part instanceof ColumnPart c) {
            return convert(row.column(c.index()), c.conversion(), c.target());
        }
        if (part instanceof ExtraPart e) {
            return convert(row.extra(e.index()), e.conversion(), e.target());
        }
        if (part instanceof ManyPart m) {
            return mapList(row.many(m.index()), m.nested());
        }
        if (part instanceof OnePart o) {
            RowView one = row.one(o.index());
            Object value = one == null ? null : o.nested().map(one);
            return o.asOptional() ? Optional.ofNullable(value) : value;
        }
        TreePart t = (TreePart) part;
        return mapList(row.tree(t.index()), t.nested());
    }

    private static List<Object> mapList(List<RowView> rows, RecordMapper<?> nested) {
        Object[] mapped = new Object[rows.size()];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = nested.map(rows.get(i));
        }
        return List.of(mapped);
    }

    @SuppressWarnings("unchecked")
    private T construct(Object[] args) {
        try {
            return (T) (Object) constructor.invokeExact(args);
        } catch (ClassCastException | java.lang.invoke.WrongMethodTypeException e) {
            throw new ResultMappingException("Cannot construct " + type.getName() + " from a row of " + level.path()
                    + ": " + e);
        } catch (RuntimeException e) {   // the record's own constructor threw it (a canonical one throws nothing checked)
            throw new ResultMappingException("The constructor of " + type.getName() + " rejected a row of "
                    + level.path() + ": " + e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("unreachable: a record's canonical constructor threw " + e, e);
        }
    }

    private static Part part(Class<?> owner, RecordComponent component, LevelPlan level,
            Map<List<Object>, RecordMapper<?>> planned) {
        String name = component.getName();
        String where = owner.getSimpleName() + "." + name;
        List<Field<?>> columns = level.columns();
        for (int i = 0; i < columns.size(); i++) {
            Field<?> column = columns.get(i);
            String explicit = level.explicitKey(i);
            if (explicit != null ? explicit.equals(name)
                    : CamelCase.of(column.getName()).equals(name) || column.getName().equals(name)) {
                Conversion conversion = conversion(where, component.getType(), column.getType(),
                        level.table().getName() + "." + column.getName(), column.getDataType().nullable());
                return new ColumnPart(i, conversion, component.getType());
            }
        }
        int extra = level.extraIndex(name);
        if (extra >= 0) {
            Field<?> field = level.extras().get(extra).field();
            Conversion conversion = conversion(where, component.getType(), field.getType(), "extra '" + name + "'",
                    field.getDataType().nullable());
            return new ExtraPart(extra, conversion, component.getType());
        }
        int child = level.childIndex(name);
        if (child >= 0) {
            LevelPlan.Child c = level.children().get(child);
            return relationPart(where, component, c.relation(), c.many(), c.level(), child, false, planned);
        }
        int tree = level.treeIndex(name);
        if (tree >= 0) {
            LevelPlan.Tree t = level.trees().get(tree);
            return relationPart(where, component, t.relation(), true, t.nodeLevel(), tree, true, planned);
        }
        List<String> extras = level.extras().stream().map(LevelPlan.Extra::name).toList();
        throw new ResultMappingException(where + " matches no column, extra or relation read at " + level.path()
                + ". Columns: " + String.join(", ", columnKeys(level))
                + "; extras: " + (extras.isEmpty() ? "none" : String.join(", ", extras))
                + "; relations: " + (level.relationNames().isEmpty() ? "none" : String.join(", ", level.relationNames()))
                + ". Rename the component, or add the with(...)/extra(...) it needs.");
    }

    private static List<String> columnKeys(LevelPlan level) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < level.columns().size(); i++) {
            String explicit = level.explicitKey(i);
            keys.add(explicit != null ? explicit : CamelCase.of(level.columns().get(i).getName()));
        }
        return keys;
    }

    private static Part relationPart(String where, RecordComponent component, Relation relation, boolean many,
            LevelPlan target, int index, boolean tree, Map<List<Object>, RecordMapper<?>> planned) {
        Class<?> raw = component.getType();
        if (many) {
            if (raw != List.class) {
                throw new ResultMappingException(where + " is " + component.getGenericType().getTypeName() + " but "
                        + relation.qualifiedName() + " is a many; declare it as List<SomeRecord>.");
            }
            RecordMapper<?> nested = plan(elementType(where, component), target, planned);
            return tree ? new TreePart(index, nested) : new ManyPart(index, nested);
        }
        if (raw == List.class) {
            throw new ResultMappingException(where + " is a List but " + relation.qualifiedName()
                    + " is a one; declare it as " + "Optional<SomeRecord> or SomeRecord.");
        }
        boolean asOptional = raw == Optional.class;
        Class<?> element = asOptional ? elementType(where, component) : raw;
        return new OnePart(index, plan(element, target, planned), asOptional);
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
