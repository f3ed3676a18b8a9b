package io.github.keras4j.keras;

import io.github.keras4j.internal.ConfigReader;
import java.util.LinkedHashMap;
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
        requireShallow(json, source);
        try {
            Map<String, Object> tree = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            if (tree == null) {
                throw new IllegalArgumentException(source + " holds JSON null, not a Keras config object");
            }
            return tree;
        } catch (org.nd4j.shade.jackson.databind.exc.MismatchedInputException e) {
            throw new IllegalArgumentException(source + " is not a JSON object {...}, which a Keras config is", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            String problem = String.valueOf(e.getOriginalMessage());
            // Jackson quotes its input ("[Source: (String)...]"): the file's name and the place say enough.
            int quoted = problem.indexOf(" (start marker at [Source:");
            problem = quoted >= 0 ? problem.substring(0, quoted) : problem;
            quoted = problem.indexOf("[Source:");
            problem = quoted >= 0 ? problem.substring(0, quoted).strip() : problem;
            throw new IllegalArgumentException(source + " is not valid JSON: " + problem + where, e);
        }
    }

    /** Keras's configs nest a few levels; the parser recurses once per level, so a hostile file could exhaust the stack. */
    private static final int MAX_DEPTH = 500;

    private static void requireShallow(String json, String source) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new IllegalArgumentException(source + " nests objects and arrays more than " + MAX_DEPTH
                            + " levels deep (at character " + (i + 1) + "), far deeper than any Keras config");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** A JSON value in words, for errors ({@link ConfigReader#describe}): {@code an object}, {@code the number 3}. */
    public static String describe(Object value) {
        return ConfigReader.describe(value);
    }
}
