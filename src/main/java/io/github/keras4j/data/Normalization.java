package io.github.keras4j.data;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.List;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * How a {@link CsvDataset} scales its feature columns, with statistics fitted on the dataset's own file in one
 * streaming pass. Labels are never scaled.
 * <ul>
 * <li>{@link #STANDARDIZE} ({@code "standardize"}): {@code (x - mean) / std} per column with the population standard
 * deviation, ND4J's {@link NormalizerStandardize}; Keras's {@code layers.Normalization()} after {@code adapt} and
 * scikit-learn's {@code StandardScaler} compute the same, except that ND4J raises a standard deviation below 1e-5
 * to 1e-5 where Keras raises it to 1e-7 (a constant column becomes 0 in both).</li>
 * <li>{@link #MIN_MAX} ({@code "min_max"}): {@code (x - min) / (max - min)} per column into [0, 1], ND4J's
 * {@link NormalizerMinMaxScaler} (scikit-learn's {@code MinMaxScaler}); a constant column's range is raised to 1e-5,
 * so it becomes 0.</li>
 * <li>{@link #NONE} ({@code "none"}, the default): the numbers as they are in the file.</li>
 * </ul>
 */
public enum Normalization implements KerasNamed {
    STANDARDIZE("standardize"),
    MIN_MAX("min_max"),
    NONE("none");

    private final String kerasName;
    private final List<String> aliases;

    Normalization(String kerasName, String... aliases) {
        this.kerasName = kerasName;
        this.aliases = List.of(aliases);
    }

    @Override
    public String kerasName() {
        return kerasName;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    /** The normalization called {@code name} ("standardize", "min_max", "none"). */
    public static Normalization of(String name) {
        return Registry.lookup(Normalization.class, "normalization", name);
    }

    /** The kind of a fitted ND4J normalizer; only ND4J's standardize and min-max normalizers are accepted. */
    static Normalization of(DataNormalization normalizer) {
        if (normalizer instanceof NormalizerStandardize) {
            return STANDARDIZE;
        }
        if (normalizer instanceof NormalizerMinMaxScaler) {
            return MIN_MAX;
        }
        throw new IllegalArgumentException("only ND4J's NormalizerStandardize and NormalizerMinMaxScaler can "
                + "scale a CsvDataset, received: " + normalizer.getClass().getName());
    }

    /** A new, unfitted ND4J normalizer of this kind, or null for {@link #NONE}. */
    DataNormalization newNormalizer() {
        switch (this) {
            case STANDARDIZE:
                return new NormalizerStandardize();
            case MIN_MAX:
                return new NormalizerMinMaxScaler(0, 1);
            default:
                return null;
        }
    }
}
