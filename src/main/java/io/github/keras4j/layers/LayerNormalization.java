package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.Reshapes;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.dl4j.KerasLayerNormalization;
import io.github.keras4j.layers.dl4j.KerasLayerNormalizationImpl;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Normalizes each sample's features by their own mean and variance (per timestep of a sequence, per pixel of an
 * image), then scales by {@code gamma} and shifts by {@code beta}: Keras's {@code keras.layers.LayerNormalization()}.
 *
 * <p>Keras's defaults: {@code axis} -1 (the only one supported), {@code epsilon} 1e-3, {@code center} and
 * {@code scale} true, beta initializer {@code zeros}, gamma initializer {@code ones}, no regularizers.
 * {@code new LayerNormalization().epsilon(1e-6)} is {@code LayerNormalization(epsilon=1e-6)}. Its weights are
 * Keras's: {@code [gamma (features), beta (features)]}, each only when {@code scale} ({@code center}) is on. Training
 * and inference compute the same (no moving statistics).
 */
public final class LayerNormalization extends FluentLayer<LayerNormalization> {

    /** Keras's {@code LayerNormalization} (tf.keras 2.x and Keras 3). */
    public static final LayerType<LayerNormalization> TYPE = LayerType.of("LayerNormalization",
            LayerNormalization::fromConfig)
            .firstOnImages()
            .firstOnSequences();

    /** Keras's default epsilon added to the variance. */
    public static final double DEFAULT_EPSILON = 1e-3;

    private int axis = -1;
    private double epsilon = DEFAULT_EPSILON;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;

    /** {@code LayerNormalization()} with Keras's defaults. */
    public LayerNormalization() {
    }

    private static LayerNormalization fromConfig(LayerConfig config) {
        Object axisValue = config.read("axis");
        List<Object> axes = axisValue == null ? List.of(-1) : config.list(axisValue instanceof List<?> ? axisValue
                : List.of(axisValue));
        if (axes.size() != 1 || !(axes.get(0) instanceof Integer axis) || axis == 0 || axis < -1) {
            throw new UnsupportedOperationException(config.where() + ": \"axis\" = " + config.json(axisValue)
                    + " is not supported by keras4j; only the last axis (-1)");
        }
        if (config.bool("rms_scaling", false)) {
            throw new UnsupportedOperationException(config.where() + ": \"rms_scaling\" = true is not supported by "
                    + "keras4j; only false (normalization by mean and variance)");
        }
        config.mustBeNull("beta_constraint", "gamma_constraint");
        LayerNormalization layer = new LayerNormalization()
                .epsilon(config.number("epsilon", DEFAULT_EPSILON))
                .center(config.bool("center", true))
                .scale(config.bool("scale", true))
                .betaInitializer(config.initializer("beta_initializer", "zeros"))
                .gammaInitializer(config.initializer("gamma_initializer", "ones"))
                .betaRegularizer(config.regularizer("beta_regularizer"))
                .gammaRegularizer(config.regularizer("gamma_regularizer"));
        // tf.keras writes the axis it was built with, counted with the batch axis (2 on sequences): the last one is
        // checked against the input's rank when the shape is known.
        layer.axis = (Integer) axes.get(0);
        return layer;
    }

    @Override
    public LayerType<LayerNormalization> type() {
        return TYPE;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (axis != -1 && axis != inputShape.rank()) {
            throw new UnsupportedOperationException("LayerNormalization layer " + name() + ": axis " + axis
                    + " is not the last axis of its input " + inputShape + "; keras4j normalizes only the last axis "
                    + "(-1)");
        }
        if (!inputShape.isKnown(-1)) {
            throw new UnsupportedOperationException("LayerNormalization layer " + name() + " needs the size of its "
                    + "last axis known, received input of shape " + inputShape.sizesText());
        }
        return inputShape;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public long countParams(long inputUnits) {
        return Math.multiplyExact(inputUnits, (center ? 1 : 0) + (scale ? 1 : 0));
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean center() {
        return center;
    }

    public boolean scale() {
        return scale;
    }

    public Initializer betaInitializer() {
        return betaInitializer;
    }

    public Initializer gammaInitializer() {
        return gammaInitializer;
    }

    /** The beta regularizer, or null. */
    public Regularizer betaRegularizer() {
        return betaRegularizer;
    }

    /** The gamma regularizer, or null. */
    public Regularizer gammaRegularizer() {
        return gammaRegularizer;
    }

    /** A copy with this epsilon added to the variance, which must be positive. */
    public LayerNormalization epsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive number, received: " + epsilon);
        }
        LayerNormalization copy = copy();
        copy.epsilon = epsilon;
        return copy;
    }

    /** A copy with or without the learned offset {@code beta}. */
    public LayerNormalization center(boolean center) {
        LayerNormalization copy = copy();
        copy.center = center;
        return copy;
    }

    /** A copy with or without the learned scale {@code gamma}. */
    public LayerNormalization scale(boolean scale) {
        LayerNormalization copy = copy();
        copy.scale = scale;
        return copy;
    }

    /** A copy with this beta initializer, by Keras name. */
    public LayerNormalization betaInitializer(String name) {
        return betaInitializer(Initializers.get(name));
    }

    /** A copy with this beta initializer. */
    public LayerNormalization betaInitializer(Initializer initializer) {
        LayerNormalization copy = copy();
        copy.betaInitializer = Objects.requireNonNull(initializer, "betaInitializer");
        return copy;
    }

    /** A copy with this gamma initializer, by Keras name. */
    public LayerNormalization gammaInitializer(String name) {
        return gammaInitializer(Initializers.get(name));
    }

    /** A copy with this gamma initializer. */
    public LayerNormalization gammaInitializer(Initializer initializer) {
        LayerNormalization copy = copy();
        copy.gammaInitializer = Objects.requireNonNull(initializer, "gammaInitializer");
        return copy;
    }

    /** A copy with this beta regularizer, by Keras name. */
    public LayerNormalization betaRegularizer(String name) {
        return betaRegularizer(Regularizers.get(name));
    }

    /** A copy with this beta regularizer (null for none). */
    public LayerNormalization betaRegularizer(Regularizer regularizer) {
        LayerNormalization copy = copy();
        copy.betaRegularizer = regularizer;
        return copy;
    }

    /** A copy with this gamma regularizer, by Keras name. */
    public LayerNormalization gammaRegularizer(String name) {
        return gammaRegularizer(Regularizers.get(name));
    }

    /** A copy with this gamma regularizer (null for none). */
    public LayerNormalization gammaRegularizer(Regularizer regularizer) {
        LayerNormalization copy = copy();
        copy.gammaRegularizer = regularizer;
        return copy;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        // tf.keras 2.x's key order.
        config.put("axis", axis);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", kerasObject(betaInitializer));
        config.put("gamma_initializer", kerasObject(gammaInitializer));
        config.put("beta_regularizer", kerasObject(betaRegularizer));
        config.put("gamma_regularizer", kerasObject(gammaRegularizer));
        config.put("beta_constraint", null);
        config.put("gamma_constraint", null);
    }

    /** Keras 3 writes the axis as a list, adds {@code rms_scaling} after {@code scale}. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        Map<String, Object> keras2 = new java.util.LinkedHashMap<>(config);
        config.clear();
        keras2.forEach((key, value) -> {
            config.put(key, key.equals("axis") ? List.of(axis) : value);
            if (key.equals("scale")) {
                config.put("rms_scaling", false);
            }
        });
        config.put("beta_initializer", keras3Object(betaInitializer));
        config.put("gamma_initializer", keras3Object(gammaInitializer));
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    /** Keras's [gamma, beta], each only when the layer scales (centers). */
    @Override
    public List<KerasWeight> kerasWeights() {
        List<KerasWeight> weights = new ArrayList<>();
        if (scale) {
            weights.add(KerasWeight.vector("gamma", KerasLayerNormalization.GAMMA));
        }
        if (center) {
            weights.add(KerasWeight.vector("beta", KerasLayerNormalization.BETA));
        }
        return weights;
    }

    /** Draws gamma and beta when their Keras initializers are random, with Keras's fans of a vector (its length). */
    @Override
    public void initializeParams(Map<String, INDArray> params) {
        draw(params.get(KerasLayerNormalization.GAMMA), gammaInitializer);
        draw(params.get(KerasLayerNormalization.BETA), betaInitializer);
    }

    private static void draw(INDArray param, Initializer initializer) {
        if (param == null || initializer.constantValue().isPresent()) {
            return;
        }
        long length = param.length();
        INDArray values = param.dup('c').reshape(length);
        initializer.toDl4j().init(length, length, new long[] {length}, 'c', values);
        param.assign(values.reshape(param.shape()));
    }

    /** keras4j's DL4J layer (DL4J has none normalizing each sample with Keras's epsilon and offset). */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        KerasLayerNormalization layer = new KerasLayerNormalization(name(), inputShape.last(), epsilon, center, scale,
                gammaInitializer.constantValue().orElse(1.0), betaInitializer.constantValue().orElse(0.0));
        if (gammaRegularizer != null && scale) {
            layer.setRegularization(new ArrayList<>(gammaRegularizer.toDl4j()));
        }
        if (betaRegularizer != null && center) {
            layer.setRegularizationBias(new ArrayList<>(betaRegularizer.toDl4j()));
        }
        return layer;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /**
     * On sequences too (DL4J runs it on each timestep's row; it ignores a mask, as Keras's LayerNormalization does, and
     * passes it on).
     */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return true;
    }

    /**
     * {@link KerasLayerNormalizationImpl}'s operations on the input as c-order rows of features (on sequences DL4J's
     * {@code TimeDistributedLayer} hands it the same rows): each row's mean, centred values, their squares' mean,
     * {@code (var + epsilon)^-0.5}, xHat, times gamma, plus beta; backward dGamma and dBeta summed over the rows and
     * {@code dx = (g - mean(g) - xHat mean(g xHat)) (var + epsilon)^-0.5}, each step the operation DL4J's runs (its
     * column and row broadcasts are one IEEE operation per value, as the broadcasting custom operations here). DL4J's
     * backward pass recomputes xHat and the inverse deviation from the same input with the same operations; the
     * compiled one keeps the forward pass's.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before " + this + " has no compiled form");
        }
        org.deeplearning4j.nn.api.Layer dl4j = setup.layer();
        if (dl4j instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer wrapper) {
            dl4j = wrapper.getUnderlying();
        }
        if (!(dl4j instanceof KerasLayerNormalizationImpl)) {
            throw new UnsupportedOperationException(this + " has no compiled form for DL4J layer " + dl4j);
        }
        KerasLayerNormalization conf = (KerasLayerNormalization) dl4j.conf().getLayer();
        LayerParameters parameters = new LayerParameters(dl4j);
        INDArray gamma = conf.scale() ? parameters.parameter(KerasLayerNormalization.GAMMA) : null;
        INDArray beta = conf.center() ? parameters.parameter(KerasLayerNormalization.BETA) : null;
        INDArray input = setup.input();
        long features = conf.features();
        long rows = input.length() / features;
        Buffers buffers = setup.buffers();
        KernelList forward = new KernelList(buffers);
        INDArray x = Reshapes.reshape(forward, buffers, input, 'c', rows, features);
        INDArray mean = buffers.array('c', rows, 1);
        forward.mean(x, 1, mean);
        INDArray xHat = buffers.array('c', rows, features);
        forward.sub(x, mean, xHat);
        INDArray squares = buffers.array('c', rows, features);
        forward.mul(xHat, xHat, squares);
        INDArray inverseStd = buffers.array('c', rows, 1);
        forward.mean(squares, 1, inverseStd);
        forward.add(inverseStd, conf.epsilon(), inverseStd);
        forward.pow(inverseStd, -0.5, inverseStd);
        forward.mul(xHat, inverseStd, xHat);
        INDArray output = buffers.array('c', input.shape());
        INDArray y = output.reshape('c', new long[] {rows, features});
        if (gamma != null) {
            forward.mul(xHat, gamma, y);
        } else {
            forward.copy(xHat, y);
        }
        if (beta != null) {
            forward.add(y, beta, y);
        }
        return CompiledLayer.of(output, forward.build(), buffers, (kernels, outputGradient, needed) -> {
            INDArray dy = Reshapes.reshape(kernels, buffers, outputGradient, 'c', rows, features);
            if (gamma != null) {
                INDArray dyXHat = buffers.array('c', rows, features);
                kernels.mul(dy, xHat, dyXHat);
                kernels.sum(dyXHat, 0, parameters.gradient(KerasLayerNormalization.GAMMA));
            }
            if (beta != null) {
                kernels.sum(dy, 0, parameters.gradient(KerasLayerNormalization.BETA));
            }
            if (!needed) {
                return null;
            }
            INDArray g = dy;
            if (gamma != null) {
                g = buffers.array('c', rows, features);
                kernels.mul(dy, gamma, g);
            }
            INDArray meanG = buffers.array('c', rows, 1);
            kernels.mean(g, 1, meanG);
            INDArray gXHat = buffers.array('c', rows, features);
            kernels.mul(g, xHat, gXHat);
            INDArray meanGXHat = buffers.array('c', rows, 1);
            kernels.mean(gXHat, 1, meanGXHat);
            INDArray inputGradient = buffers.array('c', input.shape());
            INDArray dx = inputGradient.reshape('c', new long[] {rows, features});
            kernels.sub(g, meanG, dx);
            INDArray scaledXHat = buffers.array('c', rows, features);
            kernels.mul(xHat, meanGXHat, scaledXHat);
            kernels.sub(dx, scaledXHat, dx);
            kernels.mul(dx, inverseStd, dx);
            return inputGradient;
        });
    }
}
