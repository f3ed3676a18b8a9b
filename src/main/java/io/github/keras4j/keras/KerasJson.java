package io.github.keras4j.keras;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonGenerator;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** JSON text to and from the plain maps and lists that hold Keras configs (Jackson, as DL4J ships it). */
public final class KerasJson {

    // A key given twice is an error, not last-wins: a config must not quietly lose a setting.
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private KerasJson() {
    }

    /** Keras's JSON layout of a config tree. */
    public static String write(Object config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write this config as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * JSON text as Python's {@code json.dumps} writes it into Keras's files: every character beyond ASCII escaped
     * ({@code \\u00e9}), so that the text can be stored as ASCII, as Keras stores its configs.
     */
    public static String writeAscii(Object config) {
        try {
            return MAPPER.writer().with(JsonGenerator.Feature.ESCAPE_NON_ASCII).writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write this config as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The config tree a JSON object text holds.
     *
     * @param source what the text is, for the error message (a file name, "the JSON given")
     */
    public static Map<String, Object> read(String json, String source) {
        try {
            Map<String, Object> tree = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            if (tree == null) {
                throw new IllegalArgumentException(source + " holds JSON null, not a Keras config object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
    }

    /** A required JSON object member. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, ?> parent, String key, String where) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(where + ": expected an object under \"" + key + "\", found "
                    + describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** A required JSON array member. */
    @SuppressWarnings("unchecked")
    static List<Object> array(Map<String, ?> parent, String key, String where) {
        Object value = parent.get(key);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(where + ": expected an array under \"" + key + "\", found "
                    + describe(value));
        }
        return (List<Object>) value;
    }

    /** A required JSON string member. */
    static String string(Map<String, ?> parent, String key, String where) {
        Object value = parent.get(key);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(where + ": expected a string under \"" + key + "\", found "
                    + describe(value));
        }
        return text;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "the string \"" + value + "\"" : String.valueOf(value);
    }
}
