package io.github.keras4j;

import io.github.keras4j.keras.KerasJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files and gold values real Keras 3 wrote for the tests: {@code src/test/resources/keras/keras4j__keras3-gold},
 * made by its {@code make_gold.py} (the script says which Keras and how).
 */
public final class KerasGold {

    /** The directory of the gold files, as a test resource path. */
    public static final String DIRECTORY = "/keras/keras4j__keras3-gold/";

    private static Map<String, Object> gold;

    private KerasGold() {
    }

    /** The whole gold.json. */
    public static synchronized Map<String, Object> all() {
        if (gold == null) {
            try (InputStream in = KerasGold.class.getResourceAsStream(DIRECTORY + "gold.json")) {
                if (in == null) {
                    throw new IOException("missing test resource " + DIRECTORY + "gold.json");
                }
                gold = KerasJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "gold.json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return gold;
    }

    /** A top-level object of gold.json. */
    public static Map<String, Object> section(String name) {
        return object(all().get(name), name);
    }

    /** What gold.json says about one saved model file. */
    public static Map<String, Object> model(String file) {
        return object(section("models").get(file), file);
    }

    /** The data set a model was evaluated on: {@code x}, {@code y}. */
    public static Map<String, Object> data(String name) {
        return object(section("data").get(name), name);
    }

    /** A gold file on disk. */
    public static Path file(String name) {
        try {
            return Path.of(KerasGold.class.getResource(DIRECTORY + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + DIRECTORY + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException("gold.json has no object " + what);
    }

    public static float[][] floats(Object rows) {
        List<?> list = (List<?>) rows;
        float[][] out = new float[list.size()][];
        for (int i = 0; i < out.length; i++) {
            List<?> row = (List<?>) list.get(i);
            out[i] = new float[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = ((Number) row.get(j)).floatValue();
            }
        }
        return out;
    }

    public static double[][] matrix(Object rows) {
        List<?> list = (List<?>) rows;
        double[][] out = new double[list.size()][];
        for (int i = 0; i < out.length; i++) {
            List<Double> row = doubles(list.get(i));
            out[i] = row.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    public static double[] vector(Object values) {
        return doubles(values).stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static List<Double> doubles(Object values) {
        List<Double> out = new ArrayList<>();
        for (Object value : (List<?>) values) {
            out.add(((Number) value).doubleValue());
        }
        return out;
    }

    public static List<String> strings(Object values) {
        List<String> out = new ArrayList<>();
        for (Object value : (List<?>) values) {
            out.add((String) value);
        }
        return out;
    }

    public static List<Integer> integers(Object values) {
        List<Integer> out = new ArrayList<>();
        for (Object value : (List<?>) values) {
            out.add(((Number) value).intValue());
        }
        return out;
    }
}
