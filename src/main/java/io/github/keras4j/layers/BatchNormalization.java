package io.github.keras4j.layers;

/**
 * Normalizes each feature with the batch's mean and variance in training and with moving averages at inference,
 * then scales by {@code gamma} and shifts by {@code beta}: Keras's {@code keras.layers.BatchNormalization()}.
 *
 * <p>Keras's defaults: {@code momentum} 0.99, {@code epsilon} 1e-3, {@code center} and {@code scale} true,
 * beta 0, gamma 1, moving mean 0, moving variance 1. Only the last axis is normalized (Keras's {@code axis=-1}).
 */
public final class BatchNormalization extends Layer {

    /** Keras's default momentum of the moving averages. */
    public static final double DEFAULT_MOMENTUM = 0.99;
    /** Keras's default epsilon added to the variance. */
    public static final double DEFAULT_EPSILON = 1e-3;

    private double momentum = DEFAULT_MOMENTUM;
    private double epsilon = DEFAULT_EPSILON;
    private boolean center = true;
    private boolean scale = true;

    /** {@code BatchNormalization()} with Keras's defaults. */
    public BatchNormalization() {
    }

    @Override
    public String className() {
        return "BatchNormalization";
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
    public long countParams(long inputUnits) {
        return countTrainableParams(inputUnits) + 2 * inputUnits;
    }

    @Override
    public long countTrainableParams(long inputUnits) {
        return (center ? inputUnits : 0) + (scale ? inputUnits : 0);
    }

    public double momentum() {
        return momentum;
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

    /** A copy with this momentum of the moving mean and variance, in [0, 1]. */
    public BatchNormalization momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], received: " + momentum);
        }
        BatchNormalization copy = copy();
        copy.momentum = momentum;
        return copy;
    }

    /** A copy with this epsilon, which must be positive. */
    public BatchNormalization epsilon(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, received: " + epsilon);
        }
        BatchNormalization copy = copy();
        copy.epsilon = epsilon;
        return copy;
    }

    /** A copy with or without the learned offset {@code beta}. */
    public BatchNormalization center(boolean center) {
        BatchNormalization copy = copy();
        copy.center = center;
        return copy;
    }

    /** A copy with or without the learned scale {@code gamma}. */
    public BatchNormalization scale(boolean scale) {
        BatchNormalization copy = copy();
        copy.scale = scale;
        return copy;
    }

    @Override
    public BatchNormalization name(String name) {
        return (BatchNormalization) super.name(name);
    }

    @Override
    public BatchNormalization dtype(String dtype) {
        return (BatchNormalization) super.dtype(dtype);
    }

    @Override
    public BatchNormalization inputShape(long... shape) {
        return (BatchNormalization) super.inputShape(shape);
    }

    @Override
    public BatchNormalization inputDim(long inputDim) {
        return (BatchNormalization) super.inputDim(inputDim);
    }
}
