package io.jooqrelations.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/**
 * The structure of a JSON document without its scalar values: objects by key, arrays by length. Two ways that build
 * the same tree have the same shape even where they format numbers differently (one writes {@code 12.50}, the other
 * {@code "12.50"}).
 *
 * <pre>{@code
 * JsonShape.of("{\"id\": 1, \"items\": [{\"n\": 2}]}").equals(JsonShape.of("{\"items\": [{\"n\": \"2\"}], \"id\": 7}"))
 * }</pre>
 */
final class JsonShape {

    private JsonShape() {
    }

    /** The shape of {@code json} (a JSON text, or null). */
    static String of(Object json) {
        if (json == null) {
            return "null";
        }
        try {
            return shape(new JSONParser().parse((String) json));
        } catch (ParseException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static String shape(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, String> keys = new TreeMap<>();
            map.forEach((k, v) -> keys.put(String.valueOf(k), shape(v)));
            return keys.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[").append(list.size()).append(':');
            list.forEach(v -> sb.append(shape(v)).append(','));
            return sb.append(']').toString();
        }
        return value == null ? "null" : "v";
    }
}
