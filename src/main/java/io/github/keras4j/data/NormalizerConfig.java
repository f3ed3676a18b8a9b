package io.github.keras4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted feature normalizer as plain JSON values (its kind and statistics), so that a model file can carry it
 * without ND4J's serializer, which may name classes to load.
 */
public final class NormalizerConfig {

    private NormalizerConfig() {
    }

    /** {"type": "standardize", "mean": [...], "std": [...]} or {"type": "min_max", "min", "max", "range"}. */
    public static Map<String, Object> toConfig(DataNormalization normalizer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", Normalization.of(normalizer).kerasName());
        if (normalizer instanceof NormalizerStandardize standardize) {
            config.put("mean", values(standardize.getMean()));
            config.put("std", values(standardize.getStd()));
        } else {
            NormalizerMinMaxScaler minMax = (NormalizerMinMaxScaler) normalizer;
            config.put("min", values(minMax.getMin()));
            config.put("max", values(minMax.getMax()));
            config.put("range", List.of(minMax.getTargetMin(), minMax.getTargetMax()));
        }
        return config;
    }

    /**
     * The normalizer a {@link #toConfig} tree describes.
     *
     * @param where what the tree came from, for error messages
     */
    public static DataNormalization fromConfig(Map<String, ?> config, String where) {
        return fromConfig(config, where, -1);
    }

    /**
     * The normalizer a {@link #toConfig} tree describes, for a model of {@code features} inputs: statistics of
     * another width are an error (ND4J would broadcast or fail deep inside a step).
     *
     * @param features the model's input features, or -1 to accept any width
     */
    public static DataNormalization fromConfig(Map<String, ?> config, String where, long features) {
        DataNormalization normalizer = read(config, where);
        for (String key : List.of("mean", "std", "min", "max")) {
            Object values = config.get(key);
            if (features >= 0 && values instanceof List<?> list && list.size() != features) {
                throw new IllegalArgumentException(where + ": the normalizer's " + key + " has " + list.size()
                        + " values but the model takes " + features + " input features");
            }
        }
        return normalizer;
    }

    private static DataNormalization read(Map<String, ?> config, String where) {
        for (String key : config.keySet()) {
            if (!List.of("type", "mean", "std", "min", "max", "range").contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key \"" + key + "\" in the normalizer (valid: "
                        + "type, mean, std, min, max, range)");
            }
        }
        Object type = config.get("type");
        if (!(type instanceof String name)) {
            throw new IllegalArgumentException(where + ": the normalizer has no type");
        }
        Normalization kind;
        try {
            kind = Normalization.of(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        switch (kind) {
            case STANDARDIZE:
                return new NormalizerStandardize(array(config, "mean", where), array(config, "std", where));
            case MIN_MAX:
                if (!(config.get("range") instanceof List<?> range) || range.size() != 2
                        || !(range.get(0) instanceof Number) || !(range.get(1) instanceof Number)) {
                    throw new IllegalArgumentException(where + ": the min_max normalizer needs a range [low, high]");
                }
                NormalizerMinMaxScaler minMax = new NormalizerMinMaxScaler(((Number) range.get(0)).doubleValue(),
                        ((Number) range.get(1)).doubleValue());
                minMax.setFeatureStats(array(config, "min", where), array(config, "max", where));
                return minMax;
            default:
                throw new IllegalArgumentException(where + ": a normalizer of type " + name + " has no statistics");
        }
    }

    private static List<Double> values(INDArray statistics) {
        List<Double> values = new ArrayList<>();
        for (double value : statistics.castTo(DataType.DOUBLE).reshape(statistics.length()).toDoubleVector()) {
            values.add(value);
        }
        return values;
    }

    private static INDArray array(Map<String, ?> config, String key, String where) {
        if (!(config.get(key) instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(where + ": the normalizer needs a non-empty list \"" + key + "\"");
        }
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(list.get(i) instanceof Number number)) {
                throw new IllegalArgumentException(where + ": normalizer " + key + "[" + i + "] is not a number");
            }
            values[i] = number.doubleValue();
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(where + ": normalizer " + key + "[" + i + "] is not finite");
            }
        }
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }
}
