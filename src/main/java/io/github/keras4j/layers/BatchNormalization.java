package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;

/**
 * Normalizes each feature with the batch's mean and variance in training and with moving averages at inference,
 * then scales by {@code gamma} and shifts by {@code beta}: Keras's {@code keras.layers.BatchNormalization()}.
 *
 * <p>Keras's defaults: {@code momentum} 0.99, {@code epsilon} 1e-3, {@code center} and {@code scale} true,
 * beta 0, gamma 1, moving mean 0, moving variance 1. Only the last axis is normalized (Keras's {@code axis=-1}).
 */
public final class BatchNormalization extends FluentLayer<BatchNormalization> {

    /** Keras's {@code BatchNormalization}. */
    public static final LayerType<BatchNormalization> TYPE = LayerType.of("BatchNormalization",
            BatchNormalization::fromConfig).acceptsImages().acceptsSequences();

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

    private static BatchNormalization fromConfig(LayerConfig config) {
        Object axis = config.read("axis");
        if (!(axis == null || Objects.equals(axis, -1) || Objects.equals(axis, List.of(-1))
                || Objects.equals(axis, 1) || Objects.equals(axis, List.of(1)))) {
            throw new UnsupportedOperationException(config.where() + ": BatchNormalization over axis " + axis
                    + " is not supported; only the feature axis (-1)");
        }
        Object mode = config.read("mode");
        if (mode != null && !Objects.equals(mode, 0)) {
            throw new UnsupportedOperationException(config.where() + ": Keras 1's BatchNormalization mode=" + mode
                    + " is not supported; only mode=0 (feature-wise, as Keras 2)");
        }
        BatchNormalization batchNorm = new BatchNormalization()
                .momentum(config.number("momentum", DEFAULT_MOMENTUM))
                .epsilon(config.number("epsilon", DEFAULT_EPSILON))
                .center(config.bool("center", true)).scale(config.bool("scale", true));
        requireConstant(config, "beta_initializer", 0);
        requireConstant(config, "gamma_initializer", 1);
        requireConstant(config, "moving_mean_initializer", 0);
        requireConstant(config, "moving_variance_initializer", 1);
        config.mustBeNull("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
                "renorm_clipping", "virtual_batch_size", "adjustment");
        config.mustBe("renorm", false);
        config.mustBe("synchronized", false);
        // tf.keras's choice of kernel (fused or not) and renorm's momentum when renorm is off change nothing.
        config.accept("fused", "renorm_momentum");
        return batchNorm;
    }

    private static void requireConstant(LayerConfig config, String key, double value) {
        Initializer initializer = config.initializer(key, null);
        if (initializer != null && (initializer.constantValue().isEmpty()
                || initializer.constantValue().getAsDouble() != value)) {
            throw new UnsupportedOperationException(config.where() + ": BatchNormalization " + key + " "
                    + config.json(config.read(key)) + " is not supported; DL4J starts these weights at " + value);
        }
    }

    @Override
    public LayerType<BatchNormalization> type() {
        return TYPE;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    /** Keras 3 leaves masked timesteps out of the batch statistics, which DL4J's layer cannot do. */
    @Override
    protected boolean supportsMasking() {
        return false;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public long countParams(long inputUnits) {
        return Math.addExact(countTrainableParams(inputUnits), Math.multiplyExact(2, inputUnits));
    }

    @Override
    public long countTrainableParams(long inputUnits) {
        return Math.addExact(center ? inputUnits : 0, scale ? inputUnits : 0);
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

    /** Keras 3's BatchNormalization adds its synchronized and batch renormalization options (off). */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        config.put("synchronized", false);
        config.put("renorm", false);
        config.put("renorm_clipping", null);
        config.put("renorm_momentum", 0.99);
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("axis", -1);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        Initializer zeros = Initializers.get("zeros");
        Initializer ones = Initializers.get("ones");
        config.put("beta_initializer", kerasObject(zeros));
        config.put("gamma_initializer", kerasObject(ones));
        config.put("moving_mean_initializer", kerasObject(zeros));
        config.put("moving_variance_initializer", kerasObject(ones));
        config.put("beta_regularizer", null);
        config.put("gamma_regularizer", null);
        config.put("beta_constraint", null);
        config.put("gamma_constraint", null);
    }

    /** Keras's [gamma, beta, moving_mean, moving_variance]; without {@code scale}, only the moving statistics. */
    @Override
    public List<KerasWeight> kerasWeights() {
        KerasWeight mean = KerasWeight.vector("moving_mean", BatchNormalizationParamInitializer.GLOBAL_MEAN)
                .nonTrainable();
        KerasWeight variance = KerasWeight.vector("moving_variance", BatchNormalizationParamInitializer.GLOBAL_VAR)
                .nonTrainable();
        return scale ? List.of(KerasWeight.vector("gamma", BatchNormalizationParamInitializer.GAMMA),
                KerasWeight.vector("beta", BatchNormalizationParamInitializer.BETA), mean, variance)
                : List.of(mean, variance);
    }

    /** DL4J's {@code BatchNormalization}; on images one statistic per channel (Keras's axis=-1), NHWC. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        if (center != scale) {
            throw new UnsupportedOperationException("BatchNormalization with center=" + center + " and scale="
                    + scale + " cannot be expressed in DL4J, which learns beta and gamma together or not at "
                    + "all; use center and scale both true or both false");
        }
        long features = inputShape.last();
        var builder = new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder();
        if (inputShape.isImage()) {
            builder.dataFormat(CNN2DFormat.NHWC);
        }
        return builder
                .nIn(features).nOut(features)
                // DL4J's decay is Keras's momentum: moving = decay * moving + (1 - decay) * batch statistic.
                .decay(momentum)
                .eps(epsilon)
                .lockGammaBeta(!scale)
                .gamma(1.0).beta(0.0)
                // Keras stores the moving variance itself, not DL4J's default log10 of the standard deviation.
                .useLogStd(false)
                .name(name())
                .build();
    }

    /**
     * DL4J's batch normalization without helpers (its CPU path), as kernels in its order of operations: in training
     * the batch's mean and population variance over every axis but the last, {@code std = sqrt(var + eps)},
     * {@code xHat = (x - mean) / std} and {@code gamma xHat + beta}; backward DL4J's gradient formulas and its
     * moving-statistics "gradients" {@code (1 - momentum)(moving - batch)}, which DL4J's update subtracts (DL4J
     * computes the batch statistics again for them; they are the same numbers, so the forward pass's are reused). At
     * inference the moving mean and variance normalize.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        var conf = (org.deeplearning4j.nn.conf.layers.BatchNormalization) setup.layer().conf().getLayer();
        INDArray x = setup.input();
        if (conf.isUseLogStd() || (x.rank() != 2 && x.rank() != 4)
                || (x.rank() == 4 && conf.getCnn2DFormat() != CNN2DFormat.NHWC)) {
            throw new UnsupportedOperationException("batch normalization " + conf + " has no compiled form");
        }
        boolean lock = conf.isLockGammaBeta();
        if (lock && (conf.getGamma() != 1.0 || conf.getBeta() != 0.0)) {
            throw new UnsupportedOperationException("fixed gamma and beta other than 1 and 0 have no compiled form");
        }
        LayerParameters parameters = new LayerParameters(setup.layer());
        KernelList forward = new KernelList(setup.buffers());
        int[] dims = x.rank() == 2 ? new int[] {0} : new int[] {0, 1, 2};
        long channels = x.size(x.rank() - 1);
        INDArray mean = setup.training() ? setup.buffers().array('c', channels)
                : parameters.parameter(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray variance = setup.buffers().array('c', channels);
        INDArray std = setup.buffers().array('c', channels);
        if (setup.training()) {
            forward.mean(x, dims, mean).variance(x, dims, variance).copy(variance, std).add(std, epsilon, std);
        } else {
            forward.add(parameters.parameter(BatchNormalizationParamInitializer.GLOBAL_VAR), epsilon, std);
        }
        forward.sqrt(std, std);
        // DL4J's subRowVector/divRowVector/mulRowVector copy in c order; its image path keeps the input's order.
        INDArray xMu = x.rank() == 2 ? forward.likeC(x) : forward.like(x);
        INDArray xHat = x.rank() == 2 ? forward.likeC(x) : forward.like(x);
        forward.sub(x, mean, xMu).div(xMu, std, xHat);
        INDArray gamma = lock ? null : parameters.parameter(BatchNormalizationParamInitializer.GAMMA);
        INDArray output = xHat;
        if (!lock) {
            output = x.rank() == 2 ? forward.likeC(x) : forward.like(x);
            forward.mul(xHat, gamma, output).add(output, parameters.parameter(BatchNormalizationParamInitializer.BETA),
                    output);
        }
        if (!setup.training()) {
            return CompiledLayer.inferenceOnly(output, forward.build());
        }
        INDArray normalized = xHat;
        return CompiledLayer.of(output, forward.build(), setup.buffers(), (backward, outputGradient, needed) -> {
            double batch = x.rank() == 2 ? x.size(0) : x.size(0) * x.size(1) * x.size(2);
            // Sums over the batch keep their axis on features ([1, n]) and drop it on images ([channels]).
            INDArray perFeature = x.rank() == 2 ? setup.buffers().array('c', 1, channels) : mean;
            if (!lock) {
                INDArray dBeta = backward.like(perFeature);
                INDArray dGamma = backward.like(perFeature);
                INDArray products = backward.like(outputGradient);
                backward.sum(outputGradient, dims, dBeta).mul(outputGradient, normalized, products)
                        .sum(products, dims, dGamma)
                        .copy(dGamma, parameters.gradient(BatchNormalizationParamInitializer.GAMMA))
                        .copy(dBeta, parameters.gradient(BatchNormalizationParamInitializer.BETA));
            }
            // DL4J's dL/dxHat: a c-order copy times gamma on features, else an array in the gradient's order.
            INDArray dxHat = setup.buffers().array(x.rank() == 2 && !lock ? 'c' : outputGradient.ordering(),
                    outputGradient.shape());
            if (lock) {
                backward.mul(outputGradient, conf.getGamma(), dxHat);
            } else {
                backward.mul(outputGradient, gamma, dxHat);
            }
            INDArray products = backward.like(dxHat);
            INDArray dLdVar = backward.like(perFeature);
            INDArray powered = backward.like(std);
            INDArray dLdMu = backward.like(perFeature);
            INDArray dxMu2 = backward.like(perFeature);
            backward.mul(dxHat, xMu, products).sum(products, dims, dLdVar).mul(dLdVar, -0.5, dLdVar)
                    .pow(std, -3.0, powered).mul(dLdVar, powered, dLdVar)
                    .sum(dxHat, dims, dLdMu).div(dLdMu, std, dLdMu).neg(dLdMu, dLdMu)
                    .sum(xMu, dims, dxMu2).mul(dxMu2, -2.0 / batch, dxMu2).mul(dxMu2, dLdVar, dxMu2)
                    .add(dLdMu, dxMu2, dLdMu)
                    .div(dxHat, std, dxHat).mul(dLdVar, 2.0 / batch, dLdVar).mul(xMu, dLdVar, xMu)
                    .add(dxHat, xMu, dxHat).mul(dLdMu, 1.0 / batch, dLdMu).add(dxHat, dLdMu, dxHat);
            INDArray meanUpdate = parameters.gradient(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            INDArray varianceUpdate = parameters.gradient(BatchNormalizationParamInitializer.GLOBAL_VAR);
            double decay = conf.getDecay();
            backward.sub(parameters.parameter(BatchNormalizationParamInitializer.GLOBAL_MEAN), mean, meanUpdate)
                    .mul(meanUpdate, 1 - decay, meanUpdate)
                    .sub(parameters.parameter(BatchNormalizationParamInitializer.GLOBAL_VAR), variance, varianceUpdate)
                    .mul(varianceUpdate, 1 - decay, varianceUpdate);
            return needed ? dxHat : null;
        });
    }
}
