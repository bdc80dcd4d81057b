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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Maps {@link Node}s into the user's Java {@code record} types: each component takes the column (camelCase of its
 * name), extra or relation of the same name; {@code List<X>} for a to-many, {@code X} or {@code Optional<X>} for a
 * to-one, recursively. The whole plan is checked against the read before the query runs.
 *
 * @param <T> the record type mapped to
 */
final class RecordMapper<T> {

    private final Class<T> type;
    private final Constructor<T> constructor;
    private final List<Function<Node<?>, Object>> components = new ArrayList<>();

    private RecordMapper(Class<T> type, Constructor<T> constructor) {
        this.type = type;
        this.constructor = constructor;
    }

    /** The reflection that does not depend on the read: each record type's canonical constructor, looked up once. */
    private static final ClassValue<Constructor<?>> CANONICAL = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor;
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new ResultMappingException("Cannot use the canonical constructor of " + type.getName() + ": " + e);
            }
        }
    };

    /** Plans the mapping of {@code level} into {@code type}, checking every component against the read. */
    static <T> RecordMapper<T> plan(Class<T> type, AbstractLevel<?, ?> level) {
        return plan(type, level, new java.util.HashMap<>());
    }

    /** {@code planned} holds mappers being planned, so that a recursive record over a tree refers to itself. */
    @SuppressWarnings("unchecked")
    private static <T> RecordMapper<T> plan(Class<T> type, AbstractLevel<?, ?> level, Map<List<Object>, RecordMapper<?>> planned) {
        RecordMapper<?> known = planned.get(List.of(type == null ? Void.class : type, level));
        if (known != null) {
            return (RecordMapper<T>) known;
        }
        if (type == null) {
            throw new ResultMappingException("The record type to map " + level.path + " into is null.");
        }
        if (!type.isRecord()) {
            throw new ResultMappingException(type.getName() + " is not a Java record; map " + level.path + " into a record "
                    + "whose components are named after its columns and relations, or use the Node tree.");
        }
        RecordComponent[] rc = type.getRecordComponents();
        RecordMapper<T> mapper = new RecordMapper<>(type, (Constructor<T>) CANONICAL.get(type));
        planned.put(List.of(type, level), mapper);
        for (RecordComponent component : rc) {
            mapper.components.add(getter(type, component, level, planned));
        }
        return mapper;
    }

    T map(Node<?> node) {
        Object[] args = new Object[components.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = components.get(i).apply(node);
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new ResultMappingException("The constructor of " + type.getName() + " rejected a row of "
                    + node.level().path + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ResultMappingException("Cannot construct " + type.getName() + ": " + e);
        }
    }

    private static Function<Node<?>, Object> getter(Class<?> owner, RecordComponent component, AbstractLevel<?, ?> level,
            Map<List<Object>, RecordMapper<?>> planned) {
        String name = component.getName();
        String where = owner.getSimpleName() + "." + name;
        for (Field<?> column : level.selectedColumns()) {
            if (Names.camelCase(column.getName()).equals(name) || column.getName().equals(name)) {
                checkValueType(where, component.getType(), column.getType(), level.table.getName() + "." + column.getName(),
                        column.getDataType().nullable());
                int index = level.table.indexOf(column);
                Class<?> target = component.getType();
                return node -> convert(node.record().get(index), target);
            }
        }
        if (level.extras.containsKey(name)) {
            Field<?> extra = level.extras.get(name);
            checkValueType(where, component.getType(), extra.getType(), "extra '" + name + "'",
                    extra.getDataType().nullable());
            Class<?> target = component.getType();
            return node -> convert(node.extras().get(name), target);
        }
        AbstractLevel.Child child = level.children.get(name);
        if (child != null) {
            return relationGetter(where, component, child.relation(), child.level(), planned);
        }
        AbstractLevel.Tree tree = level.trees.get(name);
        if (tree != null) {
            return relationGetter(where, component, tree.relation(), tree.nodeLevel(), planned);
        }
        throw new ResultMappingException(where + " matches no column, extra or relation read at " + level.path
                + ". Columns: " + String.join(", ", level.selectedColumns().stream().map(f -> Names.camelCase(f.getName())).toList())
                + "; extras: " + (level.extras.isEmpty() ? "none" : String.join(", ", level.extras.keySet()))
                + "; relations: " + (level.children.isEmpty() && level.trees.isEmpty() ? "none"
                        : String.join(", ", relationNames(level)))
                + ". Rename the component, or add the with(...)/extra(...) it needs.");
    }

    private static List<String> relationNames(AbstractLevel<?, ?> level) {
        List<String> names = new ArrayList<>(level.children.keySet());
        names.addAll(level.trees.keySet());
        return names;
    }

    private static Function<Node<?>, Object> relationGetter(String where, RecordComponent component, Relation relation,
            AbstractLevel<?, ?> target, Map<List<Object>, RecordMapper<?>> planned) {
        String name = component.getName();
        Class<?> raw = component.getType();
        if (relation.kind() == RelationKind.MANY) {
            if (raw != List.class) {
                throw new ResultMappingException(where + " is " + component.getGenericType().getTypeName() + " but "
                        + relation.qualifiedName() + " is a many; declare it as List<SomeRecord>.");
            }
            RecordMapper<?> nested = plan(elementType(where, component), target, planned);
            return node -> {
                List<Node<?>> rows = node.many(name);
                List<Object> mapped = new ArrayList<>(rows.size());
                rows.forEach(r -> mapped.add(nested.map(r)));
                return List.copyOf(mapped);
            };
        }
        if (raw == Optional.class) {
            RecordMapper<?> nested = plan(elementType(where, component), target, planned);
            return node -> node.one(name).map(nested::map);
        }
        if (raw == List.class) {
            throw new ResultMappingException(where + " is a List but " + relation.qualifiedName()
                    + " is a one; declare it as " + "Optional<SomeRecord> or SomeRecord.");
        }
        RecordMapper<?> nested = plan(raw, target, planned);
        return node -> node.one(name).map(nested::map).orElse(null);
    }

    private static Class<?> elementType(String where, RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new ResultMappingException(where + " needs a concrete element type, e.g. List<LineItemView>, not "
                + generic.getTypeName() + ".");
    }

    private static void checkValueType(String where, Class<?> component, Class<?> value, String source, boolean nullable) {
        Class<?> boxed = box(component);
        boolean fits = boxed.isAssignableFrom(value) || (boxed.isEnum() && value.isEnum())
                || (boxed == String.class && value.isEnum());
        if (!fits) {
            throw new ResultMappingException(where + " is " + component.getName() + " but " + source + " holds "
                    + value.getName() + "; declare the component as " + value.getSimpleName() + ".");
        }
        if (component.isPrimitive() && nullable) {
            throw new ResultMappingException(where + " is the primitive " + component.getName() + " but " + source
                    + " can be null; declare it as " + boxed.getSimpleName() + ".");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object value, Class<?> target) {
        if (value == null) {
            return null;
        }
        Class<?> boxed = box(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (boxed.isEnum() && value instanceof Enum<?> e) {
            return Enum.valueOf((Class) boxed, e.name());
        }
        if (boxed == String.class && value instanceof org.jooq.EnumType e) {
            return e.getLiteral();
        }
        return value;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return Map.<Class<?>, Class<?>>of(int.class, Integer.class, long.class, Long.class, boolean.class, Boolean.class,
                double.class, Double.class, float.class, Float.class, short.class, Short.class, byte.class, Byte.class,
                char.class, Character.class).get(c);
    }
}
