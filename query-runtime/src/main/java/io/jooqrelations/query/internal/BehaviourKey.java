package io.jooqrelations.query.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Binding;
import org.jooq.Converter;
import org.jooq.DataType;

/**
 * What the behaviour of a converter or binding depends on, as a part of a {@link ShapeKey}: two objects with equal
 * keys read and bind every value alike, so a statement (and its decoders) compiled with one may serve a read that
 * holds the other.
 *
 * <p>The argument: an object's behaviour is its class's code applied to its fields. When every instance field of the
 * class (and its superclasses) is {@code final} and holds an immutable value — a string, a boxed primitive, a class, an
 * enum constant, or an object that meets the same rule, a few levels deep — the class and those values determine the
 * behaviour, and the key is exactly that: {@code convertFrom(id -> id * rate)} is keyed by jOOQ's converter class, the
 * lambda's class and the captured {@code rate}, so reads with another rate are other shapes and reads with the same
 * rate share one. Anything else (a mutable field, an array, a captured service object, a field that reflection may not
 * read) is keyed by the object's <em>identity</em>: only a read holding that very object shares the statement. Generated
 * tables keep one converter per column, so their reads still share statements; a converter made anew for every read
 * from mutable state makes every read a shape of its own (correct, and rendered like an uncached read).
 */
final class BehaviourKey {

    /** How deep the fields of fields are followed before the object counts as opaque (keyed by identity). */
    private static final int MAX_DEPTH = 4;

    private static final Class<?> IDENTITY_CONVERTER = identityConverterClass();

    /** Per class: its instance fields, readable and all final; or null when some are not (instances are opaque). */
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return finalFields(type);
        }
    };

    private BehaviourKey() {
    }

    /** The key of how {@code type}'s converter turns database values into Java values and back. */
    static Object converter(DataType<?> type) {
        Converter<?, ?> converter = type.getConverter();
        if (converter.getClass() == IDENTITY_CONVERTER) {   // the common case, without reflection
            return converter.toType();
        }
        return of(converter, 0);
    }

    /**
     * The key of how {@code type}'s binding renders, binds and reads values. jOOQ's own bindings are made from the
     * type and its converter (keyed already): their class says the rest.
     */
    static Object binding(DataType<?> type) {
        Binding<?, ?> binding = type.getBinding();
        if (isJooqBinding(binding) && binding.converter() == type.getConverter()) {
            return binding.getClass();
        }
        return of(binding, 0);
    }

    /** Whether values of {@code type} are read exactly as jOOQ reads the Java type, no converter or binding of a user's. */
    static boolean isPlain(DataType<?> type) {
        return type.getConverter().getClass() == IDENTITY_CONVERTER && isJooqBinding(type.getBinding());
    }

    private static boolean isJooqBinding(Binding<?, ?> binding) {
        return isJooqImplementation(binding.getClass());
    }

    /** Per class: whether it is one of jOOQ's implementation classes ({@code org.jooq.impl}). */
    private static final ClassValue<Boolean> JOOQ_IMPLEMENTATION = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.getName().startsWith("org.jooq.impl.");
        }
    };

    /** Whether {@code type} is one of jOOQ's implementation classes, whose behaviour jOOQ's model fully states. */
    static boolean isJooqImplementation(Class<?> type) {
        return JOOQ_IMPLEMENTATION.get(type);
    }

    /** The key of an object's state: a class with its field values, the value itself, or its identity. */
    private record State(Class<?> type, List<Object> values) {
    }

    private static Object of(Object value, int depth) {
        if (value == null || isImmutableValue(value)) {
            return value;
        }
        Field[] fields = depth < MAX_DEPTH ? FIELDS.get(value.getClass()) : null;
        if (fields == null) {
            return new Identity(value);
        }
        List<Object> values = new ArrayList<>(fields.length);
        for (Field field : fields) {
            Object fieldValue;
            try {
                fieldValue = field.get(value);
            } catch (IllegalAccessException e) {
                return new Identity(value);
            }
            Object key = of(fieldValue, depth + 1);
            if (key instanceof Identity) {   // one opaque part makes the whole opaque: its behaviour is unknown
                return new Identity(value);
            }
            values.add(key);
        }
        return new State(value.getClass(), values);
    }

    private static boolean isImmutableValue(Object value) {
        return value instanceof String || value instanceof Class || value instanceof Enum || value instanceof Boolean
                || value instanceof Character || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double;
    }

    private static Field[] finalFields(Class<?> type) {
        if (type.isArray()) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (!Modifier.isFinal(field.getModifiers()) || !trySetAccessible(field)) {
                    return null;
                }
                fields.add(field);
            }
        }
        return fields.toArray(new Field[0]);
    }

    private static boolean trySetAccessible(Field field) {
        try {
            return field.trySetAccessible();
        } catch (RuntimeException e) {   // a security manager's refusal
            return false;
        }
    }

    private static Class<?> identityConverterClass() {
        return org.jooq.impl.SQLDataType.INTEGER.getConverter().getClass();
    }
}
