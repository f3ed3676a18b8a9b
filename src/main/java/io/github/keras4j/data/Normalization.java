package io.github.keras4j.data;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    /**
     * Keras's {@code Normalization} layer computing what a fitted ND4J normalizer computes, its statistics as the
     * layer's weights: standardize's mean and {@code std^2}, min-max's minimum and {@code (max - min)^2} (so that
     * {@code (x - mean) / sqrt(variance)} is ND4J's {@code (x - mean) / std} and {@code (x - min) / (max - min)}, bit for
     * bit: the square root of a rounded square is the number again). ND4J raises a standard deviation or a range below
     * 1e-5 to 1e-5 before the statistics are taken, above the layer's epsilon.
     *
     * @param dataType the type of the data ND4J's normalizer scaled, to which it cast its statistics
     *
     * @throws IllegalArgumentException for a min-max normalizer to a range other than [0, 1], which no Normalization
     *     layer computes
     */
    public static io.github.keras4j.layers.Normalization layerOf(DataNormalization fitted,
            org.nd4j.linalg.api.buffer.DataType dataType) {
        of(fitted);
        if (fitted instanceof NormalizerStandardize standardize) {
            return layer(standardize.getMean(), standardize.getStd(), dataType);
        }
        NormalizerMinMaxScaler minMax = (NormalizerMinMaxScaler) fitted;
        if (minMax.getTargetMin() != 0 || minMax.getTargetMax() != 1) {
            throw new IllegalArgumentException("a min-max normalizer to [" + minMax.getTargetMin() + ", "
                    + minMax.getTargetMax() + "] has no Normalization layer: only the range [0, 1] is (x - min) / "
                    + "(max - min)");
        }
        // MinMaxStats.getRange: upper - lower in the statistics' type.
        return layer(minMax.getMin(), minMax.getMax().sub(minMax.getMin()), dataType);
    }

    private static io.github.keras4j.layers.Normalization layer(INDArray shift, INDArray scale, DataType dataType) {
        double[] mean = shift.castTo(dataType).castTo(DataType.DOUBLE).reshape(shift.length()).toDoubleVector();
        double[] std = scale.castTo(dataType).castTo(DataType.DOUBLE).reshape(scale.length()).toDoubleVector();
        double[] variance = new double[std.length];
        for (int i = 0; i < std.length; i++) {
            // Exact for a float32 std (24-bit significands multiply into 48 bits); rounded for float64.
            variance[i] = std[i] * std[i];
        }
        return new io.github.keras4j.layers.Normalization().statistics(mean, variance);
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
