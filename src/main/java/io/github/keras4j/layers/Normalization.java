package io.github.keras4j.layers;

import io.github.keras4j.Backend;
import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.layers.dl4j.FixedNormalizationLayer;
import io.github.keras4j.layers.dl4j.FixedNormalizationParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shifts and scales each feature into a distribution around 0 with standard deviation 1:
 * {@code (x - mean) / max(sqrt(variance), epsilon)}, or with {@code invert} the inverse
 * {@code mean + x * max(sqrt(variance), epsilon)}. Keras's {@code keras.layers.Normalization(axis=-1, mean=None,
 * variance=None, invert=False)}; {@code epsilon} is Keras's {@code backend.epsilon()} ({@link Backend#epsilon()}).
 *
 * <p>The statistics come from data, {@code Normalization norm = new Normalization().adapt(x)} (Keras's
 * {@code norm.adapt(x)}: the mean and population variance of each feature; layers being immutable values, the adapted
 * copy is returned), and are then the layer's non-trainable weights {@code mean}, {@code variance} and {@code count}
 * (Keras 3 keeps {@code count} for older saved models and leaves it 0), saved with the model and never changed by
 * {@code fit}. Or they are given, {@code new Normalization(mean, variance)}: then, as in Keras, they are part of the
 * layer's config and the layer has no weights.
 *
 * <p>Only {@code axis=-1} is supported (one statistic per feature, per channel of an image, per feature of a
 * sequence's timesteps); Keras's other axes and {@code axis=None} are refused.
 */
public final class Normalization extends FluentLayer<Normalization> {

    /** Keras's {@code Normalization}. */
    public static final LayerType<Normalization> TYPE = LayerType.of("Normalization", Normalization::fromConfig)
            .acceptsImages().firstOnImages().acceptsSequences().firstOnSequences();

    /** Keras's {@code mean} argument (one value for every feature, or one per feature), or null. */
    private final double[] mean;
    private final double[] variance;
    private boolean invert;
    /** The weights' starting values: what {@link #adapt} computed, or null for Keras's initializers (0 and 1). */
    private double[] adaptedMean;
    private double[] adaptedVariance;

    /** {@code Normalization()}: statistics from {@link #adapt}, or set as weights; before either, mean 0, variance 1. */
    public Normalization() {
        this.mean = null;
        this.variance = null;
    }

    /**
     * {@code Normalization(mean=..., variance=...)}: fixed statistics, one value for every feature or one per feature;
     * the layer then has no weights, as in Keras.
     */
    public Normalization(double[] mean, double[] variance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        if (mean.length != variance.length || mean.length == 0) {
            throw new IllegalArgumentException("When setting values directly, `mean` and `variance` must have the same "
                    + "shape. Received: mean shape (" + mean.length + ",) and variance shape (" + variance.length
                    + ",)");
        }
        checkStatistics(mean, variance);
        this.mean = mean.clone();
        this.variance = variance.clone();
    }

    /** {@code Normalization(mean=m, variance=v)} with one mean and variance for every feature. */
    public Normalization(double mean, double variance) {
        this(new double[] {mean}, new double[] {variance});
    }

    private static void checkStatistics(double[] mean, double[] variance) {
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !Double.isFinite(variance[i]) || variance[i] < 0) {
                throw new IllegalArgumentException("mean and variance must be finite and the variance >= 0, received: "
                        + "mean[" + i + "]=" + mean[i] + ", variance[" + i + "]=" + variance[i]);
            }
        }
    }

    private static Normalization fromConfig(LayerConfig config) {
        Object axis = config.read("axis");
        if (!(Objects.equals(axis, -1) || Objects.equals(axis, List.of(-1)))) {
            throw new UnsupportedOperationException(config.where() + ": Normalization over axis "
                    + config.json(axis) + " is not supported; only axis=-1 (one mean and variance per feature)");
        }
        double[] mean = statistics(config, "mean");
        double[] variance = statistics(config, "variance");
        if ((mean == null) != (variance == null)) {
            throw new IllegalArgumentException(config.where() + ": When setting values directly, both `mean` and "
                    + "`variance` must be set. Received: mean=" + config.json(config.read("mean")) + " and variance="
                    + config.json(config.read("variance")));
        }
        Normalization normalization = mean == null ? new Normalization() : new Normalization(mean, variance);
        return normalization.invert(config.bool("invert", false));
    }

    /** A config's {@code mean} or {@code variance}: null, a number or a flat list of numbers. */
    private static double[] statistics(LayerConfig config, String key) {
        Object value = config.read(key);
        if (value == null) {
            return null;
        }
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        double[] numbers = new double[values.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(values.get(i) instanceof Number number)) {
                throw config.wrongType(key, "a number or a list of numbers, one per feature");
            }
            numbers[i] = number.doubleValue();
        }
        if (numbers.length == 0) {
            throw config.wrongType(key, "a number or a non-empty list of numbers, one per feature");
        }
        return numbers;
    }

    @Override
    public LayerType<Normalization> type() {
        return TYPE;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        Shape output = super.outputShape(inputShape);
        features(inputShape.last());
        return output;
    }

    /** Keras's weights {@code mean (n,)}, {@code variance (n,)} and {@code count ()}; none with given statistics. */
    @Override
    public long countParams(long inputUnits) {
        return mean != null ? 0 : Math.addExact(Math.multiplyExact(2, inputUnits), 1);
    }

    @Override
    public long countTrainableParams(long inputUnits) {
        return 0;
    }

    /** Keras's {@code mean} argument, or null when the statistics are weights. */
    public double[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** Keras's {@code variance} argument, or null when the statistics are weights. */
    public double[] variance() {
        return variance == null ? null : variance.clone();
    }

    /** Whether the layer undoes a normalization ({@code mean + x * std}) instead of applying it. */
    public boolean invert() {
        return invert;
    }

    /** A copy applying the inverse transformation (Keras's {@code invert=True}). */
    public Normalization invert(boolean invert) {
        Normalization copy = copy();
        copy.invert = invert;
        return copy;
    }

    /**
     * The statistics the layer's weights start with: what {@link #adapt} computed or {@link #statistics} set, or null
     * (Keras's initializers: mean 0, variance 1).
     */
    public double[] adaptedMean() {
        return adaptedMean == null ? null : adaptedMean.clone();
    }

    /** The variance counterpart of {@link #adaptedMean()}. */
    public double[] adaptedVariance() {
        return adaptedVariance == null ? null : adaptedVariance.clone();
    }

    /**
     * Keras's {@code layer.adapt(data)}: the mean and population variance of each feature (the last axis) over every
     * sample (and every pixel or timestep), computed in double precision, which the layer's weights start with. Returns
     * the adapted copy (layers are immutable values).
     *
     * @param data {@code [samples, features]}, or images / sequences with the features last
     */
    public Normalization adapt(INDArray data) {
        Objects.requireNonNull(data, "data");
        if (mean != null) {
            throw new IllegalStateException("layer " + this + " was given its mean and variance; adapt() computes them "
                    + "for a Normalization() without them");
        }
        if (data.rank() < 2 || data.length() == 0) {
            throw new IllegalArgumentException("adapt() needs a batch of samples, [samples, features] or more axes, "
                    + "received shape " + Arrays.toString(data.shape()));
        }
        long features = data.size(data.rank() - 1);
        INDArray rows = data.castTo(DataType.DOUBLE).dup('c').reshape('c', data.length() / features, features);
        double[] means = rows.mean(0).toDoubleVector();
        double[] variances = rows.var(false, 0).toDoubleVector();
        for (double value : variances) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("adapt() data hold a value that is not finite (NaN or infinite)");
            }
        }
        return statistics(means, variances);
    }

    /** {@link #adapt(INDArray)} on rows of features. */
    public Normalization adapt(float[][] data) {
        return adapt(Nd4j.createFromArray(data));
    }

    /** {@link #adapt(INDArray)} on rows of features. */
    public Normalization adapt(double[][] data) {
        return adapt(Nd4j.createFromArray(data));
    }

    /**
     * A copy whose weights start at these statistics, one mean and variance per feature, as if {@link #adapt} had
     * computed them (a CSV file's normalization becomes such a layer).
     */
    public Normalization statistics(double[] mean, double[] variance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        if (this.mean != null) {
            throw new IllegalStateException("layer " + this + " was given its mean and variance as arguments");
        }
        if (mean.length != variance.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and variance need one value per feature each, received "
                    + mean.length + " and " + variance.length);
        }
        checkStatistics(mean, variance);
        Normalization copy = copy();
        copy.adaptedMean = mean.clone();
        copy.adaptedVariance = variance.clone();
        return copy;
    }

    /** The statistics for {@code features} features, given or adapted (checked against the count), or null. */
    private double[][] statisticsFor(long features) {
        double[] m = mean != null ? mean : adaptedMean;
        double[] v = mean != null ? variance : adaptedVariance;
        if (m == null) {
            return null;
        }
        if (m.length == 1 && features != 1 && mean != null) {
            double[] filledMean = new double[Math.toIntExact(features)];
            double[] filledVariance = new double[filledMean.length];
            Arrays.fill(filledMean, m[0]);
            Arrays.fill(filledVariance, v[0]);
            return new double[][] {filledMean, filledVariance};
        }
        return new double[][] {m, v};
    }

    private void features(long features) {
        double[] m = mean != null ? mean : adaptedMean;
        if (m != null && m.length != features && !(mean != null && m.length == 1)) {
            throw new IllegalArgumentException("layer " + this + " has " + m.length + " means and variances ("
                    + (mean != null ? "given" : "adapted") + ") but its input has " + features + " features");
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("axis", List.of(-1));
        config.put("invert", invert);
        config.put("mean", mean == null ? null : listOf(mean));
        config.put("variance", variance == null ? null : listOf(variance));
    }

    private static List<Object> listOf(double[] values) {
        List<Object> list = new ArrayList<>();
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    /** Keras's [mean, variance, count], not trainable; none when the statistics were given as arguments. */
    @Override
    public List<KerasWeight> kerasWeights() {
        if (mean != null) {
            return List.of();
        }
        return List.of(KerasWeight.vector("mean", FixedNormalizationParams.MEAN).nonTrainable(),
                KerasWeight.vector("variance", FixedNormalizationParams.VARIANCE).nonTrainable(),
                KerasWeight.integerScalar("count", FixedNormalizationParams.COUNT).nonTrainable());
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        long features = inputShape.last();
        features(features);
        double[][] statistics = statisticsFor(features);
        return new FixedNormalizationLayer(name(), features, statistics == null ? null : statistics[0],
                statistics == null ? null : statistics[1], invert, Backend.epsilon());
    }

    /**
     * The compiled form of {@link io.github.keras4j.layers.dl4j.FixedNormalizationLayerImpl}, on features: {@code std =
     * max(sqrt(variance), epsilon)}, then {@code (x - mean) / std} (or {@code x * std + mean}), and backward
     * {@code dL/dy / std} (or {@code * std}); the statistics' gradients stay 0 and their updater is none.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        INDArray x = setup.input();
        if (x.rank() != 2) {
            throw new UnsupportedOperationException("normalization of rank-" + x.rank() + " input has no compiled form");
        }
        FixedNormalizationLayer conf = (FixedNormalizationLayer) setup.layer().conf().getLayer();
        LayerParameters parameters = new LayerParameters(setup.layer());
        INDArray meanParameter = parameters.parameter(FixedNormalizationParams.MEAN);
        INDArray varianceParameter = parameters.parameter(FixedNormalizationParams.VARIANCE);
        if (meanParameter.dataType() != x.dataType()) {
            throw new UnsupportedOperationException("normalization of " + x.dataType() + " input with "
                    + meanParameter.dataType() + " statistics has no compiled form");
        }
        KernelList forward = new KernelList(setup.buffers());
        INDArray std = forward.likeC(varianceParameter);
        forward.sqrt(varianceParameter, std).max(std, conf.epsilon(), std);
        INDArray output = forward.likeC(x);
        if (conf.invert()) {
            forward.mul(x, std, output).add(output, meanParameter, output);
        } else {
            forward.sub(x, meanParameter, output).div(output, std, output);
        }
        if (!setup.training()) {
            return CompiledLayer.inferenceOnly(output, forward.build());
        }
        return CompiledLayer.of(output, forward.build(), setup.buffers(), (backward, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray inputGradient = backward.likeC(outputGradient);
            if (conf.invert()) {
                backward.mul(outputGradient, std, inputGradient);
            } else {
                backward.div(outputGradient, std, inputGradient);
            }
            return inputGradient;
        });
    }
}
